"""One photo: a large preview and the metadata panel (caption, credit, date, event …).

The preview shows the cached thumbnail at once and swaps in the print
rendition (≤ 2000 px) when a worker thread has read it — making it first
from the original if it does not exist yet. Nothing is decoded on the UI
thread but the small thumbnail.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import numbers
from desktop.i18n import _
from desktop.stats import human_size
from desktop.photos import api as photos
from desktop.ui.widgets import OptionalDate, shortcut, text_box


class _PreviewSignals(QObject):
    loaded = Signal(str, QImage)


class _LoadRendition(QRunnable):
    def __init__(self, root: str, rel: str, sha: str, signals: _PreviewSignals) -> None:
        super().__init__()
        self.root, self.rel, self.sha, self.signals = root, rel, sha, signals

    def run(self) -> None:
        from desktop.photos import api as photos

        path = photos.rendition_path(Path(self.root), self.sha)
        if not path.is_file():
            photos.make_rendition(self.root, self.rel, self.sha)
        reader = QImageReader(str(path))
        reader.setAutoTransform(False)  # renditions are stored upright
        image = reader.read()
        if not image.isNull():
            self.signals.loaded.emit(self.sha, image)


class PhotoPreview(QLabel):
    """The picture, scaled to fit and kept sharp on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo-preview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(200, 150))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("#photo-preview { background: #202124; }")
        self._pixmap = QPixmap()
        self._sha = ""
        self._signals = _PreviewSignals(self)
        self._signals.loaded.connect(self._loaded)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.full_loaded = False

    def show_photo(self, root: Path, sha: str, rel: str, *, full: bool = True) -> None:
        self._sha = sha
        self.full_loaded = False
        reader = QImageReader(str(photos.thumbnail_path(root, sha)))
        image = reader.read()
        self._set(QPixmap.fromImage(image) if not image.isNull() else QPixmap())
        if full:
            self.pool.start(_LoadRendition(str(root), rel, sha, self._signals))

    def clear_photo(self) -> None:
        self._sha = ""
        self._set(QPixmap())

    def _loaded(self, sha: str, image: QImage) -> None:
        if sha == self._sha:
            self.full_loaded = True
            self._set(QPixmap.fromImage(image))

    def _set(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            self.setPixmap(QPixmap())
            return
        self.setPixmap(
            self._pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._rescale()


class PhotoForm(QWidget):
    """The metadata panel of one photo; ``save()`` writes it in one transaction."""

    saved = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.photo_id: int | None = None
        self._loading = False
        self.dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setObjectName("photo-heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.caption = text_box()
        self.caption.setObjectName("photo-caption")
        self.caption.setFixedHeight(96)
        self.credit = QLineEdit()
        self.credit.setObjectName("photo-credit")
        self.date = OptionalDate()
        self.date.setObjectName("photo-date")
        self.event = QComboBox()
        self.event.setObjectName("photo-event")
        self.event.setEditable(True)
        self.event.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.location = QLineEdit()
        self.location.setObjectName("photo-location")
        self.tags = QLineEdit()
        self.tags.setObjectName("photo-tags")
        self.tags.setPlaceholderText(_("separated by commas"))
        self.albums = QLineEdit()
        self.albums.setObjectName("photo-albums")
        self.albums.setPlaceholderText(_("separated by commas"))
        self.people = QLineEdit()
        self.people.setObjectName("photo-people")
        self.people.setPlaceholderText(_("contact names, separated by semicolons"))
        self.pilihan = QCheckBox(_("Selected photo (pilihan)"))
        self.pilihan.setObjectName("photo-pilihan")
        self.notes = text_box()
        self.notes.setObjectName("photo-notes")
        self.notes.setFixedHeight(60)
        # The caption is a sentence or two: it gets the panel's whole width, its label above it.
        form.addRow(QLabel(_("Caption")))
        form.addRow(self.caption)
        form.addRow(_("Credit"), self.credit)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Event"), self.event)
        form.addRow(_("Location"), self.location)
        form.addRow(_("Tags"), self.tags)
        form.addRow(_("Albums"), self.albums)
        form.addRow(_("People shown"), self.people)
        form.addRow("", self.pilihan)
        form.addRow(_("Usage notes"), self.notes)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("photo-save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("Undo changes"))
        self.revert_button.clicked.connect(lambda: self.load(self.photo_id))
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.facts = QLabel()
        self.facts.setObjectName("photo-facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.facts)
        layout.addStretch(1)
        shortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        for signal in (
            self.caption.textChanged, self.credit.textChanged, self.date.changed, self.event.currentTextChanged,
            self.location.textChanged, self.tags.textChanged, self.albums.textChanged, self.people.textChanged,
            self.pilihan.toggled,
            self.notes.textChanged,
        ):
            signal.connect(self._mark_dirty)
        self._update_buttons()

    def _mark_dirty(self, *_args) -> None:  # noqa: ANN002
        if not self._loading:
            self.dirty = True
            self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty and self.photo_id is not None)
        self.revert_button.setEnabled(self.dirty)

    def load(self, photo_id: int | None) -> photos.PhotoInfo | None:
        self._loading = True
        try:
            self.photo_id = photo_id
            info = photos.get_photo(self.ctx.library, photo_id) if photo_id is not None else None
            events = [e.name for e in photos.list_events(self.ctx.library)]
            self.event.clear()
            self.event.addItems(["", *events])
            if info is None:
                for widget in (self.credit, self.location, self.tags, self.albums, self.people):
                    widget.clear()
                self.caption.clear()
                self.notes.clear()
                self.heading.clear()
                self.facts.clear()
            else:
                self.heading.setText(info.file_name)
                self.caption.setPlainText(info.caption)
                self.credit.setText(info.credit)
                self.date.set_value(info.date)
                self.event.setCurrentText(info.event)
                self.event.lineEdit().setCursorPosition(0)  # show the start of a long event name
                self.location.setText(info.location)
                self.tags.setText(", ".join(info.tags))
                self.albums.setText(", ".join(info.albums))
                self.people.setText("; ".join(photos.people_names(self.ctx.library, info.people)))
                self.pilihan.setChecked(info.pilihan)
                self.notes.setPlainText(info.usage_notes)
                self.facts.setText(self._facts(info))
            self.setEnabled(info is not None)
            self.dirty = False
            self._update_buttons()
            return info
        finally:
            self._loading = False

    @staticmethod
    def _facts(info: photos.PhotoInfo) -> str:
        lines = [
            _("{format}, {width}×{height} px, {size}").format(
                format=info.format, width=info.width, height=info.height, size=human_size(info.size_bytes)
            )
        ]
        if info.taken:
            lines.append(_("Taken: {when}").format(when=info.taken.strftime("%d/%m/%Y %H:%M")))
        if info.camera:
            lines.append(_("Camera: {camera}").format(camera=info.camera))
        if info.gps_lat is not None and info.gps_lon is not None:
            lines.append(_("GPS: {lat:.5f}, {lon:.5f}").format(lat=info.gps_lat, lon=info.gps_lon))
        if info.artist or info.copyright:
            lines.append(_("In the file: {who}").format(who=" · ".join(x for x in (info.artist, info.copyright) if x)))
        return "\n".join(lines)

    def edit(self) -> photos.PhotoEdit:
        return photos.PhotoEdit(
            caption=self.caption.toPlainText(),
            credit=self.credit.text(),
            date=self.date.value(),
            event=self.event.currentText(),
            location=self.location.text(),
            tags=photos.parse_tags(self.tags.text()),
            usage_notes=self.notes.toPlainText(),
            pilihan=self.pilihan.isChecked(),
            albums=photos.parse_tags(self.albums.text()),
            # Names carry academic titles with commas ("Siti Aminah, S.H."): semicolons separate people.
            people=photos.find_people(self.ctx.library, self.people.text().split(";")),
        )

    def save(self) -> bool:
        """Write the panel; False (and the error shown) if it could not be saved."""
        if self.photo_id is None or not self.dirty:
            return True
        try:
            photos.update_photo(self.ctx.library, self.photo_id, self.edit())  # edit() checks the names too
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing was changed
            self.ctx.show_error(self, exc)
            return False
        self.dirty = False
        self._update_buttons()
        self.saved.emit(self.photo_id)
        return True


class PhotoDetailPage(QWidget):
    """Large preview with the metadata panel; Page Up/Down move, Escape goes back."""

    back = Signal()
    move = Signal(int)  # -1 previous, +1 next
    export_requested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("photo-detail")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Page Up/Down and Escape work from the page itself
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        bar = QHBoxLayout()
        self.back_button = QPushButton(_("← Back to the grid"))
        self.back_button.clicked.connect(self._back)
        self.prev_button = QPushButton(_("‹ Previous"))
        self.prev_button.clicked.connect(lambda: self._move(-1))
        self.next_button = QPushButton(_("Next ›"))
        self.next_button.clicked.connect(lambda: self._move(1))
        self.position = QLabel()
        self.position.setObjectName("photo-position")
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setObjectName("photo-export")
        self.export_button.clicked.connect(self._export)
        bar.addWidget(self.back_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.position)
        bar.addWidget(self.next_button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.preview = PhotoPreview()
        split.addWidget(self.preview)
        self.form = PhotoForm(ctx)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(400)  # event and location names fit at 1366 px
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 460])
        layout.addWidget(split, 1)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        # Keys the text fields leave unused reach the page: Page Up/Down and
        # Alt+Left/Right move between photos, Escape returns to the grid.
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_Escape:
            self._back()
        elif key == Qt.Key.Key_PageDown or (alt and key == Qt.Key.Key_Right):
            self._move(1)
        elif key == Qt.Key.Key_PageUp or (alt and key == Qt.Key.Key_Left):
            self._move(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def show_photo(self, photo_id: int, row: int, total: int) -> None:
        info = self.form.load(photo_id)
        if info is not None:
            self.preview.show_photo(self.ctx.library.path, info.sha256, info.path)
        else:
            self.preview.clear_photo()
        self.position.setText(_("{row} of {total}").format(row=numbers.integer(row + 1),
                                                         total=numbers.integer(total)))
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(row + 1 < total)

    def _back(self) -> None:
        if self.form.save():
            self.back.emit()

    def _export(self) -> None:
        if self.form.save():  # the exported file carries the caption as shown
            self.export_requested.emit()

    def _move(self, step: int) -> None:
        if self.form.save():  # unsaved edits are kept, never dropped
            self.move.emit(step)
