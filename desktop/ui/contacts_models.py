"""People and organisation lists: :class:`~desktop.ui.paged_model.PagedTableModel`
subclasses over ``desktop.contacts.store`` (sorting and filtering in SQL)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.contacts import api as contacts
from desktop.i18n import _
from desktop.ui.paged_model import ID_ROLE, PagedTableModel

__all__ = ["ID_ROLE", "OrgsModel", "PeopleModel"]


class _PagedModel(PagedTableModel):
    """A contacts list: the store's filter object and sort key, pages from SQL."""

    sorts: dict[str, str] = {}  # column key -> store sort key

    def __init__(self, library, query, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.query = query
        self.sort_key = "name"
        self.descending = False
        self.refresh()

    def set_query(self, query) -> None:  # noqa: ANN001
        self.query = query
        self.refresh()

    def apply_sort(self, key: str, descending: bool) -> None:
        self.sort_key = self.sorts.get(key, "name")
        self.descending = descending

    def extra_data(self, item, key: str, role: int):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.display(item, key)
        return None


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
        super().__init__(library, contacts.PeopleFilter(), parent)

    def count(self) -> int:
        return contacts.count_people(self.library, self.query)

    def fetch_page(self, offset: int, limit: int) -> list:
        return contacts.people_page(self.library, self.query, sort=self.sort_key, descending=self.descending,
                                 offset=offset, limit=limit)

    def display(self, item, key: str) -> str:  # noqa: ANN001
        if key == "phone" and item.phone:
            from desktop.contacts.api import format_phone

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
        super().__init__(library, contacts.OrgFilter(), parent)

    def count(self) -> int:
        return contacts.count_orgs(self.library, self.query)

    def fetch_page(self, offset: int, limit: int) -> list:
        return contacts.orgs_page(self.library, self.query, sort=self.sort_key, descending=self.descending,
                               offset=offset, limit=limit)

    def display(self, item, key: str) -> str:  # noqa: ANN001
        if key == "mou_expires":
            return item.mou_expires.strftime("%d/%m/%Y") if item.mou_expires else ""
        if key == "people":
            return str(item.people)
        return super().display(item, key)


def bench_open_and_scroll(library) -> None:  # noqa: ANN001
    """Benchmark helper: open the people list on ``library`` and jump to its last row."""
    from desktop.ui import paged_model

    paged_model.bench_open_and_scroll(PeopleModel(library))
