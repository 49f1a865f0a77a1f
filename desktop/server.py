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

from desktop.errors import LibraryError
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
    from desktop.fsutil import atomic_write

    payload = {"format": 1, "engine": "postgresql", "url": check_url(url)}
    atomic_write(folder / SERVER_FILE, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))


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
            _("The office database server {server} needs a password for this PC.").format(server=where)
        )
    if "does not exist" in lowered and "database" in lowered:
        return LibraryError(
            _("The database named in {server} does not exist on the server. Ask the administrator to create it.").format(
                server=where
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
            _("Cannot create the library folder {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    lib = cls(path, Store(engine), server_url=url)
    lib._ensure_identity()
    lib._ensure_search_indexes()
    return lib


def _remove_created(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
