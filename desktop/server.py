"""Shared-office mode: a library folder whose database is on a PostgreSQL server.

The folder (photos, renditions, files, exports on the office's shared drive)
holds ``server.json`` with the server's URL and no password. Every PC that
opens the folder connects to that server; the password comes from libpq's
own means (``~/.pgpass``/``PGPASSFILE``, ``PGPASSWORD``, a service file) or,
when a person typed it in the window, from this PC's keyring
(:mod:`desktop.credentials`).
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.errors import LibraryError, os_reason
from desktop.i18n import _

SERVER_FILE = "server.json"


class ServerAuthError(LibraryError):
    """The server wants a password this PC does not have (the window asks for it)."""


class ServerUnavailable(LibraryError):
    """The server cannot be reached (network, server stopped)."""


def check_url(url: str) -> str:
    """A PostgreSQL URL fit for the folder: no password in it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise LibraryError(
            _("“{url}” is not a server address. Write it like postgresql://user@server/database.").format(url=url)
        ) from exc
    if not parsed.drivername.startswith(("postgresql", "postgres")):
        raise LibraryError(
            _("Shared-office mode needs a PostgreSQL server (postgresql://…), not “{url}”.").format(url=url)
        )
    if parsed.password:
        raise LibraryError(
            _(
                "The server address must not contain a password: the library folder is shared. "
                "Leave it out; Warta asks for it once on each PC, or libpq reads it from ~/.pgpass."
            )
        )
    if not parsed.database:
        raise LibraryError(_("The server address {url} names no database.").format(url=url))
    return parsed.render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """``user@host:port/database`` for messages."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.host or "localhost"
    return f"{u.username + '@' if u.username else ''}{host}{':' + str(u.port) if u.port else ''}/{u.database}"


def read_server_file(file: Path) -> str:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        url = data["url"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LibraryError(
            _("{path} does not say which server holds the library ({error}).").format(path=file, error=exc)
        ) from exc
    return check_url(url)


def write_server_file(folder: Path, url: str) -> None:
    from desktop.fsutil import atomic_write_bytes

    payload = {"format": 1, "engine": "postgresql", "url": check_url(url)}
    atomic_write_bytes(folder / SERVER_FILE, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))


def connect(url: str):  # noqa: ANN201 - sqlalchemy Engine
    """An engine for ``url``, with the password from this PC's keyring when it has one."""
    from database.engine import engine_for_url
    from desktop import credentials

    return engine_for_url(url, password=credentials.get_password(url))


