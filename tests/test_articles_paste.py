"""Paste from the clipboard as a new article (HTML read as a saved page is, else plain text), and an
import that reports the fields it recovered, in the same words on the command line and in the window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from desktop.articles import store
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io.service import render

COPIED_HTML = """<meta charset='utf-8'><div class="breadcrumb">Beranda / Berita</div>
<h1>Bawaslu Contoh Buka Posko Pengaduan</h1>
<div class="share">Bagikan: Facebook</div>
<p>KOTA CONTOH – Bawaslu Kabupaten Contoh membuka <b>posko pengaduan</b> di setiap kecamatan.</p>
<p>Posko melayani laporan warga setiap hari kerja.</p>
<p>“Silakan melapor bila menemukan pelanggaran,” kata Siti Contoh, Ketua Bawaslu Kabupaten Contoh.</p>
<p>Penulis: Ridha Contoh</p>"""


@pytest.fixture
def section(main_window, qtbot, monkeypatch):
    shown: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    errors: list[BaseException] = []
    main_window.ctx.show_error = lambda _parent, exc: errors.append(exc)
    qtbot.wait(20)
    sec = main_window.show_section("articles")
    sec.shown, sec.errors = shown, errors
    return sec


def _clipboard(html: str = "", text: str = "") -> None:
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    if text:
        mime.setText(text)
    QApplication.clipboard().setMimeData(mime)


def _paste_button(section) -> QPushButton:
    button = section.findChild(QPushButton, "article-paste")
    assert button is not None and button.isVisible()
    return button


def test_pasting_copied_html_makes_a_new_article_and_opens_it(section, qtbot, main_window):
    from PySide6.QtCore import Qt

    _clipboard(html=COPIED_HTML, text="Bawaslu Contoh Buka Posko Pengaduan\nplain copy")
    qtbot.mouseClick(_paste_button(section), Qt.MouseButton.LeftButton)
    assert section.errors == []
    editor = section.editor
    assert section.stack.currentWidget() is editor and editor.article_id is not None
    doc = store.load_doc(main_window.ctx.library, editor.article_id)
    assert doc.title == "Bawaslu Contoh Buka Posko Pengaduan" == editor.title_edit.text()
    assert doc.dateline_city == "KOTA CONTOH"
    assert doc.lead == "Bawaslu Kabupaten Contoh membuka posko pengaduan di setiap kecamatan."
    assert doc.body == "Posko melayani laporan warga setiap hari kerja."
    assert [(q.speaker, q.position) for q in doc.quotes] == [("Siti Contoh", "Ketua Bawaslu Kabupaten Contoh")]
    assert doc.writer == "Ridha Contoh" and doc.status == "draft"
    assert "Beranda" not in doc.subtitle + doc.body and "Bagikan" not in doc.subtitle + doc.body


def test_pasting_plain_text_and_an_empty_clipboard(section, qtbot, main_window):
    from PySide6.QtCore import Qt

    _clipboard(text="Rapat Pleno Terbuka\n\nContoh – KPU Kabupaten Contoh menggelar rapat pleno.\n\nPenulis: Budi")
    qtbot.mouseClick(_paste_button(section), Qt.MouseButton.LeftButton)
    doc = store.load_doc(main_window.ctx.library, section.editor.article_id)
    assert (doc.title, doc.dateline_city, doc.writer) == ("Rapat Pleno Terbuka", "Contoh", "Budi")
    section.show_list()
    before = store.count_articles(main_window.ctx.library, store.ListQuery())
    _clipboard()
    qtbot.mouseClick(_paste_button(section), Qt.MouseButton.LeftButton)
    assert len(section.errors) == 1 and "papan klip" in str(section.errors[0]).casefold()
    assert store.count_articles(main_window.ctx.library, store.ListQuery()) == before


def _exported(tmp_path, fmt: str):
    doc = ArticleDoc(
        title="Bawaslu Contoh Gelar Rapat Koordinasi", kind="siaran_pers", dateline_city="Contoh",
        event_date=dt.date(2025, 11, 3), lead="Bawaslu Kabupaten Contoh menggelar rapat.", body="Rapat dihadiri camat.",
        quotes=[Quote("Siti Contoh", "Ketua", "Kami siap"), Quote("Budi", "", "Kami juga siap")],
        writer="Ridha", editor="Budi", photographer="Agus/Humas", boilerplate="Bawaslu Kabupaten Contoh mengawasi.",
        contact_block="Budi\n0812 3456 7890",
    )
    path = tmp_path / ("rilis." + fmt)
    path.write_bytes(render(doc, fmt, about_name="Bawaslu Kab. Contoh"))
    return path


FIELDS_ID = ("2 kutipan", "penulis", "editor", "kredit foto", "tentang kantor", "narahubung", "kota pada baris tanggal")


def test_command_line_and_window_report_the_fields_recovered(section, qtbot, main_window, cli, library_path, tmp_path,
                                                              monkeypatch):
    from PySide6.QtCore import Qt

    md = _exported(tmp_path, "md")
    docx = _exported(tmp_path, "docx")
    code, out, err = cli("article", "import", str(md), "--library", library_path)
    assert code == 0, err
    first = out.splitlines()[0]
    for word in FIELDS_ID:
        assert word in first.casefold(), (word, first)
    # The window: the real Import… button, a file chosen in the dialog.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(docx)], ""))
    button = next(b for b in section.findChildren(QPushButton) if b.text() == "Impor…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(section.shown), timeout=10000)
    summary = section.shown[-1]
    for word in FIELDS_ID:
        assert word in summary.casefold(), (word, summary)
    # Same words: what the command line said it recovered from the .md, the window says of the .docx.
    assert first.split("\t")[2] in summary


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal {margin:0}</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]--></head>
<body lang=EN-US><!--StartFragment-->
<p class=MsoTitle>Bawaslu Contoh Latih Pengawas Desa<o:p></o:p></p>
<p class=MsoSubtitle>Pelatihan gelombang kedua<o:p></o:p></p>
<p class=MsoNormal><b>Contoh, Senin (3/11/2025) –</b> Bawaslu Kabupaten Contoh melatih pengawas desa.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Materi
pengawasan kampanye<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Materi
pelaporan<o:p></o:p></p>
<p class=MsoNormal>Penulis: Ridha Contoh<o:p></o:p></p>
<!--EndFragment--></body></html>"""


