"""Settings → Template & kop: an office (the province) authors its own templates and kop, in the real window."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QTabWidget, QToolButton

from kits_support import article

MM = 72 / 25.4
LEAD = "[Standar kantor: satu kalimat 5W1H, paling banyak 35 kata.]"


def _settings(main_window, qtbot):  # noqa: ANN001, ANN202
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.standard_page import StandardPage

    dialog = SettingsDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    page = dialog.findChild(StandardPage)
    dialog.findChild(QTabWidget).setCurrentWidget(page)
    dialog.show()
    return dialog, page


def _save(dialog) -> None:  # noqa: ANN001
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _choose(combo, data: str) -> None:  # noqa: ANN001
    combo.setCurrentIndex(combo.findData(data))


def _new_article(main_window, qtbot):  # noqa: ANN001, ANN202
    section = main_window.show_section("articles")
    button = section.findChild(QToolButton, "article-new")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    return section.editor


def test_a_saved_template_is_where_the_next_new_article_starts(main_window, qtbot, library, monkeypatch):
    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog, page = _settings(main_window, qtbot)
    assert page.title() == "Template & kop" and page.reset_button.text() == "Kembalikan bawaan"
    _choose(page.kind, "siaran_pers")
    builtin = exchange.builtin_template("siaran_pers")
    assert page.lead.toPlainText() == builtin["lead"] and "bawaan" in page.source.text()
    page.lead.clear()
    qtbot.keyClicks(page.lead, LEAD)
    _choose(page.kind, "pengumuman")  # moving to another kind keeps what was typed
    _choose(page.kind, "siaran_pers")
    assert page.lead.toPlainText() == LEAD
    _save(dialog)
    assert not dialog.isVisible()
    assert exchange.template_for(library, "siaran_pers") == {"lead": LEAD, "body": builtin["body"]}

    editor = _new_article(main_window, qtbot)
    assert editor.lead_edit.toPlainText() == LEAD
    assert articles.load(library, editor.article_id).doc.lead == LEAD

    # Kembalikan bawaan: the next new article starts from Warta's own template again.
    dialog, page = _settings(main_window, qtbot)
    _choose(page.kind, "siaran_pers")
    assert page.lead.toPlainText() == LEAD and "bawaan" not in page.source.text()
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.lead.toPlainText() == builtin["lead"]
    _save(dialog)
    assert exchange.template_for(library, "siaran_pers") is None
    editor = _new_article(main_window, qtbot)
    assert editor.lead_edit.toPlainText() == builtin["lead"]


def test_f4_in_the_kop_gives_the_exported_release_pdf_its_page(main_window, qtbot, library, tmp_path, monkeypatch):
    import pypdf
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    article_id = articles.create_article(library, article("Bawaslu Jember Gelar Apel Siaga"))
    dialog, page = _settings(main_window, qtbot)
    assert page.paper.currentData() == "a4" and all(c.isChecked() for c in page.checks.values())
    _choose(page.paper, "f4")
    qtbot.mouseClick(page.checks["name_in_capitals"], Qt.MouseButton.LeftButton)
    _save(dialog)
    assert exchange.kop_rules(library) == {"paper": "f4", "name_in_capitals": False, "double_rule": True,
                                           "contact_line": True}

    section = main_window.show_section("articles")
    section.open_article(article_id)
    target = tmp_path / "rilis.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    section.editor.findChild(QAction, "article-export-pdf").trigger()
    box = pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (215, 330)


@pytest.fixture
def writer_window(qtbot, library):  # noqa: ANN001, ANN201
    from desktop import staff
    from desktop.ui.app import create_main_window

    writer = staff.create(library, staff.StaffInput(name="Penulis Uji", position="Staf", role="writer"))
    library.store.staff_id = writer
    window = create_main_window(library, staff_id=writer)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_only_an_admin_changes_it(writer_window, qtbot, library):
    from desktop.exchange import api as exchange
    from desktop.errors import WartaError

    dialog, page = _settings(writer_window, qtbot)
    assert not page.paper.isEnabled() and not page.reset_button.isEnabled() and page.lead.isReadOnly()
    assert not any(c.isEnabled() for c in page.checks.values())
    _save(dialog)  # saving the other pages does not touch the standard
    assert exchange.kop_rules(library)["paper"] == "a4"
    with pytest.raises(WartaError, match="Admin"):
        exchange.save_standard(library, kop={"paper": "f4"})
