"""A library: one folder holding the database and every managed file.

The app opens one library at a time. Nothing is written outside the folder
except settings, so the folder can be copied to a USB disk and opened on
another PC.

The database is ``warta.db`` (SQLite) in the folder, or — in shared-office
mode — a PostgreSQL database named by ``server.json`` in the folder, so every
PC that opens the folder (on the office's shared drive) uses the same server.
The file holds no password: libpq's own means (``~/.pgpass``, ``PGPASSWORD``,
a service file) or this PC's keyring provide it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from pathlib import Path

from desktop.errors import LibraryError, os_reason
from desktop.i18n import _

DB_NAME = "warta.db"
SERVER_FILE = "server.json"
# Managed folders; other areas address files inside them by relative path.
FOLDERS = ("photos", "thumbnails", "renditions", "files", "exports", "backups", "quarantine")
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_library_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Warta", appauthor=False)) / "Library"


def resolve_library_path(explicit: str | os.PathLike | None) -> Path:
    """``--library`` wins, then ``WARTA_LIBRARY``, then the platform default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("WARTA_LIBRARY")
    if env:
        return Path(env).expanduser()
    return default_library_path()


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise LibraryError(_("Cannot read {path}: {error}").format(path=path, error=os_reason(exc))) from exc
    return head == SQLITE_MAGIC or head == b""


