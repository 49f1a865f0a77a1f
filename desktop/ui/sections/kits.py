"""Press Kit: the list of kits (search, new, duplicate, delete) and the composer with its live preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.i18n import _
from desktop.ui.widgets import EmptyHint
from desktop.kits import api as kits
from desktop.ui.paged_model import ID_ROLE, SearchedListModel
from desktop.ui.sections.base import Section

WATCHED = {"kits", "kit_parts", "kit_exports"}


class KitListModel(SearchedListModel):
    """Kits from SQL, newest first, read a page at a time as the view asks (see PagedTableModel)."""

    columns = [
        ("title", lambda: _("Title")),
        ("date", lambda: _("Date")),
        ("event", lambda: _("Event")),
        ("parts", lambda: _("Parts")),
        ("exports", lambda: _("Exports")),
    ]

    count_rows = staticmethod(kits.count_kits)
    list_rows = staticmethod(kits.list_kits)

    def display(self, item: Any, key: str) -> str:
        if key == "date":
            return dates.plain_date(item.date)
        return super().display(item, key)


class KitsSection(Section):
    key = "kits"

    @classmethod
    def title(cls) -> str:
        return _("Press Kits")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        from desktop.ui.kit_composer import KitComposer

        super().__init__(ctx)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list_page = self._build_list()
        self.stack.addWidget(self.list_page)
        self.composer = KitComposer(ctx)
        self.composer.back.connect(self.show_list)
        self.stack.addWidget(self.composer)

    def _build_list(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(12, 10, 12, 8)
        bar = QHBoxLayout()
        heading = QLabel(f"<h2>{_('Press Kits')}</h2>")
        bar.addWidget(heading)
        bar.addStretch(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search kits: title, event, fact sheets"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        bar.addWidget(self.search)
        self.new_button = QPushButton(_("New press kit"))
        self.new_button.clicked.connect(self.new_kit)
        bar.addWidget(self.new_button)
        v.addLayout(bar)
        self.model = KitListModel(self.ctx.library, self)
        self.table = QTableView()
        self.table.setObjectName("kits-table")
        self.table.setModel(self.model)
        EmptyHint(self.table, lambda: _("No press kits to show. Start one with New press kit."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda idx: self.open_kit(idx.data(ID_ROLE)))
        v.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(lambda: self._with_selected(self.open_kit))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.duplicate_button.clicked.connect(lambda: self._with_selected(self.duplicate_kit))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(lambda: self._with_selected(self.delete_kit))
        for b in (self.open_button, self.duplicate_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        self.empty = QLabel(_("No press kits yet. Choose “New press kit” to put articles, photos and contacts "
                              "together into one PDF."))
        self.empty.setWordWrap(True)
        v.addWidget(self.empty)
        v.addLayout(row)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(lambda: self._reload())
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._update_empty()
        return page

    def _reload(self) -> None:
        self.model.set_search(self.search.text())
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(self.model.total == 0 and not self.search.text())

    def _with_selected(self, fn) -> None:  # noqa: ANN001
        index = self.table.currentIndex()
        if index.isValid():
            fn(self.model.index(index.row(), 0).data(ID_ROLE))

    # -- actions ------------------------------------------------------------------------

    def new_kit(self) -> None:
        self.composer.new_kit()
        self.stack.setCurrentWidget(self.composer)
        self.composer.title_edit.setFocus()
        self.composer.refresh_preview()

    def open_kit(self, kit_id: int) -> None:
        try:
            self.composer.load(kit_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.stack.setCurrentWidget(self.composer)

    def duplicate_kit(self, kit_id: int) -> None:
        try:
            kits.duplicate_kit(self.ctx.library, kit_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)

    def delete_kit(self, kit_id: int) -> None:
        answer = QMessageBox.question(self, _("Delete press kit"),
                                      _("Delete this press kit? Exported files stay where they are."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            kits.delete_kit(self.ctx.library, kit_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)

    def show_filtered(self, filters: dict) -> None:  # noqa: ARG002 - the kit list has no preset filters
        if self.stack.currentWidget() is self.composer:
            self.composer.back_button.click()  # asks about unsaved changes

    def show_list(self) -> None:
        self._reload()
        self.stack.setCurrentWidget(self.list_page)

    # -- hooks --------------------------------------------------------------------------

    def on_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self._reload()

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type != "kit":
            return False
        self.open_kit(item_id)
        return True
