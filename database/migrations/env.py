"""Alembic environment: always run programmatically by ``database.schema``."""

from __future__ import annotations

from alembic import context

import database.models
from database.base import Base

database.models.load_all()  # fills Base.metadata
config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached via the alembic CLI
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()



def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001, ARG001
    # FTS5 virtual tables (and their shadow tables) are created by
    # database.fts and have no model; they are not drift.
    if type_ == "table" and name and name.startswith("fts_"):
        return False
    return True


context.configure(
    include_object=include_object,
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
