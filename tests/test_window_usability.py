"""The window used the way people use it: keys, menus, dialogs, texts (issue 12).

Buttons are clicked (``qtbot.mouseClick``) and menu items triggered
(``QAction.trigger``); file and print dialogs are answered by patching the
dialog, never by passing a path to the slot.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def window(main_window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.wait(20)  # the remembered section is shown on the next event-loop turn
    yield main_window
    main_window.ctx.tasks.wait_all(30_000)


def test_editor_shortcuts_act_only_where_the_focus_is(window, qtbot):
    from PySide6.QtGui import QShortcut

    section = window.show_section("articles")
    section.new_article("siaran_pers")
    editor = section.editor
    editor.body.setPlainText("kata")
    editor.title_edit.setFocus()
    editor.title_edit.selectAll()
    editor.body.selectAll()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "**" not in editor.body.markdown()  # Ctrl+B in the title does not bold the body
    editor.body.setFocus()
    editor.body.selectAll()
    qtbot.keyClick(editor.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "**kata**" in editor.body.markdown()
    # No shortcut anywhere in the window is window-wide except the menus' own.
    wide = [s.key().toString() for s in window.findChildren(QShortcut)
            if s.context() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)]
    assert wide == []


def test_numbers_sizes_phones_and_file_names_read_as_indonesian():
    from desktop import i18n, numbers
    from desktop.contacts.normalize import format_phone, format_phone_for_spreadsheet
    from desktop.photos.export import slug
    from desktop.stats import human_size

    assert human_size(552 * 1024) == "552,0 KB" and human_size(int(4.5 * 1024 * 1024)) == "4,5 MB"
    assert human_size(900) == "900 B" and numbers.integer(1234567) == "1.234.567"
    i18n.set_language("en")
    try:
        assert human_size(552 * 1024) == "552.0 KB" and numbers.integer(1234) == "1,234"
    finally:
        i18n.set_language("id")
    # One phone style in lists, spreadsheets and printed kits.
    assert format_phone("+6285328353029") == "0853-2835-3029" == format_phone_for_spreadsheet("+6285328353029")
    assert format_phone("+62331330224") == "(0331) 330224"
    assert format_phone_for_spreadsheet("+31201234567") == "0031 20 123 4567"
    name = slug("Rapat Koordinasi Pengawasan Partisipatif Pemilu Serentak 2025 Kabupaten Jember")
    assert name == "rapat-koordinasi-pengawasan-partisipatif-pemilu-serentak"  # not "…-2025-ka"


def test_a_printed_kit_writes_phone_numbers_as_the_lists_do(library):
    from desktop.contacts import store as contacts
    from desktop.contacts.record import Phone

    pid = contacts.create_person(library, contacts.PersonInput(
        full_name="Siti Aminah", phones=[Phone("+6285328353029", public=True)]))
    assert contacts.public_contact(library, pid).phones == ["0853-2835-3029"]
