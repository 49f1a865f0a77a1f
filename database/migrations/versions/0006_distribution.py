"""distribution — outbox and send log (issue 15)

Revision ID: 0006_distribution
Revises: 0005_claims

- ``distribution_batches``: one "send this release to this list by this channel";
- ``distribution_attachments``: the files of an e-mail batch, stored once;
- ``distribution_messages``: one row per recipient, the outbox and then the send log;
- ``coverage.send_id``: the send a coverage entry followed (SET NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_distribution"
down_revision = "0005_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "distribution_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("kit_id", sa.Integer(), nullable=True),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("sender", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_distribution_batches_article_id_articles"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["kit_id"], ["kits.id"],
                                name=op.f("fk_distribution_batches_kit_id_kits"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["list_id"], ["distribution_lists.id"],
                                name=op.f("fk_distribution_batches_list_id_distribution_lists"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"],
                                name=op.f("fk_distribution_batches_created_by_staff"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_batches")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("distribution_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_distribution_batches_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_distribution_batches_kit_id"), ["kit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_distribution_batches_list_id"), ["list_id"], unique=False)

    op.create_table(
        "distribution_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["distribution_batches.id"],
                                name=op.f("fk_distribution_attachments_batch_id_distribution_batches"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_attachments")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("distribution_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_distribution_attachments_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "distribution_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("kit_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("organization", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["distribution_batches.id"],
                                name=op.f("fk_distribution_messages_batch_id_distribution_batches"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_distribution_messages_person_id_people"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"],
                                name=op.f("fk_distribution_messages_organization_id_organizations"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_distribution_messages_article_id_articles"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["kit_id"], ["kits.id"],
                                name=op.f("fk_distribution_messages_kit_id_kits"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_messages")),
        sa.UniqueConstraint("message_id", name=op.f("uq_distribution_messages_message_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("distribution_messages", schema=None) as batch_op:
        batch_op.create_index("ix_distribution_messages_state", ["state", "batch_id"], unique=False)
        for column in ("batch_id", "person_id", "organization_id", "article_id", "kit_id", "sent_at"):
            batch_op.create_index(batch_op.f(f"ix_distribution_messages_{column}"), [column], unique=False)

    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_coverage_send_id"), ["send_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_coverage_send_id_distribution_messages"),
                                    "distribution_messages", ["send_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_coverage_send_id_distribution_messages"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_coverage_send_id"))
        batch_op.drop_column("send_id")
    op.drop_table("distribution_messages")
    op.drop_table("distribution_attachments")
    op.drop_table("distribution_batches")
