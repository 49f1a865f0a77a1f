"""Starting the window: open the library, first-run wizard, choose the user, show.

Headless commands never come here (``desktop.cli`` imports this module only
when no subcommand was given).
"""

from __future__ import annotations

from pathlib import Path

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_NAME, __version__, settings as settings_mod
from desktop.errors import LibraryError
from desktop.server import ServerAuthError
from desktop.i18n import _
from desktop.ui import file_dialogs

_windows: list[QWidget] = []  # keep windows alive when switching libraries


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
        from desktop.ui import qt_translation

        qt_translation.install(app)
        # Must match packaging/linux/id.go.warta.Warta.desktop (Wayland app id, taskbar grouping).
        app.setDesktopFileName("id.go.warta.Warta")
        from PySide6.QtGui import QIcon

        from desktop.paths import ICONS

        icon = QIcon()
        for size in (16, 24, 32, 48, 64, 128, 256):
            icon.addFile(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "warta.png"))
        app.setWindowIcon(icon)
    return app  # type: ignore[return-value]


def create_main_window(library, staff_id: int | None):  # noqa: ANN001, ANN201
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    ctx = AppContext(library, staff_id)
    window = MainWindow(ctx)
    return window


def _open_with_recovery(path: str | None) -> object | None:
    """Open the library; on failure explain and offer to choose another folder."""
    from desktop.library import resolve_library_path

    target = resolve_library_path(path)
    while True:
        try:
            return open_asking_password(None, target)
        except _Cancelled:
            return None
        except LibraryError as exc:
            answer = QMessageBox.warning(
                None,
                _("Warta"),
                str(exc) + "\n\n" + _("Choose another folder for the library?"),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Open:
                return None
            chosen = file_dialogs.folder(None, None, "library", _("Choose a library folder"))
            if not chosen:
                return None
            target = Path(chosen)


def _sign_in(library, parent: QWidget | None = None) -> int | None:  # noqa: ANN001
    """First-run wizard if needed, then the user choice (remembered per PC)."""
    from desktop import staff
    from desktop.ui.user_picker import needs_picking, pick_user
    from desktop.ui.wizard import FirstRunWizard

    settings = settings_mod.load()
    if library.needs_setup:
        wizard = FirstRunWizard(library, parent)
        if not wizard.exec():
            return None
        chosen = wizard.staff_id
    else:
        remembered = settings.user_for(library.library_id)
        if needs_picking(library, remembered):
            chosen = pick_user(library, parent, remembered)
            if chosen is None:
                return None
        else:
            rows = staff.list_staff(library)
            chosen = remembered if any(r.id == remembered for r in rows) else rows[0].id
    settings = settings_mod.load()
    settings.users[library.library_id] = chosen  # type: ignore[index]
    settings.last_library = str(library.path)
    settings_mod.save(settings)
    return chosen


class _Cancelled(LibraryError):
    """The user closed the password question: nothing to explain."""


def open_asking_password(parent: QWidget | None, path: Path | str):  # noqa: ANN201 - Library
    """``Library.open``; a server that wants a password this PC does not keep yet is asked for it.

    Raises LibraryError (a ``_Cancelled`` one when the question was cancelled).
    """
    from desktop.library import Library
    from desktop.server import SERVER_FILE, read_server_file
    from desktop.ui.server_page import ask_password

    refused = False
    while True:
        try:
            return Library.open(path)
        except ServerAuthError:
            url = read_server_file(Path(path) / SERVER_FILE)
            from desktop import credentials

            # A second refusal means the password typed (or kept) is wrong.
            refused = refused or credentials.get_password(url) is not None
            if not ask_password(parent, url, refused=refused):
                raise _Cancelled("") from None
            refused = True


def switch_library(current: QWidget, path: str) -> None:
    try:
        library = open_asking_password(current, path)
    except _Cancelled:
        return
    except LibraryError as exc:
        QMessageBox.warning(current, _("Warta"), str(exc))
        return
    staff_id = _sign_in(library, current)
    if staff_id is None:
        library.close()
        return
    window = create_main_window(library, staff_id)
    _windows.append(window)
    window.show()
    current.close()


def run_gui(library_arg: str | None) -> int:
    app = _application()
    library = _open_with_recovery(library_arg)
    if library is None:
        return 2
    smoke = bool(os.environ.get("WARTA_SMOKE_EXIT"))
    if smoke:
        # Packaging smoke test: prove the window comes up on any library
        # (even a new one) without waiting for the wizard, then leave.
        staff_id = None
    else:
        staff_id = _sign_in(library)
        if staff_id is None:
            library.close()
            return 0
    window = create_main_window(library, staff_id)
    _windows.append(window)
    window.show()
    if smoke:
        QTimer.singleShot(300, app.quit)
    code = app.exec()
    for w in _windows:
        ctx = getattr(w, "ctx", None)
        if ctx is not None:
            ctx.library.close()
    return code
