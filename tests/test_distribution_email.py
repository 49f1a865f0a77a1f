"""E-mail distribution: personalised messages to a real local SMTP server, skips, an outbox that never sends twice."""

from __future__ import annotations

import email
import email.policy

import pytest

from distribution_support import config, media_list, people, release, smtp  # noqa: F401 - fixture


@pytest.fixture
def setup(library):
    p = people(library)
    list_id = media_list(library, [p["ani"], p["budi"], p["citra"], p["dedi"]])
    return p, list_id, release(library)


def test_smtp_sends_one_personal_message_per_reachable_contact_and_lists_the_skipped(library, smtp, setup):
    from desktop.distribution import api as distribution

    box, port = smtp
    p, list_id, article = setup
    queued = distribution.queue_email(library, list_id, mode="smtp", sender="humas@contoh.example", article_id=article)
    assert queued.queued == 2
    assert {(s.name, s.reason) for s in queued.skipped} == {
        ("Budi Santoso", "tidak ada alamat surel publik"),
        ("Citra Lestari", "belum setuju untuk dihubungi"),
    }
    result = distribution.send_pending(library, config(port), None)
    assert sorted(result.sent) == ["ani@radar.example", "dedi@suara.example"] and result.exit_code == 0
    assert box.to() == ["ani@radar.example", "dedi@suara.example"]
    dedi = next(m for m in box.messages if "dedi" in m["To"])
    body = dedi.get_body(("plain",)).get_content()
    assert body.startswith("Yth. Bapak/Ibu Dedi Kurniawan, S.Sos.,")
    assert "Bawaslu Kabupaten Contoh mengajak warga" in body
    names = [a.get_filename() for a in dedi.iter_attachments()]
    assert names == ["Bawaslu-Contoh-Ajak-Warga-Awasi-Kampanye.pdf", "Bawaslu-Contoh-Ajak-Warga-Awasi-Kampanye.docx"]
    pdf = next(dedi.iter_attachments()).get_content()
    assert pdf.startswith(b"%PDF")
    assert dedi["Subject"] == "Siaran Pers: Bawaslu Contoh Ajak Warga Awasi Kampanye"

    # Nothing pending: a second run sends nothing; queueing again skips who already got it.
    assert distribution.send_pending(library, config(port), None).sent == []
    again = distribution.queue_email(library, list_id, mode="smtp", sender="humas@contoh.example", article_id=article)
    assert again.queued == 0 and len(box.messages) == 2
    assert any(s.name == "Ani Wartawati" and s.reason.startswith("sudah dikirim pada") for s in again.skipped)


def test_a_crash_between_messages_leaves_the_rest_queued_and_a_rerun_sends_only_them(library, smtp, setup):
    from desktop.distribution import api as distribution
    from desktop.jobs import Progress

    box, port = smtp
    p, _list, article = setup
    big = media_list(library, [p["ani"], p["dedi"]], name="Dua")
    distribution.queue_email(library, big, mode="smtp", sender="humas@contoh.example", article_id=article)

    def crash(done: int, total: int, current: str) -> None:
        if done == 1:  # the first message is sent and marked; the process dies before the second
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        distribution.send_pending(library, config(port), None, Progress(crash))
    assert len(box.messages) == 1
    assert [m["state"] for m in distribution.outbox(library)] == ["queued"]
    rerun = distribution.send_pending(library, config(port), None)
    assert len(rerun.sent) == 1 and len(box.messages) == 2
    assert len(set(box.ids())) == 2 and box.to() == ["ani@radar.example", "dedi@suara.example"]


def test_a_crash_after_the_server_accepted_is_not_resent_until_the_staffer_says_so(library, smtp, setup, monkeypatch):
    from desktop.distribution import api as distribution
    from desktop.distribution import outbox

    box, port = smtp
    p, _list, article = setup
    one = media_list(library, [p["ani"]], name="Satu")
    distribution.queue_email(library, one, mode="smtp", sender="humas@contoh.example", article_id=article)
    real_mark = outbox._mark

    def die_before_marking(library, message_id, state, error=""):  # noqa: ANN001
        if state == "sent":
            raise KeyboardInterrupt  # the PC went off right after the server said 250
        real_mark(library, message_id, state, error)

    monkeypatch.setattr(outbox, "_mark", die_before_marking)
    with pytest.raises(KeyboardInterrupt):
        distribution.send_pending(library, config(port), None)
    monkeypatch.setattr(outbox, "_mark", real_mark)
    assert len(box.messages) == 1
    first_id = box.messages[0]["Message-ID"]

    rerun = distribution.send_pending(library, config(port), None)
    assert rerun.sent == [] and rerun.uncertain == ["ani@radar.example"] and rerun.exit_code == 2
    assert len(box.messages) == 1
    stuck = distribution.uncertain(library)
    assert distribution.retry_uncertain(library, [m["id"] for m in stuck]) == 1
    distribution.send_pending(library, config(port), None)
    assert box.ids() == [first_id, first_id]  # the same message, so the client shows it once


