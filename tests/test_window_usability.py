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
