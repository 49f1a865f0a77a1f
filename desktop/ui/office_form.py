"""The office profile form, shared by the first-run wizard and Settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop import office
from desktop.i18n import _
from desktop.settings import Settings
from desktop.ui import file_dialogs


class OfficeForm(QWidget):
    def __init__(self, profile: office.OfficeProfile, parent: QWidget | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("office-form")
        self.logo_file: Path | None = None
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        rows = [
            ("name", _("Full institution name"), False),
            ("short_name", _("Short name"), False),
            ("unit", _("Unit / division"), False),
            ("address", _("Address"), True),
            ("phone", _("Phone"), False),
            ("email", _("E-mail"), False),
            ("website", _("Website"), False),
            ("city", _("Default dateline city"), False),
            ("photo_credit", _("Default photo credit"), False),
            ("boilerplate", _("About the office (boilerplate)"), True),
        ]
        for name, label, multiline in rows:
            widget: QLineEdit | QPlainTextEdit
            if multiline:
                widget = QPlainTextEdit(getattr(profile, name))
                widget.setFixedHeight(60)
            else:
                widget = QLineEdit(getattr(profile, name))
            widget.setObjectName(f"office-{name}")
            self.fields[name] = widget
            form.addRow(label, widget)
        self.fields["photo_credit"].setPlaceholderText(_("e.g. dok. Humas Bawaslu Jember"))  # type: ignore[union-attr]
        logo_row = QHBoxLayout()
        self.logo_label = QLabel(profile.logo or _("No logo"))
        choose = QPushButton(_("Choose logo…"))
        choose.clicked.connect(self._choose_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        form.addRow(_("Logo"), logo_row)

    def _choose_logo(self) -> None:
        path = file_dialogs.open_file(self.settings, self, "logo", _("Choose logo"),
                                      _("Images (*.png *.jpg *.jpeg *.gif *.webp)"))
        if path:
            self.logo_file = Path(path)
            self.logo_label.setText(Path(path).name)

    def profile(self) -> office.OfficeProfile:
        values = {}
        for name, widget in self.fields.items():
            values[name] = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return office.OfficeProfile(**values)
