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


# -- objects that are not Warta's ---------------------------------------------------
#
# Warta's schema has tables and indexes only: no trigger, view, rule or
# function. Anything else in the database (or a table or index no model and
# no search index declares) was put there by someone else — a library from a
# USB stick or a crafted backup — and a trigger runs on every write.

_FTS_TABLE = re.compile(r"^fts_[a-z]+(_(data|idx|content|docsize|config))?$")
_FTS_INDEX = re.compile(r"^fts_[a-z]+_doc$")
_FIXED_TABLES = frozenset({"alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})


class ForeignObject:
    """One schema object that is not part of Warta (``kind`` is trigger, view, table, index, rule or function)."""

    def __init__(self, kind: str, name: str, table: str = "", sql: str = "") -> None:
        self.kind, self.name, self.table, self.sql = kind, name, table, sql

    def __repr__(self) -> str:
        return f"ForeignObject({self.kind!r}, {self.name!r}, {self.table!r})"


def _known_tables_and_indexes() -> tuple[frozenset[str], frozenset[str]]:
    from database import models
    from database.base import Base

    models.load_all()

    tables = set(Base.metadata.tables)
    indexes = set()
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            name = index.name
            if not name or str(name) == "_unnamed_":  # ``index=True``: named by the convention when created
                name = f"ix_{table.name}_{list(index.columns)[0].name}"
            indexes.add(str(name))
    return frozenset(tables), frozenset(indexes)


def _is_known_table(name: str, known: frozenset[str]) -> bool:
    return name in known or name in _FIXED_TABLES or bool(_FTS_TABLE.match(name))


def _is_known_index(name: str, known: frozenset[str]) -> bool:
    return (
        name in known
        or name.startswith("sqlite_autoindex_")
        or name.endswith("_pkey")
        or name.endswith("_key")
        or bool(_FTS_INDEX.match(name))
    )


def _sqlite_foreign(rows, triggers_and_views_only: bool = False) -> list[ForeignObject]:  # noqa: ANN001
    found: list[ForeignObject] = []
    tables, indexes = _known_tables_and_indexes() if not triggers_and_views_only else (frozenset(), frozenset())
    for kind, name, table, sql in rows:
        if kind in ("trigger", "view"):
            found.append(ForeignObject(kind, name, table, sql or ""))
        elif triggers_and_views_only:
            continue
        elif kind == "table" and not _is_known_table(name, tables):
            found.append(ForeignObject(kind, name, table, sql or ""))
        elif kind == "index" and not _is_known_index(name, indexes):
            found.append(ForeignObject(kind, name, table, sql or ""))
    return found


_SQLITE_MASTER = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


def foreign_objects(conn: Connection, *, triggers_and_views_only: bool = False) -> list[ForeignObject]:
    """Every trigger, view, table, index (and on PostgreSQL rule, policy or function) that is not Warta's.

    ``triggers_and_views_only``: only what runs or disguises SQL (every
    trigger, view, rule, policy, function: Warta has none), without loading
    every model (~0.5 s) to know Warta's tables and indexes; what opening a
    library checks. Tables and indexes run nothing; ``warta check`` and
    restore look at them too.
    """
    if conn.dialect.name == "sqlite":
        return _sqlite_foreign(conn.exec_driver_sql(_SQLITE_MASTER).all(), triggers_and_views_only)
    found: list[ForeignObject] = []
    for name, table, sql in conn.execute(text(
        "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace"
    )):
        found.append(ForeignObject("trigger", name, table, sql))
    for name, sql in conn.execute(text(
        "SELECT viewname, 'CREATE VIEW ' || quote_ident(viewname) || ' AS ' || definition FROM pg_views WHERE schemaname = 'public' "
        "UNION ALL SELECT matviewname, 'CREATE MATERIALIZED VIEW ' || quote_ident(matviewname) || ' AS ' || definition "
        "FROM pg_matviews WHERE schemaname = 'public'"
    )):
        found.append(ForeignObject("view", name, "", sql))
    for name, table, sql in conn.execute(text(
        "SELECT rulename, tablename, definition FROM pg_rules WHERE schemaname = 'public'"
    )):
        found.append(ForeignObject("rule", name, table, sql))
    for name, table in conn.execute(text("SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public'")):
        found.append(ForeignObject("policy", name, table, ""))
    for name, sql in conn.execute(text(
        "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
        "LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' "
        "WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p') AND d.objid IS NULL"
    )):
        found.append(ForeignObject("function", name, "", sql))
    if triggers_and_views_only:
        return found
    tables, indexes = _known_tables_and_indexes()
    for (name,) in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )):
        if not _is_known_table(name, tables):
            found.append(ForeignObject("table", name, name, ""))
    for name, table, sql in conn.execute(text(
        "SELECT indexname, tablename, indexdef FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
    )):
        if not _is_known_index(name, indexes):
            found.append(ForeignObject("index", name, table, sql))
    return found


def file_foreign_objects(db_file: Path, *, triggers_and_views_only: bool = False) -> list[ForeignObject]:
    """:func:`foreign_objects` of a SQLite file, read through a read-only connection (changing nothing)."""
    import sqlite3

    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _sqlite_foreign(conn.execute(_SQLITE_MASTER).fetchall(), triggers_and_views_only)
    finally:
        conn.close()


def drop_objects(conn: Connection, found: list[ForeignObject]) -> None:
    """Drop what :func:`foreign_objects` found (triggers and views first, tables last)."""
    sqlite = conn.dialect.name == "sqlite"
    order = {"trigger": 0, "rule": 1, "policy": 1, "view": 2, "function": 3, "index": 4, "table": 5}
    for obj in sorted(found, key=lambda o: order.get(o.kind, 9)):
        ident = conn.dialect.identifier_preparer.quote(obj.name)
        on = f" ON {conn.dialect.identifier_preparer.quote(obj.table)}" if obj.table else ""
        if obj.kind == "trigger":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {ident}" + ("" if sqlite else on))
        elif obj.kind in ("rule", "policy"):
            conn.exec_driver_sql(f"DROP {obj.kind.upper()} IF EXISTS {ident}{on}")
        elif obj.kind == "view":
            if sqlite:
                conn.exec_driver_sql(f"DROP VIEW IF EXISTS {ident}")
            else:
                conn.exec_driver_sql(f"DROP VIEW IF EXISTS {ident} CASCADE")
                conn.exec_driver_sql(f"DROP MATERIALIZED VIEW IF EXISTS {ident} CASCADE")
        elif obj.kind == "function":
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {ident} CASCADE")
        elif obj.kind == "index":
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {ident}")
        elif obj.kind == "table":
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {ident}" + ("" if sqlite else " CASCADE"))
