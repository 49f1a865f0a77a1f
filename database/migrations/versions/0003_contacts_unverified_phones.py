"""contacts: phone numbers kept as typed when not verified; dismissed MoU alerts

Revision ID: 0003_contacts_unverified_phones
Revises: 0002_linear

- ``person_phones.verified``: false for a number that is not a valid phone
  number and is kept as the person typed it (existing numbers are verified);
- ``organizations.mou_alert_dismissed``: the MoU expiry date whose Beranda
  alert was dismissed (a renewed MoU has another date and is alerted again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_contacts_unverified_phones"
down_revision = "0002_linear"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person_phones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mou_alert_dismissed", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_column("mou_alert_dismissed")
    with op.batch_alter_table("person_phones", schema=None) as batch_op:
        batch_op.drop_column("verified")
