"""The press-kit composer: parts in order (drag and drop), settings, live PDF preview, print, export.

The preview is the real PDF: the same headless renderer the command line
uses runs in a background task a moment after the last change (debounced),
and QtPdf shows the bytes. Print renders the pages of that document onto the
printer; Save as PDF, Export ZIP and Open in viewer go through
``desktop.kits.store`` so every export is logged.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.widgets import EmptyHint, fit_to_screen, text_box
from desktop.ui import file_dialogs
from desktop.kits import api as kits

PREVIEW_DELAY_MS = 700
PART_ROLE = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-warta-kit-rows"


class PartsModel(QAbstractListModel):
    """The kit's parts in order; rows move by drag and drop (``moveRows``) or the arrow buttons."""

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.parts: list[kits.PartInput] = []
        self.labels: list[str] = []

    def set_parts(self, parts: list[kits.PartInput]) -> None:
        self.beginResetModel()
        self.parts = list(parts)
        self.labels = [kits.describe_part(self.library, p) for p in self.parts]
        self.endResetModel()

    def append(self, part: kits.PartInput) -> None:
        row = len(self.parts)
        self.beginInsertRows(QModelIndex(), row, row)
        self.parts.append(part)
        self.labels.append(kits.describe_part(self.library, part))
        self.endInsertRows()

    def replace(self, row: int, part: kits.PartInput) -> None:
        self.parts[row] = part
        self.labels[row] = kits.describe_part(self.library, part)
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.parts)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        part = self.parts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.labels[index.row()]
            kind = kits.part_kind_label(part.kind)
            return f"{index.row() + 1}. {kind}" + (f": {label}" if label else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.labels[index.row()]
        if role == PART_ROLE:
            return part
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        mime.setData(MIME, QByteArray(json.dumps(sorted({i.row() for i in indexes})).encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        rows = json.loads(bytes(data.data(MIME)).decode())
        dest = row if row >= 0 else (parent.row() if parent.isValid() else len(self.parts))
        self.move_rows(rows, dest)
        # The rows were moved here; returning False keeps the view from deleting the "source" rows.
        return False

    def moveRows(self, source_parent: QModelIndex, source_row: int, count: int,  # noqa: N802
                 dest_parent: QModelIndex, dest_child: int) -> bool:
        if source_parent.isValid() or dest_parent.isValid() or count <= 0:
            return False
        if source_row <= dest_child <= source_row + count:
            return False  # onto itself
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), dest_child):
            return False
        moving = list(zip(self.parts, self.labels))[source_row:source_row + count]
        del self.parts[source_row:source_row + count]
        del self.labels[source_row:source_row + count]
        at = dest_child if dest_child < source_row else dest_child - count
        for offset, (part, label) in enumerate(moving):
            self.parts.insert(at + offset, part)
            self.labels.insert(at + offset, label)
        self.endMoveRows()
        return True

    def move_rows(self, rows: list[int], dest: int) -> None:
        """Move ``rows`` (kept in their order) so they sit before row ``dest``."""
        rows = sorted(set(r for r in rows if 0 <= r < len(self.parts)))
        if not rows:
            return
        if len(rows) == 1:
            self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), dest)
            return
        self.layoutAboutToBeChanged.emit()
        keep = [i for i in range(len(self.parts)) if i not in rows]
        at = sum(1 for i in keep if i < dest)
        order = keep[:at] + rows + keep[at:]
        new_row = {old: new for new, old in enumerate(order)}
        self.parts = [self.parts[i] for i in order]
        self.labels = [self.labels[i] for i in order]
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_row[i.row()]) for i in old])
        self.layoutChanged.emit()

    def removeRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() or row < 0 or row + count > len(self.parts):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.parts[row:row + count]
        del self.labels[row:row + count]
        self.endRemoveRows()
        return True


