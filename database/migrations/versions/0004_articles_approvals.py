"""articles — approval of an exact text, release numbers (issue 14; filled by its work)

Revision ID: 0004_articles_approvals
Revises: 0003_contacts_unverified_phones
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_articles_approvals"
down_revision = "0003_contacts_unverified_phones"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
