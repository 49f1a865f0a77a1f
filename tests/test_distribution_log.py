"""The send log and reach of a release; coverage linked to the send it followed; a kit e-mailed with its photos;
the WhatsApp text within its limit."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from distribution_support import media_list, people, release


@pytest.fixture
def setup(library):
    p = people(library)
    return p, media_list(library, [p["ani"], p["budi"], p["citra"], p["dedi"]]), release(library, status="published")


def test_reach_counts_channels_outlets_and_the_coverage_that_followed(library, setup):
    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution

    p, list_id, article = setup
    batch = distribution.prepare_whatsapp(library, list_id, article_id=article)
    ani = next(r for r in batch.recipients if r["name"] == "Ani Wartawati")
    distribution.mark_sent(library, [ani["message"]])
    distribution.record_handed_out(library, [p["citra"], p["ani"]], article_id=article)
    cov = contacts.add_coverage(library, p["radar"], dt.date(2025, 11, 5), "Warga Diajak Awasi Kampanye",
                                article_id=article)
    send = distribution.suggest_send(library, p["radar"], article)
    assert send is not None
    distribution.link_coverage(library, cov, send)

    reach = distribution.reach(library, article)
    assert reach.recipients == {"print": 2, "whatsapp": 1}
    assert reach.people == 2 and reach.outlets == ["Radar Contoh", "Suara Contoh"]
    assert reach.coverage == 1 and reach.coverage_linked == 1
    assert reach.skipped == 2 and reach.pending == 1  # Dedi: link prepared, not yet ticked

    # Unticking a mis-click takes it out of the log again.
    distribution.mark_sent(library, [ani["message"]], sent=False)
    assert distribution.reach(library, article).recipients == {"print": 2}
    assert [e.channel for e in distribution.for_person(library, p["ani"])] == ["print"]


def test_coverage_link_needs_a_real_send_and_is_cleared_when_the_send_goes(library, setup):
    from sqlalchemy import text

    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution
    from desktop.errors import ValidationError

    p, _list, article = setup
    cov = contacts.add_coverage(library, p["radar"], dt.date(2025, 11, 5), "Judul", article_id=article)
    with pytest.raises(ValidationError, match="pengiriman bernomor 999"):
        distribution.link_coverage(library, cov, 999)
    distribution.record_handed_out(library, [p["ani"]], article_id=article)
    send = distribution.suggest_send(library, p["radar"], article)
    distribution.link_coverage(library, cov, send)
    with library.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM distribution_messages WHERE id = :i"), {"i": send})
    with library.store.engine.connect() as conn:
        assert conn.execute(text("SELECT send_id FROM coverage WHERE id = :i"), {"i": cov}).scalar() is None


def test_the_log_keeps_who_got_it_after_the_contact_is_deleted(library, setup):
    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution

    p, _list, article = setup
    distribution.record_handed_out(library, [p["ani"]], article_id=article)
    contacts.delete_people(library, [p["ani"]])
    entries = distribution.for_article(library, article)
    assert [(e.name, e.organization) for e in entries] == [("Ani Wartawati", "Radar Contoh")]


def test_whatsapp_text_is_title_lead_link_and_signature_within_the_limit(library, setup):
    from desktop.articles import api as articles
    from desktop.articles.document import ArticleDoc
    from desktop.distribution import api as distribution

    p, list_id, _article = setup
    long_lead = " ".join(["Bawaslu mengajak warga mengawasi kampanye di setiap kecamatan."] * 60)
    art = articles.create_article(library, ArticleDoc(title="Rilis Panjang", status="approved", lead=long_lead))
    batch = distribution.prepare_whatsapp(library, list_id, article_id=art)
    assert len(batch.text) <= distribution.WHATSAPP_LIMIT
    assert batch.text.startswith("*Rilis Panjang*") and "…" in batch.text and "Humas Bawaslu Contoh" in batch.text
    assert "https://" not in batch.text.split("\n\n")[1]  # not published: no link to the release
    link = batch.recipients[0]["link"]
    assert parse_qs(urlparse(link).query)["text"] == [batch.text]


def test_a_kit_is_mailed_as_its_pdf_its_articles_and_email_sized_photos(library, setup, tmp_path):
    import email
    import email.policy

    from photos_support import jpeg

    from desktop.distribution import api as distribution
    from desktop.kits import api as kits
    from desktop.photos import api as photos

    p, list_id, article = setup
    photos.import_paths(library, [jpeg(tmp_path / "rapat.jpg", size=(3000, 2000))], workers=1)
    photo = photos.photo_ids(library)[0]
    kit = kits.create_kit(library, kits.KitInput("Kit Rapat Koordinasi", dt.date(2025, 11, 4), parts=[
        kits.PartInput("cover"), kits.PartInput("article", article), kits.PartInput("photo", photo)]))
    queued = distribution.queue_email(library, list_id, mode="eml", sender="humas@contoh.example", kit_id=kit)
    result = distribution.write_eml(library, queued.batch_id, tmp_path / "out")
    msg = email.message_from_bytes(open(result.written[0], "rb").read(), policy=email.policy.default)
    parts = [(a.get_filename(), a.get_content_type()) for a in msg.iter_attachments()]
    assert parts == [("Kit-Rapat-Koordinasi.pdf", "application/pdf"),
                     ("Bawaslu-Contoh-Ajak-Warga-Awasi-Kampanye.docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                     ("rapat.jpg", "image/jpeg")]
    from PIL import Image
    import io

    shown = Image.open(io.BytesIO(list(msg.iter_attachments())[2].get_content()))
    assert max(shown.size) == 1600
    assert [e.kit_id for e in distribution.for_kit(library, kit)] == [kit, kit]


def test_merging_two_contacts_keeps_both_send_logs_on_the_kept_person(library, setup):
    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution

    p, _list, article = setup
    distribution.record_handed_out(library, [p["ani"]], article_id=article)
    distribution.record_handed_out(library, [p["budi"]], article_id=article)
    contacts.merge_people(library, p["budi"], p["ani"])
    kept = distribution.for_person(library, p["budi"])
    assert len(kept) == 2  # what was sent to the merged-away card shows on the kept person's page
