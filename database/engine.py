"""Engine creation: the one place that knows SQLite pragmas and URLs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 15_000


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API types
    cur = dbapi_conn.cursor()
    # WAL lets a reader (a second window, a backup) work beside a writer;
    # synchronous=FULL makes each commit durable across power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _sqlite_begin(conn) -> None:  # noqa: ANN001
    # BEGIN IMMEDIATE takes the write lock up front, so two processes writing
    # the same library queue on the busy timeout instead of failing midway
    # with "database is locked" on lock upgrade.
    write = conn.get_execution_options().get("warta_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def sqlite_engine(path: Path, *, echo: bool = False) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        echo=echo,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_pragmas)

    # Take transaction control from the sqlite3 module (SQLAlchemy's
    # documented recipe) so BEGIN is issued where SQLAlchemy begins.
    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None

    event.listen(engine, "begin", _sqlite_begin)
    return engine


def engine_for_url(url: str, *, echo: bool = False) -> Engine:
    """A server database (PostgreSQL) for offices sharing one server."""
    return create_engine(url, echo=echo, pool_pre_ping=True)
