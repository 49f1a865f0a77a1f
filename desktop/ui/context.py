"""What every section and dialog of the window shares."""

from __future__ import annotations

import errno
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import settings as settings_mod
from desktop import staff as staff_mod
from desktop.errors import WartaError
from desktop.i18n import _


def _disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno == errno.ENOSPC


class AppContext(QObject):
    """The open library, the signed-in staff member, background tasks, change events.

    ``changed`` carries the frozenset of table names a committed write
    touched (from ``Store`` listeners, possibly on a worker thread; the
    signal queues it to the UI thread) so each view refreshes itself.
    """

    changed = Signal(object)
    # Another PC's committed change (shared-office mode), from the watcher thread.
    _remote = Signal(object)
    #: The office server answered again after a lost connection: unsaved work can be retried.
    reconnected = Signal()
    #: One sentence for the status bar (connection lost / back), "" to clear.
    connection_message = Signal(str)
    _ping_result = Signal(bool)
    RETRY_MS = 3000

    def __init__(self, library, staff_id: int | None, parent: QObject | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        from desktop.ui.tasks import TaskRunner

        self.library = library
        self.staff_id = staff_id
        from desktop.ui import file_dialogs

        file_dialogs.protect(library.path)
        library.store.staff_id = staff_id
        self.settings = settings_mod.load()
        self.tasks = TaskRunner(self)
        self.main_window: QWidget | None = None
        library.store.subscribe(self._on_store_changed)
        self._remote.connect(self._on_store_changed, Qt.ConnectionType.QueuedConnection)
        library.store.watch(self._remote.emit)
        self.offline = False
        self._retry = QTimer(self)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(self._ping)
        self._ping_result.connect(self._on_ping, Qt.ConnectionType.QueuedConnection)
        self._pinging = False

    def _on_store_changed(self, tables: frozenset[str]) -> None:
        self.changed.emit(tables)

    @property
    def staff(self):  # noqa: ANN201 - database.models.Staff
        return staff_mod.get(self.library, self.staff_id)

    @property
    def role(self) -> str:
        row = self.staff
        return row.role if row else ""

    def save_settings(self) -> None:
        settings_mod.save(self.settings)

    def connection_lost(self, exc: BaseException) -> None:
        """The office server is gone: say so once, in the status bar, and retry every few seconds."""
        self.offline = True
        self.connection_message.emit(
            str(exc) + " " + _("Unsaved changes stay in the window; Warta saves them when the server is back.")
        )
        if not self._retry.isActive():
            self._retry.start()

    def _ping(self) -> None:
        # A ping to an unreachable host can take seconds: never on the UI thread.
        if self._pinging:
            return
        self._pinging = True
        threading.Thread(target=lambda: self._ping_result.emit(self.library.store.ping()), daemon=True).start()

    def _on_ping(self, ok: bool) -> None:
        self._pinging = False
        if not ok or not self.offline:
            return
        self.offline = False
        self._retry.stop()
        self.connection_message.emit(_("Connected to the office server again."))
        self.reconnected.emit()

    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """Show a failure to the user: their message for WartaError, a generic one otherwise.

        A lost server connection is not a dialog per failure but one sentence
        in the status bar until the server is back (:meth:`connection_lost`).
        """
        from desktop.server import ServerUnavailable

        if isinstance(exc, ServerUnavailable):
            self.connection_lost(exc)
            return
        from desktop.safety import api as safety

        # A full or read-only disk reached outside the database (a photo copy,
        # an export) says so, like the database's own storage errors.
        storage = safety.explain_storage_error(exc, str(self.library.path)) if _disk_full(exc) else None
        if isinstance(exc, WartaError) or storage is not None:
            text = str(exc if storage is None else storage)
        else:
            text = _("Something went wrong: {error}. Nothing was changed.").format(
                error=f"{exc.__class__.__name__}: {exc}"
            )
        QMessageBox.warning(parent or self.main_window, _("Warta"), text)

    def detach(self) -> None:
        self._retry.stop()
        self.library.store.unsubscribe(self._on_store_changed)
