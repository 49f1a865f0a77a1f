"""style_standard — the office's own templates and kop rules, authored or applied from a style pack (issue 16)

Revision ID: 0011_style_standard
Revises: 0010_reports

- ``style_standard``: one row per style-pack section an office authors
  (``templates``, ``kop``), its JSON content as it travels in a pack. What
  new articles and letterheads use and what the office's pack exports.
- Backfill: a library that already imported a style pack keeps the
  templates and kop rules of the newest one (until now read from the stored
  pack itself), so nothing it prints changes.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0011_style_standard"
down_revision = "0010_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "style_standard",
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["staff.id"], name=op.f("fk_style_standard_updated_by_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("section", name=op.f("pk_style_standard")),
    )
    bind = op.get_bind()
    raw = bind.execute(sa.text(
        "SELECT content FROM exchange_bundles WHERE direction = 'import' AND kind = 'style-pack' "
        "ORDER BY processed_at DESC, id DESC LIMIT 1")).scalar()
    try:
        sections = json.loads(raw) if raw else {}
    except ValueError:
        sections = {}
    if not isinstance(sections, dict):
        return
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = [{"section": key, "content": json.dumps(sections[key], ensure_ascii=False, sort_keys=True),
             "updated_at": now, "updated_by": None}
            for key in ("templates", "kop") if isinstance(sections.get(key), dict)]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("style_standard")
