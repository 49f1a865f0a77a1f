"""Turn storage failures (disk full, read-only, locked too long) into clear messages.

Registered on every library's engine by :func:`desktop.safety.sweep.on_open`
(SQLAlchemy's ``handle_error`` event), so every write path — window, command
line, import — reports the same sentence instead of a driver error, and the
transaction is rolled back as always: nothing was changed.
"""

from __future__ import annotations

import errno

from desktop.errors import WartaError
from desktop.i18n import _


class StorageError(WartaError):
    """The disk refused a write; the change was not made."""


def explain(exc: BaseException, where: str = "") -> StorageError | None:
    """A user-facing error for a storage failure, or None if ``exc`` is something else."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    code = getattr(exc, "errno", None)
    if "disk is full" in text or "database or disk is full" in text or code == errno.ENOSPC:
        return StorageError(
            _("The disk holding {where} is full, so nothing was saved. Free some space and try again; unsaved text stays in the editor.").format(
                where=where or _("the library")
            )
        )
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageError(
            _("{where} cannot be written (read-only disk or missing permission), so nothing was saved. Unsaved text stays in the editor.").format(
                where=where or _("The library")
            )
        )
    if "database is locked" in text:
        return StorageError(
            _("Another Warta window or command kept {where} busy for too long, so nothing was saved. Try again in a moment.").format(
                where=where or _("the library")
            )
        )
    return None


def install(library) -> None:  # noqa: ANN001 - desktop.library.Library
    """Translate storage failures raised by this library's engine."""
    from sqlalchemy import event

    where = str(library.path)

    def handle(context) -> BaseException | None:  # noqa: ANN001 - sqlalchemy ExceptionContext
        return explain(context.original_exception, where)

    event.listen(library.store.engine, "handle_error", handle)
