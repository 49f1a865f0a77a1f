"""Data-safety subcommands: ``warta backup`` and ``warta restore``."""

from __future__ import annotations

import argparse

from desktop.cli import common, emit, open_library, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = common(sub.add_parser("backup", help=_("write a verified backup file (.wartabackup) to a folder")))
    p.add_argument("--to", required=True, metavar="DIR", help=_("folder for the backup file, e.g. a USB disk"))
    p.add_argument(
        "--include-renditions",
        action="store_true",
        help=_("also copy resized photo renditions (they can be made again from the originals)"),
    )
    p.add_argument(
        "--password",
        action="store_true",
        help=_("protect the backup with a password (asked on the terminal, or WARTA_BACKUP_PASSWORD)"),
    )
    p.set_defaults(handler=cmd_backup)

    p = common(sub.add_parser("restore", help=_("restore a backup file into a new library folder")))
    p.add_argument("file", metavar="FILE", help=_("the .wartabackup file"))
    p.add_argument("--to", required=True, metavar="DIR", help=_("a new or empty folder for the restored library"))
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.safety import api as safety

    password = _password(confirm=True) if args.password else None
    lib = open_library(args)
    try:
        with terminal_progress(args) as progress:
            result = safety.export_backup(
                lib, args.to, progress=progress, include_renditions=args.include_renditions, password=password
            )
    finally:
        lib.close()
    emit(
        args,
        result.to_json(),
        lambda: _("Backup written and verified: {path} ({files} files, {size} MB).").format(
            path=result.path, files=result.files, size=round(result.size / 2**20, 1)
        ),
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.safety import api as safety

    password = _password(confirm=False) if safety.is_protected(args.file) else None
    with terminal_progress(args) as progress:
        result = safety.restore(args.file, args.to, progress, password=password)
    emit(
        args,
        result.to_json(),
        lambda: _("Restored {files} files into the new library {path}. Open it with: warta --library {path}").format(
            files=result.files, path=result.path
        ),
    )
    return 0


PASSWORD_ENV = "WARTA_BACKUP_PASSWORD"


def _password(*, confirm: bool) -> str:
    """The backup password: from ``WARTA_BACKUP_PASSWORD`` (scripts), else asked on the terminal."""
    import getpass
    import os
    import sys

    from desktop.cli import UsageError

    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            _("This backup needs a password: set {env} or run the command in a terminal to be asked.").format(env=PASSWORD_ENV)
        )
    first = getpass.getpass(_("Backup password: "))
    if confirm and getpass.getpass(_("The same password again: ")) != first:
        raise UsageError(_("The two passwords differ; nothing was written."))
    return first
