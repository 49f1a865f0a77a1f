"""Errors that carry a message meant for the user (window and command line alike)."""

from __future__ import annotations

from desktop.i18n import N_


class WartaError(Exception):
    """A failure the user can understand and act on.

    ``str(err)`` is already translated and names what went wrong and, where
    possible, what to do. The command line prints it without a traceback and
    exits with ``exit_code``; the window shows it in a message box.
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class LibraryError(WartaError):
    """The library folder or its database cannot be used."""


class ValidationError(WartaError):
    """User input was rejected; nothing was changed."""


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


# The system's own wording of these is English on every PC; the user reads the reason in their language.
_OS_REASONS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "EISDIR": N_("it is a folder, not a file"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "EEXIST": N_("it already exists"),
    "ENOSPC": N_("the disk is full"),
    "EROFS": N_("the disk is read-only"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EBUSY": N_("it is in use by another program"),
    "EIO": N_("the disk could not be read or written (input/output error)"),
}


def os_reason(exc: BaseException) -> str:
    """Why an ``OSError`` happened, in the user's language (the system's text for anything rarer)."""
    import errno

    from desktop.i18n import _

    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    if name in _OS_REASONS:
        return _(_OS_REASONS[name])
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
