"""The one way Warta shows a long list: a table model fed page by page from SQL.

The row count comes from one ``count(*)``; a page of rows is loaded only when
the view asks for data in it, and sorting and filtering happen in SQL in the
area's store. So 100,000 rows open and scroll smoothly, the scroll bar is
right from the start, and jumping to the end touches one page instead of
loading every page on the way (as ``canFetchMore``/``fetchMore`` growth would).
Never put a ``QSortFilterProxyModel`` over a big Python list instead.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_CACHED_PAGES = 50  # memory stays flat while scrolling through everything


class PagedTableModel(QAbstractTableModel):
    """Subclasses set ``columns`` and implement :meth:`count` and :meth:`fetch_page`.

    Rows are objects with an ``id`` attribute; :meth:`display` turns a row's
    field into text, :meth:`extra_data` answers other roles, :meth:`apply_sort`
    records the sort for the next :meth:`refresh`.
    """

    columns: list[tuple[str, Callable[[], str]]] = []
    page_size = 200

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._total = 0
        self._pages: dict[int, list] = {}

    # -- to implement -------------------------------------------------------

    def count(self) -> int:
        raise NotImplementedError

    def fetch_page(self, offset: int, limit: int) -> list:
        raise NotImplementedError

    def apply_sort(self, key: str, descending: bool) -> None:
        raise NotImplementedError

    def display(self, item: Any, key: str) -> str:
        value = getattr(item, key, "")
        return "" if value is None else str(value)

    def extra_data(self, item: Any, key: str, role: int) -> Any:  # noqa: ARG002
        return None

    # -- rows ----------------------------------------------------------------

    def refresh(self) -> None:
        """Re-run the query (data, filter or sort changed)."""
        self.beginResetModel()
        self._pages.clear()
        self._total = self.count()
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def item(self, row: int) -> Any:
        if not 0 <= row < self._total:
            return None
        page_no = row // self.page_size
        page = self._pages.get(page_no)
        if page is None:
            page = self.fetch_page(page_no * self.page_size, self.page_size)
            if len(self._pages) > MAX_CACHED_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[page_no] = page
        index = row - page_no * self.page_size
        return page[index] if index < len(page) else None

    def id_at(self, row: int) -> int | None:
        found = self.item(row)
        return found.id if found is not None else None

    def row_of(self, ident: int) -> int | None:
        """Row of an item among the pages loaded so far."""
        for page_no, page in self._pages.items():
            for i, item in enumerate(page):
                if item.id == ident:
                    return page_no * self.page_size + i
        return None

    # -- Qt model API -------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, key)
        if role == ID_ROLE:
            return item.id
        return self.extra_data(item, key, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.apply_sort(self.columns[column][0], order == Qt.SortOrder.DescendingOrder)
        self.refresh()


class SearchedListModel(PagedTableModel):
    """A list in the one order its area gives, narrowed by a search text.

    Subclasses name the area's two list functions, ``(library, search) -> int``
    and ``(library, search, offset=, limit=) -> [rows]``, as ``count_rows`` and
    ``list_rows`` (``staticmethod``).
    """

    count_rows: Any = None
    list_rows: Any = None

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.search = ""
        self.refresh()

    def set_search(self, search: str) -> None:
        self.search = search
        self.refresh()

    def count(self) -> int:
        return self.count_rows(self.library, self.search)

    def fetch_page(self, offset: int, limit: int) -> list:
        return self.list_rows(self.library, self.search, offset=offset, limit=limit)

    def apply_sort(self, key: str, descending: bool) -> None:
        """The area's order only: these views offer no sorting."""


def bench_open_and_scroll(model: PagedTableModel) -> None:
    """Benchmark helper: show ``model`` in a table view and jump to its last row."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication([])
    view = QTableView()
    model.setParent(view)
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    view.scrollToBottom()
    app.processEvents()
    assert model.rowCount() == 0 or model.data(model.index(model.rowCount() - 1, 0)) is not None
    view.close()
    view.deleteLater()
