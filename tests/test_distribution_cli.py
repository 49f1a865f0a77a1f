"""``warta send …``: e-mail through a real local SMTP server, WhatsApp links and ticks, the send log, exit codes."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from distribution_support import media_list, people, release, smtp  # noqa: F401 - fixture


@pytest.fixture
def setup(library):
    p = people(library)
    list_id = media_list(library, [p["ani"], p["budi"], p["citra"], p["dedi"]])
    return p, list_id, release(library, status="published")


def _smtp_args(port: int) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(port), "--security", "none", "--sender", "humas@contoh.example"]


def test_send_email_by_smtp_then_the_log_and_the_reach(cli, library, library_path, smtp, setup):
    box, port = smtp
    p, _list, article = setup
    library.close()
    code, out, err = cli("send", "email", article, "--list", "Media Contoh", "--smtp", *_smtp_args(port),
                         "--library", library_path, "--json")
    data = json.loads(out)
    assert code == 1, err  # two members skipped: partly done
    assert sorted(data["sent"]) == ["ani@radar.example", "dedi@suara.example"]
    assert {s["name"] for s in data["skipped"]} == {"Budi Santoso", "Citra Lestari"}
    assert "dilewati: Citra Lestari: belum setuju untuk dihubungi" in err
    assert len(box.messages) == 2

    code, out, _err = cli("send", "log", "--article", article, "--library", library_path, "--json")
    data = json.loads(out)
    assert code == 0 and {e["name"] for e in data["entries"]} == {"Ani Wartawati", "Dedi Kurniawan, S.Sos."}
    assert data["reach"]["recipients"] == {"email": 2} and data["reach"]["outlets"] == ["Radar Contoh", "Suara Contoh"]

    # Everyone reachable already has it: nothing sent, exit 2.
    code, out, _err = cli("send", "email", article, "--list", "Media Contoh", "--smtp", *_smtp_args(port),
                          "--library", library_path, "--json")
    assert code == 2 and json.loads(out)["sent"] == [] and len(box.messages) == 2


def test_a_crash_mid_send_then_outbox_send_delivers_only_the_rest(cli, library, library_path, smtp, setup, monkeypatch):
    from desktop.distribution import outbox

    box, port = smtp
    library.close()
    sent = []
    real = outbox._mark

    def crash_after_first(lib, message_id, state, error=""):  # noqa: ANN001
        real(lib, message_id, state, error)
        if state == "sent":
            sent.append(message_id)
            raise RuntimeError("crash")

    monkeypatch.setattr(outbox, "_mark", crash_after_first)
    code, _out, err = cli("send", "email", setup[2], "--list", "Media Contoh", "--smtp", *_smtp_args(port),
                          "--library", library_path)
    assert code == 2 and "RuntimeError: crash" in err
    monkeypatch.setattr(outbox, "_mark", real)
    assert len(box.messages) == 1

    code, out, _err = cli("send", "outbox", "--library", library_path, "--json")
    assert [m["state"] for m in json.loads(out)["messages"]] == ["queued"]
    code, out, _err = cli("send", "outbox", "--send", *_smtp_args(port), "--library", library_path, "--json")
    assert code == 0 and len(json.loads(out)["sent"]) == 1
    assert len(box.messages) == 2 and len(set(box.ids())) == 2
    code, out, _err = cli("send", "outbox", "--library", library_path)
    assert code == 0 and "Kotak keluar kosong." in out


def test_whatsapp_links_ticks_and_the_handout(cli, library, library_path, setup):
    p, _list, article = setup
    library.close()
    code, out, err = cli("send", "whatsapp", article, "--list", "Media Contoh", "--library", library_path, "--json")
    data = json.loads(out)
    assert code == 1
    assert "https://contoh.example/berita/1" in data["text"] and data["text"].startswith("*Bawaslu Contoh Ajak")
    assert {s["name"]: s["reason"] for s in data["skipped"]} == {
        "Budi Santoso": "nomor WhatsApp belum terverifikasi (0812-34)",
        "Citra Lestari": "belum setuju untuk dihubungi",
    }
    ani = next(r for r in data["recipients"] if r["name"] == "Ani Wartawati")
    url = urlparse(ani["link"])
    assert (url.netloc, url.path) == ("wa.me", "/6281234567801")
    assert parse_qs(url.query)["text"] == [data["text"]]
    code, out, _err = cli("send", "whatsapp", "--batch", data["batch"], "--sent", ani["message"],
                          "--library", library_path, "--json")
    assert json.loads(out)["ticked"] == 1
    code, out, _err = cli("send", "handout", article, "--person", p["citra"], "--library", library_path)
    assert code == 0
    code, out, _err = cli("send", "log", "--org", p["radar"], "--library", library_path, "--json")
    assert [(e["name"], e["channel"]) for e in json.loads(out)["entries"]] == [("Ani Wartawati", "whatsapp")]
    code, out, _err = cli("send", "log", "--article", article, "--library", library_path, "--json")
    assert json.loads(out)["reach"]["recipients"] == {"print": 1, "whatsapp": 1}


def test_errors_are_one_sentence(cli, library, library_path, setup):
    library.close()
    code, _out, err = cli("send", "email", "--list", "Media Contoh", "--eml", "x", "--library", library_path)
    assert code == 2 and err.count("\n") == 1
    code, _out, err = cli("send", "email", setup[2], "--list", "Tidak Ada", "--eml", "x", "--library", library_path)
    assert code == 2 and "Tidak Ada" in err and err.count("\n") == 1


def test_eml_files_come_from_the_office_address_without_smtp_settings(cli, library, library_path, setup, tmp_path):
    import email
    import email.policy

    library.close()
    code, out, _err = cli("send", "email", setup[2], "--list", "Media Contoh", "--eml", tmp_path / "eml",
                          "--library", library_path, "--json")
    data = json.loads(out)
    assert code == 1 and len(data["written"]) == 2
    msg = email.message_from_bytes(open(data["written"][0], "rb").read(), policy=email.policy.default)
    assert msg["From"] == "humas@contoh.example" and msg["Message-ID"].endswith("@contoh.example>")
