"""Contacts → Find duplicates: pairs already in the library that may be one person; merge each in the merge screen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.i18n import _
from desktop.ui.widgets import fit_to_screen


def reasons_text(reasons: tuple[str, ...]) -> str:
    words = {"phone": _("same phone"), "email": _("same e-mail"), "name": _("similar name")}
    return ", ".join(words.get(r, r) for r in reasons)


class DuplicatesDialog(QDialog):
    """``DuplicatesDialog(ctx, merge)``: ``merge(keep_id, other_id)`` opens the merge screen for a pair."""

    def __init__(self, ctx, merge, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.merge = merge
        self.pairs: list | None = None
        self.setObjectName("duplicates-dialog")
        self.setWindowTitle(_("Find duplicates"))
        fit_to_screen(self, 820, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel(_("Looking for contacts that may be the same person…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("duplicates-table")
        self.table.setHorizontalHeaderLabels([_("Contact"), _("Organisation"), _("Possible duplicate"),
                                              _("Organisation"), _("Why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.merge_current())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.setObjectName("duplicates-merge")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_current)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search()

    def search(self) -> None:
        library = self.ctx.library
        self.ctx.tasks.start(lambda progress: contacts.find_duplicates_in_library(library, progress=progress),
                             title=_("Find duplicates"), on_done=self.show_pairs,
                             on_error=lambda exc: self.ctx.show_error(self, exc), parent=self)

    def show_pairs(self, pairs: list) -> None:
        self.pairs = pairs
        self.summary.setText(_("{count} pairs of contacts may be the same person. Select one and merge it, "
                               "or leave it if they are different people.").format(count=len(pairs))
                             if pairs else _("No contacts look like duplicates of each other."))
        self.table.setRowCount(len(pairs))
        for row, p in enumerate(pairs):
            for col, value in enumerate((f"{p.keep_name} (id {p.keep_id})", p.keep_organization,
                                         f"{p.other_name} (id {p.other_id})", p.other_organization,
                                         reasons_text(p.reasons) + ("" if p.score >= 100 else f" ({p.score:.0f}%)"))):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self._selected()

    def _selected(self) -> None:
        self.merge_button.setEnabled(bool(self.pairs) and self.table.currentRow() >= 0
                                     and bool(self.table.selectedItems()))

    def merge_current(self) -> None:
        row = self.table.currentRow()
        if not self.pairs or row < 0:
            return
        pair = self.pairs[row]
        self.merge(pair.keep_id, pair.other_id)
        self.search()  # a merged pair is gone; others may have changed
