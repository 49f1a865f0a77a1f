"""Articles service: saving, revisions, workflow by role, autosave and recovery."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from desktop import staff
from desktop.articles import store
from desktop.articles.document import ArticleDoc, Quote
from desktop.errors import ValidationError


def _doc(**kw) -> ArticleDoc:
    values = dict(
        title="Bawaslu Gelar Sosialisasi Pengawasan Partisipatif",
        dateline_city="Jember",
        event_date=dt.date(2025, 11, 3),
        lead="Bawaslu Kabupaten Jember menggelar sosialisasi pada Senin (3/11/2025).",
        body="Paragraf **penting** tentang *kolaborasi* antarlembaga.\n\n## Tindak lanjut\n\n- satu\n- dua",
        quotes=[Quote("Dr. Siti Aminah, S.Pd.", "Ketua Bawaslu Jember", "Kami mengajak warga mengawasi.")],
        writer="Admin Uji",
        tags=["pengawasan", "sosialisasi"],
    )
    values.update(kw)
    return ArticleDoc(**values)


def _as(library, name: str, role: str) -> int:
    sid = staff.create(library, staff.StaffInput(name=name, role=role))
    library.store.staff_id = sid
    return sid


def test_create_and_load_round_trip(library):
    doc = _doc(embargo_at=dt.datetime(2025, 11, 4, 9, 0), embargo_tz="WITA", subtitle="Sub")
    art_id = store.create_article(library, doc)
    loaded = store.load(library, art_id)
    assert loaded.doc == doc
    assert loaded.revision == 1
    assert loaded.author_name == "Admin Uji"
    assert [r.number for r in store.revisions(library, art_id)] == [1]


def test_bad_input_changes_nothing(library):
    with pytest.raises(ValidationError):
        store.create_article(library, _doc(title="   "))
    with pytest.raises(ValidationError):
        store.create_article(library, _doc(kind="gosip"))
    assert store.count_articles(library) == 0
    art_id = store.create_article(library, _doc())
    with pytest.raises(ValidationError):
        store.save(library, art_id, _doc(title=""))
    assert store.load(library, art_id).revision == 1


def test_every_save_is_a_revision_and_identical_save_is_not(library):
    art_id = store.create_article(library, _doc())
    r = store.save(library, art_id, _doc(body="Teks baru."))
    assert r.changed and r.revision == 2
    again = store.save(library, art_id, _doc(body="Teks baru."))
    assert not again.changed and again.revision == 2
    revs = store.revisions(library, art_id)
    assert [x.number for x in revs] == [2, 1]
    assert revs[0].staff_name == "Admin Uji"
    assert store.revision_doc(library, revs[1].id).body == _doc().body


def test_save_conflict_keeps_newer_text(library):
    art_id = store.create_article(library, _doc())
    store.save(library, art_id, _doc(body="Versi dua."), base_revision=1)
    with pytest.raises(store.SaveConflict):
        store.save(library, art_id, _doc(body="Versi basi."), base_revision=1)
    assert store.load_doc(library, art_id).body == "Versi dua."


def test_diff_and_restore(library):
    art_id = store.create_article(library, _doc(body="Kalimat pertama."))
    store.save(library, art_id, _doc(body="Kalimat kedua."))
    old, new = store.revisions(library, art_id)[::-1]
    lines = store.diff(store.revision_doc(library, old.id), store.revision_doc(library, new.id))
    assert "-Kalimat pertama." in lines and "+Kalimat kedua." in lines
    result = store.restore(library, art_id, old.id)
    assert result.revision == 3
    assert store.load_doc(library, art_id).body == "Kalimat pertama."
    assert "1" in store.revisions(library, art_id)[0].note


def test_workflow_by_role(library):
    writer = _as(library, "Dewi Penulis", "writer")
    art_id = store.create_article(library, _doc())
    assert store.allowed_actions("writer", "draft") == ["submit", "archive"]
    assert store.submit(library, art_id) == "review"
    with pytest.raises(store.NotAllowed):
        store.approve(library, art_id)
    _as(library, "Agus Editor", "editor")
    with pytest.raises(ValidationError):
        store.return_to_draft(library, art_id, "  ")
    assert store.return_to_draft(library, art_id, "Lead terlalu panjang.") == "draft"
    library.store.staff_id = writer
    store.submit(library, art_id)
    _as(library, "Admin Dua", "admin")
    assert store.approve(library, art_id) == "approved"
    notes = store.comments(library, art_id)
    assert [c.action for c in notes] == ["submit", "return", "submit", "approve"]
    assert notes[1].text == "Lead terlalu panjang." and notes[1].staff_name == "Agus Editor"
    # Approving a draft directly is not a step the workflow has.
    other = store.create_article(library, _doc(title="Lain"))
    with pytest.raises(store.NotAllowed):
        store.approve(library, other)


def test_approved_article_is_not_saved_over_a_new_draft_is_started(library):
    art_id = store.create_article(library, _doc())
    store.submit(library, art_id)
    _as(library, "Agus Editor", "editor")  # the writer does not approve their own text
    store.approve(library, art_id)
    store.publish(library, art_id, source_url="https://contoh.example/berita/1")
    published = store.load_doc(library, art_id)
    assert published.status == "published" and published.source_url.endswith("/1")
    with pytest.raises(store.NotAllowed):
        store.save(library, art_id, _doc(body="Ralat kecil.", source_url=published.source_url))
    assert store.load_doc(library, art_id).status == "published"
    from desktop.articles import approval

    approval.start_new_draft(library, art_id)
    result = store.save(library, art_id, _doc(body="Ralat kecil.", source_url=published.source_url))
    assert result.changed and result.status == "draft"
    revs = store.revisions(library, art_id)
    # What was approved is still exactly the approved revision.
    assert store.revision_doc(library, revs[-1].id).body == _doc().body
    assert approval.approved_revision(library, art_id).revision_id == revs[-1].id
    assert revs[0].status == "draft"


def test_duplicate_is_a_new_draft(library):
    art_id = store.create_article(library, _doc())
    store.submit(library, art_id)
    copy_id = store.duplicate(library, art_id)
    copy = store.load_doc(library, copy_id)
    assert copy_id != art_id and copy.status == "draft"
    assert copy.title.startswith(_doc().title) and copy.body == _doc().body
    assert copy.quotes == _doc().quotes


def test_autosave_recovery_and_clear_on_save(library):
    art_id = store.create_article(library, _doc())
    sid = library.store.staff_id
    unsaved = _doc(body="Teks yang belum disimpan ketika listrik padam.")
    store.autosave(library, art_id, unsaved, base_revision=1)
    store.autosave(library, art_id, _doc(body=unsaved.body + " Lagi."), base_revision=1)
    found = store.recoveries(library, sid)
    assert len(found) == 1 and found[0].doc.body.endswith("padam. Lagi.")
    assert store.recoveries(library, sid + 99) == []
    store.save(library, art_id, found[0].doc, base_revision=found[0].base_revision)
    assert store.recoveries(library, sid) == []
    # Autosaved text identical to what is saved is not offered back.
    store.autosave(library, art_id, store.load_doc(library, art_id), base_revision=2)
    assert store.recoveries(library, sid) == []


def test_list_filters_and_sort(library):
    a = store.create_article(library, _doc(title="Alpha", kind="pengumuman", tags=["pilkada"]))
    b = store.create_article(library, _doc(title="Beta", tags=["Hoaks"]))
    c = store.create_article(library, _doc(title="Gamma", body="tentang kolaborasi media"))
    store.submit(library, b)
    q = store.ListQuery(sort="title", descending=False)
    assert [r.id for r in store.list_articles(library, q)] == [a, b, c]
    assert [r.id for r in store.list_articles(library, store.ListQuery(status="review"))] == [b]
    assert [r.id for r in store.list_articles(library, store.ListQuery(kind="pengumuman"))] == [a]
    assert [r.id for r in store.list_articles(library, store.ListQuery(tag="hoaks"))] == [b]
    assert store.count_articles(library, store.ListQuery(search="Gamma")) == 1
    today = dt.date.today()
    assert store.count_articles(library, store.ListQuery(date_from=today, date_to=today)) == 3
    assert store.count_articles(library, store.ListQuery(date_to=today - dt.timedelta(days=1))) == 0
    assert store.count_articles(library, store.ListQuery(author_id=library.store.staff_id)) == 3
    store.transition(library, c, "archive")
    assert store.count_articles(library) == 2
    assert store.count_articles(library, store.ListQuery(status="all")) == 3
    page = store.list_articles(library, q, offset=1, limit=1)
    assert [r.title for r in page] == ["Beta"]


def test_search_index_follows_saves(library):
    from desktop import search

    art_id = store.create_article(library, _doc())
    hits = search.search(library, "kolaborasi")
    assert [(h.type, h.id) for h in hits] == [("article", art_id)]
    assert "[kolaborasi]" in hits[0].plain_snippet() and "**" not in hits[0].snippet
    store.save(library, art_id, _doc(body="Isi yang sama sekali lain."))
    assert search.search(library, "kolaborasi") == []
    # Quotes, tags and the writer are searchable too; accents and case ignored.
    assert search.search(library, "AMINAH")[0].id == art_id
    assert search.search(library, "sosialisasi")[0].id == art_id
    assert search.search(library, '"ketua bawaslu jember"')[0].id == art_id
    store.save(library, art_id, _doc(body="Rapat di Café Pemilu."))
    assert search.search(library, "cafe")[0].id == art_id
    assert search.search(library, "pengaw*")[0].id == art_id


def test_search_ranks_title_above_body(library):
    from desktop import search

    body_only = store.create_article(library, _doc(title="Rapat rutin", body="Soal netralitas juga dibahas."))
    in_title = store.create_article(library, _doc(title="Netralitas ASN dijaga", body="Isi."))
    assert [h.id for h in search.search(library, "netralitas")] == [in_title, body_only]


def test_check_repairs_search_index(library):
    from desktop.check import run_checks

    store.create_article(library, _doc())
    with library.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM fts_articles"))
    problems = run_checks(library)
    assert any("fts_articles" in p for p in problems)
    run_checks(library, repair=True)
    assert run_checks(library) == []


def test_list_pages_from_either_end_agree(library):
    for i in range(7):
        store.create_article(library, _doc(title=f"Artikel {i}"))
    q = store.ListQuery(sort="title", descending=False)
    every = [r.id for r in store.list_articles(library, q)]
    for offset in range(0, 7, 3):
        page = store.list_articles(library, q, offset=offset, limit=3, total=7)
        assert [r.id for r in page] == every[offset : offset + 3]


def test_check_finds_stale_search_text_and_repair_fixes_it(library):
    from sqlalchemy import text as sql

    from desktop.articles import search as article_search
    from desktop.check import run_checks

    art = store.create_article(library, ArticleDoc(title="Rapat Pleno", subtitle="Rekapitulasi", lead="Teras awal", body="Isi"))
    assert run_checks(library) == []
    with library.store.engine.begin() as conn:  # an edit that bypassed the service
        conn.execute(sql("UPDATE articles SET title = 'Zyxwvut Unik' WHERE id = :i"), {"i": art})
    assert any("fts_articles" in p for p in run_checks(library))
    run_checks(library, repair=True)
    assert run_checks(library) == []
    assert [h.id for h in article_search.search_articles(library, "Zyxwvut")] == [art]
