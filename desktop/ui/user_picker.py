"""“Who are you?” at start on a shared office PC; remembered per PC and library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop import staff
from desktop.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UserPicker(QDialog):
    def __init__(self, library, parent: QWidget | None = None, remembered: int | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("user-picker")
        self.setWindowTitle(_("Who is using Warta?"))
        self.rows = staff.list_staff(library)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Choose your staff profile.")))
        self.model = QStandardItemModel(self)
        for r in self.rows:
            item = QStandardItem(f"{r.name} — {r.position or staff.role_label(r.role)}")
            item.setData(r.id, ID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.view = QListView()
        self.view.setObjectName("user-list")
        self.view.setModel(self.model)
        layout.addWidget(self.view)
        self.password = QLineEdit()
        self.password.setObjectName("user-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("Password (if your profile has one)"))
        layout.addWidget(self.password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        start = next((i for i, r in enumerate(self.rows) if r.id == remembered), 0)
        if self.rows:
            self.view.setCurrentIndex(self.model.index(start, 0))
        self.chosen: int | None = None

    def accept(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.rows[index.row()]
        if not staff.verify_password(self.password.text(), row.password_hash):
            self.message.setText(_("Wrong password for {name}.").format(name=row.name))
            self.password.selectAll()
            return
        self.chosen = row.id
        super().accept()


def needs_picking(library, remembered: int | None) -> bool:  # noqa: ANN001
    """Ask only when the choice is not obvious or a password guards it."""
    rows = staff.list_staff(library)
    match = next((r for r in rows if r.id == remembered), None)
    if match is not None:
        return bool(match.password_hash)
    return not (len(rows) == 1 and not rows[0].password_hash)


def pick_user(library, parent: QWidget | None = None, remembered: int | None = None) -> int | None:  # noqa: ANN001
    dialog = UserPicker(library, parent, remembered)
    return dialog.chosen if dialog.exec() else None
