"""The Lembar Persetujuan: what was approved, by whom, when, under which number, with the full content hash."""

from __future__ import annotations

import json

from approval_support import approved, team  # noqa: F401 - team is a fixture
from desktop.articles import api as articles
from desktop.articles import sheet, store
from desktop.articles.document import ArticleDoc
from desktop.kits.sheet import hash_lines
from kits_support import pdf_text, squash


def _doc(**kw) -> ArticleDoc:
    values = dict(
        title="Bawaslu Jember Awasi Rapat Pleno Rekapitulasi",
        dateline_city="Jember",
        lead="Bawaslu Kabupaten Jember mengawasi rapat pleno rekapitulasi di Gedung PKPSBJ, Rabu (4/12/2024).",
        body="Pengawas hadir di setiap meja.",
        writer="Dewi Penulis",
    )
    values.update(kw)
    return ArticleDoc(**values)


def _approved(library, team) -> tuple[int, object]:
    return approved(library, team, _doc())


def test_sheet_prints_number_people_times_and_the_full_hash(library, team):
    art_id, record = _approved(library, team)
    text = squash(pdf_text(sheet.sheet_pdf(library, art_id))[0])
    assert "LEMBAR PERSETUJUAN" in text
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN CONTOH" in text  # the letterhead
    assert "Bawaslu Jember Awasi Rapat Pleno Rekapitulasi" in text
    assert "Siaran Pers" in text
    assert record.release_number in text
    assert "Dewi Penulis" in text and "Agus Editor" in text
    assert "Diajukan" in text and "Disetujui" in text
    assert text.replace(" ", "").count(record.content_sha256) == 1  # in full, wrapped in groups
    assert all(len(line) == 35 for line in hash_lines(record.content_sha256))
    assert "DRAF" not in text


def test_sheet_of_an_unapproved_article_is_marked_draft(library, team):
    art_id = store.create_article(library, _doc())
    data = sheet.sheet_pdf(library, art_id)
    text = squash(pdf_text(data)[0])
    assert "DRAF" in text and "belum disetujui" in text and "(diberikan saat disetujui)" in text
    assert "Agus Editor" not in text


def test_same_approval_gives_the_same_bytes(library, team):
    art_id, _record = _approved(library, team)
    assert sheet.sheet_pdf(library, art_id) == sheet.sheet_pdf(library, art_id)


def test_a_new_draft_keeps_the_sheet_of_the_approved_text(library, team):
    art_id, record = _approved(library, team)
    library.store.staff_id = team["writer"]
    articles.start_new_draft(library, art_id)
    data = sheet.sheet_for(library, art_id)
    assert data.approved and data.revision == record.revision_number and data.newer_draft is False
    doc = store.load_doc(library, art_id)
    doc.lead += " Tambahan."
    store.save(library, art_id, doc)
    data = sheet.sheet_for(library, art_id)
    assert data.approved and data.revision == record.revision_number and data.newer_draft
    assert "draf yang lebih baru" in squash(pdf_text(sheet.sheet_pdf(library, art_id))[0])


def test_cli_writes_the_sheet_and_refuses_a_target_inside_the_library(library, team, cli, tmp_path):
    art_id, record = _approved(library, team)
    path = library.path
    library.close()
    out = tmp_path / "lembar.pdf"
    code, stdout, _err = cli("article", "sheet", str(art_id), "-o", str(out), "--library", str(path), "--json")
    assert code == 0, _err
    assert json.loads(stdout)["output"] == str(out)
    assert record.content_sha256 in squash(pdf_text(out.read_bytes())[0]).replace(" ", "")
    code, _out, err = cli("article", "sheet", str(art_id), "-o", str(out), "--library", str(path))
    assert code == 2 and "--force" in err
    code, _out, err = cli("article", "sheet", str(art_id), "-o", str(path / "x.pdf"), "--library", str(path))
    assert code == 2 and "di dalam pustaka" in err
    assert not (path / "x.pdf").exists()
