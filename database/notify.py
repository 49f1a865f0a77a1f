"""Changes made on other PCs, as PostgreSQL notifications (shared-office mode).

Every write transaction on a server library sends ``NOTIFY warta`` with the
tables it changed (delivered only if it commits). A :class:`Watcher` thread
per open library LISTENs on its own connection and hands each batch of
tables to a callback — the window turns it into the same ``changed`` signal
its own writes raise, so every view refreshes itself. A lost connection is
retried every few seconds; notifications sent meanwhile are gone, so the
watcher reports ``{"*"}`` after reconnecting (refresh everything).
"""

from __future__ import annotations

import threading
from typing import Callable

CHANNEL = "warta"
RETRY_SECONDS = 3.0


def payload(origin: str, tables: frozenset[str]) -> str:
    return origin + "|" + ",".join(sorted(tables))[:7000]


def parse(text: str) -> tuple[str, frozenset[str]]:
    origin, _sep, tables = text.partition("|")
    return origin, frozenset(t for t in tables.split(",") if t)


class Watcher(threading.Thread):
    """LISTEN for other processes' changes and call ``callback(tables)`` from this thread."""

    def __init__(self, dsn: str, password: str | None, origin: str, callback: Callable[[frozenset[str]], None]) -> None:
        super().__init__(name="warta-notify", daemon=True)
        self.dsn = dsn
        self.password = password
        self.origin = origin
        self.callback = callback
        self._stop = threading.Event()
        self.connected = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                kwargs = {"autocommit": True, "connect_timeout": 5}
                if self.password:
                    kwargs["password"] = self.password
                with psycopg.connect(self.dsn, **kwargs) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    if lost:
                        self.callback(frozenset({"*"}))
                        lost = False
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=50):
                            origin, tables = parse(note.payload)
                            if origin != self.origin and tables:
                                self.callback(tables)
            except Exception:  # noqa: BLE001 - server gone: wait and listen again
                self.connected.clear()
                lost = True
                self._stop.wait(RETRY_SECONDS)
