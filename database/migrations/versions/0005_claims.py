"""claims — the Isu & Hoaks register (issue 14)

Revision ID: 0005_claims
Revises: 0004_articles_approvals

- ``claims``: a circulating claim, its category and verdict, the facts and
  sources, the *klarifikasi* article answering it (``ON DELETE SET NULL``:
  only a draft article can be deleted, and a draft holds no approval or
  publication time);
- ``claim_links``: where it appeared, first appearance first;
- ``claim_screenshots``: managed files under ``files/claims/``;
- ``fts_claims``: its search index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from database import fts

revision = "0005_claims"
down_revision = "0004_articles_approvals"
branch_labels = None
depends_on = None

FTS = fts.Index("fts_claims", "claims", ("text", "facts", "sources", "links", "platform"))


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("platform", sa.String(length=100), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("reach", sa.BigInteger(), nullable=True),
        sa.Column("reported_by", sa.String(length=300), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("verdict", sa.String(length=30), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_claims_article_id_articles"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"], name=op.f("fk_claims_created_by_staff"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reporter_id"], ["staff.id"], name=op.f("fk_claims_reporter_id_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_first_seen"), ["first_seen"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_reporter_id"), ["reporter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_verdict"), ["verdict"], unique=False)
    op.create_table(
        "claim_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_links_claim_id_claims"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_links")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("claim_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_links_claim_id"), ["claim_id"], unique=False)
    op.create_table(
        "claim_screenshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_screenshots_claim_id_claims"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_screenshots")),
        sa.UniqueConstraint("claim_id", "sha256", name="uq_claim_screenshots_claim_sha"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("claim_screenshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_screenshots_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_screenshots_sha256"), ["sha256"], unique=False)
    fts.create(op.get_bind(), FTS)


def downgrade() -> None:
    fts.drop(op.get_bind(), FTS.name)
    op.drop_table("claim_screenshots")
    op.drop_table("claim_links")
    op.drop_table("claims")
