"""Schema state of a library database, and upgrades through Alembic.

The schema has one linear history: each revision after the first release's
bridge is ``NNNN_name.py`` with a growing number, and the revision id is the
file name. The newest file is the head, so opening a library — the common
case is "already at the head" — is decided from the ``alembic_version`` row
and the file names alone, without importing Alembic.

The first release kept one Alembic branch per area (``articles_0001``,
``contacts_0001`` …: several heads at once). ``0002_linear`` joins them into
this one line; those files stay so its libraries can still be upgraded.
"""

from __future__ import annotations

import enum
import re
import shutil
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
MIGRATIONS_DIR = VERSIONS_DIR.parent
_LINEAR = re.compile(r"^\d{4}_\w+$")


class SchemaState(enum.Enum):
    EMPTY = "empty"  # a new database: create everything
    CURRENT = "current"
    OLDER = "older"  # migrations to run
    NEWER = "newer"  # written by a newer Warta: refuse
    FOREIGN = "foreign"  # tables but no Warta schema: refuse


class MigrationError(RuntimeError):
    """An upgrade that would leave the database inconsistent; it was rolled back."""


def known_revisions() -> frozenset[str]:
    return frozenset(p.stem for p in VERSIONS_DIR.glob("*.py") if not p.name.startswith("_"))


def head_revision() -> str:
    """The newest revision: the highest-numbered ``NNNN_name`` file."""
    return max(r for r in known_revisions() if _LINEAR.match(r))


def classify(revisions: set[str]) -> SchemaState:
    """What a database whose ``alembic_version`` holds ``revisions`` needs.

    A revision this Warta does not know means a newer Warta wrote it.
    """
    if not revisions <= known_revisions():
        return SchemaState.NEWER
    if revisions == {head_revision()}:
        return SchemaState.CURRENT
    return SchemaState.OLDER


def _revisions(conn: Connection) -> set[str]:
    return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return SchemaState.EMPTY
        if "alembic_version" not in tables:
            return SchemaState.FOREIGN
        return classify(_revisions(conn))


def _probe(db_file: Path) -> tuple[set[str], set[str]]:
    """Tables and revisions of a SQLite file, read through a read-only connection.

    Opening with the application engine switches the file to WAL, which
    rewrites its header; a file we are about to refuse must stay byte for
    byte as it was.
    """
    import sqlite3

    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = (
            {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
            if "alembic_version" in tables else set()
        )
    finally:
        conn.close()
    return tables, revisions


def file_state(db_file: Path) -> SchemaState:
    """Like :func:`state`, for a SQLite file, changing nothing."""
    tables, revisions = _probe(db_file)
    if not tables:
        return SchemaState.EMPTY
    if "alembic_version" not in tables:
        return SchemaState.FOREIGN
    return classify(revisions)


def file_schema_label(db_file: Path) -> str:
    return "+".join(sorted(_probe(db_file)[1]))


def schema_label(engine: Engine) -> str:
    """The database's revision, e.g. ``0002_linear`` (several ``+``-joined only before an upgrade)."""
    with engine.connect() as conn:
        return "+".join(sorted(_revisions(conn)))


def alembic_config():  # noqa: ANN201 - alembic type imported lazily
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # The file name is the revision id (see migrations/README.md).
    cfg.set_main_option("file_template", "%%(rev)s")
    return cfg


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade(engine: Engine, *, backup_to: Path | None = None, db_file: Path | None = None) -> None:
    """Bring the database to the head revision, in one transaction.

    ``backup_to``: a copy of the existing database is written there first
    (SQLite's online backup for a file; a table-by-table copy into a SQLite
    file for a server database).

    On SQLite, foreign keys are switched off while tables are rebuilt (a
    rebuild drops and renames tables, which enforced keys would cascade) and
    checked in full before the commit: an upgrade that would leave a
    dangling reference is rolled back.
    """
    from alembic import command

    if backup_to is not None:
        if engine.dialect.name == "sqlite":
            if db_file is not None and db_file.exists():
                backup_database(engine, backup_to)
        else:
            from database.transfer import dump_to_sqlite

            dump_to_sqlite(engine, backup_to)
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        # The pragma is a no-op inside a transaction: set it on the driver
        # connection before SQLAlchemy begins one.
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite:
                    dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if dangling:
                        raise MigrationError(f"the upgrade would leave {len(dangling)} dangling reference(s): {dangling[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def backup_database(engine: Engine, target: Path) -> Path:
    """Consistent snapshot of a SQLite database with the online backup API."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(tmp)
        try:
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    shutil.move(tmp, target)
    return target
