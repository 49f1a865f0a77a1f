"""The offline user guide: Bantuan → Panduan, F1 per section, Indonesian or English, images that exist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import help as guide
from desktop import i18n


def _dialog(window):
    from desktop.ui.help_dialog import HelpDialog

    return window.findChild(HelpDialog, "help-dialog")


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_exists_and_every_image_and_link_it_names_is_there(language):
    for page in guide.pages(language):
        assert page.path == guide.paths.HELP / language / f"{page.key}.md"
        text = page.path.read_text(encoding="utf-8")
        for src in guide.images(page.key, language):
            found = guide.image_file(src)
            assert found is not None and found.is_file(), f"{page.path.name}: {src}"
        for href in __import__("re").findall(r"\]\(([^)]+\.md)\)", text):
            assert guide.linked_page(href) is not None, f"{page.path.name}: {href}"
    assert set(guide.SECTION_PAGES.values()) <= set(guide.PAGES)


def test_help_menu_opens_the_guide_in_indonesian(main_window, qtbot):
    from PySide6.QtGui import QAction

    action = main_window.findChild(QAction, "action-help")
    assert action.text() == "&Panduan" and action.shortcut().toString() == "F1"
    action.trigger()
    dialog = _dialog(main_window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Panduan Warta"
    assert dialog.page_list.count() == len(guide.PAGES)
    assert "Mulai menggunakan Warta" in dialog.browser.toPlainText()  # Beranda is in front at start
    # A link to another page is followed inside the guide.
    from PySide6.QtCore import QUrl

    dialog.browser.anchorClicked.emit(QUrl("kits.md"))
    assert dialog.current_page == "kits" and "Menyusun dan mencetak press kit" in dialog.browser.toPlainText()


def test_f1_in_photos_opens_the_photos_page(main_window, qtbot):
    qtbot.wait(20)  # the remembered section is shown on the next event-loop turn
    section = main_window.show_section("photos")
    section.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    dialog = _dialog(main_window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.current_page == "photos"
    text = dialog.browser.toPlainText()
    assert "Foto kegiatan" in text and "Keterangan" in text
    # Its screenshots are loaded, not broken-image boxes.
    from PySide6.QtGui import QTextDocument

    html = guide.html("photos")
    src = html.split('src="', 1)[1].split('"', 1)[0]
    image = dialog.browser.document().resource(QTextDocument.ResourceType.ImageResource, src)
    assert image is not None and not image.isNull()


def test_the_guide_is_english_when_the_interface_is(main_window, qtbot):
    from PySide6.QtGui import QAction

    i18n.set_language("en")
    try:
        main_window.findChild(QAction, "action-help").trigger()
        dialog = _dialog(main_window)
        assert "Getting started with Warta" in dialog.browser.toPlainText()
        assert dialog.page_list.item(1).text() == "Writing and submitting a press release"
    finally:
        i18n.set_language("id")
