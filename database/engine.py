"""Engine creation: the one place that knows SQLite pragmas and server URLs.

SQL in the areas is written once for both engines. Where SQLite lacks a
PostgreSQL function the areas need, it is defined here on every connection
(``string_agg``, ``chr``), so the same statement runs on both.
"""

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
    dbapi_conn.create_aggregate("string_agg", 2, _StringAgg)
    dbapi_conn.create_function("chr", 1, lambda code: chr(int(code)) if code is not None else None, deterministic=True)


class _StringAgg:
    """PostgreSQL's ``string_agg(value, separator)`` (SQLite has it only from 3.44)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.sep = ","

    def step(self, value, sep) -> None:  # noqa: ANN001
        if value is not None:
            self.parts.append(str(value))
            self.sep = sep if sep is not None else ""

    def finalize(self) -> str | None:
        return self.sep.join(self.parts) if self.parts else None


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


def server_url(url: str) -> str:
    """``postgresql://…`` as SQLAlchemy names the psycopg (3) driver."""
    for plain in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


CONNECT_TIMEOUT_S = 5


def engine_for_url(url: str, *, password: str | None = None, echo: bool = False) -> Engine:
    """A server database (PostgreSQL) for offices sharing one server.

    ``password`` comes from the OS keyring when the office keeps it there;
    otherwise libpq finds it itself (``PGPASSFILE``/``~/.pgpass``,
    ``PGPASSWORD``, a service file), so no password is ever in the library.
    """
    connect_args: dict = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "warta"}
    if password:
        connect_args["password"] = password
    # pool_pre_ping: a connection the server dropped (restart, network) is
    # replaced before use instead of failing the next save.
    return create_engine(
        server_url(url), echo=echo, pool_pre_ping=True, connect_args=connect_args, pool_size=3, max_overflow=5
    )
