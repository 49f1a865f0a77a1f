"""Merge two contacts: both records side by side, one choice per field; nothing else is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.ui.widgets import fit_to_screen


class MergeDialog(QDialog):
    """``MergeDialog(ctx, keep_id, other_id=None)``: without ``other_id`` the user first picks the duplicate."""

    def __init__(self, ctx, keep_id: int, other_id: int | None = None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.keep_id = keep_id
        self.other_id = other_id
        self.setObjectName("merge-dialog")
        self.setWindowTitle(_("Merge contacts"))
        fit_to_screen(self, 860, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_(
            "Choose for each field which value to keep. Phones, e-mails, affiliations, list memberships "
            "and the history of both are all kept."
        )))
        picker = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("merge-search")
        self.search.setPlaceholderText(_("Find the duplicate: name, phone, e-mail…"))
        self.search.textChanged.connect(self._find)
        self.found = QListWidget()
        self.found.setObjectName("merge-found")
        self.found.setMaximumHeight(110)
        self.found.currentItemChanged.connect(self._picked)
        picker.addWidget(self.search)
        layout.addLayout(picker)
        layout.addWidget(self.found)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        layout.addWidget(self.grid_host, 1)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.do_merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if other_id is not None:
            self.search.hide()
            self.found.hide()
            self._show_fields()
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            # Duplicates rarely match word for word; the name's longest word finds the likely ones.
            words = contacts.name_key(contacts.get_person(ctx.library, keep_id).data.full_name).split()
            self.search.setText(max(words, key=len) if words else "")

    def _find(self, text: str) -> None:
        self.found.clear()
        if not text.strip():
            return
        for row in contacts.people_page(self.ctx.library, contacts.PeopleFilter(search=text), limit=30):
            if row.id == self.keep_id:
                continue
            item = QListWidgetItem(" · ".join(x for x in (row.name, row.organization, row.phone, row.email) if x))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.found.addItem(item)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.other_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._show_fields()

    def _show_fields(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.groups.clear()
        assert self.other_id is not None
        fields = contacts.compare(self.ctx.library, self.keep_id, self.other_id)
        defaults = contacts.default_choices(self.ctx.library, self.keep_id, self.other_id)
        self.grid.addWidget(QLabel("<b>{}</b>".format(_("Field"))), 0, 0)
        self.grid.addWidget(QLabel("<b>{}</b>".format(_("This contact"))), 0, 1)
        self.grid.addWidget(QLabel("<b>{}</b>".format(_("The duplicate"))), 0, 2)
        for row, f in enumerate(fields, start=1):
            self.grid.addWidget(QLabel(f.label), row, 0)
            group = QButtonGroup(self)
            keep = QRadioButton(f.keep or "—")
            other = QRadioButton(f.other or "—")
            keep.setObjectName(f"merge-{f.field}-keep")
            other.setObjectName(f"merge-{f.field}-other")
            group.addButton(keep, 0)
            group.addButton(other, 1)
            (other if defaults.get(f.field) == contacts.OTHER else keep).setChecked(True)
            if not f.differs:
                other.setEnabled(False)
            self.grid.addWidget(keep, row, 1)
            self.grid.addWidget(other, row, 2)
            self.groups[f.field] = group
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def choices(self) -> dict[str, str]:
        return {name: (contacts.OTHER if g.checkedId() == 1 else contacts.KEEP) for name, g in self.groups.items()}

    def do_merge(self) -> None:
        if self.other_id is None:
            return
        try:
            contacts.merge_people(self.ctx.library, self.keep_id, self.other_id, self.choices())
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.accept()
