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
    p.set_defaults(handler=cmd_backup)

    p = common(sub.add_parser("restore", help=_("restore a backup file into a new library folder")))
    p.add_argument("file", metavar="FILE", help=_("the .wartabackup file"))
    p.add_argument("--to", required=True, metavar="DIR", help=_("a new or empty folder for the restored library"))
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.safety import api as safety

    lib = open_library(args)
    try:
        with terminal_progress(args) as progress:
            result = safety.export_backup(lib, args.to, progress=progress, include_renditions=args.include_renditions)
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

    with terminal_progress(args) as progress:
        result = safety.restore(args.file, args.to, progress)
    emit(
        args,
        result.to_json(),
        lambda: _("Restored {files} files into the new library {path}. Open it with: warta --library {path}").format(
            files=result.files, path=result.path
        ),
    )
    return 0
