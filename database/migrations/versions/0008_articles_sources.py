"""articles — source site, date and city of imported pages (issue 13; filled by its work)

Revision ID: 0008_articles_sources
Revises: 0007_exchange
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008_articles_sources"
down_revision = "0007_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