def test_html_copied_from_word_keeps_title_subtitle_and_numbered_list():
    from desktop.articles.io.service import pasted_doc

    doc = pasted_doc(html=WORD_HTML)
    assert (doc.title, doc.subtitle) == ("Bawaslu Contoh Latih Pengawas Desa", "Pelatihan gelombang kedua")
    assert (doc.dateline_city, doc.event_date) == ("Contoh", dt.date(2025, 11, 3))
    assert doc.body == "1. Materi pengawasan kampanye\n2. Materi pelaporan"
    assert doc.writer == "Ridha Contoh"


def test_html_copied_from_a_browser_keeps_inline_bold_and_the_windows_source_url():
    from desktop.articles.io.service import pasted_doc

    # Windows hands the clipboard's HTML over with its "HTML Format" header.
    html = ("Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000600\r\nStartFragment:0000000141\r\n"
            "EndFragment:0000000564\r\nSourceURL:https://contoh.bawaslu.go.id/berita/posko\r\n"
            "<html><body><!--StartFragment--><h1 style=\"font-size: 28px;\">Posko Pengaduan Dibuka</h1>"
            "<p style=\"color: rgb(0,0,0);\">JEMBER – Bawaslu membuka posko.</p>"
            "<p>Warga dapat melapor <span style=\"font-weight: 700;\">setiap hari</span>.</p>"
            "<!--EndFragment--></body></html>")
    doc = pasted_doc(html=html, text="Posko Pengaduan Dibuka")
    assert doc.title == "Posko Pengaduan Dibuka" and doc.dateline_city == "JEMBER"
    assert doc.body == "Warga dapat melapor **setiap hari**."
    assert doc.source_url == "https://contoh.bawaslu.go.id/berita/posko"
