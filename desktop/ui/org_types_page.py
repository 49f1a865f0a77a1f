"""Settings → Organisation types: the editable list (Media cetak, LSM, …); changes apply at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.errors import WartaError
from desktop.i18n import _


class OrgTypesPage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("org-types-page")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Types offered for partner organisations. Removing a type keeps its organisations.")))
        self.list = QListWidget()
        self.list.setObjectName("org-types")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for text, slot, name in ((_("Add…"), self.add, "org-type-add"), (_("Rename…"), self.rename, "org-type-rename"),
                                 (_("Remove"), self.remove, "org-type-remove")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    @staticmethod
    def title() -> str:
        return _("Organisation types")

    def reload(self) -> None:
        self.list.clear()
        for tid, name in contacts.org_types(self.ctx.library):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, tid)
            self.list.addItem(item)

    def _run(self, fn) -> None:  # noqa: ANN001
        try:
            fn()
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.reload()

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, self.title(), _("Name of the new type:"))
        if ok:
            self._run(lambda: contacts.add_org_type(self.ctx.library, name))

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, self.title(), _("New name:"), text=item.text())
        if ok:
            self._run(lambda: contacts.rename_org_type(self.ctx.library, item.data(Qt.ItemDataRole.UserRole), name))

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(self, self.title(), _(
            "Remove the type {name}? Organisations of this type are kept without a type.").format(name=item.text()))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: contacts.delete_org_type(self.ctx.library, item.data(Qt.ItemDataRole.UserRole)))
