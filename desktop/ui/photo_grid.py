"""The photo grid: a list model paged from SQL and a delegate that paints thumbnails.

The model learns the total from one ``count(*)`` and loads a page of narrow
rows only when the view asks for data in it. It shows the view a growing
number of rows (``canFetchMore``/``fetchMore``, 600 at a time): an icon-mode
view lays out every row it is told about, which for 20,000 rows costs more
than half a second, while 600 rows open at once. Thumbnails come from
:class:`~desktop.ui.thumbnail_loader.ThumbnailLoader`; a cell not loaded yet
paints a placeholder and is repainted when its picture arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.i18n import _
from desktop.photos import api as photos
from desktop.ui.paged_model import ID_ROLE  # the one "row id" role of every list
from desktop.ui.thumbnail_loader import ThumbnailLoader

PAGE = 500
FETCH = 600  # rows handed to the view at a time
CELL = QSize(184, 196)
THUMB_BOX = QSize(168, 132)
SHA_ROLE = Qt.ItemDataRole.UserRole + 2
PILIHAN_ROLE = Qt.ItemDataRole.UserRole + 3
DATE_ROLE = Qt.ItemDataRole.UserRole + 4


class PhotoGridModel(QAbstractListModel):
    def __init__(self, library, loader: ThumbnailLoader, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.loader = loader
        self.filter = photos.PhotoFilter()
        self._total = 0
        self._shown = 0  # rows the view knows about (grows with fetchMore)
        self._pages: dict[int, list[photos.GridRow]] = {}
        self._rows_of: dict[str, set[int]] = {}  # sha → rows loaded, to repaint when a thumbnail arrives
        loader.ready.connect(self._thumbnail_ready)
        self.refresh()

    # -- loading ------------------------------------------------------------

    def set_filter(self, f: photos.PhotoFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._rows_of.clear()
        self._total = photos.count_photos(self.library, self.filter)
        self._shown = min(self._total, FETCH)
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not parent.isValid():
            self.ensure_row(min(self._total, self._shown + FETCH) - 1)

    def ensure_row(self, row: int) -> None:
        """Make rows up to ``row`` known to the view (to select or scroll to it)."""
        row = min(row, self._total - 1)
        if row < self._shown:
            return
        last = min(self._total, max(row + 1, self._shown + FETCH)) - 1
        self.beginInsertRows(QModelIndex(), self._shown, last)
        self._shown = last + 1
        self.endInsertRows()

    @property
    def total(self) -> int:
        return self._total

    def row(self, row: int) -> photos.GridRow | None:
        if not 0 <= row < self._total:
            return None
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = photos.grid_rows(self.library, self.filter, offset=page_no * PAGE, limit=PAGE)
            if len(self._pages) > 20:
                dropped_no = next(iter(self._pages))
                for i, item in enumerate(self._pages.pop(dropped_no)):
                    self._rows_of.get(item.sha256, set()).discard(dropped_no * PAGE + i)
            self._pages[page_no] = page
            for i, item in enumerate(page):
                self._rows_of.setdefault(item.sha256, set()).add(page_no * PAGE + i)
        index = row - page_no * PAGE
        return page[index] if index < len(page) else None

    def photo_id(self, row: int) -> int | None:
        item = self.row(row)
        return item.id if item else None

    def row_of(self, photo_id: int) -> int | None:
        """The row of a photo under the current filter (one indexed query)."""
        ids = photos.photo_ids(self.library, self.filter)
        try:
            return ids.index(photo_id)
        except ValueError:
            return None

    def _thumbnail_ready(self, sha: str) -> None:
        for row in self._rows_of.get(sha, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # -- Qt model API ------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shown

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item = self.row(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.caption or item.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.loader.pixmap(item.sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = item.date.strftime("%d/%m/%Y") if item.date else _("no date")
            return f"{item.caption or item.file_name}\n{when} · {item.file_name}"
        if role == ID_ROLE:
            return item.id
        if role == SHA_ROLE:
            return item.sha256
        if role == PILIHAN_ROLE:
            return item.pilihan
        if role == DATE_ROLE:
            return item.date.strftime("%d/%m/%Y") if item.date else ""
        return None


class PhotoDelegate(QStyledItemDelegate):
    """A thumbnail centred in a fixed cell, the date and two lines of caption, a star for *pilihan*."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802, ARG002
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        rect = option.rect.adjusted(4, 4, -4, -4)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        box = QRect(rect.x() + (rect.width() - THUMB_BOX.width()) // 2, rect.y() + 4, THUMB_BOX.width(), THUMB_BOX.height())
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(
                box.x() + (box.width() - scaled.width()) // 2,
                box.y() + (box.height() - scaled.height()) // 2,
                scaled.width(),
                scaled.height(),
            )
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap)
        else:
            painter.fillRect(box, QColor(0, 0, 0, 28))
        if index.data(PILIHAN_ROLE):
            star = QRect(box.right() - 26, box.y() + 4, 22, 22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 140))
            painter.drawEllipse(star)
            painter.setPen(QPen(QColor(255, 200, 40)))
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() + 1)
            painter.setFont(font)
            painter.drawText(star, Qt.AlignmentFlag.AlignCenter, "★")
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.setPen(text_colour)
        painter.setFont(option.font)
        metrics = option.fontMetrics
        line = metrics.lineSpacing()
        y = box.bottom() + 4
        date = index.data(DATE_ROLE) or ""
        caption = index.data(Qt.ItemDataRole.DisplayRole) or ""
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        painter.setFont(small)
        painter.drawText(QRect(rect.x() + 6, y, rect.width() - 12, line), Qt.AlignmentFlag.AlignLeft, date)
        painter.setFont(option.font)
        text_rect = QRect(rect.x() + 6, y + line, rect.width() - 12, line * 2)
        elided = _two_lines(caption, metrics, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, elided)
        painter.restore()


def _two_lines(text: str, metrics, width: int) -> str:  # noqa: ANN001 - QFontMetrics
    """Fit ``text`` into two lines of ``width`` pixels, with an ellipsis when cut."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not words:
        return first
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return (first + "\n" + rest) if first else metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class PhotoGrid(QListView):
    """The icon-mode view: fixed cells, batched layout, extended selection."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("photo-grid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)  # layout of 20,000 cells is arithmetic, not 20,000 sizeHint calls
        self.setGridSize(CELL)
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setMouseTracking(True)
        self.setItemDelegate(PhotoDelegate(self))
        self.setDragEnabled(False)
        self.setAcceptDrops(False)  # drops go to the window, which hands them to the section

    def selectAll(self) -> None:  # noqa: N802 - Ctrl+A means every photo the filters show
        model = self.model()
        if isinstance(model, PhotoGridModel):
            model.ensure_row(model.total - 1)
        super().selectAll()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        model = self.model()
        return [pid for pid in (model.photo_id(r) for r in rows) if pid is not None]  # type: ignore[attr-defined]
