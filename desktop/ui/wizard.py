"""First run: the office profile, then the first staff profile (an Admin)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage, QWidget

from desktop import office, staff
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.ui.widgets import fit_to_screen
from desktop.ui.office_form import OfficeForm


class _OfficePage(QWizardPage):
    def __init__(self, library) -> None:  # noqa: ANN001
        super().__init__()
        self.setTitle(_("Office profile"))
        self.setSubTitle(_("Warta uses this on every letterhead, dateline and photo credit. You can change it later in Settings."))
        layout = QVBoxLayout(self)
        self.form = OfficeForm(office.load(library), library=library)
        layout.addWidget(self.form)
        self.form.fields["name"].textChanged.connect(self.completeChanged)  # type: ignore[union-attr]

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.form.profile().name.strip())

    def validatePage(self) -> bool:  # noqa: N802
        try:
            office.validate(self.form.profile())
        except WartaError as exc:
            self.wizard().show_problem(str(exc))
            return False
        return True


class _StaffPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your staff profile"))
        self.setSubTitle(_("The first profile is an Admin. Add colleagues later in Settings → Staff."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("wizard-staff-name")
        self.position = QLineEdit()
        self.position.setObjectName("wizard-staff-position")
        self.password = QLineEdit()
        self.password.setObjectName("wizard-staff-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("optional"))
        form.addRow(_("Name"), self.name)
        form.addRow(_("Position (jabatan)"), self.position)
        form.addRow(_("Password"), self.password)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.name.text().strip())


class FirstRunWizard(QWizard):
    """Collects both profiles and writes them in one go at Finish."""

    def __init__(self, library, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.staff_id: int | None = None
        self.setObjectName("first-run-wizard")
        self.setWindowTitle(_("Welcome to Warta"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.office_page = _OfficePage(library)
        self.staff_page = _StaffPage()
        self.addPage(self.office_page)
        self.addPage(self.staff_page)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.setWordWrap(True)
        fit_to_screen(self, 640, 600)

    def show_problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, _("Welcome to Warta"), text)

    def accept(self) -> None:
        try:
            office.save(self.library, self.office_page.form.profile(), logo_file=self.office_page.form.logo_file)
            self.staff_id = staff.create(
                self.library,
                staff.StaffInput(
                    name=self.staff_page.name.text(),
                    position=self.staff_page.position.text(),
                    role="admin",
                    password=self.staff_page.password.text() or None,
                ),
            )
        except WartaError as exc:
            self.show_problem(str(exc))
            return
        super().accept()
