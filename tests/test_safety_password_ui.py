"""Settings → Backups: a password-protected backup, made and restored by clicking (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox


def test_backup_with_a_password_and_restore_it_by_clicking(main_window, qtbot, tmp_path, monkeypatch):
    from desktop.safety import crypto
    from desktop.ui import file_dialogs
    from desktop.ui.backup_page import BackupPage
    from desktop.ui.settings_dialog import SettingsDialog

    usb = tmp_path / "usb"
    usb.mkdir()
    infos, asked, questions = [], [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))

    def question(*a, **k):  # noqa: ANN002, ANN003
        questions.append(a[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)

    def get_text(parent, title, label, echo):  # noqa: ANN001
        asked.append((label, echo))
        return "rahasia kantor", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    dialog = SettingsDialog(main_window.ctx, main_window)
    page = next(p for p in dialog.extra_pages if isinstance(p, BackupPage))
    dialog.show()
    dialog.tabs.setCurrentWidget(page)
    qtbot.waitExposed(dialog)

    monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: str(usb))
    qtbot.mouseClick(page.password_box, Qt.MouseButton.LeftButton)
    assert page.password_box.isChecked()
    dialog.grab().save(str(tmp_path / "backup-password.png"))
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(infos), timeout=60_000)
    (written,) = usb.glob("*.wartabackup")
    assert crypto.is_encrypted(written)
    assert len(asked) == 2 and all(echo == QLineEdit_Password() for _l, echo in asked)

    target = tmp_path / "restored"
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: str(written))
    monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: str(target))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(questions), timeout=60_000)  # "restored … open it now?"
    assert (target / "warta.db").exists()
    assert len(asked) == 3
    dialog.close()


def QLineEdit_Password():  # noqa: N802
    from PySide6.QtWidgets import QLineEdit

    return QLineEdit.EchoMode.Password


def test_settings_open_on_a_library_whose_logo_path_was_tampered_with(main_window, qtbot):
    from sqlalchemy import text

    from desktop.ui.settings_dialog import SettingsDialog

    with main_window.ctx.library.store.engine.begin() as conn:
        conn.execute(text("UPDATE office SET logo = '../../etc/passwd' WHERE id = 1"))
    dialog = SettingsDialog(main_window.ctx, main_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.close()
