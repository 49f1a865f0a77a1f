"""kip — the KIP register: information requests and the Daftar Informasi Publik (issue 17)

Revision ID: 0009_kip
Revises: 0008_articles_sources

- ``kip_requests``: a public-information request under UU 14/2008, its
  deadline in working days, its extension, answer and objection;
- ``kip_dip_entries``: the lines of the Daftar Informasi Publik, optionally
  from a published article (``ON DELETE SET NULL``: only drafts are deleted).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_kip"
down_revision = "0008_articles_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kip_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("requester", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("objected_on", sa.Date(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_kip_requests_article_id_articles"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"], name=op.f("fk_kip_requests_created_by_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kip_requests")),
        sa.UniqueConstraint("number", name=op.f("uq_kip_requests_number")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("kip_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kip_requests_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kip_requests_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_kip_requests_received_on"), ["received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_kip_requests_state"), ["state"], unique=False)

    op.create_table(
        "kip_dip_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("retention", sa.String(length=100), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_kip_dip_entries_article_id_articles"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kip_dip_entries")),
        sa.UniqueConstraint("article_id", name=op.f("uq_kip_dip_entries_article_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("kip_dip_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kip_dip_entries_category"), ["category"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kip_dip_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kip_dip_entries_category"))
    op.drop_table("kip_dip_entries")
    with op.batch_alter_table("kip_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kip_requests_state"))
        batch_op.drop_index(batch_op.f("ix_kip_requests_received_on"))
        batch_op.drop_index(batch_op.f("ix_kip_requests_due_on"))
        batch_op.drop_index(batch_op.f("ix_kip_requests_article_id"))
    op.drop_table("kip_requests")
