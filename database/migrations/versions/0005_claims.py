"""claims — the Isu & Hoaks register (issue 14; filled by its work)

Revision ID: 0005_claims
Revises: 0004_articles_approvals
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0005_claims"
down_revision = "0004_articles_approvals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
