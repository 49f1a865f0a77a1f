"""reports — the narrative sections of the Laporan kehumasan, per period (issue 17)

Revision ID: 0010_reports
Revises: 0009_kip

- ``report_narratives``: Pendahuluan, Kendala and Rencana tindak lanjut as
  written for one period (``2026``, ``2026-S2``, ``2026-11``); the figures of
  the report are read from the other areas when it is built, never stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_reports"
down_revision = "0009_kip"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_narratives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["staff.id"], name=op.f("fk_report_narratives_updated_by_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_narratives")),
        sa.UniqueConstraint("period", "section", name="uq_report_narratives_period_section"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("report_narratives")
