"""Settings → E-mail: the office's SMTP server on this PC (the password goes to the OS keyring)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desktop.distribution import api as distribution
from desktop.errors import WartaError
from desktop.i18n import N_, _

_SECURITY = {"starttls": N_("STARTTLS (port 587)"), "ssl": N_("SSL/TLS (port 465)"), "none": N_("None (local relay only)")}


class SmtpPage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("smtp-page")
        config = distribution.load_config(ctx.settings)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Releases are e-mailed through the office's mail server. Without one, write .eml files "
                         "and send them from the mail program."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit(config.host)
        self.host.setObjectName("smtp-host")
        self.port = QSpinBox()
        self.port.setObjectName("smtp-port")
        self.port.setRange(1, 65535)
        self.port.setValue(int(config.port))
        self.security = QComboBox()
        self.security.setObjectName("smtp-security")
        for key, label in _SECURITY.items():
            self.security.addItem(_(label), key)
        self.security.setCurrentIndex(max(0, self.security.findData(config.security)))
        self.username = QLineEdit(config.username)
        self.username.setObjectName("smtp-user")
        self.password = QLineEdit()
        self.password.setObjectName("smtp-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("stored in this PC's keyring; leave empty to keep"))
        self.sender = QLineEdit(config.sender)
        self.sender.setObjectName("smtp-sender")
        self.sender_name = QLineEdit(config.sender_name)
        form.addRow(_("SMTP server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Security"), self.security)
        form.addRow(_("User name"), self.username)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Sender address"), self.sender)
        form.addRow(_("Sender name"), self.sender_name)
        layout.addLayout(form)
        self.test_button = QPushButton(_("Test connection"))
        self.test_button.setObjectName("smtp-test")
        self.test_button.clicked.connect(self.test)
        layout.addWidget(self.test_button)
        self.status = QLabel()
        self.status.setObjectName("smtp-status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)

    @staticmethod
    def title() -> str:
        return _("E-mail")

    def config(self) -> distribution.SmtpConfig:
        return distribution.SmtpConfig(host=self.host.text().strip(), port=self.port.value(),
                                       security=self.security.currentData(), username=self.username.text().strip(),
                                       sender=self.sender.text().strip(), sender_name=self.sender_name.text().strip())

    def apply(self) -> None:
        """Save on Settings → Save; an empty page (no server) is left as it was."""
        config = self.config()
        if not config.host and not config.sender:
            return
        distribution.save_config(config, self.password.text() or None, self.ctx.settings)

    def test(self) -> None:
        config = self.config()
        password = self.password.text() or distribution.password_for(config)
        try:
            distribution.test_connection(config, password)
        except WartaError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(_("The mail server {host} answered and accepted the login.").format(host=config.host))
