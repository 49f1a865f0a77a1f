"""safety: edit locks

Revision ID: safety_0001
Revises: 0001_foundation
"""
from alembic import op
import sqlalchemy as sa


revision = "safety_0001"
down_revision = "0001_foundation"
branch_labels = ("safety",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "edit_locks",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_edit_locks_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_edit_locks")),
    )


def downgrade() -> None:
    op.drop_table("edit_locks")
