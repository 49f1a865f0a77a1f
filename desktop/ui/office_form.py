"""The office profile form, shared by the first-run wizard and Settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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
from desktop.ui.widgets import text_box
from desktop.settings import Settings
from desktop.ui import file_dialogs


class OfficeForm(QWidget):
    def __init__(self, profile: office.OfficeProfile, parent: QWidget | None = None,
                 settings: Settings | None = None, library=None) -> None:  # noqa: ANN001 - Library
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
            ("primary_colour", _("Social-media card colour"), False),
            ("accent_colour", _("Social-media accent colour"), False),
            ("hashtags", _("Hashtags for captions"), False),
            ("release_number_pattern", _("Release number pattern"), False),
        ]
        for name, label, multiline in rows:
            widget: QLineEdit | QPlainTextEdit
            if multiline:
                widget = text_box(getattr(profile, name))
                widget.setFixedHeight(60)
            else:
                widget = QLineEdit(getattr(profile, name))
            widget.setObjectName(f"office-{name}")
            self.fields[name] = widget
            form.addRow(label, widget)
        self.fields["photo_credit"].setPlaceholderText(_("e.g. dok. Humas Bawaslu Jember"))  # type: ignore[union-attr]
        self.fields["primary_colour"].setPlaceholderText("#7A1F2B")  # type: ignore[union-attr]
        self.fields["accent_colour"].setPlaceholderText("#F2B705")  # type: ignore[union-attr]
        self.fields["hashtags"].setPlaceholderText(_("e.g. #BawasluJember #AwasiPemilu"))  # type: ignore[union-attr]
        self._pattern_preview(form)
        self.self_approval = QCheckBox(_("Allow self-approval (an office with one humas person; logged)"))
        self.self_approval.setObjectName("office-allow-self-approval")
        self.self_approval.setChecked(profile.allow_self_approval)
        self.self_approval.setEnabled(_acting_role(library) == "admin")  # office.save refuses anyone else
        self.self_approval.setToolTip(_(
            "Off: whoever wrote a text cannot approve it. Only an Admin can change this, and every change "
            "and every self-approval is in the audit log."))
        form.addRow(_("Approval"), self.self_approval)
        logo_row = QHBoxLayout()
        self.logo_label = QLabel()
        self.logo_label.setObjectName("office-logo-preview")
        self._show_logo(_managed_logo(library, profile.logo))
        choose = QPushButton(_("Choose logo…"))
        choose.clicked.connect(self._choose_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        form.addRow(_("Logo"), logo_row)

    def _pattern_preview(self, form: QFormLayout) -> None:
        """Under the pattern: the first number it would give this month, or what is wrong with it."""
        import datetime as dt

        from desktop.articles import api as articles
        from desktop.errors import WartaError

        edit = self.fields["release_number_pattern"]
        edit.setPlaceholderText(articles.DEFAULT_PATTERN)  # type: ignore[union-attr]
        preview = QLabel()
        preview.setObjectName("office-release-number-preview")
        preview.setWordWrap(True)

        def show() -> None:
            short = self.fields["short_name"].text() or self.fields["name"].text()  # type: ignore[union-attr]
            try:
                number = articles.format_number(edit.text(), seq=1, date=dt.date.today(), office=short)  # type: ignore[union-attr]
            except WartaError as exc:
                preview.setText(str(exc))
                return
            preview.setText(_("The first release this month gets {number}.").format(number=number))

        edit.textChanged.connect(show)  # type: ignore[union-attr]
        self.fields["short_name"].textChanged.connect(show)  # type: ignore[union-attr]
        show()
        form.addRow("", preview)

    def _choose_logo(self) -> None:
        path = file_dialogs.open_file(self.settings, self, "logo", _("Choose logo"),
                                      _("Images (*.png *.jpg *.jpeg *.gif *.webp)"))
        if path:
            self.logo_file = Path(path)
            self._show_logo(self.logo_file)

    def _show_logo(self, path: Path | None) -> None:
        """The logo as a picture (the stored path means nothing to a person)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPixmap

        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(_("No logo") if path is None else _("The logo cannot be shown."))
            return
        self.logo_label.setPixmap(pixmap.scaled(160, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        self.logo_label.setToolTip(path.name)

    def profile(self) -> office.OfficeProfile:
        values = {}
        for name, widget in self.fields.items():
            values[name] = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return office.OfficeProfile(**values, allow_self_approval=self.self_approval.isChecked())


def _managed_logo(library, logo: str) -> Path | None:  # noqa: ANN001
    """The stored logo's file, or None (none set, or a path leading outside the library: 'warta check' names it)."""
    from desktop.errors import LibraryError

    if library is None or not logo:
        return None
    try:
        return library.managed(logo)
    except LibraryError:
        return None


def _acting_role(library) -> str:  # noqa: ANN001
    from desktop import staff

    row = staff.get(library, library.store.staff_id) if library is not None else None
    return row.role if row is not None else ""
