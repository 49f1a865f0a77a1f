"""Settings → Shared database (*Basis data bersama*): move the library to the office server."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import credentials, server
from desktop.errors import WartaError
from desktop.i18n import _


class ServerPage(QWidget):
    """Where the library's database is, and the move of a SQLite library onto a PostgreSQL server."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("server-page")
        layout = QVBoxLayout(self)
        self.where = QLabel()
        self.where.setObjectName("server-where")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        explain = QLabel(_(
            "Offices where several PCs work on one library keep its database on a PostgreSQL server and the "
            "library folder on the shared drive. Every PC then opens the same folder. The address below is kept "
            "in the folder without the password; each PC asks for the password once and keeps it in its keyring."
        ))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setObjectName("server-url")
        self.url.setPlaceholderText("postgresql://humas@server/warta_kantor")
        form.addRow(_("Server address"), self.url)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.move_button = QPushButton(_("Move this library to the server…"))
        self.move_button.setObjectName("server-move")
        self.move_button.clicked.connect(lambda: self.move_to_server())
        self.forget_button = QPushButton(_("Forget the password on this PC"))
        self.forget_button.setObjectName("server-forget")
        self.forget_button.clicked.connect(lambda: self.forget_password())
        row.addWidget(self.move_button)
        row.addWidget(self.forget_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.refresh()

    @staticmethod
    def title() -> str:
        return _("Shared database")

    def refresh(self) -> None:
        lib = self.ctx.library
        if lib.is_server:
            self.where.setText(_("This library's database is on the office server {server}.").format(
                server=server.display_url(lib.server_url)))
            self.url.setText(lib.server_url)
        else:
            self.where.setText(_("This library's database is the file {path} on this PC.").format(path=lib.db_path))
        self.url.setReadOnly(lib.is_server)
        self.move_button.setEnabled(not lib.is_server)
        self.forget_button.setEnabled(lib.is_server)

    def forget_password(self) -> None:
        credentials.forget_password(self.ctx.library.server_url)
        self.where.setText(self.where.text() + " " + _("The password is no longer kept on this PC."))

    def move_to_server(self) -> None:
        url = self.url.text().strip()
        try:
            url = server.check_url(url)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        answer = QMessageBox.question(
            self, self.title(),
            _("Copy every record of this library to {server}? The server database must be empty. "
              "Warta reopens the library on the server afterwards; the old database file is kept in backups/.").format(
                server=server.display_url(url)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ask_password(self, url)
        path = self.ctx.library.path
        # Let go of this window's handles on warta.db (Windows cannot move an
        # open file); the window reconnects by itself if it reads meanwhile.
        self.ctx.library.release_connections()
        window = self.ctx.main_window

        def done(result: dict) -> None:
            QMessageBox.information(self, self.title(), _(
                "Moved {rows} rows in {tables} tables to {server}; the old database is kept as {kept}."
            ).format(**result))
            self.window().close()  # the Settings dialog: the library it edits is being replaced
            from desktop.ui.app import switch_library

            switch_library(window, str(path))

        self.ctx.tasks.start(
            lambda progress: server.migrate_to_server(path, url, progress),
            title=_("Moving the library to the server"),
            on_done=done,
            on_error=lambda exc: self.ctx.show_error(self, exc),
            parent=self,
        )


def ask_password(parent: QWidget | None, url: str, *, refused: bool = False) -> bool:
    """Ask for the server password and keep it in this PC's keyring; False if cancelled.

    ``refused``: the server turned the last password down (said so first).
    """
    prompt = _("Password for {server} (kept in this PC's keyring, never in the library folder):").format(
        server=server.display_url(url))
    if refused:
        prompt = _("The server did not accept that password.") + "\n" + prompt
    text, ok = QInputDialog.getText(parent, _("Office database server"), prompt, QLineEdit.EchoMode.Password)
    if ok and text:
        credentials.set_password(url, text)
    return bool(ok)
