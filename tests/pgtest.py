"""A throw-away PostgreSQL server for the test suite's PostgreSQL run.

``WARTA_TEST_ENGINE=postgresql`` runs the whole suite with every new library
in shared-office mode. The server is the one named by ``WARTA_TEST_PG_URL``
(a role that may create databases), or else a private cluster started here
from Debian's ``postgresql`` binaries in a temporary folder, on a loopback
port, and removed at the end. Tests that stop the server on purpose (the
network-drop tests) need the private cluster.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found: install the server (Debian/Ubuntu: apt-get install postgresql) "
            "or set WARTA_TEST_PG_URL to a server where the test role may create databases."
        )
    return candidates[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A PostgreSQL server and the databases the suite made on it."""

    def __init__(self, admin_url: str, data_dir: Path | None = None, port: int | None = None,
                 durable: bool = False) -> None:
        self.admin_url = admin_url
        self.durable = durable
        self.data_dir = data_dir
        self.port = port
        self._names = itertools.count(1)
        self._prefix = f"wt{os.getpid()}_"

    # -- a private cluster ----------------------------------------------------

    @classmethod
    def private(cls, *, durable: bool = False) -> "Server":
        """A cluster of its own; ``durable`` keeps fsync and synchronous commit on
        (for tests that kill the server and count what survived)."""
        root = Path(tempfile.mkdtemp(prefix="warta-pg-"))
        data = root / "data"
        port = _free_port()
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        user = "postgres" if as_root else None
        if as_root:
            # initdb and postgres refuse to run as root: the cluster belongs to
            # Debian's postgres account.
            shutil.chown(root, "postgres", "postgres")
        subprocess.run(
            [_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
            check=True, capture_output=True, user=user,
        )
        server = cls(f"postgresql://postgres@127.0.0.1:{port}/postgres", data, port, durable)
        server._user = user
        server.start()
        return server

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run([_bin("pg_ctl"), "-D", str(self.data_dir), *args], check=True, capture_output=True,
                       user=getattr(self, "_user", None))

    def start(self) -> None:
        # Durability settings off: the suite's databases are thrown away, and
        # fsync on every commit would make the run several times slower.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c max_connections=400 "
            "-c shared_buffers=64MB -c log_min_messages=fatal"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._pg_ctl("start", "-w", "-t", "60", "-o", options, "-l", str(self.data_dir / "server.log"))

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("stop", "-w", "-m", mode)

    @property
    def is_private(self) -> bool:
        return self.data_dir is not None

    def wait_ready(self, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                self.execute("SELECT 1")
                return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.2)
        raise TimeoutError("PostgreSQL did not come back")

    def destroy(self) -> None:
        if self.is_private:
            try:
                self.stop("immediate")
            finally:
                shutil.rmtree(self.data_dir.parent, ignore_errors=True)
        else:
            for name in self.databases():
                self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # -- databases ----------------------------------------------------------

    def execute(self, sql: str) -> list:
        import psycopg

        with psycopg.connect(self.admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True,
                             connect_timeout=5) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def databases(self) -> list[str]:
        return [r[0] for r in self.execute(
            f"SELECT datname FROM pg_database WHERE datname LIKE '{self._prefix}%'")]

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        name = f"{self._prefix}{next(self._names)}"
        if template:
            # A template must have no sessions; a test that left a library
            # open must not break every copy after it.
            self.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         f"WHERE datname = '{template}' AND pid <> pg_backend_pid()")
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def from_environment() -> Server:
    url = os.environ.get("WARTA_TEST_PG_URL")
    return Server(url) if url else Server.private()
