"""What other people rely on: the import JSON, the plain-text lead, datelines and release lines,
and an export that imports back as the same article."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from desktop import dates, i18n
from desktop.articles import aids, store
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io import export_article, import_files, parse_file
from desktop.articles.io.service import render

LEAD = "Skor 2*3*4 dan nama_file_baru"


def _md(tmp_path, name: str, title: str):
    path = tmp_path / name
    path.write_text(f"# {title}\n\nJember – Isi {title}.\n", encoding="utf-8")
    return path


# -- import JSON ---------------------------------------------------------------------------


def test_import_json_is_ids_in_input_order_and_rejections_name_the_file_as_given(
    library, library_path, cli, tmp_path, monkeypatch
):
    old = _md(tmp_path, "lama.md", "Lama")
    first = import_files(library, [old])
    library.close()
    _md(tmp_path, "a.md", "Alfa"), _md(tmp_path, "b.md", "Beta")
    (tmp_path / "kosong.md").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("article", "import", "./b.md", "lama.md", "./kosong.md", "a.md",
                         "--library", library_path, "--json")
    assert code == 1, err
    payload = json.loads(out)
    assert payload["existing"] == first.added and payload["merged"] == []
    assert all(type(i) is int for i in payload["added"]) and len(payload["added"]) == 2
    assert payload["rejected"] == [{"source": "./kosong.md", "reason": "Berkas kosong."}]
    code, out, err = cli("article", "show", str(payload["added"][0]), "--library", library_path, "--json")
    assert json.loads(out)["title"] == "Beta"  # first given, first in the list
    code, out, err = cli("article", "show", str(payload["added"][1]), "--library", library_path, "--json")
    assert json.loads(out)["title"] == "Alfa"
    # The human summary still names titles and files.
    code, out, err = cli("article", "import", "a.md", "--library", library_path)
    assert code == 0 and "a.md" in out


# -- the lead is plain text ------------------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("docx", ".docx"), ("txt", ".txt")])
def test_lead_is_plain_text_through_export_and_import(tmp_path, fmt, suffix):
    doc = ArticleDoc(title="Hasil Lomba", kind="artikel", dateline_city="Jember", lead=LEAD, body="Isi.")
    data = render(doc, fmt)
    if fmt == "md":
        assert r"Skor 2\*3\*4 dan nama\_file\_baru" in data.decode()  # escaped where Markdown would eat it
    else:
        assert LEAD.encode() in data or fmt == "docx"
    path = tmp_path / ("x" + suffix)
    path.write_bytes(data)
    assert parse_file(path).lead == LEAD
    assert LEAD in render(doc, "whatsapp").decode()


def test_imported_lead_has_no_escapes_and_show_prints_it_as_typed(library, library_path, cli, tmp_path):
    path = tmp_path / "rilis.md"
    path.write_text("# Judul\n\nJember – A & B \\<c\\> dan 2\\*3\n", encoding="utf-8")
    assert parse_file(path).lead == "A & B <c> dan 2*3"
    art = store.create_article(library, ArticleDoc(title="Skor", dateline_city="Jember", lead=LEAD))
    library.close()
    code, out, err = cli("article", "show", str(art), "--library", library_path)
    assert code == 0 and "Jember – " + LEAD in out
    code, out, err = cli("article", "show", str(art), "--library", library_path, "--json")
    assert json.loads(out)["lead"] == LEAD


def test_editor_shows_an_imported_lead_without_escapes_and_saves_it_as_typed(main_window, qtbot, tmp_path,
                                                                              monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    lib = main_window.ctx.library
    path = tmp_path / "rilis.md"
    path.write_text("# Judul\n\nJember – A & B \\<c\\>\n", encoding="utf-8")
    art = import_files(lib, [path]).added[0]
    qtbot.wait(20)
    section = main_window.show_section("articles")
    section.open_article(art)
    editor = section.editor
    assert editor.lead_edit.toPlainText() == "A & B <c>"
    editor.lead_edit.setPlainText(LEAD)
    assert editor.save()
    assert store.load_doc(lib, art).lead == LEAD


def test_editor_greys_out_the_release_line_for_kinds_without_one(main_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.wait(20)
    section = main_window.show_section("articles")
    section.new_article("siaran_pers")
    editor = section.editor
    assert editor.release_combo.isEnabled()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("artikel"))
    assert not editor.release_combo.isEnabled() and not editor.embargo_edit.isEnabled()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("pengumuman"))
    assert editor.release_combo.isEnabled()


# -- datelines and release lines ---------------------------------------------------------------


def test_export_dateline_and_release_line_are_indonesian_whatever_the_interface(tmp_path):
    doc = ArticleDoc(title="Judul", kind="siaran_pers", dateline_city="Jember", event_date=dt.date(2025, 11, 3),
                     lead="Isi.")
    i18n.set_language("en")
    try:
        for fmt in ("md", "txt", "whatsapp"):
            text = render(doc, fmt).decode()
            assert "Jember, Senin, 3 November 2025" in text and "Untuk Segera Disiarkan" in text
            assert "(3/11/2025)" not in text
        assert "Jember, Senin, 3 November 2025 – Isi." in render(doc, "txt").decode()
        assert aids.release_line(doc) == "For immediate release"  # the interface's own language
        doc.embargo_at, doc.embargo_tz = dt.datetime(2025, 11, 4, 9, 30), "WITA"
        assert "Untuk Disiarkan Tanggal Selasa, 4 November 2025, pukul 09.30 WITA" in render(doc, "md").decode()
    finally:
        i18n.set_language("id")
    assert aids.dateline(doc) == "Jember, Senin, 3 November 2025"
    doc.publication_date = dt.date(2025, 11, 5)
    assert aids.dateline(doc) == "Jember, Rabu, 5 November 2025"  # the publication date wins


@pytest.mark.parametrize("kind, has_line", [("siaran_pers", True), ("pengumuman", True), ("artikel", False),
                                            ("berita_kegiatan", False), ("klarifikasi", False)])
def test_release_line_only_for_kinds_that_carry_one(kind, has_line):
    doc = ArticleDoc(title="Judul", kind=kind, lead="Isi.")
    assert bool(aids.release_line(doc)) == has_line
    assert ("Untuk Segera Disiarkan" in render(doc, "txt").decode()) == has_line


def test_dateline_without_city_reads_back_as_a_date():
    from desktop.articles.io.structure import parse_dateline

    line = parse_dateline("Senin, 3 November 2025 – Isi.")
    assert line is not None and (line.city, line.date) == ("", dt.date(2025, 11, 3))


def test_demo_lead_date_is_the_shared_one():
    from desktop.articles import demo

    i18n.set_language("en")
    try:
        assert demo._lead_date(dt.date(2025, 11, 3)) == dates.lead_date(dt.date(2025, 11, 3), language="id")
        assert demo._lead_date(dt.date(2025, 11, 3)) == "Senin (3/11/2025)"
    finally:
        i18n.set_language("id")


# -- export → import keeps the article ----------------------------------------------------------

FIELDS = [f.name for f in dataclasses.fields(ArticleDoc) if f.name != "status"]


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("docx", ".docx")])
def test_export_then_import_gives_the_same_article(library, tmp_path, fmt, suffix):
    doc = ArticleDoc(
        title="Bawaslu Ajak Warga Awasi Pilkada", kind="siaran_pers", subtitle="Sosialisasi di 31 kecamatan",
        dateline_city="Jember", event_date=dt.date(2025, 11, 1), publication_date=dt.date(2025, 11, 3),
        lead=LEAD,
        body="Paragraf pertama.\n\n“Pengawasan butuh warga,” kata Siti, Ketua.\n\nParagraf penutup [tautan](https://a.go.id/x).",
        quotes=[Quote("Tola' Ediy", "Kordiv Humas", "Kami siap"), Quote("Budi", "", "Ayo awasi")],
        writer="Ridha", editor="Budi", photographer="dok. Humas", boilerplate="Tentang kantor.",
        contact_block="Budi\n0812", tags=["Pilkada 2025", "Sosialisasi", "kutip \"x\""],
        source_url="https://jember.bawaslu.go.id/berita/1",
    )
    art = store.create_article(library, doc)
    out = tmp_path / ("rilis" + suffix)
    export_article(library, art, fmt, out)
    result = import_files(library, [out])
    assert result.exit_code == 0, result.rejected
    before, after = store.load_doc(library, art), store.load_doc(library, result.added[0])
    for name in FIELDS:
        assert getattr(after, name) == getattr(before, name), name


def test_foreign_file_quotes_in_the_body_stay_there(tmp_path):
    path = tmp_path / "luar.md"
    path.write_text(
        "# Judul\n\nJember – Isi lead.\n\n“Di tengah,” kata Siti, Ketua.\n\nParagraf lain.\n\n"
        "“Di akhir,” kata Budi, Anggota.\n\nPenulis: Ridha\n",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert "“Di tengah,” kata Siti, Ketua." in doc.body
    assert doc.quotes == [Quote("Budi", "Anggota", "Di akhir")]


# -- writing aids -------------------------------------------------------------------------------


def test_placeholder_warning_ignores_links():
    doc = ArticleDoc(title="Judul", dateline_city="Jember", lead="Isi.",
                     body="Baca [tautan resmi](https://a.go.id) dan [rujukan][1].\n\n[1]: https://b.go.id")
    assert not any("[" in w for w in aids.analyse(doc).warnings)
    doc.body += "\n\nHubungi [nama narasumber]."
    assert any("1" in w and "[" in w for w in aids.analyse(doc).warnings)

