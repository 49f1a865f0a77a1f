"""articles — approval of an exact text, release numbers (issue 14)

Revision ID: 0004_articles_approvals
Revises: 0003_contacts_unverified_phones

- ``article_approvals``: the revision approved, the SHA-256 of its canonical
  content, approver, time, release number, published/revoked times;
- ``release_counters``: one row per year, the last sequence handed out
  (numbers only count up, so none is reused);
- ``release_numbers``: every number handed out, unique per year, kept when
  its article is deleted;
- ``office.release_number_pattern`` and ``office.allow_self_approval``.

Articles approved before this revision have no record; Warta treats them as
approved as they are and records their text when a new draft is started.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_articles_approvals"
down_revision = "0003_contacts_unverified_phones"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("approver_name", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("release_number", sa.String(length=200), nullable=False),
        sa.Column("self_approved", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_approvals_article_id_articles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["revision_id"], ["article_revisions.id"],
                                name=op.f("fk_article_approvals_revision_id_article_revisions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["approver_id"], ["staff.id"],
                                name=op.f("fk_article_approvals_approver_id_staff"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_approvals")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("article_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_approvals_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_approvals_revision_id"), ["revision_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_approvals_approved_at"), ["approved_at"], unique=False)

    op.create_table(
        "release_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_release_counters")),
    )
    op.create_table(
        "release_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=200), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_release_numbers_article_id_articles"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_numbers")),
        sa.UniqueConstraint("article_id", name=op.f("uq_release_numbers_article_id")),
        sa.UniqueConstraint("year", "seq", name="uq_release_numbers_year_seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.add_column(sa.Column("release_number_pattern", sa.String(length=200), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("allow_self_approval", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_column("allow_self_approval")
        batch_op.drop_column("release_number_pattern")
    op.drop_table("release_numbers")
    op.drop_table("release_counters")
    with op.batch_alter_table("article_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_approvals_approved_at"))
        batch_op.drop_index(batch_op.f("ix_article_approvals_revision_id"))
        batch_op.drop_index(batch_op.f("ix_article_approvals_article_id"))
    op.drop_table("article_approvals")
