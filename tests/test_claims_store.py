"""Isu & Hoaks register: claims with screenshots, the klarifikasi, texts from the approved text, timing, check, backup."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claims_support import ENVELOPE, FACTS, LEAD, POSTPONED, claim_input, clarify_and_publish, people, screenshot
from desktop.claims import api as claims
from desktop.errors import ValidationError


def test_a_claim_is_recorded_with_its_links_and_screenshot_kept_in_the_library(library, tmp_path):
    from desktop import search
    from desktop.check import run_checks

    shot = screenshot(tmp_path / "wa-forward.png")
    claim_id = claims.create_claim(library, claim_input(), screenshots=[shot])
    info = claims.get_claim(library, claim_id)
    assert info.text == POSTPONED and info.verdict == "hoaks" and info.category == "fabricated"
    assert info.links[0] == "https://chat.whatsapp.com/forward/abc123" and len(info.links) == 2
    assert info.reach == 12000 and info.reported_by.startswith("Warga")
    assert claims.source_lines(info.sources)[0].startswith("Keputusan KPU Nomor 21")
    [kept] = info.screenshots
    assert kept.path.startswith("files/claims/") and kept.file_name == "wa-forward.png"
    assert (library.path / kept.path).read_bytes() == shot.read_bytes()
    # Global search finds the claim by a word of its text and by a stem of its facts.
    hits = search.search(library, "logistik banjir", types={"claim"})
    assert [h.id for h in hits] == [claim_id] and hits[0].title.startswith("[HOAKS]")
    assert [h.id for h in search.search(library, "diperiksa", types={"claim"})] == [claim_id]
    # warta check knows the screenshot is owned: nothing reported, nothing moved to quarantine.
    assert run_checks(library) == []
    assert (library.path / kept.path).is_file()


def test_the_same_screenshot_is_stored_once_and_kept_while_a_claim_shows_it(library, tmp_path):
    shot = screenshot(tmp_path / "same.png")
    first = claims.create_claim(library, claim_input(), screenshots=[shot, shot])
    second = claims.create_claim(library, claim_input(ENVELOPE, platform="TikTok"), screenshots=[shot])
    assert len(claims.get_claim(library, first).screenshots) == 1
    rel = claims.get_claim(library, second).screenshots[0].path
    assert rel == claims.get_claim(library, first).screenshots[0].path
    claims.delete_claim(library, first)
    assert (library.path / rel).is_file()  # the second claim still shows it
    info = claims.get_claim(library, second)
    claims.update_claim(library, second, info.input(), remove_screenshots=[info.screenshots[0].id])
    assert claims.get_claim(library, second).screenshots == []
    assert not (library.path / rel).exists()


@pytest.mark.parametrize("change, words", [
    ({"text": "  "}, "needs its text"),
    ({"first_seen": dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)}, "future"),
    ({"links": ["wa.me/12345"]}, "not a web address"),
    ({"verdict": "palsu"}, "Unknown verdict"),
    ({"category": "rumour"}, "Unknown category"),
    ({"reach": -5}, "reach"),
    ({"platform": "x" * 101}, "platform"),
])
def test_bad_input_is_refused_with_a_sentence_and_nothing_is_recorded(library, change, words):
    from desktop import i18n

    i18n.set_language("en")
    try:
        with pytest.raises(ValidationError, match=words):
            claims.create_claim(library, claim_input(**change))
    finally:
        i18n.set_language("id")
    assert claims.count_claims(library) == 0


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_kept(library, tmp_path):
    fake = tmp_path / "not-a-picture.png"
    fake.write_bytes(b"%PDF-1.4 this is a pdf, not a screenshot")
    with pytest.raises(ValidationError, match="not-a-picture.png"):
        claims.create_claim(library, claim_input(), screenshots=[fake])
    assert claims.count_claims(library) == 0
    assert not (library.path / "files" / "claims").exists()


def test_make_klarifikasi_prefills_a_draft_with_the_claim_facts_and_sources(library):
    from desktop.articles import api as articles

    writer, _approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input())
    article_id = claims.make_klarifikasi(library, claim_id)
    doc = articles.load_doc(library, article_id)
    assert doc.kind == "klarifikasi" and doc.status == "draft" and doc.writer == "Rina Penulis"
    assert doc.title.startswith("[HOAKS] BREAKING!! Pemungutan suara")
    assert "> " + POSTPONED in doc.body
    assert FACTS in doc.body
    assert "- Keputusan KPU Nomor 21 Tahun 2022 tentang Hari dan Tanggal Pemungutan Suara" in doc.body
    assert "https://chat.whatsapp.com/forward/abc123" in doc.body
    assert doc.body.index("## Klaim") < doc.body.index("## Fakta") < doc.body.index("## Sumber")
    info = claims.get_claim(library, claim_id)
    assert info.clarification.article_id == article_id and info.clarification.status == "draft"
    # One clarification per claim: a second click is refused and makes no second draft.
    before = articles.count_articles(library, articles.ListQuery(status="all"))
    with pytest.raises(ValidationError, match=str(article_id)):
        claims.make_klarifikasi(library, claim_id)
    assert articles.count_articles(library, articles.ListQuery(status="all")) == before


def test_deleting_the_draft_clarification_leaves_the_claim_waiting_for_one(library):
    from desktop.articles import api as articles

    claim_id = claims.create_claim(library, claim_input())
    article_id = claims.make_klarifikasi(library, claim_id)
    articles.delete_article(library, article_id)  # ON DELETE SET NULL
    assert claims.get_claim(library, claim_id).clarification is None
    assert claims.make_klarifikasi(library, claim_id) != article_id


def test_whatsapp_text_and_claimreview_come_only_from_the_approved_text(library):
    writer, approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input())
    with pytest.raises(claims.NotApproved):
        claims.whatsapp(library, claim_id)
    article_id = clarify_and_publish(library, claim_id, writer, approver, publish=False)
    message = claims.whatsapp(library, claim_id)
    assert message.startswith("*[HOAKS]* BREAKING!! Pemungutan suara")  # verdict first, said once
    assert LEAD in message and len(message) <= claims.WHATSAPP_LIMIT
    assert "http" not in message  # not published yet: no link
    assert message.endswith("— Bawaslu Contoh")
    review = claims.claim_review(library, claim_id)
    assert "url" not in review
    from desktop.articles import api as articles

    articles.transition(library, article_id, "publish", source_url="https://contoh.example/klarifikasi-1")
    message = claims.whatsapp(library, claim_id)
    assert "https://contoh.example/klarifikasi-1" in message and len(message) <= claims.WHATSAPP_LIMIT
    review = claims.claim_review(library, claim_id)
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == " ".join(POSTPONED.split())
    assert review["reviewRating"]["alternateName"] == "HOAKS" and review["reviewRating"]["ratingValue"] == 1
    assert review["author"] == {"@type": "Organization", "name": "Badan Pengawas Pemilihan Umum Kabupaten Contoh",
                                "url": "https://contoh.example"}
    assert review["url"] == "https://contoh.example/klarifikasi-1"
    assert review["datePublished"] == dt.date.today().isoformat()
    item = review["itemReviewed"]
    assert item["firstAppearance"]["url"] == "https://chat.whatsapp.com/forward/abc123"
    assert [a["url"] for a in item["appearance"]][1] == "https://www.tiktok.com/@akun.anonim/video/1"

    # A newer draft of the published clarification changes nothing that goes out until it is approved.
    library.store.staff_id = writer
    articles.start_new_draft(library, article_id)
    doc = articles.load_doc(library, article_id)
    doc.lead = "Teks baru yang belum disetujui."
    articles.save(library, article_id, doc)
    assert LEAD in claims.whatsapp(library, claim_id) and "belum disetujui" not in claims.whatsapp(library, claim_id)
    info = claims.get_claim(library, claim_id)
    assert info.clarification.status == "published" and info.clarification.newer_draft
    assert info.to_clarification is not None


def test_a_long_clarification_is_cut_to_700_characters_keeping_verdict_link_and_office(library):
    from desktop.articles import api as articles

    writer, approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input())
    article_id = claims.make_klarifikasi(library, claim_id)
    doc = articles.load_doc(library, article_id)
    doc.lead = " ".join([LEAD] * 6)
    articles.save(library, article_id, doc)
    articles.transition(library, article_id, "submit")
    library.store.staff_id = approver
    articles.transition(library, article_id, "approve")
    articles.transition(library, article_id, "publish", source_url="https://contoh.example/k")
    message = claims.whatsapp(library, claim_id)
    assert len(message) <= 700
    assert message.startswith("*[HOAKS]*") and "https://contoh.example/k" in message and message.endswith("Bawaslu Contoh")
    assert "…" in message


def test_the_claimreview_block_cannot_break_out_of_its_script_tag(library):
    writer, approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input("Hoaks </script><script>alert(1)</script> beredar"))
    clarify_and_publish(library, claim_id, writer, approver)
    block = claims.json_ld_block(claims.claim_review(library, claim_id))
    assert block.startswith('<script type="application/ld+json">') and block.count("</script>") == 1
    inner = block.split("\n", 1)[1].rsplit("\n", 1)[0]
    assert json.loads(inner)["claimReviewed"].startswith("Hoaks </script>")


def test_time_from_first_sighting_to_published_clarification_per_claim_and_median(library):
    writer, approver = people(library)
    library.store.staff_id = writer
    ids = [claims.create_claim(library, claim_input(f"Isu nomor {n}: {POSTPONED}", hours_ago=h))
           for n, h in ((1, 3), (2, 5), (3, 10))]
    waiting = claims.create_claim(library, claim_input(ENVELOPE, hours_ago=1))
    for claim_id in ids:
        clarify_and_publish(library, claim_id, writer, approver)
    library.store.staff_id = writer
    claims.make_klarifikasi(library, waiting)  # a draft: not counted
    rows = {r.id: r for r in claims.list_claims(library)}
    took = {i: rows[i].to_clarification for i in ids}
    for claim_id, hours in zip(ids, (3, 5, 10)):
        assert abs(took[claim_id] - dt.timedelta(hours=hours)) < dt.timedelta(minutes=2)
    assert rows[waiting].to_clarification is None and rows[waiting].clarification.status == "draft"
    pace = claims.timing(library)
    assert pace.clarified == 3 and pace.total == 4
    assert abs(pace.median - dt.timedelta(hours=5)) < dt.timedelta(minutes=2)
    assert claims.duration(dt.timedelta(hours=5, minutes=20)) == "5 jam 20 mnt"
    assert claims.duration(dt.timedelta(days=2, hours=3)) == "2 hr 3 jam"
    info = claims.get_claim(library, ids[0])
    assert info.clarification.approved_at is not None and info.clarification.published_at >= info.clarification.approved_at


def test_a_klarifikasi_awaiting_approval_is_first_on_the_approvers_beranda_with_its_age(library):
    from desktop import overview
    from desktop.articles import api as articles

    writer, approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input(hours_ago=3))
    article_id = claims.make_klarifikasi(library, claim_id)
    articles.transition(library, article_id, "submit")
    first = overview.cards(library, approver)[0]
    assert first.title == "Klarifikasi menunggu persetujuan (1)" and first.warning
    [item] = first.items
    assert (item.type, item.id) == ("article", article_id)
    assert item.text.startswith("Terlihat 3 jam 0 mnt lalu, menunggu 0 mnt: [HOAKS]")
    # The writer cannot approve: no such card on their Beranda.
    assert all(c.title != first.title for c in overview.cards(library, writer))
    # Nor does an approver see a text they wrote themselves (someone else must approve it).
    library.store.staff_id = approver
    own = claims.make_klarifikasi(library, claims.create_claim(library, claim_input(hours_ago=1)))
    articles.transition(library, own, "submit")
    assert [i.id for i in overview.cards(library, approver)[0].items] == [article_id]


def test_check_names_a_claim_whose_screenshot_is_missing_or_damaged(library, tmp_path):
    from desktop.check import run_checks

    a = claims.create_claim(library, claim_input(), screenshots=[screenshot(tmp_path / "a.png")])
    b = claims.create_claim(library, claim_input(ENVELOPE), screenshots=[screenshot(tmp_path / "b.png", (200, 20, 20))])
    missing = claims.get_claim(library, a).screenshots[0].path
    damaged = claims.get_claim(library, b).screenshots[0].path
    (library.path / missing).unlink()
    (library.path / damaged).write_bytes(b"overwritten")
    problems = run_checks(library)
    assert f"isu {a}: tangkapan layar {missing} hilang; pulihkan dari cadangan." in problems
    assert any(p.startswith(f"isu {b}: tangkapan layar {damaged} rusak") for p in problems)
    assert len(problems) == 2  # safety's managed_files leaves claims to their own check


def test_check_repairs_a_stale_search_index(library):
    from sqlalchemy import text

    from desktop.check import run_checks

    claim_id = claims.create_claim(library, claim_input())
    with library.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM fts_claims"))
    assert any("fts_claims" in p for p in run_checks(library))
    repaired = run_checks(library, repair=True)
    assert repaired and all(p.startswith("diperbaiki") for p in repaired)
    assert run_checks(library) == []
    from desktop import search

    assert [h.id for h in search.search(library, "banjir", types={"claim"})] == [claim_id]


def test_a_backup_restored_keeps_the_claim_with_its_screenshot(library, tmp_path):
    from desktop.library import Library
    from desktop.safety import api as safety

    shot = screenshot(tmp_path / "bukti.png")
    claim_id = claims.create_claim(library, claim_input(), screenshots=[shot])
    rel = claims.get_claim(library, claim_id).screenshots[0].path
    out = tmp_path / "usb"
    out.mkdir()
    result = safety.export_backup(library, out)
    target = tmp_path / "restored"
    safety.restore(result.path, target)
    assert (target / rel).read_bytes() == shot.read_bytes()
    lib2 = Library.open(target, create=False)
    try:
        info = claims.get_claim(lib2, claim_id)
        assert info.text == POSTPONED and info.screenshots[0].path == rel
        from desktop.check import run_checks

        assert run_checks(lib2) == []
    finally:
        lib2.close()


def test_a_tampered_screenshot_path_is_reported_as_an_attack_and_never_read(library):
    from sqlalchemy import text

    from desktop.check import run_checks

    claim_id = claims.create_claim(library, claim_input())
    with library.store.engine.begin() as conn:
        conn.execute(text("INSERT INTO claim_screenshots (claim_id, sha256, path, file_name, size_bytes, added_at) "
                          "VALUES (:c, :s, '../../etc/passwd', 'x.png', 1, CURRENT_TIMESTAMP)"),
                     {"c": claim_id, "s": "0" * 64})
    problems = run_checks(library)
    assert any("../../etc/passwd" in p and "serangan" in p.lower() for p in problems), problems
    with pytest.raises(Exception, match="passwd"):
        claims.screenshot_file(library, "../../etc/passwd")


def test_a_report_bundle_carries_the_register_without_its_screenshots(template_library, tmp_path):
    import zipfile

    from claims_support import claim_input
    from exchange_support import open_copy
    from desktop.exchange import api as exchange

    province = open_copy(template_library, tmp_path / "prov", "Badan Pengawas Pemilihan Umum Provinsi Contoh",
                         "Bawaslu Prov")
    kab = open_copy(template_library, tmp_path / "kab", "Badan Pengawas Pemilihan Umum Kabupaten Contoh",
                    "Bawaslu Contoh")
    try:
        key = exchange.public_key_file(kab, tmp_path / "kab.wartakey")
        exchange.trust(province, tmp_path / "kab.wartakey", key.fingerprint)
        writer, approver = people(kab)
        kab.store.staff_id = writer
        claim_id = claims.create_claim(kab, claim_input(hours_ago=2), screenshots=[screenshot(tmp_path / "s.png")])
        clarify_and_publish(kab, claim_id, writer, approver)
        today = dt.date.today()
        bundle = tmp_path / "laporan.wartabundle"
        out = exchange.export_report(kab, bundle, today - dt.timedelta(days=7), today)
        assert out["counts"]["clarifications"] == 1
        with zipfile.ZipFile(bundle) as zf:
            assert not any("claims/" in n and n.endswith(".png") for n in zf.namelist())
        exchange.import_bundle(province, bundle)
        [item] = [i for i in exchange.list_items(province) if i.section == "clarifications"]
        detail = exchange.item_detail(province, item.id)
        assert detail["title"].startswith("BREAKING!!") and detail["photos"] == []
        fields = detail["fields"]
        assert fields["verdict"] == "hoaks" and fields["platform"] == "WhatsApp"
        assert fields["clarification_url"].startswith("https://contoh.example/")
        assert fields["published_at"] >= fields["approved_at"] > detail["at"].isoformat()
    finally:
        province.close()
        kab.close()


def test_no_public_text_without_a_verdict(library):
    writer, approver = people(library)
    library.store.staff_id = writer
    claim_id = claims.create_claim(library, claim_input(verdict=""))
    clarify_and_publish(library, claim_id, writer, approver)
    for make in (claims.whatsapp, claims.claim_review):
        with pytest.raises(ValidationError, match="belum diberi label"):
            make(library, claim_id)
