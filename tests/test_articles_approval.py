"""Approval of an exact text: the hash, the approved revision kept, outputs print it, separation of duties."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from desktop import office, staff
from desktop.articles import api as articles
from desktop.articles import approval, store
from desktop.articles.document import ArticleDoc, Quote


def _doc(**kw) -> ArticleDoc:
    values = dict(
        title="Bawaslu Jember Awasi Pemutakhiran Data Pemilih",
        dateline_city="Jember",
        lead="Bawaslu Kabupaten Jember mengawasi pencocokan data pemilih di Kecamatan Patrang, Senin (7/7/2025).",
        body="Pengawas turun ke 12 kelurahan.\n\nTemuan dicatat dalam formulir A.",
        quotes=[Quote("Rina Wulandari", "Ketua Bawaslu Jember", "Kami memastikan tidak ada pemilih yang tercecer.")],
        writer="Dewi Penulis",
        editor="Agus Editor",
        photographer="Humas Bawaslu Jember",
        contact_block="Narahubung: 0812 0000 0000",
    )
    values.update(kw)
    return ArticleDoc(**values)


@pytest.fixture
def team(library):
    """A writer, an editor, a secretariat profile; the library acts as the writer."""
    ids = {
        "writer": staff.create(library, staff.StaffInput(name="Dewi Penulis", role="writer")),
        "editor": staff.create(library, staff.StaffInput(name="Agus Editor", role="editor")),
        "secretariat": staff.create(library, staff.StaffInput(name="Sari Sekretariat", role="secretariat")),
        "admin": library.store.staff_id,
    }
    library.store.staff_id = ids["writer"]
    return ids


def _submitted(library, team, **kw) -> int:
    library.store.staff_id = team["writer"]
    art_id = store.create_article(library, _doc(**kw))
    store.submit(library, art_id)
    return art_id


def _approved(library, team, **kw) -> int:
    art_id = _submitted(library, team, **kw)
    library.store.staff_id = team["editor"]
    articles.approve(library, art_id)
    return art_id


def test_hash_is_of_the_canonical_content_and_is_stable():
    doc = _doc()
    digest = approval.content_hash(doc)
    assert len(digest) == 64
    # Status and tags are not what the approver judged; the quote speaker is.
    assert approval.content_hash(_doc(status="published", tags=["pemilih"])) == digest
    assert approval.content_hash(_doc(quotes=[Quote("Orang Lain", "Ketua Bawaslu Jember", doc.quotes[0].text)])) != digest
    assert approval.content_hash(_doc(boilerplate="Tentang Bawaslu.")) != digest
    assert approval.canonical_json(doc) == approval.canonical_json(_doc())
    assert '"quotes":[{"position"' in approval.canonical_json(doc)


def test_approval_records_revision_hash_approver_and_number(library, team):
    art_id = _submitted(library, team)
    library.store.staff_id = team["editor"]
    record = articles.approve(library, art_id, revision=1)
    assert record.revision_number == 1
    assert record.approver_id == team["editor"] and record.approver_name == "Agus Editor"
    assert record.content_sha256 == approval.content_hash(store.load_doc(library, art_id))
    assert record.release_number.startswith("001/HM.01/")
    assert record.submitted_at is not None and record.submitted_at <= record.approved_at
    assert not record.self_approved
    assert articles.verify(library, record.id)
    assert store.load_doc(library, art_id).status == "approved"
    assert approval.check(library) == []


def test_approving_a_revision_not_read_is_refused(library, team):
    art_id = _submitted(library, team)
    store.save(library, art_id, _doc(body="Teks yang diubah saat ditinjau."))
    # A revision records the status it was saved in.
    assert [(r.number, r.status) for r in store.revisions(library, art_id)] == [(2, "review"), (1, "draft")]
    library.store.staff_id = team["editor"]
    with pytest.raises(articles.ApprovalError, match="revisi 2"):
        articles.approve(library, art_id, revision=1)
    assert articles.approved_revision(library, art_id) is None


def test_tampered_approved_revision_is_reported_by_check(library, team, cli, library_path):
    art_id = _approved(library, team)
    record = articles.approved_revision(library, art_id)
    with library.store.write() as tx:
        tx.session.execute(text("UPDATE article_revisions SET content = replace(content, '12 kelurahan', '2 kelurahan') "
                                "WHERE id = :id"), {"id": record.revision_id})
    assert not articles.verify(library, record.id)
    problems = approval.check(library)
    assert len(problems) == 1 and _doc().title in problems[0] and str(art_id) in problems[0]
    library.close()
    code, out, err = cli("check", "--library", library_path)
    assert code != 0 and _doc().title in out + err


def test_saving_an_approved_article_is_refused_and_nothing_changes(library, team):
    art_id = _approved(library, team)
    library.store.staff_id = team["writer"]
    with pytest.raises(store.NotAllowed, match="Ubah"):
        store.save(library, art_id, _doc(body="Ralat diam-diam."))
    loaded = store.load(library, art_id)
    assert loaded.doc.status == "approved" and loaded.revision == 1 and loaded.doc.body == _doc().body
    # The same text again is not a change and is not refused.
    assert not store.save(library, art_id, _doc()).changed


def test_new_draft_keeps_the_approved_record_and_outputs_print_it(library, team):
    art_id = _approved(library, team)
    first = articles.approved_revision(library, art_id)
    library.store.staff_id = team["writer"]
    number = articles.start_new_draft(library, art_id, base_revision=1)
    assert number == 2 and store.load_doc(library, art_id).status == "draft"
    store.save(library, art_id, _doc(body="Pengawas turun ke 14 kelurahan."))
    revs = store.revisions(library, art_id)
    assert [(r.number, r.status) for r in revs] == [(3, "draft"), (2, "draft"), (1, "draft")]
    assert articles.approved_revision(library, art_id) == first

    out = articles.document_for_output(library, art_id)
    assert out.approved and out.newer_draft and out.approval.id == first.id
    assert out.doc.body == _doc().body and out.doc.status == "approved"
    assert "revisi 1" in out.warning
    md = articles.export_bytes(library, art_id, "md").decode("utf-8")
    assert "12 kelurahan" in md and "14 kelurahan" not in md

    # Approved again: same release number, the new text is printed, no warning.
    store.submit(library, art_id)
    library.store.staff_id = team["editor"]
    second = articles.approve(library, art_id)
    assert second.release_number == first.release_number and second.revision_number == 3
    out = articles.document_for_output(library, art_id)
    assert "14 kelurahan" in out.doc.body and not out.newer_draft and out.warning is None
    assert len(articles.approvals(library, art_id)) == 2


def test_unapproved_article_prints_as_draft(library, team):
    art_id = _submitted(library, team)
    out = articles.document_for_output(library, art_id)
    assert not out.approved and out.approval is None and not out.newer_draft


def test_self_approval_refused_by_default_allowed_and_logged_with_the_setting(library, team):
    library.store.staff_id = team["editor"]
    art_id = store.create_article(library, _doc())
    store.submit(library, art_id)
    with pytest.raises(articles.ApprovalError, match="orang lain"):
        articles.approve(library, art_id)
    assert "approve" not in articles.workflow_actions(library, art_id, team["editor"])
    # An editor who saved the text during review wrote it too.
    other = _submitted(library, team, title="Rilis Lain")
    library.store.staff_id = team["editor"]
    store.save(library, other, _doc(title="Rilis Lain", body="Diubah editor."))
    with pytest.raises(articles.ApprovalError):
        articles.approve(library, other)

    # Only an Admin turns the setting on.
    profile = office.load(library)
    profile.allow_self_approval = True
    with pytest.raises(store.NotAllowed):
        office.save(library, profile)
    library.store.staff_id = team["admin"]
    office.save(library, profile)
    assert articles.self_approval_allowed(library)
    library.store.staff_id = team["editor"]
    assert "approve" in articles.workflow_actions(library, art_id, team["editor"])
    record = articles.approve(library, art_id)
    assert record.self_approved
    with library.store.read() as s:
        rows = s.execute(text("SELECT action, entity, entity_id, summary FROM audit_log "
                              "WHERE action IN ('self_approval_on', 'self_approve') ORDER BY id")).all()
    assert [r[0] for r in rows] == ["self_approval_on", "self_approve"]
    assert rows[1][2] == str(art_id) and record.release_number in rows[1][3]


def test_secretariat_publishes_but_cannot_approve_or_change_approved_text(library, team):
    art_id = _submitted(library, team)
    library.store.staff_id = team["secretariat"]
    with pytest.raises(store.NotAllowed):
        articles.approve(library, art_id)
    library.store.staff_id = team["editor"]
    articles.approve(library, art_id)
    library.store.staff_id = team["secretariat"]
    with pytest.raises(store.NotAllowed):
        articles.start_new_draft(library, art_id)
    with pytest.raises(store.NotAllowed):
        store.save(library, art_id, _doc(body="Sekretariat mengubah."))
    with pytest.raises(store.NotAllowed):
        store.return_to_draft(library, art_id, "Tarik.")
    assert store.publish(library, art_id) == "published"
    record = articles.approved_revision(library, art_id)
    assert record.published_at is not None and record.published_at >= record.approved_at
    assert articles.document_for_output(library, art_id).doc.status == "published"
    assert store.allowed_actions("secretariat", "approved", is_author=False) == ["publish"]
    assert store.allowed_actions("writer", "approved", is_author=True) == ["archive"]


def test_returning_an_approved_article_withdraws_its_approval(library, team):
    art_id = _approved(library, team)
    store.return_to_draft(library, art_id, "Angka belum dicek.")
    assert articles.approved_revision(library, art_id) is None
    assert [a.revoked_at is not None for a in articles.approvals(library, art_id)] == [True]
    assert not articles.document_for_output(library, art_id).approved
    # Once approved, its record stays: the article is archived, not deleted.
    library.store.staff_id = team["writer"]
    with pytest.raises(store.NotAllowed, match="pernah disetujui"):
        store.delete_article(library, art_id)


def test_article_approved_before_records_prints_approved_and_is_recorded_on_new_draft(library, team):
    # Imported as approved by an Editor (or approved before this version): no record yet.
    library.store.staff_id = team["editor"]
    art_id = store.create_article(library, _doc(status="published", publication_date=dt.date(2025, 7, 7)))
    out = articles.document_for_output(library, art_id)
    assert out.approved and out.approval is None
    articles.start_new_draft(library, art_id)
    kept = articles.approved_revision(library, art_id)
    assert kept is not None and kept.revision_number == 1 and kept.approver_name == ""
    assert articles.document_for_output(library, art_id).approved


def test_press_kit_prints_the_approved_text_and_warns_of_the_newer_draft(library, team, tmp_path):
    import datetime as dt

    from kits_support import pdf_text, squash

    from desktop.kits import api as kits

    art_id = _approved(library, team)
    library.store.staff_id = team["writer"]
    articles.start_new_draft(library, art_id)
    store.save(library, art_id, _doc(body="Pengawas turun ke 14 kelurahan."))
    kit_id = kits.create_kit(library, kits.KitInput("Kit Pemutakhiran", dt.date(2025, 7, 8),
                                                    parts=[kits.PartInput("article", art_id)]))
    result = kits.export_pdf(library, kit_id, tmp_path / "kit.pdf")
    assert not result.draft and len(result.warnings) == 1 and "revisi 1" in result.warnings[0]
    printed = squash(" ".join(pdf_text((tmp_path / "kit.pdf").read_bytes())))
    number = articles.approved_revision(library, art_id).release_number
    assert "12 kelurahan" in printed and "14 kelurahan" not in printed and f"Nomor: {number}" in printed


def _statements(library):  # noqa: ANN001, ANN202
    """A list that collects every SQL statement the library runs while it is open."""
    from sqlalchemy import event

    seen: list[str] = []
    event.listen(library.store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(statement))
    return seen


def test_many_articles_for_output_read_as_each_one_alone_in_a_few_queries(library, team):
    """A kit's releases (issue 13): approved, with a newer draft, changed after approval, never approved,
    approved before records — read together, each exactly as it would be read alone, in the same
    number of queries for two articles as for five."""
    approved = _approved(library, team, title="Disetujui", tags=["pemilu"])
    newer = _approved(library, team, title="Ada draf baru")
    library.store.staff_id = team["writer"]
    articles.start_new_draft(library, newer, base_revision=1)
    store.save(library, newer, _doc(title="Ada draf baru", body="Teks yang belum disetujui."))
    tampered = _approved(library, team, title="Diubah diam-diam")
    record = articles.approved_revision(library, tampered)
    with library.store.write() as tx:
        tx.session.execute(text("UPDATE article_revisions SET content = replace(content, '12 kelurahan', "
                                "'2 kelurahan') WHERE id = :id"), {"id": record.revision_id})
    library.store.staff_id = team["writer"]
    draft = store.create_article(library, _doc(title="Masih draf", quotes=[]))
    library.store.staff_id = team["editor"]
    legacy = store.create_article(library, _doc(title="Disetujui sebelum ada catatan", status="approved"))
    ids = [approved, newer, tampered, draft, legacy]

    alone = {i: articles.document_for_output(library, i) for i in ids}
    together = articles.documents_for_output(library, ids)
    assert together == alone
    assert [(o.approved, o.newer_draft, o.changed_after_approval) for o in together.values()] == [
        (True, False, False), (True, True, False), (False, False, True), (False, False, False), (True, False, False)]
    assert together[approved].doc.tags == ["pemilu"] and together[approved].release_number

    seen = _statements(library)
    articles.documents_for_output(library, ids[:2])
    two = len(seen)
    seen.clear()
    articles.documents_for_output(library, ids)
    assert len(seen) == two <= 8
    with pytest.raises(store.ArticleNotFound):
        articles.documents_for_output(library, [approved, 99999])
