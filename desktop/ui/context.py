"""What every section and dialog of the window shares."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import settings as settings_mod
from desktop import staff as staff_mod
from desktop.errors import WartaError
from desktop.i18n import _


class AppContext(QObject):
    """The open library, the signed-in staff member, background tasks, change events.

    ``changed`` carries the frozenset of table names a committed write
    touched (from ``Store`` listeners, possibly on a worker thread; the
    signal queues it to the UI thread) so each view refreshes itself.
    """

    changed = Signal(object)
    # Another PC's committed change (shared-office mode), from the watcher thread.
    _remote = Signal(object)

    def __init__(self, library, staff_id: int | None, parent: QObject | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        from desktop.ui.tasks import TaskRunner

        self.library = library
        self.staff_id = staff_id
        library.store.staff_id = staff_id
        self.settings = settings_mod.load()
        self.tasks = TaskRunner(self)
        self.main_window: QWidget | None = None
        library.store.subscribe(self._on_store_changed)
        self._remote.connect(self._on_store_changed, Qt.ConnectionType.QueuedConnection)
        library.store.watch(self._remote.emit)

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

    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """Show a failure to the user: their message for WartaError, a generic one otherwise."""
        if isinstance(exc, WartaError):
            text = str(exc)
        else:
            text = _("Something went wrong: {error}. Nothing was changed.").format(
                error=f"{exc.__class__.__name__}: {exc}"
            )
        QMessageBox.warning(parent or self.main_window, _("Warta"), text)

    def detach(self) -> None:
        self.library.store.unsubscribe(self._on_store_changed)
