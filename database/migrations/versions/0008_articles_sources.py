"""articles — source site, date and city of imported pages (issue 13; filled by its work)

Revision ID: 0008_articles_sources
Revises: 0007_exchange

- ``articles.source_site``: the site an imported web page came from (its
  ``og:site_name`` or JSON-LD publisher). Its address, date and city already
  have a place: ``source_url``, ``publication_date``, ``dateline_city``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_articles_sources"
down_revision = "0007_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_site", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("source_site")