def test_unreachable_server_keeps_everything_queued(library, setup):
    from desktop.distribution import api as distribution
    from distribution_support import free_port

    p, list_id, article = setup
    distribution.queue_email(library, list_id, mode="smtp", sender="humas@contoh.example", article_id=article)
    with pytest.raises(distribution.SmtpError, match="tetap di kotak keluar"):
        distribution.send_pending(library, config(free_port()), None)
    assert [m["state"] for m in distribution.outbox(library)] == ["queued", "queued"]


def test_only_approved_releases_are_sent(library, setup):
    from desktop.distribution import api as distribution
    from desktop.errors import ValidationError

    p, list_id, _article = setup
    draft = release(library, status="draft", title="Masih Draf")
    with pytest.raises(ValidationError, match="disetujui"):
        distribution.queue_email(library, list_id, mode="smtp", sender="humas@contoh.example", article_id=draft)
    assert distribution.outbox(library) == []


def test_eml_files_for_the_mail_client(library, setup, tmp_path):
    from desktop.distribution import api as distribution

    p, list_id, article = setup
    queued = distribution.queue_email(library, list_id, mode="eml", sender="humas@contoh.example", article_id=article)
    result = distribution.write_eml(library, queued.batch_id, tmp_path / "surel")
    assert len(result.written) == 2 and result.exit_code == 0
    files = sorted((tmp_path / "surel").glob("*.eml"))
    assert [f.name.split("-", 1)[1] for f in files] == ["ani-wartawati.eml", "dedi-kurniawan-s-sos.eml"]
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"].addresses[0].addr_spec == "ani@radar.example"
    assert msg.get_body(("plain",)).get_content().startswith("Yth. Bapak/Ibu Ani Wartawati,")
    # Written once: a second run writes nothing more.
    assert distribution.write_eml(library, queued.batch_id, tmp_path / "surel").written == []
    entries = distribution.for_person(library, p["ani"])
    assert [(e.channel, e.state) for e in entries] == [("email", "written")]


def test_photos_are_shrunk_then_dropped_to_keep_the_message_under_the_limit(library, setup, tmp_path, monkeypatch):
    from photos_support import jpeg

    from desktop.distribution import api as distribution
    from desktop.distribution import content
    from desktop.photos import api as photos

    p, list_id, article = setup
    paths = [jpeg(tmp_path / "foto{n}.jpg".format(n=n), seed=n, size=(2400, 1600), quality=95) for n in range(3)]
    photos.import_paths(library, paths, workers=1)
    ids = photos.photo_ids(library)
    assert len(ids) == 3
    # Measure the message without photos and allow room for about one and a half small photos.
    bare = distribution.queue_email(library, list_id, mode="eml", sender="humas@contoh.example", article_id=article,
                                    resend=True)
    base = sum(f["size"] for f in distribution.batch_info(library, bare.batch_id)["files"])
    small = len(content._photo(library, ids[0], content.PHOTO_EDGES[-1]).data)
    monkeypatch.setattr(content, "MAX_MESSAGE_BYTES", int((base + 1.6 * small) * 4 / 3) + 20_000)
    queued = distribution.queue_email(library, list_id, mode="eml", sender="humas@contoh.example", article_id=article,
                                      photo_ids=ids, resend=True)
    info = distribution.batch_info(library, queued.batch_id)
    jpgs = [f for f in info["files"] if f["mime_type"] == "image/jpeg"]
    assert 1 <= len(jpgs) < 3
    assert any("diperkecil" in n for n in queued.notes) and any("tidak disertakan" in n for n in queued.notes)
    result = distribution.write_eml(library, queued.batch_id, tmp_path / "out")
    for path in result.written:
        assert len(open(path, "rb").read()) <= content.MAX_MESSAGE_BYTES
