"""Schema state of a library database, and upgrades through Alembic.

Opening a library must be fast, so the common case — the database is already
at the newest schema — is decided without importing Alembic: revision ids are
the migration file names, and the set of revisions applied is kept in
``warta_meta`` after each upgrade.
"""

from __future__ import annotations

import enum
import shutil
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
MIGRATIONS_DIR = VERSIONS_DIR.parent
APPLIED_KEY = "applied_revisions"


class SchemaState(enum.Enum):
    EMPTY = "empty"  # a new database: create everything
    CURRENT = "current"
    OLDER = "older"  # migrations to run
    NEWER = "newer"  # written by a newer Warta: refuse
    FOREIGN = "foreign"  # tables but no Warta schema: refuse


def known_revisions() -> frozenset[str]:
    return frozenset(
        p.stem for p in VERSIONS_DIR.glob("*.py") if not p.name.startswith("_")
    )


def _db_revisions(conn) -> tuple[set[str], set[str] | None]:  # noqa: ANN001
    heads = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    applied = None
    if "warta_meta" in inspect(conn).get_table_names():
        row = conn.execute(
            text("SELECT value FROM warta_meta WHERE key = :k"), {"k": APPLIED_KEY}
        ).first()
        if row and row[0]:
            applied = set(row[0].split(","))
    return heads, applied


def _classify(heads: set[str], applied: set[str] | None) -> SchemaState:
    """A revision we do not know means a newer Warta wrote the database."""
    known = known_revisions()
    if not heads <= known or (applied is not None and not applied <= known):
        return SchemaState.NEWER
    if applied == known:
        return SchemaState.CURRENT
    return SchemaState.OLDER


def state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return SchemaState.EMPTY
        if "alembic_version" not in tables:
            return SchemaState.FOREIGN
        heads, applied = _db_revisions(conn)
    return _classify(heads, applied)


def file_state(db_file: Path) -> SchemaState:
    """Like :func:`state`, read through a read-only connection that changes nothing.

    Opening with the application engine switches the file to WAL, which
    rewrites its header; a file we are about to refuse must stay byte for
    byte as it was.
    """
    import sqlite3

    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return SchemaState.EMPTY
        if "alembic_version" not in tables:
            return SchemaState.FOREIGN
        heads = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        applied = None
        if "warta_meta" in tables:
            row = conn.execute("SELECT value FROM warta_meta WHERE key = ?", (APPLIED_KEY,)).fetchone()
            if row and row[0]:
                applied = set(row[0].split(","))
    finally:
        conn.close()
    return _classify(heads, applied)


def file_schema_label(db_file: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return "+".join(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")))
    finally:
        conn.close()


def schema_label(engine: Engine) -> str:
    """The database's Alembic heads, e.g. ``0001_foundation`` or ``articles_0002+photos_0001``."""
    with engine.connect() as conn:
        heads, _ = _db_revisions(conn)
    return "+".join(sorted(heads))


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
    """Bring the database to the newest schema.

    ``backup_to``/``db_file``: for an existing SQLite library, the database
    file is copied (with SQLite's online backup, so WAL content is included)
    before any migration runs.
    """
    from alembic import command

    if backup_to is not None and db_file is not None and db_file.exists():
        backup_database(engine, backup_to)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
        conn.execute(text("DELETE FROM warta_meta WHERE key = :k"), {"k": APPLIED_KEY})
        conn.execute(
            text("INSERT INTO warta_meta (key, value) VALUES (:k, :v)"),
            {"k": APPLIED_KEY, "v": ",".join(sorted(known_revisions()))},
        )


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
