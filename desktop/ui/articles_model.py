"""The article list as a Qt table model fed page by page from SQL.

Sorting and filtering are SQL (``desktop.articles.store.list_articles``).
The model knows the row count from one ``count(*)`` and loads a page of rows
only when the view asks for data in it, so opening the list and jumping to
its end touch two pages whatever the library's size (100,000 articles stay
smooth). Unlike ``canFetchMore``/``fetchMore`` growth, the scroll bar is
right from the start and jumping to the end does not load every page on the
way there.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop import dates
from desktop.articles import store
from desktop.i18n import _

PAGE = 200
COLUMNS = [
    ("title", lambda: _("Title")),
    ("kind", lambda: _("Kind")),
    ("status", lambda: _("Status")),
    ("writer", lambda: _("Writer")),
    ("event_date", lambda: _("Event date")),
    ("publication_date", lambda: _("Published")),
    ("updated_at", lambda: _("Changed")),
]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


class ArticlesModel(QAbstractTableModel):
    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.query = store.ListQuery()
        self._total = 0
        self._pages: dict[int, list[store.ArticleRow]] = {}
        self.refresh()

    # -- loading ------------------------------------------------------------

    def set_query(self, query: store.ListQuery) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query (data changed, filter or sort changed)."""
        self.beginResetModel()
        self._pages.clear()
        self._total = store.count_articles(self.library, self.query)
        self.endResetModel()

    def _row(self, row: int) -> store.ArticleRow | None:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = store.list_articles(self.library, self.query, offset=page_no * PAGE, limit=PAGE, total=self._total)
            if len(self._pages) > 50:  # keep memory flat while scrolling through 100,000 rows
                self._pages.pop(next(iter(self._pages)))
            self._pages[page_no] = page
        index = row - page_no * PAGE
        return page[index] if index < len(page) else None

    def article_id(self, row: int) -> int | None:
        item = self._row(row) if 0 <= row < self._total else None
        return item.id if item else None

    def row_of(self, article_id: int) -> int | None:
        """Row of an article among the pages loaded so far."""
        for page_no, page in self._pages.items():
            for i, item in enumerate(page):
                if item.id == article_id:
                    return page_no * PAGE + i
        return None

    @property
    def total(self) -> int:
        return self._total

    # -- Qt model API ------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item = self._row(index.row())
        if item is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return store.kind_label(item.kind)
            if key == "status":
                return store.status_label(item.status)
            if key in ("event_date", "publication_date"):
                value = getattr(item, key)
                return value.strftime("%d/%m/%Y") if value else ""
            if key == "updated_at":
                return dates.short_datetime(item.updated_at)
            return getattr(item, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return item.title
        if role == ID_ROLE:
            return item.id
        if role == STATUS_ROLE:
            return item.status
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        self.query.sort = key
        self.query.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()


def bench_open_and_scroll(library) -> None:  # noqa: ANN001
    """Benchmark helper: build the list view on ``library`` and jump to its last row."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication([])
    view = QTableView()
    model = ArticlesModel(library, view)
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    view.scrollToBottom()
    app.processEvents()
    last = model.index(model.rowCount() - 1, 0)
    assert model.rowCount() == 0 or model.data(last) is not None
    view.close()
    view.deleteLater()


def bench_open_editor(library, article_id: int):  # noqa: ANN001, ANN201
    """Benchmark helper: a callable opening ``article_id`` in a real editor (offscreen)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.article_editor import ArticleEditor
    from desktop.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(library, library.store.staff_id)
    editor = ArticleEditor(ctx)
    editor.resize(1100, 760)
    editor.show()

    def open_once() -> None:
        editor.open_article(article_id)
        app.processEvents()
        editor.release_lock()

    return open_once