class PickerDialog(QDialog):
    """Choose items found by a search that runs in SQL as the user types (at most 200 shown)."""

    def __init__(self, title: str, search, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search = search
        fit_to_screen(self, 520, 460)
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText(_("Search…"))
        self.query.setClearButtonEnabled(True)
        layout.addWidget(self.query)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        EmptyHint(self.list, lambda: _("Nothing matches. Try another word."))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for item_id, label in self.search(self.query.text().strip()):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]


class FactSheetDialog(QDialog):
    """Title and Markdown text of a fact sheet, backgrounder or rundown."""

    def __init__(self, part: kits.PartInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Fact sheet"))
        fit_to_screen(self, 620, 520)
        layout = QFormLayout(self)
        self.title = QLineEdit(part.title if part else "")
        self.title.setPlaceholderText(_("e.g. Fact sheet, Rundown, Background"))
        self.text = text_box(part.text if part else "")
        self.text.setPlaceholderText(_("Text. **bold**, *italic*, lines starting with - for lists, ## for headings."))
        layout.addRow(_("Title"), self.title)
        layout.addRow(_("Text"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def part(self) -> kits.PartInput:
        return kits.PartInput("factsheet", title=self.title.text().strip(), text=self.text.toPlainText())


class KitComposer(QWidget):
    """Compose one kit: settings and parts on the left, the PDF preview on the right."""

    saved = Signal(int)
    back = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.ctx = ctx
        self.library = ctx.library
        self.kit_id: int | None = None
        self.dirty = False
        self._generation = 0
        self._rendering = False
        self._pending = False
        self._buffer: QBuffer | None = None
        self.pdf_bytes: bytes = b""

        root = QHBoxLayout(self)
        root.setContentsMargins(10, 8, 10, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(splitter)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton(_("← Press kits"))
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self._go_back)
        top.addWidget(self.back_button)
        top.addStretch(1)
        lv.addLayout(top)

        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. Press kit: Rakor Pengawasan Partisipatif"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.event_edit = QLineEdit()
        self.paper = QComboBox()
        self.paper.addItem(_("A4 (210 × 297 mm)"), "a4")
        self.paper.addItem(_("F4 / Folio (215 × 330 mm)"), "f4")
        self.per_page = QComboBox()
        self.per_page.addItem(_("One photo per page"), 1)
        self.per_page.addItem(_("Two photos per page"), 2)
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Event"), self.event_edit)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Photos"), self.per_page)
        lv.addLayout(form)

        lv.addWidget(QLabel(_("Parts (drag to reorder)")))
        self.model = PartsModel(self.library, self)
        self.parts_view = QListView()
        self.parts_view.setObjectName("kit-parts")
        self.parts_view.setModel(self.model)
        self.parts_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.parts_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.parts_view.setDragEnabled(True)
        self.parts_view.setAcceptDrops(True)
        self.parts_view.setDropIndicatorShown(True)
        self.parts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.parts_view.doubleClicked.connect(self._edit_part)
        self.parts_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.parts_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lv.addWidget(self.parts_view, 1)

        row = QHBoxLayout()
        self.add_button = QToolButton()
        self.add_button.setText(_("Add part"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        menu.addAction(_("Cover"), lambda: self.add_part(kits.PartInput("cover")))
        menu.addAction(_("Articles…"), self.pick_articles)
        menu.addAction(_("Photos…"), self.pick_photos)
        menu.addAction(_("Fact sheet…"), self.new_fact_sheet)
        menu.addAction(_("Office profile"), lambda: self.add_part(kits.PartInput("office")))
        menu.addAction(_("Contact persons…"), self.pick_contacts)
        menu.addAction(_("Staff as contact person…"), self.pick_staff)
        menu.addAction(_("Distribution list (appendix)…"), self.pick_list)
        self.add_button.setMenu(menu)
        row.addWidget(self.add_button)
        self.up_button = QToolButton(text="↑")
        self.up_button.setToolTip(_("Move up"))
        self.up_button.clicked.connect(lambda: self._move_selected(-1))
        self.down_button = QToolButton(text="↓")
        self.down_button.setToolTip(_("Move down"))
        self.down_button.clicked.connect(lambda: self._move_selected(1))
        self.remove_button = QToolButton(text=_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        lv.addLayout(row)

        actions = QHBoxLayout()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_kit)
        more = QToolButton()
        more.setText(_("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more_menu = QMenu(more)
        self.open_action = more_menu.addAction(_("Open in PDF viewer"), self.open_in_viewer)
        self.zip_action = more_menu.addAction(_("Export ZIP for journalists…"), self.export_zip)
        more.setMenu(more_menu)
        for b in (self.save_button, self.pdf_button, self.print_button, more):
            actions.addWidget(b)
        lv.addLayout(actions)
        self.history = QLabel()
        self.history.setObjectName("kit-exports")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lv.addWidget(self.history)
        splitter.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        self.status = QLabel(_("Add parts to see the preview."))
        self.status.setObjectName("kit-preview-status")
        self.status.setWordWrap(True)
        rv.addWidget(self.status)
        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setObjectName("kit-preview")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)
        rv.addWidget(self.preview, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in (self.title_edit.textChanged, self.event_edit.textChanged, self.date_edit.dateChanged,
                       self.paper.currentIndexChanged, self.per_page.currentIndexChanged):
            signal.connect(self._changed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved,
                       self.model.dataChanged, self.model.layoutChanged):
            signal.connect(self._changed)

    # -- state -------------------------------------------------------------------------

    def new_kit(self) -> None:
        self.kit_id = None
        self._fill(kits.KitInput("", dt.date.today(), parts=[kits.PartInput("cover")]))
        self._show_history([])
        self.dirty = False

    def load(self, kit_id: int) -> None:
        detail = kits.get_kit(self.library, kit_id)
        self.kit_id = kit_id
        self._fill(detail.data)
        self._show_history(detail.exports)
        self.dirty = False
        self.refresh_preview()

    def _show_history(self, exports: list) -> None:
        """The last exports: when, who and which file; the folder and the hash that verifies a copy in the tooltip."""
        from desktop import dates

        shown = exports[:3]
        lines = [
            _("{when} · {who} · {file}").format(
                when=dates.short_datetime(e.at), who=e.staff or _("(command line)"), file=Path(e.path).name)
            for e in shown
        ]
        self.history.setText((_("Exports:") + "\n" + "\n".join(lines)) if lines else "")
        self.history.setToolTip("\n".join(
            _("{path}\nSHA-256 {digest}").format(path=e.path, digest=e.sha256) for e in shown))

    def _fill(self, data: kits.KitInput) -> None:
        for w in (self.title_edit, self.event_edit, self.date_edit, self.paper, self.per_page):
            w.blockSignals(True)
        self.title_edit.setText(data.title)
        self.event_edit.setText(data.event)
        self.date_edit.setDate(QDate(data.date.year, data.date.month, data.date.day))
        self.paper.setCurrentIndex(max(0, self.paper.findData(data.paper)))
        self.per_page.setCurrentIndex(max(0, self.per_page.findData(data.photos_per_page)))
        for w in (self.title_edit, self.event_edit, self.date_edit, self.paper, self.per_page):
            w.blockSignals(False)
        self.model.set_parts(data.parts)

    def current_input(self) -> kits.KitInput:
        d = self.date_edit.date()
        return kits.KitInput(
            self.title_edit.text(), dt.date(d.year(), d.month(), d.day()), self.event_edit.text(),
            self.paper.currentData(), self.per_page.currentData(), list(self.model.parts),
        )

    def _changed(self, *_args) -> None:  # noqa: ANN002
        self.dirty = True
        self._timer.start()

    # -- parts -------------------------------------------------------------------------

    def add_part(self, part: kits.PartInput) -> None:
        self.model.append(part)
        self.parts_view.setCurrentIndex(self.model.index(len(self.model.parts) - 1))

    def _pick(self, title: str, search, kind: str) -> None:  # noqa: ANN001
        dialog = PickerDialog(title, search, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            for item_id in dialog.chosen():
                self.add_part(kits.PartInput(kind, item_id))

    def pick_articles(self) -> None:
        from desktop.articles import api as articles

        def search(text: str) -> list[tuple[int, str]]:
            rows = articles.list_articles(self.library, articles.ListQuery(search=text), limit=200)
            return [(r.id, f"{r.title} — {articles.status_label(r.status)}") for r in rows]

        self._pick(_("Add articles"), search, "article")

    def pick_photos(self) -> None:
        from desktop.photos import api as photos

        def search(text: str) -> list[tuple[int, str]]:
            rows = photos.grid_rows(self.library, photos.PhotoFilter(search=text), limit=200)
            return [(r.id, " — ".join(x for x in (r.caption or r.file_name, str(r.date or "")) if x)) for r in rows]

        self._pick(_("Add photos"), search, "photo")

    def pick_contacts(self) -> None:
        from desktop.contacts import api as contacts

        def search(text: str) -> list[tuple[int, str]]:
            rows = contacts.people_page(self.library, contacts.PeopleFilter(search=text), limit=200)
            return [(r.id, " — ".join(x for x in (r.name, r.position, r.organization) if x)) for r in rows]

        self._pick(_("Add contact persons"), search, "contact")

    def pick_staff(self) -> None:
        from desktop import staff

        def search(text: str) -> list[tuple[int, str]]:
            rows = staff.list_staff(self.library)
            return [(r.id, " — ".join(x for x in (r.name, r.position) if x)) for r in rows
                    if text.casefold() in r.name.casefold()]

        self._pick(_("Add staff as contact persons"), search, "staff")

    def pick_list(self) -> None:
        from desktop.contacts import api as contacts

        def search(text: str) -> list[tuple[int, str]]:
            return [(i, name) for i, name, _saved, _n in contacts.lists(self.library)
                    if text.casefold() in name.casefold()]

        self._pick(_("Add a distribution list"), search, "distribution")

    def new_fact_sheet(self) -> None:
        dialog = FactSheetDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_part(dialog.part())

    def _edit_part(self, index: QModelIndex) -> None:
        part = self.model.parts[index.row()]
        if part.kind != "factsheet":
            return
        dialog = FactSheetDialog(part, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.model.replace(index.row(), dialog.part())

    def _selected_row(self) -> int:
        index = self.parts_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _move_selected(self, step: int) -> None:
        row = self._selected_row()
        target = row + step
        if row < 0 or not 0 <= target < len(self.model.parts):
            return
        self.model.move_rows([row], target if step < 0 else target + 1)
        self.parts_view.setCurrentIndex(self.model.index(target))

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self.model.removeRows(row, 1)

    # -- saving ------------------------------------------------------------------------

    def save(self) -> int | None:
        data = self.current_input()
        try:
            if self.kit_id is None:
                self.kit_id = kits.create_kit(self.library, data)
            else:
                kits.update_kit(self.library, self.kit_id, data)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.ctx.show_error(self, exc)
            return None
        self.dirty = False
        self.saved.emit(self.kit_id)
        return self.kit_id

    def _go_back(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, _("Press kits"), _("Save the changes to this press kit?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and self.save() is None:
                return
        self.back.emit()

    # -- preview -----------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the current state in the background; a newer change wins over an older render."""
        if self._rendering:
            self._pending = True
            return
        data = self.current_input()
        if not data.parts:
            self.status.setText(_("Add parts to see the preview."))
            return
        if not data.title.strip():
            data.title = _("Untitled press kit")
        self._generation += 1
        generation = self._generation
        self._rendering = True
        self.status.setText(_("Updating the preview…"))
        library = self.library

        def job(progress):  # noqa: ANN001, ANN202
            return kits.render_pdf(library, 0, progress=progress, data=data)

        handle = self.ctx.tasks.start(
            job, title=_("Preview"), parent=self, show_progress=False,
            on_done=lambda pdf: self._show_pdf(generation, pdf),
            on_error=lambda exc: self._preview_failed(generation, exc),
        )
        handle.finished.connect(self._render_finished)

    def _saved_to(self, result) -> None:  # noqa: ANN001 - store.ExportResult
        if self._alive():
            # Warnings (a photo too small for print) stay visible under the preview.
            self.status.setText("\n".join([_("Saved {path}.").format(path=result.path), *result.warnings]))
            if self.kit_id is not None:
                self._show_history(kits.get_kit(self.library, self.kit_id).exports)

    def _alive(self) -> bool:
        # A render may finish after the window (and this widget) closed.
        from shiboken6 import isValid

        return isValid(self)

    def _render_finished(self) -> None:
        if not self._alive():
            return
        self._rendering = False
        if self._pending:
            self._pending = False
            self.refresh_preview()

    def _show_pdf(self, generation: int, pdf: bytes) -> None:
        if not self._alive() or generation != self._generation:
            return
        self.pdf_bytes = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        self.status.setText(_("Preview: {pages} pages.").format(pages=pages))

    def _preview_failed(self, generation: int, exc: BaseException) -> None:
        if self._alive() and generation == self._generation:
            self.status.setText(str(exc) if isinstance(exc, Exception) else _("The preview could not be made."))

    # -- output ------------------------------------------------------------------------

    def _ensure_saved(self) -> int | None:
        if self.kit_id is None or self.dirty:
            return self.save()
        return self.kit_id

    def _default_name(self, ext: str) -> str:
        data = self.current_input()
        return kits.zip_names(data.title or "press-kit", data.date) + "." + ext

    # Slots connected to ``clicked``/``triggered`` take no arguments: Qt
    # passes ``checked`` to any optional first parameter.
    def save_pdf(self) -> None:
        kit_id = self._ensure_saved()
        if kit_id is None:
            return
        path, _filter = file_dialogs.save_file(self.ctx.settings, self, "export", _("Save as PDF"),
                                               self._default_name("pdf"), "PDF (*.pdf)")
        if not path:
            return
        library = self.library
        self.ctx.tasks.start(
            lambda p: kits.export_pdf(library, kit_id, path, progress=p), title=_("Saving the PDF"), parent=self,
            on_done=self._saved_to,
        )

    def export_zip(self) -> None:
        kit_id = self._ensure_saved()
        if kit_id is None:
            return
        path, _filter = file_dialogs.save_file(self.ctx.settings, self, "export", _("Export ZIP for journalists"),
                                               self._default_name("zip"), "ZIP (*.zip)")
        if not path:
            return
        library = self.library
        self.ctx.tasks.start(
            lambda p: kits.export_zip(library, kit_id, path, progress=p), title=_("Exporting the ZIP"), parent=self,
            on_done=self._saved_to,
        )

    def open_in_viewer(self) -> None:
        """Write the PDF into the library's exports folder and hand it to the system viewer."""
        kit_id = self._ensure_saved()
        if kit_id is None:
            return
        target = self.library.folder("exports") / self._default_name("pdf")
        library = self.library

        def opened(result) -> None:  # noqa: ANN001
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

        self.ctx.tasks.start(lambda p: kits.export_pdf(library, kit_id, target, progress=p),
                             title=_("Saving the PDF"), parent=self, on_done=opened)

    def print_kit(self) -> None:
        """System print dialog, then every page of the previewed PDF onto the printer."""
        from PySide6.QtPdf import QPdfDocument

        from desktop.ui.pdf_print import print_document

        if self.document.status() != QPdfDocument.Status.Ready or not self.document.pageCount():
            QMessageBox.information(self, _("Print"), _("Wait until the preview is ready, then print."))
            return
        print_document(self, self.document, title=self.title_edit.text() or _("Press kit"),
                       paper=self.paper.currentData() or "a4")
