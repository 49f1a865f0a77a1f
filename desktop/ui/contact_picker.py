"""Choose one contact (a person) by searching as you type; used to link a quote's speaker."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.i18n import _
from desktop.ui.widgets import EmptyHint, fit_to_screen
from desktop.ui.contacts_models import PeopleModel

# Columns that tell two people of the same name apart; phones and e-mails stay in Contacts.
_SHOWN = ("name", "position", "organization", "region")


def speaker_position(contact: contacts.PublicContact) -> str:
    """"Ketua, Bawaslu Jember": the position and organisation the way a press kit prints them."""
    return ", ".join(x for x in (contact.position, contact.organization) if x.strip())


class ContactPicker(QDialog):
    """Search over the people list (SQL-paged, full-text search as in Contacts) and pick one person."""

    def __init__(self, library, query: str = "", parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.setObjectName("contact-picker")
        self.setWindowTitle(_("Link to contact"))
        fit_to_screen(self, 640, 440)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(query)
        self.search.setObjectName("contact-picker-search")
        self.search.setPlaceholderText(_("Search by name, position or organisation…"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = PeopleModel(library, self)
        self.view = QTableView()
        self.view.setObjectName("contact-picker-list")
        self.view.setModel(self.model)
        EmptyHint(self.view, lambda: _("Nobody matches. Try part of the name."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        for col, (key, _label) in enumerate(self.model.columns):
            self.view.setColumnHidden(col, key not in _SHOWN)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.view)
        self.empty = QLabel()
        self.empty.setObjectName("contact-picker-empty")
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Use this contact"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # The search runs in SQL; wait for a pause in typing rather than query every key.
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._search_or_accept)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self.model.set_query(contacts.PeopleFilter(search=self.search.text().strip()))
        if self.model.total:
            self.view.selectRow(0)
        self.empty.setText("" if self.model.total else _("No contact matches. Add the person in Contacts first."))
        self.empty.setVisible(not self.model.total)
        self.ok.setEnabled(bool(self.model.total))

    def _search_or_accept(self) -> None:
        # Enter right after typing searches first, so it never links the previous result.
        if self._timer.isActive():
            self.refresh()
        else:
            self.accept()

    def chosen(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def accept(self) -> None:
        if self.chosen() is None:
            return
        super().accept()


def pick_contact(library, query: str = "", parent: QWidget | None = None) -> tuple[int, contacts.PublicContact] | None:  # noqa: ANN001
    """Ask for a person; their id and public details, or None when cancelled."""
    dialog = ContactPicker(library, query, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        person_id = dialog.chosen()
    finally:
        dialog.deleteLater()
    if person_id is None:
        return None
    return person_id, contacts.public_contact(library, person_id)
