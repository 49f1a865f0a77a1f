"""Errors that carry a message meant for the user (window and command line alike)."""

from __future__ import annotations


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
