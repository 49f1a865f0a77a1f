"""One release as a PDF on the office letterhead: the command line, the editor's Export → PDF and Print."""

from __future__ import annotations

import datetime as dt
import hashlib

from desktop.articles import store
from desktop.articles.document import ArticleDoc, Quote
from kits_support import answer_print_dialog, pdf_text, squash


def _release(library) -> int:
    from desktop import office

    office.save(library, office.OfficeProfile(
        name="Badan Pengawas Pemilihan Umum Kabupaten Jember", short_name="Bawaslu Jember", city="Jember",
        phone="(0331) 123456", boilerplate="Bawaslu Kabupaten Jember mengawasi setiap tahapan pemilu."))
    doc = ArticleDoc(
        title="Bawaslu Jember Ajak Pemilih Pemula Awasi Pilkada", dateline_city="Jember",
        publication_date=dt.date(2025, 11, 3), lead="Bawaslu Jember mengajak pemilih pemula ikut mengawasi.",
        body="Kegiatan digelar di aula kantor.\n\n## Langkah berikutnya\n\n- Sosialisasi ke sekolah",
        quotes=[Quote("Dessi Anggraeni", "Ketua", "Pengawasan adalah kerja bersama.")],
        writer="Siti Aminah", editor="Budi Santoso", photographer="Foto: Agus/Humas",
        boilerplate="Bawaslu Kabupaten Jember mengawasi setiap tahapan pemilu.",
        contact_block="Narahubung: Siti Aminah (0812-0000-1111)",
    )
    return store.create_article(library, doc)


def _check(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    text = squash(" ".join(pdf_text(data)))
    for expected in ("BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER", "SIARAN PERS", "Untuk Segera Disiarkan",
                     "Bawaslu Jember Ajak Pemilih Pemula Awasi Pilkada", "Jember, Senin, 3 November 2025 –",
                     "“Pengawasan adalah kerja bersama.”", "Dessi Anggraeni, Ketua", "Penulis: Siti Aminah",
                     "Editor: Budi Santoso", "Foto: Agus/Humas", "Tentang Bawaslu Jember", "Narahubung",
                     "Siti Aminah (0812-0000-1111)"):
        assert expected in text, expected
    assert text.count("Narahubung") == 1 and "Foto: Foto" not in text
    assert "DRAF" in text  # not approved yet: every page says so, as in a kit
    return text


def test_cli_exports_one_release_as_a_pdf_identical_on_re_export(library, library_path, cli, tmp_path):
    art = _release(library)
    library.close()
    out = tmp_path / "rilis.pdf"
    code, stdout, err = cli("article", "export", art, "--format", "pdf", "-o", out, "--library", library_path)
    assert code == 0, err
    first = out.read_bytes()
    _check(first)
    code, _stdout, err = cli("article", "export", art, "--format", "pdf", "-o", out, "--force", "--library", library_path)
    assert code == 0, err
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(first).hexdigest()


def test_editor_export_pdf_and_print_use_the_same_release(main_window, qtbot, library, tmp_path, monkeypatch):
    import pypdf
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    art = _release(library)
    qtbot.wait(20)
    section = main_window.show_section("articles")
    section.open_article(art)
    editor = section.editor
    target = tmp_path / "rilis.pdf"
    asked = []

    def save_as(_parent, _title, suggested, *_a, **_k):
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    editor.findChild(QAction, "article-export-pdf").trigger()
    assert asked and asked[0].endswith(".pdf")
    _check(target.read_bytes())
    pages = len(pypdf.PdfReader(target).pages)

    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed, pages)
    editor.findChild(QAction, "article-print").trigger()
    assert len(pypdf.PdfReader(printed).pages) == pages
    assert editor.state_label.text() == f"{pages} halaman dikirim ke printer."


def test_in_english_the_editor_exports_and_prints_the_release(english, main_window, qtbot, library, tmp_path,
                                                               monkeypatch):
    import pypdf
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    art = _release(library)
    section = main_window.show_section("articles")
    section.open_article(art)
    editor = section.editor
    actions = {a.text(): a for a in editor.findChildren(QAction) if a.text()}
    target = tmp_path / "release.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert "Text (.txt)" in actions  # every label of the menu in English
    actions["PDF (.pdf)"].trigger()
    _check(target.read_bytes())  # the release itself stays in the office's Indonesian
    pages = len(pypdf.PdfReader(target).pages)
    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed, pages)
    actions["Print…"].trigger()
    assert len(pypdf.PdfReader(printed).pages) == pages
    assert editor.state_label.text() == f"{pages} page(s) sent to the printer."
