"""Foto: the photo archive — grid with filters and search, side panel, large preview.

The grid page shows the thumbnails of the photos matching the filters; the
side panel edits the selected photo, or many photos at once. Enter (or a
double click) opens the large preview with the full metadata panel. Import
(File → Import, the buttons, or dropping files and folders on the window)
and export run as background tasks with progress and Cancel.
"""

from __future__ import annotations


from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import numbers
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.photos import api as photos
from desktop.ui.widgets import EmptyHint, OptionalDate, count_label, search_box, shortcut
from desktop.ui.photo_detail import PhotoDetailPage, PhotoForm, PhotoPreview
from desktop.ui.photo_dialogs import BulkEditPanel, ExportDialog, NearDuplicatesDialog, import_summary
from desktop.ui.photo_grid import PhotoGrid, PhotoGridModel
from desktop.ui.sections.base import Section
from desktop.ui.thumbnail_loader import ThumbnailLoader

IMPORT_FILTER = "Foto (*.jpg *.jpeg *.jpe *.jfif *.mpo *.png *.tif *.tiff *.webp *.heic *.heif *.hif)"
WATCHED = {"photos", "photo_events", "photo_albums", "photo_album_items"}


class PhotosSection(Section):
    key = "photos"

    @classmethod
    def title(cls) -> str:
        return _("Photos")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self._stale = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.loader = ThumbnailLoader(ctx.library.path, self._original_of, self)
        self.grid_page = self._build_grid_page()
        self.stack.addWidget(self.grid_page)
        self._detail: PhotoDetailPage | None = None  # built on first use: opening the grid stays fast
        self._side_form: PhotoForm | None = None
        self._detail_row = 0
        self.setAcceptDrops(True)

    # -- grid page ---------------------------------------------------------------

    def _build_grid_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 6)
        bar = QHBoxLayout()
        for text, slot, name in (
            (_("Import…"), self._import_dialog, "photos-import"),
            (_("Import folder…"), self._import_folder_dialog, "photos-import-folder"),
            (_("Export…"), self.export_selected, "photos-export"),
            (_("Similar photos…"), self.find_duplicates, "photos-duplicates"),
            (_("Delete"), self.delete_selected, "photos-delete"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.search_edit = search_box("photos-search", _("Search caption, event, location, tags, credit"))
        bar.addWidget(self.search_edit, 1)
        self.count_label = count_label("photos-count")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        filters = QHBoxLayout()
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("photos-filter-event")
        self.event_combo.setMinimumWidth(220)
        self.album_combo = QComboBox()
        self.album_combo.setObjectName("photos-filter-album")
        self.date_from = OptionalDate()
        self.date_to = OptionalDate()
        self.pilihan_check = QCheckBox(_("Selected (pilihan) only"))
        self.pilihan_check.setObjectName("photos-filter-pilihan")
        for label, widget in ((_("Event"), self.event_combo), (_("Album"), self.album_combo)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("Date from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.date_to)
        filters.addSpacing(12)
        filters.addWidget(self.pilihan_check)
        filters.addStretch(1)
        layout.addLayout(filters)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = PhotoGridModel(self.ctx.library, self.loader, self)
        self.grid = PhotoGrid()
        self.grid.setModel(self.model)
        EmptyHint(self.grid, lambda: _("No photos to show. Clear the search and filters, or import photos."))
        self.grid.activated.connect(lambda index: self.open_row(index.row()))
        self.grid.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        split.addWidget(self.grid)

        self.side = QStackedWidget()
        self.side.setMinimumWidth(320)
        empty = QLabel(_("Choose a photo to see and edit its caption, credit and event.\n\n"
                         "Select several (Ctrl or Shift + click) to change them together."))
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setMargin(16)
        self.side.addWidget(empty)
        self.bulk = BulkEditPanel(self.ctx)
        self.bulk.applied.connect(self._bulk_applied)
        self.side.addWidget(self.bulk)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 360])
        layout.addWidget(split, 1)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(300)
        self.refresh_timer.timeout.connect(lambda: self.refresh(keep_selection=True))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self.search_timer.start())
        self.event_combo.currentIndexChanged.connect(self.apply_filters)
        self.album_combo.currentIndexChanged.connect(self.apply_filters)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)
        self.pilihan_check.toggled.connect(self.apply_filters)
        shortcut(QKeySequence(Qt.Key.Key_Delete), self.grid, self.delete_selected, Qt.ShortcutContext.WidgetShortcut)
        self._fill_choices()
        self._update_count()
        return page

    def _fill_choices(self) -> None:
        for combo, items, all_label in (
            (self.event_combo, photos.list_events(self.ctx.library), _("All events")),
            (self.album_combo, photos.list_albums(self.ctx.library), _("All albums")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for item in items:
                combo.addItem(f"{item.name} ({item.count})", item.id)
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

    def current_filter(self) -> photos.PhotoFilter:
        return photos.PhotoFilter(
            search=self.search_edit.text().strip(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            event_id=self.event_combo.currentData(),
            album_id=self.album_combo.currentData(),
            pilihan=self.pilihan_check.isChecked(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()
        self._selection_changed()

    def _update_count(self) -> None:
        self.count_label.setText(_("{count} photos").format(count=numbers.integer(self.model.total)))

    def _original_of(self, sha: str) -> str | None:
        return photos.original_path(self.ctx.library, sha)

    # -- lazily built parts -------------------------------------------------------------

    @property
    def detail(self) -> PhotoDetailPage:
        if self._detail is None:
            self._detail = PhotoDetailPage(self.ctx)
            self._detail.back.connect(self.show_grid)
            self._detail.move.connect(self._move)
            self._detail.export_requested.connect(self.export_selected)
            self._detail.form.saved.connect(lambda _pid: self._refresh_soon())
            self.stack.addWidget(self._detail)
        return self._detail

    @property
    def side_form(self) -> PhotoForm:
        if self._side_form is None:
            single = QWidget()
            single_layout = QVBoxLayout(single)
            single_layout.setContentsMargins(0, 0, 0, 0)
            self.side_preview = PhotoPreview()
            self.side_preview.setFixedHeight(200)
            self.side_preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            single_layout.addWidget(self.side_preview)
            self._side_form = PhotoForm(self.ctx)
            self._side_form.saved.connect(lambda _pid: self._refresh_soon())
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(self._side_form)
            single_layout.addWidget(scroll, 1)
            self.side_single = single
            self.side.addWidget(single)
        return self._side_form

    def _side_form_saved(self) -> bool:
        """Save pending edits in the side panel (True when nothing is left unsaved)."""
        return self._side_form is None or self._side_form.save()

    # -- selection and side panel ---------------------------------------------------

    def selected_ids(self) -> list[int]:
        return self.grid.selected_ids()

    def _selection_changed(self) -> None:
        if not self._side_form_saved():
            return
        ids = self.selected_ids()
        if not ids:
            self.side.setCurrentIndex(0)
        elif len(ids) == 1:
            info = self.side_form.load(ids[0])
            if info is not None:
                self.side_preview.show_photo(self.ctx.library.path, info.sha256, info.path, full=False)
            self.side.setCurrentWidget(self.side_single)
        else:
            self.bulk.set_ids(ids)
            self.side.setCurrentWidget(self.bulk)

    def _bulk_applied(self, count: int) -> None:
        self.refresh(keep_selection=True)
        self.ctx.main_window and self.ctx.main_window.statusBar().showMessage(  # type: ignore[union-attr]
            _("{count} photos changed.").format(count=count), 5000
        )

    def select_ids(self, ids: list[int], *, update_panel: bool = True) -> None:
        selection = self.grid.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        selection.blockSignals(False)
        first = None
        wanted = set(ids)
        if not wanted:
            if update_panel:
                self._selection_changed()
            return
        rows = [row for row, pid in enumerate(photos.photo_ids(self.ctx.library, self.model.filter)) if pid in wanted]
        if rows:
            self.model.ensure_row(rows[-1])
        selection.blockSignals(True)  # one side-panel update, not one per photo
        try:
            for row in rows:
                index = self.model.index(row)
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                first = first or index
            if first is not None:
                selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.grid.viewport().update()
        if first is not None:
            self.grid.scrollTo(first)
        if update_panel:
            self._selection_changed()

    # -- refresh ----------------------------------------------------------------------

    def refresh(self, keep_selection: bool = True) -> None:
        self._stale = False
        ids = self.selected_ids() if keep_selection else []
        self._fill_choices()
        self.grid.selectionModel().blockSignals(True)
        self.model.refresh()
        self.grid.selectionModel().blockSignals(False)
        self._update_count()
        # Edits being typed in the side panel stay there; only a user's move saves them.
        editing = self._side_form is not None and self._side_form.dirty
        self.select_ids(ids, update_panel=not editing)

    def _refresh_soon(self) -> None:
        # Coalesced: an import commits a batch every few files.
        self.refresh_timer.start()

    def on_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            if self.isVisible() and self.stack.currentWidget() is self.grid_page:
                if self._side_form is None or not self._side_form.dirty:
                    self._refresh_soon()
                else:
                    self._stale = True
            else:
                self._stale = True

    def activate(self) -> None:
        if self._stale:
            self.refresh()
        self.grid.setFocus()

    # -- detail page --------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        photo_id = self.model.photo_id(row)
        if photo_id is None or not self._side_form_saved():
            return
        self._detail_row = row
        self.model.ensure_row(row)
        self.detail.show_photo(photo_id, row, self.model.total)
        self.stack.setCurrentWidget(self.detail)
        self.detail.setFocus()

    def _move(self, step: int) -> None:
        row = self._detail_row + step
        if 0 <= row < self.model.total:
            self.open_row(row)

    def show_filtered(self, filters: dict) -> None:  # noqa: ARG002 - the grid has no preset filters yet
        if self._detail is not None and self.stack.currentWidget() is self._detail:
            self._detail.back_button.click()

    def show_grid(self) -> None:
        self.stack.setCurrentWidget(self.grid_page)
        if self._stale:
            self.refresh()
        index = self.model.index(self._detail_row)
        self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(index)
        self.grid.setFocus()

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type != "photo":
            return False
        row = self.model.row_of(item_id)
        if row is None:  # hidden by the filters: show everything
            for widget in (self.event_combo, self.album_combo):
                widget.setCurrentIndex(0)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
            self.pilihan_check.setChecked(False)
            self.search_edit.clear()
            self.apply_filters()
            row = self.model.row_of(item_id)
        if row is None:
            return False
        self.open_row(row)
        return True

    # -- import -----------------------------------------------------------------------------

    def import_filter(self) -> str:
        return IMPORT_FILTER

    def _import_dialog(self) -> None:
        paths = file_dialogs.open_files(self.ctx.settings, self, "import-photos", _("Import photos"), IMPORT_FILTER)
        if paths:
            self.import_files(paths)

    def _import_folder_dialog(self) -> None:
        folder = file_dialogs.folder(self.ctx.settings, self, "import-photos", _("Import a folder of photos"))
        if folder:
            self.import_files([folder])

    def import_files(self, paths: list[str]) -> bool:
        from desktop.photos import api as photos

        library = self.ctx.library
        event = self.event_combo.currentText() if self.event_combo.currentData() else None
        event = event.rsplit(" (", 1)[0] if event else None

        def done(result) -> None:  # noqa: ANN001
            self.last_import = result
            self.refresh(keep_selection=False)
            if result.added:
                self.select_ids(list(result.added))
            message, details = import_summary(result)
            box = QMessageBox(self)
            box.setObjectName("photos-import-summary")
            box.setWindowTitle(_("Import photos"))
            box.setIcon(QMessageBox.Icon.Warning if result.rejected else QMessageBox.Icon.Information)
            box.setText(message)
            if details:
                box.setDetailedText(details)
            box.open()
            self.summary_box = box

        self.import_task = self.ctx.tasks.start(
            lambda progress: photos.import_paths(library, paths, event=event, progress=progress),
            title=_("Importing photos"),
            on_done=done,
            parent=self,
        )
        return True

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self.import_files(paths):
            event.acceptProposedAction()

    # -- export, duplicates, delete -------------------------------------------------------

    def export_selected(self) -> None:
        from desktop.photos import api as photos

        in_detail = self._detail is not None and self.stack.currentWidget() is self._detail
        ids = [self.detail.form.photo_id] if in_detail else self.selected_ids()
        ids = [i for i in ids if i is not None]
        if not ids:
            QMessageBox.information(self, _("Export photos"), _("Select the photos to export first."))
            return
        folder = file_dialogs.start_folder(self.ctx.settings, "export-photos")
        dialog = ExportDialog(len(ids), folder, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        library, target, edge = self.ctx.library, dialog.folder.text().strip(), dialog.long_edge()
        file_dialogs.remember(self.ctx.settings, "export-photos", target)

        def done(result) -> None:  # noqa: ANN001
            self.last_export = result
            lines = [_("{count} photo(s) exported to {path}.").format(count=len(result.written), path=target)]
            if not result.metadata_embedded:
                lines.append(_("Some originals cannot carry a caption (HEIC, WebP, or damaged metadata): they were copied unchanged, without caption and credit."))
            lines += [_("not exported: photo {id}: {reason}").format(**f) for f in result.failed]
            QMessageBox.information(self, _("Export photos"), "\n".join(lines))

        self.ctx.tasks.start(
            lambda progress: photos.export_photos(library, ids, target, long_edge=edge, progress=progress),
            title=_("Exporting photos"),
            on_done=done,
            parent=self,
        )

    def find_duplicates(self) -> None:
        library = self.ctx.library

        def done(pairs) -> None:  # noqa: ANN001
            if not pairs:
                QMessageBox.information(self, _("Similar photos"), _("No similar photos found."))
                return
            self.duplicates_dialog = NearDuplicatesDialog(self.ctx, pairs, self)
            self.duplicates_dialog.open()

        self.ctx.tasks.start(lambda _progress: photos.near_duplicates(library), title=_("Looking for similar photos"),
                             on_done=done, parent=self)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            _("Delete photos"),
            _("Delete {count} photo(s) from the library? Their files are removed too.").format(count=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            photos.delete_photos(self.ctx.library, ids)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.refresh(keep_selection=False)
