"""A library folder whose ``warta.db`` an older Warta made: built by the migrations up to a revision."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def database_at(path: Path, *revisions: str) -> Iterator:
    """Create ``path/warta.db`` at ``revisions`` (several: the first release's heads) and yield a
    connection in that same transaction, for the rows the test wants there; the file is closed after."""
    from alembic import command

    from database import schema
    from database.engine import sqlite_engine

    path.mkdir(parents=True, exist_ok=True)
    engine = sqlite_engine(path / "warta.db")
    cfg = schema.alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            for revision in revisions:
                command.upgrade(cfg, revision)
            yield conn
    finally:
        engine.dispose()
