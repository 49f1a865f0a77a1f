"""Copying a library's rows between databases (SQLite ⇄ PostgreSQL), verified.

One routine serves moving a library to the office server, backing a server
library up into a SQLite file (the same ``.wartabackup`` as any library),
and the rescue copy taken before a server database is upgraded. Rows keep
their ids; search indexes are not copied (the target rebuilds them when it
is opened, from the copied rows). Each table is compared afterwards by its
row count and a checksum of its content.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import MetaData, Table, func, insert, select, text
from sqlalchemy.engine import Connection, Engine

BATCH = 1000
# Not data: Alembic's own row is written by the target's schema, search
# indexes are rebuilt, and the index version must not travel with the rows
# (the target would think its empty indexes are built).
SKIP_TABLES = ("alembic_version",)
SKIP_PREFIX = "fts_"
SKIP_META_KEYS = ("fts_version",)

Report = Callable[[int, int, str], None]


class TransferError(RuntimeError):
    """The copy does not match its source (the target transaction was rolled back)."""


@dataclass
class TableCopy:
    table: str
    rows: int
    checksum: str


@dataclass
class TransferResult:
    tables: list[TableCopy] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _tables(conn: Connection) -> list[Table]:
    """The source's data tables in foreign-key order (parents first), by reflection."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in SKIP_TABLES and not t.name.startswith(SKIP_PREFIX)]


def _normal(value: object) -> str:
    """One value as text that reads the same from either engine."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, decimal.Decimal):
        return repr(float(value))
    return str(value)


def _where(table: Table):  # noqa: ANN202
    if table.name == "warta_meta":
        return table.c.key.not_in(SKIP_META_KEYS)
    return None


def _select(table: Table, columns: list[str]):  # noqa: ANN202
    stmt = select(*(table.c[c] for c in columns)).order_by(*(table.primary_key.columns or table.columns))
    where = _where(table)
    return stmt.where(where) if where is not None else stmt


def checksum(conn: Connection, table: Table, columns: list[str]) -> tuple[int, str]:
    """Row count and SHA-256 of a table's rows in primary-key order."""
    digest = hashlib.sha256()
    count = 0
    for row in conn.execute(_select(table, columns)):
        digest.update("\x1f".join(_normal(v) for v in row).encode("utf-8", "surrogatepass") + b"\x1e")
        count += 1
    return count, digest.hexdigest()


def copy_rows(source: Connection, target: Connection, *, report: Report | None = None,
              verify: bool = True) -> TransferResult:
    """Copy every data table's rows from ``source`` into the same tables of ``target``.

    The target's tables must exist and be empty. Runs in the callers'
    transactions; raises :class:`TransferError` when a copied table differs.
    """
    src_tables = _tables(source)
    dst_meta = MetaData()
    dst_meta.reflect(bind=target)
    # A new schema may hold seed rows (default organisation types): the
    # source's rows replace them.
    for t in reversed(dst_meta.sorted_tables):
        if t.name not in SKIP_TABLES and not t.name.startswith(SKIP_PREFIX):
            target.execute(t.delete())
    total = sum(source.execute(select(func.count()).select_from(t)).scalar() or 0 for t in src_tables)
    done = 0
    result = TransferResult()
    for table in src_tables:
        if table.name not in dst_meta.tables:
            raise TransferError(f"the target has no table {table.name}")
        dst = dst_meta.tables[table.name]
        columns = [c.name for c in table.columns if c.name in dst.c]
        batch: list[dict] = []
        for row in source.execute(_select(table, columns)).mappings():
            batch.append(dict(row))
            if len(batch) >= BATCH:
                target.execute(insert(dst), batch)
                done += len(batch)
                batch = []
                if report:
                    report(done, total, table.name)
        if batch:
            target.execute(insert(dst), batch)
            done += len(batch)
        if report:
            report(done, total, table.name)
        _advance_sequence(target, dst)
        if verify:
            src_count, src_sum = checksum(source, table, columns)
            dst_count, dst_sum = checksum(target, dst, columns)
            if (src_count, src_sum) != (dst_count, dst_sum):
                raise TransferError(
                    f"{table.name}: {dst_count} row(s) copied of {src_count}, or their content differs"
                )
            result.tables.append(TableCopy(table.name, src_count, src_sum))
    return result


def _advance_sequence(conn: Connection, table: Table) -> None:
    """Rows came with their ids: PostgreSQL's sequence must continue after the largest."""
    if conn.dialect.name != "postgresql" or "id" not in table.c or len(table.primary_key.columns) != 1:
        return
    seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
    if seq:
        conn.execute(text("SELECT setval(:s, coalesce((SELECT max(id) FROM " + table.name + "), 0) + 1, false)"),
                     {"s": seq})


def copy_database(source: Engine, target: Engine, *, report: Report | None = None) -> TransferResult:
    """Give an empty ``target`` the head schema and every row of ``source``, in one transaction."""
    from database import schema

    schema.upgrade(target)
    with source.connect() as src, target.begin() as dst:
        if src.dialect.name == "postgresql":
            # One snapshot for every table: a colleague saving meanwhile
            # cannot leave the copy with half of their change.
            src = src.execution_options(isolation_level="REPEATABLE READ")
        else:
            # SQLite's write lock (BEGIN IMMEDIATE) for the whole copy: a save
            # in an open window waits instead of landing in a file that is
            # about to be retired.
            src = src.execution_options(warta_write=True)
        with src.begin():
            return copy_rows(src, dst, report=report)


def copy_to_sqlite_file(engine: Engine, target: Path) -> Path:
    """A SQLite library database at ``target`` holding every row of ``engine`` (a backup of a server library)."""
    from database.engine import sqlite_engine

    target.unlink(missing_ok=True)
    dst = sqlite_engine(target)
    try:
        copy_database(engine, dst)
    finally:
        dst.dispose()
    return target


def dump_to_sqlite(engine: Engine, target: Path) -> Path:
    """A rescue copy of a server database in a SQLite file, whatever its schema revision.

    Tables are recreated from the server's own description, so the copy
    holds exactly what the server held (search indexes excepted).
    """
    from database.engine import sqlite_engine

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dst_engine = sqlite_engine(tmp)
    try:
        with engine.connect() as src, dst_engine.begin() as dst:
            meta = MetaData()
            meta.reflect(bind=src)
            keep = MetaData()
            for t in meta.sorted_tables:
                if t.name.startswith(SKIP_PREFIX):
                    continue
                t.to_metadata(keep)
            for t in keep.tables.values():
                for c in t.columns:
                    c.server_default = None  # PostgreSQL's nextval(…) means nothing to SQLite
            keep.create_all(dst)
            for t in keep.sorted_tables:
                rows = [dict(r) for r in src.execute(select(meta.tables[t.name])).mappings()]
                for start in range(0, len(rows), BATCH):
                    dst.execute(insert(t), rows[start:start + BATCH])
    finally:
        dst_engine.dispose()
    tmp.replace(target)
    return target
