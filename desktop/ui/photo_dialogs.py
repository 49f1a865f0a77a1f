"""Photo dialogs and panels: bulk edit, export, near-duplicates side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.stats import human_size
from desktop.photos import api as photos


class BulkEditPanel(QWidget):
    """Set event, credit, location, tags, albums or the pilihan mark on many photos at once.

    Empty fields are left as they are on every photo.
    """

    applied = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("photo-bulk")
        self.ctx = ctx
        self.ids: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setObjectName("bulk-heading")
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        hint = QLabel(_("Fields left empty are not changed."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.event = QComboBox()
        self.event.setObjectName("bulk-event")
        self.event.setEditable(True)
        self.event.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.credit = QLineEdit()
        self.credit.setObjectName("bulk-credit")
        self.location = QLineEdit()
        self.location.setObjectName("bulk-location")
        self.tags = QLineEdit()
        self.tags.setObjectName("bulk-tags")
        self.tags.setPlaceholderText(_("added to each photo's tags"))
        self.albums = QLineEdit()
        self.albums.setObjectName("bulk-albums")
        self.albums.setPlaceholderText(_("added to these albums"))
        self.pilihan = QComboBox()
        self.pilihan.setObjectName("bulk-pilihan")
        self.pilihan.addItem(_("leave as it is"), None)
        self.pilihan.addItem(_("mark as selected"), True)
        self.pilihan.addItem(_("remove the mark"), False)
        form.addRow(_("Event"), self.event)
        form.addRow(_("Credit"), self.credit)
        form.addRow(_("Location"), self.location)
        form.addRow(_("Add tags"), self.tags)
        form.addRow(_("Add to albums"), self.albums)
        form.addRow(_("Pilihan"), self.pilihan)
        layout.addLayout(form)
        self.apply_button = QPushButton(_("Apply to the selected photos"))
        self.apply_button.setObjectName("bulk-apply")
        self.apply_button.clicked.connect(self.apply)
        layout.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)

    def set_ids(self, ids: list[int]) -> None:
        self.ids = list(ids)
        self.heading.setText(_("{count} photos selected").format(count=len(self.ids)))
        current = self.event.currentText()
        self.event.clear()
        self.event.addItems(["", *(e.name for e in photos.list_events(self.ctx.library))])
        self.event.setCurrentText(current)

    def edit(self) -> photos.BulkEdit:
        def text(widget: QLineEdit) -> str | None:
            return widget.text().strip() or None

        return photos.BulkEdit(
            event=self.event.currentText().strip() or None,
            credit=text(self.credit),
            location=text(self.location),
            add_tags=photos.parse_tags(self.tags.text()),
            add_albums=photos.parse_tags(self.albums.text()),
            pilihan=self.pilihan.currentData(),
        )

    def apply(self) -> None:
        try:
            count = photos.bulk_update(self.ctx.library, self.ids, self.edit())
        except Exception as exc:  # noqa: BLE001 - shown; nothing was changed
            self.ctx.show_error(self, exc)
            return
        for widget in (self.credit, self.location, self.tags, self.albums):
            widget.clear()
        self.event.setCurrentText("")
        self.pilihan.setCurrentIndex(0)
        self.applied.emit(count)


class ExportDialog(QDialog):
    """Long edge (1600, 2048 or the original) and the folder to export into."""

    def __init__(self, count: int, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo-export-dialog")
        self.setWindowTitle(_("Export photos"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{count} photo(s) will be exported.").format(count=count)))
        self.group = QButtonGroup(self)
        for edge, label in (
            (1600, _("1600 px on the long edge (web, WhatsApp)")),
            (2048, _("2048 px on the long edge (newsrooms)")),
            (0, _("Original, unchanged")),
        ):
            button = QRadioButton(label)
            button.setObjectName(f"export-edge-{edge}")
            self.group.addButton(button, edge)
            layout.addWidget(button)
        self.group.button(2048).setChecked(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.folder = QLineEdit(folder)
        self.folder.setObjectName("export-folder")
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel(_("Folder")))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.idToggled.connect(lambda *_a: self._update_note())
        self._update_note()

    def _update_note(self) -> None:
        if self.long_edge() == 0:
            self.note.setText(
                _("The original file is copied byte for byte; caption and credit cannot be embedded in it.")
            )
        else:
            self.note.setText(_("Caption, credit and date are embedded in each exported JPEG (EXIF and XMP)."))

    def _browse(self) -> None:
        chosen = file_dialogs.folder(None, self, "export-photos", _("Export photos"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def long_edge(self) -> int:
        return self.group.checkedId()


def _picture(root: Path, sha: str, width: int = 420) -> QPixmap:
    # Small cached thumbnails only: cheap enough for the UI thread.
    image = QImageReader(str(photos.thumbnail_path(root, sha))).read()
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


class NearDuplicatesDialog(QDialog):
    """Near-duplicate pairs one at a time, side by side: keep both, or remove one."""

    def __init__(self, ctx, pairs: list[photos.NearDuplicate], parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("photo-duplicates")
        self.setWindowTitle(_("Similar photos"))
        self.ctx = ctx
        self.pairs = list(pairs)
        self.position = 0
        self.removed = 0
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("duplicates-status")
        layout.addWidget(self.status)
        grid = QGridLayout()
        self.pictures = [QLabel(), QLabel()]
        self.captions = [QLabel(), QLabel()]
        self.remove_buttons = [QPushButton(_("Remove this one")), QPushButton(_("Remove this one"))]
        for col in range(2):
            self.pictures[col].setMinimumSize(420, 315)
            self.pictures[col].setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.captions[col].setWordWrap(True)
            self.remove_buttons[col].setObjectName(f"duplicates-remove-{col}")
            self.remove_buttons[col].clicked.connect(lambda _c=False, side=col: self.remove(side))
            grid.addWidget(self.pictures[col], 0, col)
            grid.addWidget(self.captions[col], 1, col)
            grid.addWidget(self.remove_buttons[col], 2, col)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.keep_button = QPushButton(_("Keep both"))
        self.keep_button.setObjectName("duplicates-keep")
        self.keep_button.clicked.connect(self.next_pair)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(close)
        layout.addLayout(row)
        self._show()

    def current(self) -> photos.NearDuplicate | None:
        return self.pairs[self.position] if self.position < len(self.pairs) else None

    def _show(self) -> None:
        pair = self.current()
        has = pair is not None
        for widget in (*self.remove_buttons, self.keep_button):
            widget.setEnabled(has)
        if not has:
            self.status.setText(_("No more similar photos."))
            for col in range(2):
                self.pictures[col].clear()
                self.captions[col].clear()
            return
        self.status.setText(
            _("Pair {n} of {total} (difference {distance} of 64)").format(
                n=self.position + 1, total=len(self.pairs), distance=pair.distance
            )
        )
        for col, photo_id in enumerate((pair.a, pair.b)):
            info = photos.get_photo(self.ctx.library, photo_id)
            self.pictures[col].setPixmap(_picture(self.ctx.library.path, info.sha256))
            self.captions[col].setText(
                f"{info.file_name}\n{info.width}×{info.height} px, {human_size(info.size_bytes)}\n{info.caption}"
            )

    def next_pair(self) -> None:
        self.position += 1
        self._show()

    def remove(self, side: int) -> None:
        pair = self.current()
        if pair is None:
            return
        doomed = (pair.a, pair.b)[side]
        try:
            photos.delete_photos(self.ctx.library, [doomed])
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.removed += 1
        # Pairs with the removed photo are settled too.
        self.pairs = self.pairs[: self.position] + [
            p for p in self.pairs[self.position :] if doomed not in (p.a, p.b)
        ]
        self._show()


def import_summary(result) -> tuple[str, str]:  # noqa: ANN001 - desktop.jobs.ImportResult
    """(message, details) for the box shown after an import."""
    lines = [
        _("{added} photo(s) added, {existing} already in the library, {rejected} rejected.").format(
            added=len(result.added), existing=len(result.existing), rejected=len(result.rejected)
        )
    ]
    if result.cancelled:
        lines.insert(0, _("Import cancelled. Photos imported before Cancel are kept; nothing else was added."))
    details = "\n".join(f"{r['source']}: {r['reason']}" for r in result.rejected)
    return "\n".join(lines), details