class Library:
    """An open library folder. Use :meth:`open`; call :meth:`close` when done."""

    def __init__(self, path: Path, store, server_url: str | None = None) -> None:  # noqa: ANN001 - Store
        self.path = path
        self.store = store
        self.db_path = path / DB_NAME
        #: The PostgreSQL URL (no password) in shared-office mode, else None.
        self.server_url = server_url

    @property
    def is_server(self) -> bool:
        return self.server_url is not None

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        *,
        create: bool = True,
        server: str | None = None,
        allow_network_share: bool = False,
        remove_foreign: bool = False,
    ) -> "Library":
        """Open the library at ``path``, creating it in a new or empty folder.

        ``server``: create the new library's database on this PostgreSQL
        server (an empty database) instead of ``warta.db``.
        ``allow_network_share``: open a SQLite library on a network share
        anyway (only to move it to a server).

        Raises :class:`LibraryError` with a message naming the path and what to
        do; in that case nothing on disk was changed.
        """
        from sqlalchemy.exc import DatabaseError

        path = Path(path).expanduser().absolute()
        db = path / DB_NAME
        kind = path_kind(path)
        if kind == "file":
            raise LibraryError(
                _("{path} is a file, not a folder. Choose a folder for the library.").format(path=path)
            )
        if kind == "special":
            raise LibraryError(special_file_message(path))
        if path_kind(db) == "special":
            raise LibraryError(special_file_message(db))
        if (path / SERVER_FILE).exists() or server is not None:
            return cls._open_server(path, server, create=create, remove_foreign=remove_foreign)
        if not allow_network_share:
            from desktop import netfs

            kind = netfs.network_filesystem(path)
            if kind:
                raise LibraryError(
                    _(
                        "{path} is on a network share ({kind}). A library database kept on a shared "
                        "folder can be damaged when two PCs write to it at once. Use shared-office mode: "
                        "put the database on the office's PostgreSQL server "
                        "(warta library migrate {path} --to-server URL, or Settings → Shared database)."
                    ).format(path=path, kind=kind)
                )
        is_new = not db.exists()
        if is_new:
            if not create:
                raise LibraryError(_("There is no Warta library at {path}.").format(path=path))
            if path.exists() and any(path.iterdir()):
                raise LibraryError(
                    _(
                        "{path} already holds other files and is not a Warta library. "
                        "Choose an empty folder or a new path."
                    ).format(path=path)
                )
            try:
                path.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise LibraryError(
                    _("Cannot create the library folder {path}: {error}").format(
                        path=path, error=os_reason(exc)
                    )
                ) from exc
        elif not _is_sqlite(db):
            raise LibraryError(
                _("{path} is not a Warta database (the file is not SQLite). Nothing was changed.").format(path=db)
            )
        elif db.stat().st_size == 0 and _holds_more_than(path, db):
            raise LibraryError(_empty_database_message(path, db))
        if not os.access(path, os.W_OK | os.X_OK):
            raise LibraryError(
                _("The library folder {path} is not writable. Check its permissions or choose another folder.").format(
                    path=path
                )
            )
        try:
            lib = cls._open_database(path, is_new, remove_foreign=remove_foreign)
        except LibraryError:
            raise
        except (DatabaseError, sqlite3.DatabaseError, OSError) as exc:
            from desktop.safety import api as safety

            storage = safety.explain_storage_error(exc, str(path))
            if storage is not None:
                raise storage from exc
            if isinstance(exc, OSError):
                raise
            raise LibraryError(
                _(
                    "The database {path} is damaged or unreadable ({error}). "
                    "Restore it from a backup (warta restore) or run 'warta check'."
                ).format(path=db, error=_first_line(exc))
            ) from exc
        from desktop.safety import api as safety  # leftovers of a crash; cheap, see its docstring

        safety.on_open(lib)
        lib._protect()
        return lib

    @classmethod
    def _open_server(cls, path: Path, server: str | None, *, create: bool, remove_foreign: bool = False) -> "Library":
        from desktop import server as srv

        is_new = server is not None
        if is_new:
            if (path / SERVER_FILE).exists() or (path / DB_NAME).exists():
                raise LibraryError(_("{path} is already a Warta library.").format(path=path))
            if not create:
                raise LibraryError(_("There is no Warta library at {path}.").format(path=path))
            if path.exists() and any(path.iterdir()):
                raise LibraryError(
                    _(
                        "{path} already holds other files and is not a Warta library. "
                        "Choose an empty folder or a new path."
                    ).format(path=path)
                )
            url = srv.check_url(server)
        else:
            url = srv.read_server_file(path / SERVER_FILE)
            if (path / DB_NAME).exists():  # left by a move whose file was still open then
                srv.retire_sqlite_file(path)
        engine = srv.connect(url)
        try:
            lib = srv.open_database(cls, path, url, engine, create=is_new)
        except BaseException:
            engine.dispose()
            raise
        try:
            lib._refuse_foreign(remove_foreign)
        except BaseException:
            lib.store.dispose()
            raise
        from desktop.safety import api as safety

        safety.on_open(lib)
        lib._protect()
        return lib

    @classmethod
    def _open_database(cls, path: Path, is_new: bool, *, remove_foreign: bool = False) -> "Library":
        from database import schema
        from database.engine import sqlite_engine
        from database.session import Store

        db = path / DB_NAME
        state = schema.file_state(db) if not is_new else schema.SchemaState.EMPTY
        if state is schema.SchemaState.NEWER:
            raise LibraryError(
                _(
                    "The library at {path} was written by a newer version of Warta "
                    "(schema {schema}). Update Warta to open it; nothing was changed."
                ).format(path=path, schema=schema.file_schema_label(db))
            )
        if state is schema.SchemaState.FOREIGN:
            raise LibraryError(
                _("{path} is an SQLite database but not a Warta library. Nothing was changed.").format(path=db)
            )
        if not is_new and not remove_foreign:
            # Before anything writes (an upgrade would run a planted trigger).
            planted = schema.file_foreign_objects(db, triggers_and_views_only=True)
            if planted:
                raise LibraryError(foreign_objects_message(path, planted))
        engine = sqlite_engine(db)
        try:
            if state is not schema.SchemaState.CURRENT:
                for folder in FOLDERS:
                    (path / folder).mkdir(exist_ok=True, mode=0o700)
                backup = None
                if state is schema.SchemaState.OLDER:
                    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                    backup = path / "backups" / f"before-migration-{stamp}.db"
                schema.upgrade(engine, backup_to=backup, db_file=db)
            if os.name == "posix" and is_new:
                os.chmod(db, 0o600)
        except BaseException:
            engine.dispose()
            if is_new:
                _remove_new_library(path)
            raise
        lib = cls(path, Store(engine))
        try:
            lib._refuse_foreign(remove_foreign)
        except BaseException:
            engine.dispose()
            raise
        lib._ensure_identity()
        lib._ensure_search_indexes()
        return lib

    #: Sentences about this library that the user should see (the CLI prints them, Beranda shows a card).
    warnings: list[str] = []
    #: Sentences about schema objects moved to quarantine by this open (``remove_foreign``).
    quarantined_schema: list[str] = []

    def _refuse_foreign(self, remove: bool) -> None:
        """Refuse (or with ``remove``, quarantine) schema objects that are not Warta's."""
        from database import schema

        # The whole check (tables and indexes too): the schema is current here,
        # and the models it compares with are mostly loaded already (~0.1 s).
        with self.store.engine.connect() as conn:
            found = schema.foreign_objects(conn)
        if not found:
            return
        if not remove:
            raise LibraryError(foreign_objects_message(self.path, found))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = self.folder("quarantine") / stamp / "foreign-schema.sql"
        from desktop.fsutil import atomic_write

        with atomic_write(saved, private=True) as fh:
            fh.write("".join(f"-- {o.kind} {o.name}\n{o.sql};\n\n" for o in found).encode("utf-8"))
        with self.store.engine.begin() as conn:
            schema.drop_objects(conn, found)
        self.quarantined_schema = [
            _("removed {kind} {name}, which is not part of Warta (its definition is kept in {file})").format(
                kind=o.kind, name=o.name, file=saved.relative_to(self.path).as_posix()
            )
            for o in found
        ]

    def _ensure_identity(self) -> None:
        from database.models import Meta, Office

        with self.store.read() as s:
            has_id = s.get(Meta, "library_id") is not None
            has_office = s.get(Office, 1) is not None
        if has_id and has_office:
            return
        with self.store.write() as tx:
            if not has_id:
                tx.session.add(Meta(key="library_id", value=uuid.uuid4().hex))
            if not has_office:
                tx.session.add(Office(id=1))

    def _ensure_search_indexes(self) -> None:
        """Rebuild every search index built by another version of the indexing (after an upgrade)."""
        from database import fts
        from database.models import Meta
        from desktop import search

        with self.store.read() as s:
            row = s.get(Meta, fts.VERSION_KEY)
            if row is not None and row.value == fts.VERSION:
                return
        with self.store.write() as tx:
            search.rebuild_indexes(self, tx)
            row = tx.session.get(Meta, fts.VERSION_KEY)
            if row is None:
                tx.session.add(Meta(key=fts.VERSION_KEY, value=fts.VERSION))
            else:
                row.value = fts.VERSION
        fts.tidy(self.store.engine)

    # -- facts -----------------------------------------------------------

    @property
    def library_id(self) -> str:
        from database.models import Meta

        with self.store.read() as s:
            row = s.get(Meta, "library_id")
            return row.value if row else ""

    def folder(self, name: str) -> Path:
        """A managed folder (``photos``, ``thumbnails``, ``exports`` …), created on demand."""
        if name not in FOLDERS:
            raise ValueError(name)
        target = self.path / name
        target.mkdir(exist_ok=True, mode=0o700)
        return target

    def managed(self, relative: str) -> Path:
        """Absolute path of a managed file recorded by its library-relative path.

        The path comes from the database, which a library from a USB stick or
        a crafted backup may have changed: one that would lead outside the
        library's managed folders (``..``, an absolute path, a link out) is
        refused with :class:`LibraryError`, so nothing outside is ever read,
        copied or deleted.
        """
        if not is_managed_name(relative):
            raise LibraryError(outside_message(relative))
        target = self.path.joinpath(*relative.split("/"))
        try:
            real = target.resolve()
            inside = real.is_relative_to(self.path.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise LibraryError(outside_message(relative))
        return target

    def size_bytes(self) -> int:
        total = 0
        for root, _dirs, files in os.walk(self.path):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(root, name))
                except OSError:
                    pass
        return total

    @property
    def needs_setup(self) -> bool:
        """True until the first-run wizard has stored an office and a staff profile."""
        from sqlalchemy import func, select

        from database.models import Office, Staff

        with self.store.read() as s:
            office = s.get(Office, 1)
            staff = s.scalar(select(func.count()).select_from(Staff))
        return not (office and office.name) or not staff

    def release_connections(self) -> None:
        """Close pooled connections (the library stays usable: they reopen on demand).

        Windows cannot move a file that is open, so a move of ``warta.db``
        first lets go of this process's handles.
        """
        self.store.engine.dispose()

    def _protected_files(self) -> tuple[Path, ...]:
        return tuple(self.path / n for n in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal"))

    def _protect(self) -> None:
        from desktop import fsutil

        fsutil.protect(*self._protected_files())

    def close(self) -> None:
        from desktop import fsutil
        from desktop.safety import api as safety

        fsutil.unprotect(*self._protected_files())
        safety.release_session(self)
        self.store.dispose()


def path_kind(path: Path) -> str:
    """``missing``, ``folder``, ``file`` or ``special`` (a pipe, device or socket), without following a FIFO.

    A name the system refuses (too long, invalid) raises :class:`LibraryError`.
    """
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    except OSError as exc:
        raise LibraryError(unusable_path_message(path, exc)) from exc
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return "special"


def export_target_problem(target: Path, library_path: Path | None, *, folder: bool = False) -> str | None:
    """Why an export must not write to ``target`` (a sentence), or None.

    Refused: anything inside the library (its database, photos, backups),
    and anything but an ordinary file (a folder to write into, with
    ``folder``). Replacing an existing file is the caller's question
    (``--force``, or the save dialog's own).
    """
    from desktop.fsutil import is_inside

    target = Path(target).expanduser().absolute()
    if library_path is not None and is_inside(target, library_path):
        return _(
            "{path} is inside the library {library}; nothing was written. "
            "Choose a file outside the library, e.g. in Documents."
        ).format(path=target, library=library_path)
    kind = path_kind(target)
    if folder:
        if kind not in ("missing", "folder"):
            return _("{path} is not a folder; nothing was written. Choose a folder.").format(path=target)
        return None
    if kind not in ("missing", "file"):
        return _(
            "{path} is not an ordinary file (it is a folder, pipe, device or socket); nothing was written. "
            "Choose a file name."
        ).format(path=target)
    return None


def special_file_message(path: Path) -> str:
    return _(
        "{path} is not a folder or an ordinary file (it is a pipe, device or socket). Choose an ordinary folder or file."
    ).format(path=path)


def unusable_path_message(path: Path | str, exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return _("The name {path} is too long for this disk. Choose a shorter name or folder.").format(
            path=_shorten(str(path))
        )
    return _("Cannot use {path}: {error}").format(path=_shorten(str(path)), error=os_reason(exc))


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-limit // 2 :]


def is_managed_name(relative: object) -> bool:
    """True for a plain relative path inside one of the managed folders (``photos/ab/…``)."""
    if not isinstance(relative, str) or not relative or len(relative) > 1000:
        return False
    if "\x00" in relative or "\\" in relative or relative.startswith("/") or (len(relative) > 1 and relative[1] == ":"):
        return False
    parts = relative.split("/")
    return len(parts) >= 2 and parts[0] in FOLDERS and not ({"", ".", ".."} & set(parts))


def outside_message(relative: object) -> str:
    return _(
        "The library's database names '{path}' as one of its files, but that path leads outside the library. "
        "Someone may have tampered with this library; Warta will not read, copy or delete that file. "
        "Run 'warta check' and restore from a backup you trust."
    ).format(path=_shorten(str(relative), 200))


def foreign_objects_message(path: Path, found: list) -> str:  # noqa: ANN001 - database.schema.ForeignObject
    shown = ", ".join(f"{o.kind} {o.name}" for o in found[:5]) + (" …" if len(found) > 5 else "")
    return _(
        "The database of {path} contains {count} object(s) that are not part of Warta ({objects}). "
        "They could change or delete data on every save, so the library was not opened and nothing was changed. "
        "To move them to the quarantine folder and open the library, run: warta check --repair --library {path}"
    ).format(path=path, count=len(found), objects=shown)


def _holds_more_than(path: Path, db: Path) -> bool:
    """True when the folder holds anything but ``db`` (and its journal files)."""
    own = {db.name, db.name + "-wal", db.name + "-shm", db.name + "-journal", ".warta-session"}
    return any(p.name not in own for p in path.iterdir())


def _empty_database_message(path: Path, db: Path) -> str:
    snapshots = sorted((path / "backups").glob("auto-*.db")) if (path / "backups").is_dir() else []
    if snapshots:
        hint = _("The newest automatic backup is {file}; restore it with Settings → Backups or 'warta restore'.").format(
            file=snapshots[-1]
        )
    else:
        hint = _("Restore the library from a backup (warta restore).")
    return _(
        "The database {path} is empty (0 bytes): its contents were lost, e.g. by a full disk or an interrupted copy. "
        "The library was not opened, so its files stay as they are. {hint}"
    ).format(path=db, hint=hint)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else exc.__class__.__name__


def _remove_new_library(path: Path) -> None:
    """Undo a library creation that failed half-way (only files we created)."""
    import shutil

    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal"):
        try:
            (path / name).unlink()
        except OSError:
            pass
    for folder in FOLDERS:
        shutil.rmtree(path / folder, ignore_errors=True)
