"""Declarative base shared by every model."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations portable (SQLite batch mode and
# PostgreSQL both need names to alter or drop a constraint).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite reuses the largest rowid after a delete unless the table says
# AUTOINCREMENT; an id that comes back would make an old reference (a kit
# part, an audit row, an exported file name) point at a different thing.
# PostgreSQL sequences never go back, so this is SQLite's half of "ids are
# never reused".
AUTOINCREMENT = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    # Set to False on models whose changes are not user data (the audit log
    # itself, bookkeeping tables).
    __audit__ = True


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: stored the same way on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
