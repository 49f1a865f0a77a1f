"""``warta library create|migrate``: libraries on the office's PostgreSQL server."""

from __future__ import annotations

import argparse

from desktop.cli import common, emit, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    lib = sub.add_parser("library", help=_("create a library or move it to the office server"))
    lsub = lib.add_subparsers(dest="library_command", required=True)
    p = common(lsub.add_parser("create", help=_("create a new library (on a server with --server)")))
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--server", metavar="URL", help=_("an empty PostgreSQL database: postgresql://user@host/db"))
    p.set_defaults(handler=cmd_create)
    p = common(lsub.add_parser("migrate", help=_("move a library's data onto an empty server database")))
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--to-server", metavar="URL", required=True, dest="server",
                   help=_("an empty PostgreSQL database: postgresql://user@host/db"))
    p.set_defaults(handler=cmd_migrate)


def cmd_create(args: argparse.Namespace) -> int:
    from desktop.library import Library
    from desktop.server import display_url

    lib = Library.open(args.dir, server=args.server) if args.server else Library.open(args.dir)
    try:
        where = display_url(lib.server_url) if lib.server_url else str(lib.db_path)
        emit(args, {"library": str(lib.path), "database": where},
             _("Library created at {path} (database: {where}).").format(path=lib.path, where=where))
    finally:
        lib.close()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from desktop.server import migrate_to_server

    with terminal_progress(args) as progress:
        result = migrate_to_server(args.dir, args.server, progress)
    emit(args, {"library": args.dir, **result},
         _("Moved {rows} rows in {tables} tables to {server}; the old database is kept as {kept}.").format(**result))
    return 0
