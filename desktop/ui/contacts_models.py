"""People and organisation lists as Qt table models fed page by page from SQL.

The row count comes from one ``count(*)``; a page of 200 rows is loaded only
when the view asks for data in it (sorting and filtering are SQL, in
``desktop.contacts.store``), so 50,000 contacts open and scroll smoothly and
the scroll bar is right from the start.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.contacts import store
from desktop.i18n import _

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _PagedModel(QAbstractTableModel):
    """A table of rows loaded lazily, a page at a time, from ``count`` and ``page`` functions."""

    columns: list[tuple[str, Callable[[], str]]] = []
    sorts: dict[str, str] = {}  # column key -> store sort key

    def __init__(self, library, query, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.query = query
        self.sort_key = "name"
        self.descending = False
        self._total = 0
        self._pages: dict[int, list] = {}
        self.refresh()

    def _count(self) -> int:
        raise NotImplementedError

    def _page(self, offset: int, limit: int) -> list:
        raise NotImplementedError

    def set_query(self, query) -> None:  # noqa: ANN001
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._total = self._count()
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def item(self, row: int):  # noqa: ANN201
        if not 0 <= row < self._total:
            return None
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self._page(page_no * PAGE, PAGE)
            if len(self._pages) > 50:  # memory stays flat while scrolling through everything
                self._pages.pop(next(iter(self._pages)))
            self._pages[page_no] = page
        index = row - page_no * PAGE
        return page[index] if index < len(page) else None

    def id_at(self, row: int) -> int | None:
        found = self.item(row)
        return found.id if found else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]()
        return None

    def display(self, item, key: str) -> str:  # noqa: ANN001
        return str(getattr(item, key) or "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        key = self.columns[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(item, key)
        if role == ID_ROLE:
            return item.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column][0]
        self.sort_key = self.sorts.get(key, "name")
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()


class PeopleModel(_PagedModel):
    columns = [
        ("name", lambda: _("Name")),
        ("position", lambda: _("Position")),
        ("organization", lambda: _("Organisation")),
        ("region", lambda: _("Region")),
        ("phone", lambda: _("Phone")),
        ("email", lambda: _("E-mail")),
        ("tags", lambda: _("Tags")),
    ]
    sorts = {"name": "name", "position": "position", "organization": "organization", "region": "region"}

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(library, store.PeopleFilter(), parent)

    def _count(self) -> int:
        return store.count_people(self.library, self.query)

    def _page(self, offset: int, limit: int) -> list:
        return store.people_page(self.library, self.query, sort=self.sort_key, descending=self.descending,
                                 offset=offset, limit=limit)

    def display(self, item, key: str) -> str:  # noqa: ANN001
        if key == "phone" and item.phone:
            from desktop.contacts.normalize import format_phone

            return format_phone(item.phone)
        return super().display(item, key)


class OrgsModel(_PagedModel):
    columns = [
        ("name", lambda: _("Name")),
        ("type", lambda: _("Type")),
        ("regency", lambda: _("Regency / city")),
        ("province", lambda: _("Province")),
        ("people", lambda: _("People")),
        ("mou_expires", lambda: _("MoU expires")),
        ("tags", lambda: _("Tags")),
    ]
    sorts = {"name": "name", "type": "type", "regency": "region", "province": "region", "mou_expires": "mou_expires"}

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(library, store.OrgFilter(), parent)

    def _count(self) -> int:
        return store.count_orgs(self.library, self.query)

    def _page(self, offset: int, limit: int) -> list:
        return store.orgs_page(self.library, self.query, sort=self.sort_key, descending=self.descending,
                               offset=offset, limit=limit)

    def display(self, item, key: str) -> str:  # noqa: ANN001
        if key == "mou_expires":
            return item.mou_expires.strftime("%d/%m/%Y") if item.mou_expires else ""
        if key == "people":
            return str(item.people)
        return super().display(item, key)


def bench_open_and_scroll(library) -> None:  # noqa: ANN001
    """Benchmark helper: open the people list on ``library`` and jump to its last row."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication([])
    view = QTableView()
    model = PeopleModel(library, view)
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    view.scrollToBottom()
    app.processEvents()
    assert model.rowCount() == 0 or model.data(model.index(model.rowCount() - 1, 0)) is not None
    view.close()
    view.deleteLater()
