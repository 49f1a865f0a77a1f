"""Nobody prints an unapproved text without the DRAF mark (issue 14): every export format of a draft, and an
approved revision changed in the database after approval, carry it; importing such a file drops it again."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import update

from database.models.articles import ArticleRevision
from desktop import staff
from desktop.articles import api as articles
from desktop.articles import approval, sheet, store
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io import article_whatsapp, parse_file
from desktop.articles.io.service import render

MARK = "DRAF — belum disetujui"


def _doc() -> ArticleDoc:
    return ArticleDoc(
        title="KPU Kota Contoh Tetapkan Daftar Pemilih Tetap",
        dateline_city="Contoh",
        lead="KPU Kota Contoh menetapkan daftar pemilih tetap dalam rapat pleno di Aula KPU, Selasa (8/7/2025).",
        body="Jumlah pemilih tercatat 312.450 orang.\n\nRapat dihadiri Bawaslu dan saksi partai.",
        quotes=[Quote("Hendra Wijaya", "Ketua KPU Kota Contoh", "Data ini sudah dicocokkan di lapangan.")],
        writer="Nia Penulis",
        editor="Yusuf Editor",
        contact_block="Narahubung: 0813 1111 2222",
    )


@pytest.fixture
def team(library):
    ids = {
        "writer": staff.create(library, staff.StaffInput(name="Nia Penulis", role="writer")),
        "editor": staff.create(library, staff.StaffInput(name="Yusuf Editor", role="editor")),
    }
    library.store.staff_id = ids["writer"]
    return ids


def _approved(library, team) -> int:
    library.store.staff_id = team["writer"]
    art_id = store.create_article(library, _doc())
    store.submit(library, art_id)
    library.store.staff_id = team["editor"]
    articles.approve(library, art_id)
    return art_id


def _docx_texts(data: bytes) -> tuple[list[str], list[str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    headers = [p.text for s in document.sections for p in s.header.paragraphs if p.text]
    return headers, [p.text for p in document.paragraphs if p.text]


def test_every_export_of_a_draft_carries_the_mark(library, team):
    art_id = store.create_article(library, _doc())
    for fmt in ("txt", "md", "whatsapp"):
        text = articles.export_bytes(library, art_id, fmt).decode("utf-8")
        lines = [line for line in text.split("---")[-1 if fmt == "md" else 0].splitlines() if line.strip()]
        assert lines[0].strip("*") == MARK, fmt
    assert articles.export_bytes(library, art_id, "whatsapp").decode("utf-8").startswith("*" + MARK + "*")
    headers, paragraphs = _docx_texts(articles.export_bytes(library, art_id, "docx"))
    assert headers == [MARK] and paragraphs[0] == MARK
    assert article_whatsapp(library, art_id).startswith("*" + MARK + "*")


def test_an_approved_text_exports_without_the_mark(library, team):
    art_id = _approved(library, team)
    for fmt in ("txt", "md", "whatsapp"):
        assert MARK not in articles.export_bytes(library, art_id, fmt).decode("utf-8"), fmt
    headers, paragraphs = _docx_texts(articles.export_bytes(library, art_id, "docx"))
    assert headers == [] and MARK not in paragraphs


@pytest.mark.parametrize("fmt", ["docx", "md", "txt", "whatsapp"])
def test_importing_a_marked_export_gives_the_same_article_as_an_unmarked_one(tmp_path, fmt):
    ext = ".txt" if fmt == "whatsapp" else "." + fmt
    marked, plain = tmp_path / ("marked" + ext), tmp_path / ("plain" + ext)
    marked.write_bytes(render(_doc(), fmt, draft=True))
    plain.write_bytes(render(_doc(), fmt))
    back = parse_file(marked)
    assert back == parse_file(plain)
    assert MARK not in back.title + back.lead + back.body


def test_approved_revision_changed_in_the_database_prints_as_draft(library, team, cli, library_path):
    art_id = _approved(library, team)
    record = articles.approved_revision(library, art_id)
    with library.store.write() as tx:
        content = tx.session.get(ArticleRevision, record.revision_id).content
        tx.session.execute(update(ArticleRevision).where(ArticleRevision.id == record.revision_id)
                           .values(content=content.replace("312.450", "412.450")))
    out = articles.document_for_output(library, art_id)
    assert not out.approved and out.changed_after_approval and not out.newer_draft
    assert "412.450" in out.doc.body
    assert "hash" in out.warning and "newer draft" not in out.warning and "draf baru" not in out.warning
    assert articles.export_bytes(library, art_id, "txt").decode("utf-8").startswith(MARK)
    assert not sheet.sheet_for(library, art_id).approved
    assert approval.check(library)  # and `warta check` still reports it
    library.close()
    code, stdout, err = cli("article", "export", "--library", library_path, str(art_id), "-f", "txt", "-o", "-")
    assert code == 0 and stdout.startswith(MARK)
    assert "hash" in err and "draf baru" not in err


def test_submitting_a_text_with_template_placeholders_says_so(library, team, cli, library_path, monkeypatch):
    # Like the editor's "Check before submitting" panel: the text goes to review, and the warnings are said.
    ids = [store.create_article(library, ArticleDoc(
        title="KPU Kota Contoh Gelar Bimtek KPPS", dateline_city="Contoh",
        lead="[Ringkasan: siapa, apa, kapan, di mana]", body="[Isi berita]")) for _ in range(2)]
    library.close()
    monkeypatch.setenv("WARTA_USER", "Nia Penulis")
    monkeypatch.delenv("WARTA_PASSWORD", raising=False)
    code, out, err = cli("article", "submit", ids[0], "--library", library_path)
    assert code == 0 and "2 isian templat dalam [kurung siku] belum diisi." in err
    code, out, err = cli("article", "submit", ids[1], "--library", library_path, "--json")
    payload = json.loads(out)
    assert code == 0 and payload["status"] == "review"
    assert "2 isian templat dalam [kurung siku] belum diisi." in payload["warnings"]


def test_check_reports_an_approval_without_record_made_after_recording_began(library, team):
    import datetime as dt

    from database.models.articles import Article, ArticleComment

    recorded = _approved(library, team)
    first = articles.approved_revision(library, recorded).approved_at
    library.store.staff_id = team["editor"]
    legacy, by_hand, imported = (store.create_article(library, _doc()) for _ in range(3))
    with library.store.write() as tx:
        tx.session.execute(update(Article).where(Article.id.in_([legacy, by_hand, imported])).values(status="approved"))
        tx.session.add(ArticleComment(article_id=legacy, action="approve", text="",
                                      created_at=first - dt.timedelta(days=30)))
        tx.session.add(ArticleComment(article_id=by_hand, action="approve", text="",
                                      created_at=first + dt.timedelta(minutes=5)))
    problems = approval.check(library)
    assert len(problems) == 1 and f"Artikel {by_hand} " in problems[0] and "catatan persetujuan" in problems[0]
