"""kits: press kits, their ordered parts, export log, FTS

Revision ID: kits_0001
Revises: 0001_foundation

Parts reference articles, photos, people, staff and distribution lists by plain
integer ids (no foreign keys), so this branch depends on no other area.
"""
from alembic import op
import sqlalchemy as sa

from database import fts


revision = "kits_0001"
down_revision = "0001_foundation"
branch_labels = ("kits",)
depends_on = None

KITS_FTS = ["title", "event", "text"]


def upgrade() -> None:
    op.create_table(
        "kits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("event", sa.String(length=300), nullable=False),
        sa.Column("paper", sa.String(length=4), nullable=False),
        sa.Column("photos_per_page", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"], name=op.f("fk_kits_created_by_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kits")),
    )
    with op.batch_alter_table("kits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kits_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_kits_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "kit_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["kit_id"], ["kits.id"], name=op.f("fk_kit_parts_kit_id_kits"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_parts")),
    )
    with op.batch_alter_table("kit_parts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_parts_kit_id"), ["kit_id"], unique=False)
    op.create_table(
        "kit_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kit_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["kit_id"], ["kits.id"], name=op.f("fk_kit_exports_kit_id_kits"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_kit_exports_staff_id_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_exports")),
    )
    with op.batch_alter_table("kit_exports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_exports_kit_id"), ["kit_id"], unique=False)
    fts.create_legacy(op.get_bind(), "fts_kits", KITS_FTS)


def downgrade() -> None:
    fts.drop(op.get_bind(), "fts_kits")
    op.drop_table("kit_exports")
    op.drop_table("kit_parts")
    op.drop_table("kits")
