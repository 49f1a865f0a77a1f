"""distribution — outbox and send log (issue 15; filled by its work)

Revision ID: 0006_distribution
Revises: 0005_claims
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0006_distribution"
down_revision = "0005_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
