"""Settings: office profile, staff profiles, language, and pages areas add (``settings_pages`` in ``desktop.areas``)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import areas, i18n, office, staff
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.ui.widgets import fit_to_screen
from desktop.ui.office_form import OfficeForm

# Extra pages: "module:Class"; the class takes (ctx, parent), has title() and
# may have apply() -> None (raise WartaError to keep the dialog open).
class StaffEditor(QDialog):
    def __init__(self, parent: QWidget | None, row=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(_("Staff profile"))
        form = QFormLayout(self)
        self.name = QLineEdit(row.name if row else "")
        self.name.setObjectName("staff-name")
        self.position = QLineEdit(row.position if row else "")
        self.position.setObjectName("staff-position")
        self.role = QComboBox()
        self.role.setObjectName("staff-role")
        for key in staff.ROLE_LABELS:
            self.role.addItem(staff.role_label(key), key)
        if row:
            self.role.setCurrentIndex(list(staff.ROLE_LABELS).index(row.role))
        self.password = QLineEdit()
        self.password.setObjectName("staff-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("optional; leave empty to keep") if row else _("optional"))
        form.addRow(_("Name"), self.name)
        form.addRow(_("Position (jabatan)"), self.position)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self, editing: bool) -> staff.StaffInput:
        pw = self.password.text()
        return staff.StaffInput(
            name=self.name.text(),
            position=self.position.text(),
            role=self.role.currentData(),
            password=(pw or None) if editing else (pw or None),
        )


class StaffPage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Name"), _("Position (jabatan)"), _("Role")])
        self.view = QTableView()
        self.view.setObjectName("staff-table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.view)
        row = QHBoxLayout()
        add = QPushButton(_("Add…"))
        add.setObjectName("staff-add")
        add.clicked.connect(self.add)
        edit = QPushButton(_("Edit…"))
        edit.clicked.connect(self.edit)
        retire = QPushButton(_("Deactivate"))
        retire.setObjectName("staff-deactivate")
        retire.setToolTip(_("For someone who left the office: the profile disappears from the list, its history stays."))
        retire.clicked.connect(self.deactivate)
        row.addWidget(add)
        row.addWidget(edit)
        row.addWidget(retire)
        row.addStretch(1)
        layout.addLayout(row)
        is_admin = ctx.role == "admin"
        add.setEnabled(is_admin)
        edit.setEnabled(is_admin)
        retire.setEnabled(is_admin)
        if not is_admin:
            layout.addWidget(QLabel(_("Only an Admin can add or change staff profiles.")))
        self.reload()

    @staticmethod
    def title() -> str:
        return _("Staff")

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.rows = staff.list_staff(self.ctx.library)
        for r in self.rows:
            self.model.appendRow([QStandardItem(r.name), QStandardItem(r.position), QStandardItem(staff.role_label(r.role))])

    def add(self) -> None:
        dialog = StaffEditor(self)
        if dialog.exec():
            try:
                staff.create(self.ctx.library, dialog.value(False))
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.reload()

    def deactivate(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or self.ctx.role != "admin":
            return
        try:
            staff.deactivate(self.ctx.library, self.rows[index.row()].id, acting_id=self.ctx.staff_id)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.reload()

    def edit(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or self.ctx.role != "admin":
            return
        row = self.rows[index.row()]
        dialog = StaffEditor(self, row)
        if dialog.exec():
            try:
                staff.update(self.ctx.library, row.id, dialog.value(True))
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.reload()


class SettingsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settings-dialog")
        self.setWindowTitle(_("Settings"))
        fit_to_screen(self, 720, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        self.office_form = OfficeForm(office.load(ctx.library), settings=ctx.settings, library=ctx.library)
        # Writers see the profile but the institution's identity is kept by
        # the other roles.
        self.office_form.setEnabled(ctx.role != "writer")
        self.tabs.addTab(self.office_form, _("Office profile"))
        self.staff_page = StaffPage(ctx)
        self.tabs.addTab(self.staff_page, StaffPage.title())

        lang_page = QWidget()
        lang_form = QFormLayout(lang_page)
        self.language = QComboBox()
        self.language.setObjectName("settings-language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(i18n.LANGUAGES).index(ctx.settings.language if ctx.settings.language in i18n.LANGUAGES else "id"))
        lang_form.addRow(_("Language"), self.language)
        lang_form.addRow(QLabel(_("The new language is used everywhere after Warta restarts.")))
        self.tabs.addTab(lang_page, _("Language"))

        self.extra_pages = []
        for spec in areas.entries("settings_pages"):
            page = areas.load(spec)(ctx, self)
            self.extra_pages.append(page)
            self.tabs.addTab(page, page.title().replace("&", "&&"))  # a title's '&' is not a shortcut

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self) -> None:
        try:
            if self.office_form.isEnabled():
                office.save(self.ctx.library, self.office_form.profile(), logo_file=self.office_form.logo_file)
            for page in self.extra_pages:
                apply = getattr(page, "apply", None)
                if apply is not None:
                    apply()
        except WartaError as exc:
            QMessageBox.warning(self, _("Settings"), str(exc))
            return
        self.ctx.settings.language = self.language.currentData()
        self.ctx.save_settings()
        self.accept()
