"""Settings → Backups: automatic snapshots, Backup now, Restore into a new folder.

Also the window's two automatic jobs (:func:`start_background`, called once
when the main window opens, and :func:`on_close`): a snapshot at most daily
while open plus a sweep of leftovers, and a snapshot on close.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QInputDialog,
    QLineEdit,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.stats import human_size
from desktop.i18n import _
from desktop.ui import file_dialogs

log = logging.getLogger(__name__)
BACKGROUND_INTERVAL_MS = 60 * 60 * 1000  # look once an hour whether a daily snapshot is due
# Leftovers younger than this may belong to an import running in this window.
SWEEP_MIN_AGE = 600


class BackupPage(QWidget):
    """The Backups tab of the Settings dialog."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backup-page")
        layout = QVBoxLayout(self)

        self.last_label = QLabel()
        self.last_label.setObjectName("backup-last")
        self.last_label.setWordWrap(True)
        layout.addWidget(self.last_label)

        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Backup now…"))
        self.backup_button.setObjectName("backup-now")
        self.backup_button.setToolTip(_("Write one verified backup file with all records and photos to a folder or USB disk"))
        self.backup_button.clicked.connect(self.choose_and_backup)
        self.restore_button = QPushButton(_("Restore a backup file…"))
        self.restore_button.setObjectName("backup-restore-file")
        self.restore_button.clicked.connect(self.choose_and_restore)
        self.password_box = QCheckBox(_("Protect with a password"))
        self.password_box.setObjectName("backup-password")
        self.password_box.setToolTip(_("The backup holds personal data; with a password only who knows it can restore it"))
        row.addWidget(self.backup_button)
        row.addWidget(self.password_box)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel(_("Automatic backups of the records (kept: one per day for 7 days, one per week for 4 weeks):")))
        self.table = QTreeWidget()
        self.table.setObjectName("backup-list")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([_("Taken"), _("Size")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.snapshot_button = QPushButton(_("Take an automatic backup now"))
        self.snapshot_button.setObjectName("backup-snapshot")
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.restore_snapshot_button = QPushButton(_("Restore selected into a new folder…"))
        self.restore_snapshot_button.setObjectName("backup-restore-snapshot")
        self.restore_snapshot_button.setEnabled(False)
        self.restore_snapshot_button.clicked.connect(self.restore_selected)
        row.addWidget(self.snapshot_button)
        row.addWidget(self.restore_snapshot_button)
        row.addStretch(1)
        layout.addLayout(row)

        note = QLabel(
            _(
                "A restore always creates a new library folder; the library you have open is never overwritten. "
                "Keep backup files on another disk: a backup on the same disk is lost with it."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark);")
        layout.addWidget(note)
        self.refresh()

    def title(self) -> str:
        return _("Backups")

    def apply(self) -> None:
        """Nothing to save: every action on this page takes effect at once."""

    # -- view ------------------------------------------------------------------------

    def refresh(self) -> None:
        from desktop.safety import api as safety

        last = safety.last_external_backup(self.ctx.library)
        if last is None:
            text = _("No backup has been made to another disk yet.")
            overdue = True
        else:
            local = last["at"].astimezone()
            text = _("Last backup to another disk: {when}, {path} ({size}).").format(
                when=dates.short_datetime(local), path=last.get("path", ""), size=human_size(int(last.get("size", 0)))
            )
            overdue = dt.datetime.now().astimezone() - local > dt.timedelta(days=safety.REMIND_AFTER_DAYS)
        self.last_label.setText(text)
        self.last_label.setStyleSheet("color: #a4262c; font-weight: bold;" if overdue else "")
        self.table.clear()
        for item in safety.auto_backups(self.ctx.library):
            row = QTreeWidgetItem([dates.short_datetime(item.taken_at), human_size(item.size)])
            row.setData(0, 256, str(item.path))  # Qt.UserRole
            self.table.addTopLevelItem(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_snapshot_button.setEnabled(bool(self.table.selectedItems()))

    # -- actions -----------------------------------------------------------------------

    def choose_and_backup(self) -> None:
        folder = file_dialogs.folder(self.ctx.settings, self, "backup", _("Choose a folder or USB disk for the backup"))
        if not folder:
            return
        password = None
        if self.password_box.isChecked():
            password = self._ask_password(_("Password for the backup (at least 8 characters):"))
            if password is None:
                return
            again = self._ask_password(_("The same password again: "))
            if again != password:
                QMessageBox.warning(self, _("Backup"), _("The two passwords differ; nothing was written."))
                return
        self.backup_to(Path(folder), password)

    def _ask_password(self, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, _("Backup password"), label, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def backup_to(self, folder: Path, password: str | None = None):  # noqa: ANN201 - TaskHandle
        from desktop.safety import api as safety

        library = self.ctx.library

        def done(result) -> None:  # noqa: ANN001 - BackupResult
            self.refresh()
            QMessageBox.information(
                self,
                _("Backup"),
                _("The backup was written and verified:\n{path}\n{files} files, {size}.").format(
                    path=result.path, files=result.files, size=human_size(result.size)
                ),
            )

        return self.ctx.tasks.start(
            lambda progress: safety.export_backup(library, folder, progress=progress, password=password),
            title=_("Backing up…"),
            on_done=done,
            parent=self,
        )

    def choose_and_restore(self) -> None:
        from desktop.safety import api as safety

        file = file_dialogs.open_file(self.ctx.settings, self, "backup", _("Choose a backup file"),
                                      _("Warta backups (*{suffix})").format(suffix=safety.BACKUP_SUFFIX))
        if not file:
            return
        password = None
        if safety.is_protected(file):
            password = self._ask_password(_("This backup is protected by a password. Password:"))
            if password is None:
                return
        target = self._choose_target()
        if target is not None:
            self.restore_file(Path(file), target, password)

    def _choose_target(self) -> Path | None:
        folder = file_dialogs.folder(self.ctx.settings, self, "library",
                                     _("Choose a new, empty folder for the restored library"))
        return Path(folder) if folder else None

    def restore_file(self, file: Path, target: Path, password: str | None = None):  # noqa: ANN201 - TaskHandle
        from desktop.safety import api as safety

        return self.ctx.tasks.start(
            lambda progress: safety.restore(file, target, progress, password=password),
            title=_("Restoring…"),
            on_done=self._restored,
            parent=self,
        )

    def take_snapshot(self) -> None:
        from desktop.safety import api as safety

        library = self.ctx.library
        self.ctx.tasks.start(
            lambda _progress: safety.auto_backup(library),
            title=_("Backing up…"),
            on_done=lambda _result: self.refresh(),
            parent=self,
        )

    def restore_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        target = self._choose_target()
        if target is not None:
            self.restore_snapshot(Path(items[0].data(0, 256)), target)

    def restore_snapshot(self, snapshot: Path, target: Path):  # noqa: ANN201 - TaskHandle
        from desktop.safety import api as safety

        library = self.ctx.library
        return self.ctx.tasks.start(
            lambda progress: safety.restore_snapshot(library, snapshot, target, progress),
            title=_("Restoring…"),
            on_done=self._restored,
            parent=self,
        )

    def _restored(self, result) -> None:  # noqa: ANN001 - RestoreResult
        answer = QMessageBox.question(
            self,
            _("Restore"),
            _("The backup was restored into the new library\n{path}\n({files} files). Open it now?").format(
                path=result.path, files=result.files
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and self.ctx.main_window is not None:
            from desktop.ui.app import switch_library

            self.window().close()
            switch_library(self.ctx.main_window, str(result.path))


# -- the window's automatic jobs ------------------------------------------------------------


def _background_job(library, *, sweep_too: bool):  # noqa: ANN001, ANN202
    def job(_progress) -> dict | None:  # noqa: ANN001
        from desktop.safety import api as safety

        safety.auto_backup_if_due(library)
        if sweep_too:  # the full walk once per session is enough; opening swept the top level
            return safety.scan(library, min_age=SWEEP_MIN_AGE)
        return None

    return job


def start_background(ctx) -> QTimer:  # noqa: ANN001 - AppContext
    """Snapshot at most daily while open and sweep leftovers, off the UI thread."""

    runs = [0]

    def found(result: dict | None) -> None:
        if result and (result["missing"] or result["moved"]):
            ctx.changed.emit(frozenset({"quarantine"}))  # Beranda shows the finding

    def run() -> None:
        runs[0] += 1
        ctx.tasks.start(
            _background_job(ctx.library, sweep_too=runs[0] == 1),
            title=_("Automatic backup"),
            show_progress=False,
            on_done=found,
            on_error=lambda exc: log.warning("automatic backup failed: %s", exc),
        )

    timer = QTimer(ctx)
    timer.setInterval(BACKGROUND_INTERVAL_MS)
    timer.timeout.connect(run)
    timer.start()
    QTimer.singleShot(5_000, timer, run)  # after start-up settled, not during it
    ctx.backup_timer = timer
    return timer


def on_close(ctx) -> None:  # noqa: ANN001 - AppContext
    """The automatic backup on close; a failure is logged, never keeps the window open."""
    from desktop.safety import api as safety

    timer = getattr(ctx, "backup_timer", None)
    if timer is not None:
        timer.stop()
        ctx.backup_timer = None
    try:
        safety.auto_backup(ctx.library)
    except Exception as exc:  # noqa: BLE001 - closing must not fail on a backup problem
        log.warning("automatic backup on close failed: %s", exc)