def explain(exc: BaseException, url: str) -> LibraryError:
    """A connection failure as a sentence (and the right error class)."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = message[0] if message else exc.__class__.__name__
    where = display_url(url)
    lowered = first.lower()
    if "password" in lowered and ("authentication" in lowered or "no password" in lowered or "supplied" in lowered):
        return ServerAuthError(
            _(
                "The office database server {server} did not accept this PC's password, or has none for it yet. "
                "Open the library once in the window (it asks and keeps the password in this PC's keyring), "
                "or set PGPASSWORD or a ~/.pgpass entry."
            ).format(server=where)
        )
    if "does not exist" in lowered and "database" in lowered:
        return LibraryError(
            _("The database named in {server} does not exist on the server. Ask the administrator to create it.").format(
                server=where
            )
        )
    from sqlalchemy.exc import InterfaceError, OperationalError

    if not isinstance(exc, (OperationalError, InterfaceError)) and not getattr(exc, "connection_invalidated", False):
        return LibraryError(
            _("The office database server {server} refused the change ({error}); nothing was changed.").format(
                server=where, error=first
            )
        )
    return ServerUnavailable(
        _(
            "Cannot reach the office database server {server} ({error}). Check the network cable or Wi-Fi "
            "and that the server is on; nothing was changed."
        ).format(server=where, error=first)
    )


def open_database(cls, path: Path, url: str, engine, *, create: bool):  # noqa: ANN001, ANN201
    """Open (or, with ``create``, make) the server library for folder ``path``."""
    import datetime as dt

    from sqlalchemy.exc import DBAPIError, OperationalError

    from database import schema
    from database.session import Store
    from desktop.library import FOLDERS

    try:
        state = schema.state(engine)
    except (OperationalError, DBAPIError) as exc:
        raise explain(exc, url) from exc
    where = display_url(url)
    if create and state is not schema.SchemaState.EMPTY:
        raise LibraryError(
            _("The server database {server} is not empty. A new library needs an empty database.").format(server=where)
        )
    if not create and state is schema.SchemaState.EMPTY:
        raise LibraryError(
            _("The server database {server} holds no Warta library (it is empty).").format(server=where)
        )
    if state is schema.SchemaState.NEWER:
        raise LibraryError(
            _(
                "The library on {server} was written by a newer version of Warta (schema {schema}). "
                "Update Warta on this PC to open it; nothing was changed."
            ).format(server=where, schema=schema.schema_label(engine))
        )
    if state is schema.SchemaState.FOREIGN:
        raise LibraryError(
            _("The server database {server} holds tables that are not a Warta library. Nothing was changed.").format(
                server=where
            )
        )
    created_folder = create and not path.exists()
    try:
        if create:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        for folder in FOLDERS:
            (path / folder).mkdir(exist_ok=True, mode=0o700)
        if state is not schema.SchemaState.CURRENT:
            backup = None
            if state is schema.SchemaState.OLDER:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = path / "backups" / f"before-migration-{stamp}.db"
            schema.upgrade(engine, backup_to=backup)
        if create:
            write_server_file(path, url)
    except (OperationalError, DBAPIError) as exc:
        if created_folder:
            _remove_created(path)
        raise explain(exc, url) from exc
    except OSError as exc:
        if created_folder:
            _remove_created(path)
        raise LibraryError(
            _("Cannot create the library folder {path}: {error}").format(path=path, error=os_reason(exc))
        ) from exc
    from desktop import credentials

    store = Store(engine)
    store.password = credentials.get_password(url)
    store.translate_error = lambda exc: explain(exc, url)
    lib = cls(path, store, server_url=url)
    lib._ensure_identity()
    lib._ensure_search_indexes()
    return lib


def _remove_created(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def migrate_to_server(path: Path, url: str, progress=None) -> dict:  # noqa: ANN001 - desktop.jobs.Progress
    """Move the SQLite library at ``path`` onto an empty server database.

    Every table is copied with its ids in one server transaction, then
    compared by row count and content checksum; only then does the folder
    switch to the server (``server.json``) and ``warta.db`` move into
    ``backups/`` (kept, never deleted). A failure leaves the folder as it
    was and the server database empty.
    """
    from sqlalchemy.exc import DBAPIError

    from database import schema, transfer
    from desktop.jobs import Progress
    from desktop.library import Library

    progress = progress or Progress()
    url = check_url(url)
    source = Library.open(path, create=False, allow_network_share=True)
    if source.is_server:
        source.close()
        raise LibraryError(_("The library at {path} is already on a server.").format(path=source.path))
    target = connect(url)
    where = display_url(url)
    try:
        try:
            if schema.state(target) is not schema.SchemaState.EMPTY:
                raise LibraryError(
                    _("The server database {server} is not empty. Moving a library needs an empty database.").format(
                        server=where
                    )
                )

            def report(done: int, total: int, table: str) -> None:
                progress.report(done, total, table)
                progress.check()

            result = transfer.copy_database(source.store.engine, target, report=report)
        except transfer.TransferError as exc:
            raise LibraryError(
                _("The copy on {server} did not match the library ({error}); nothing was changed.").format(
                    server=where, error=exc
                )
            ) from exc
        except DBAPIError as exc:
            raise explain(exc, url) from exc
    finally:
        source.close()
        target.dispose()
    write_server_file(source.path, url)
    kept = retire_sqlite_file(source.path)
    # Opening once builds the server's search indexes from the copied rows.
    Library.open(source.path).close()
    return {"server": where, "rows": result.rows, "tables": len(result.tables), "kept": str(kept)}


def retire_sqlite_file(folder: Path) -> Path:
    """Move a moved library's ``warta.db`` into ``backups/`` (kept, never deleted).

    Where the file is still open elsewhere (Windows refuses to move it), it
    is copied now and moved the next time the folder is opened.
    """
    import datetime as dt
    import shutil

    from desktop.library import DB_NAME

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / "backups" / f"warta-before-server-{stamp}.db"
    kept.parent.mkdir(exist_ok=True, mode=0o700)
    try:
        shutil.move(str(folder / DB_NAME), kept)
    except OSError:
        from desktop.fsutil import atomic_copy

        atomic_copy(folder / DB_NAME, kept)
        return kept
    for suffix in ("-wal", "-shm"):
        try:
            (folder / (DB_NAME + suffix)).unlink(missing_ok=True)
        except OSError:
            pass
    return kept
