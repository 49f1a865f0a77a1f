"""exchange — office keys and imported bundles (issue 16)

Revision ID: 0007_exchange
Revises: 0006_distribution

- ``exchange_offices``: other offices whose Ed25519 key this office trusts;
- ``exchange_bundles``: bundles written and accepted (replay protection: a
  bundle id once, sequences only rising per office and kind);
- ``exchange_items`` / ``exchange_item_photos``: what member offices
  reported, apart from this office's own articles and contacts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_exchange"
down_revision = "0006_distribution"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_offices")),
        sa.UniqueConstraint("office_uid", name=op.f("uq_exchange_offices_office_uid")),
        sa.UniqueConstraint("public_key", name=op.f("uq_exchange_offices_public_key")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "exchange_bundles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_uid", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=True),
        sa.Column("office_uid", sa.String(length=32), nullable=False),
        sa.Column("office_name", sa.String(length=300), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["exchange_offices.id"],
                                name=op.f("fk_exchange_bundles_office_id_exchange_offices"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_bundles")),
        sa.UniqueConstraint("direction", "bundle_uid", name="uq_exchange_bundles_direction_uid"),
        sa.UniqueConstraint("direction", "office_uid", "kind", "sequence", name="uq_exchange_bundles_sequence"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("exchange_bundles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_bundles_office_id"), ["office_id"], unique=False)
    op.create_table(
        "exchange_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=True),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["exchange_offices.id"],
                                name=op.f("fk_exchange_items_office_id_exchange_offices"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["bundle_id"], ["exchange_bundles.id"],
                                name=op.f("fk_exchange_items_bundle_id_exchange_bundles"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_items")),
        sa.UniqueConstraint("office_id", "section", "source_id", name="uq_exchange_items_office_section_source"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("exchange_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_items_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exchange_items_date"), ["date"], unique=False)
        batch_op.create_index("ix_exchange_items_section_date", ["section", "date"], unique=False)
    op.create_table(
        "exchange_item_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("credit", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["exchange_items.id"],
                                name=op.f("fk_exchange_item_photos_item_id_exchange_items"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_item_photos")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("exchange_item_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_item_photos_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_table("exchange_item_photos")
    op.drop_table("exchange_items")
    op.drop_table("exchange_bundles")
    op.drop_table("exchange_offices")
