"""E-mail: the office's SMTP server settings (this PC), and one personalised message per recipient.

The settings live in this PC's settings file; the password in the OS keyring
through ``desktop.credentials`` (never in the library). Messages are
rebuilt from their batch at every attempt, with the Message-ID stored when
the message was queued, so a retry is the same message.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from desktop.errors import ValidationError, WartaError
from desktop.i18n import _

SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 30  # seconds; a server that hangs must not hang the outbox forever


class SmtpError(WartaError):
    """The office's mail server could not be reached or refused to log in."""


@dataclass
class SmtpConfig:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    username: str = ""
    sender: str = ""  # From: address
    sender_name: str = ""

    def key(self) -> str:
        """The keyring entry of the password (``smtp://user@host:port``)."""
        return "smtp://{user}{at}{host}:{port}".format(
            user=self.username, at="@" if self.username else "", host=self.host, port=self.port)

    def check(self) -> None:
        if not self.host.strip():
            raise ValidationError(_("Give the SMTP server of the office (Settings → E-mail)."))
        if self.security not in SECURITY:
            raise ValidationError(_("Unknown SMTP security '{value}'. Use starttls, ssl or none.").format(
                value=self.security))
        if not (0 < int(self.port) < 65536):
            raise ValidationError(_("The SMTP port must be a number from 1 to 65535."))
        from desktop.contacts import api as contacts

        problem = contacts.email_problem(self.sender)
        if problem:
            raise ValidationError(_("The sender address is not usable: {reason}").format(reason=problem))


def load_config(current=None) -> SmtpConfig:  # noqa: ANN001 - desktop.settings.Settings
    """This PC's SMTP settings (from ``current``, the window's settings in memory, or the file)."""
    from desktop import settings

    raw = (current or settings.load()).ui.get("distribution", {}).get("smtp", {})
    known = SmtpConfig.__dataclass_fields__
    return SmtpConfig(**{k: v for k, v in raw.items() if k in known})


def save_config(config: SmtpConfig, password: str | None = None, current=None) -> bool:  # noqa: ANN001
    """Remember ``config`` on this PC (and ``password`` in the keyring); False when no keyring kept the password.

    ``current``: the window's settings in memory, which it saves again later (so the entry goes there too).
    """
    from desktop import credentials, settings

    config.check()
    s = current or settings.load()
    s.ui.setdefault("distribution", {})["smtp"] = asdict(config)
    settings.save(s)
    if password:
        return credentials.set_password(config.key(), password)
    return True


def password_for(config: SmtpConfig) -> str | None:
    from desktop import credentials

    return credentials.get_password(config.key()) if config.username else None


def build(batch, message, attachments) -> EmailMessage:  # noqa: ANN001 - rows of the batch, the message, its files
    """The personalised e-mail of one recipient (same bytes for the same rows, Message-ID included)."""
    from desktop.distribution.recipients import greeting

    msg = EmailMessage()
    msg["Message-ID"] = message.message_id
    msg["Date"] = formatdate(_epoch(message.created_at), localtime=False)
    msg["From"] = batch.sender
    msg["To"] = formataddr((message.recipient, message.address))
    msg["Subject"] = batch.subject
    msg.set_content(greeting(message.recipient) + "\n\n" + batch.body)
    for a in attachments:
        maintype, subtype = a.mime_type.split("/", 1)
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.file_name)
    return msg


def _epoch(when) -> float:  # noqa: ANN001 - naive UTC datetime
    import datetime as dt

    return when.replace(tzinfo=dt.timezone.utc).timestamp()


def connect(config: SmtpConfig, password: str | None) -> smtplib.SMTP:
    """A logged-in SMTP session; :class:`SmtpError` with a sentence when the server cannot be used."""
    config.check()
    try:
        if config.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(config.host, int(config.port), timeout=TIMEOUT,
                                                    context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(config.host, int(config.port), timeout=TIMEOUT)
            if config.security == "starttls":
                server.starttls(context=ssl.create_default_context())
        if config.username:
            if not password:
                server.close()
                raise SmtpError(_("No password is stored for {user} on this PC; enter it in Settings → E-mail.").format(
                    user=config.username))
            server.login(config.username, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpError(_("The mail server {host} refused the user name or password.").format(host=config.host)) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpError(_("Cannot reach the mail server {host}:{port} ({error}). The messages stay in the outbox.").format(
            host=config.host, port=config.port, error=exc)) from exc
    return server


def test_connection(config: SmtpConfig, password: str | None) -> None:
    """Connect and log in once (Settings → E-mail → Test connection); :class:`SmtpError` when it fails."""
    server = connect(config, password)
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        pass
