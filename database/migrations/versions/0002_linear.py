"""linear history: ids never reused, real foreign keys between areas, search for both engines

Revision ID: 0002_linear
Revises: articlesio_0001, contacts_0001, kits_0001, photos_0002, safety_0001

The bridge from the first release, whose areas had one Alembic branch each,
to one line of revisions. It

- joins the five heads, so a library of the first release has one revision;
- rebuilds every table with an integer id with ``AUTOINCREMENT`` on SQLite
  (PostgreSQL's sequences never went back), so a deleted row's id is never
  handed out again;
- turns the plain ids that named another area's rows into foreign keys:
  quote speakers and people shown in photos (``SET NULL``, the text kept),
  coverage → article (``SET NULL``), and kit parts, whose one ``ref_id``
  becomes a typed column per kind (``RESTRICT``). References that already
  pointed at nothing are cleared, and the number is written to the audit log;
- replaces the SQLite-only search tables by ``database.fts`` indexes (with
  Indonesian stems), rebuilt from the data when the library opens
  (``fts_version`` is left unset);
- drops the ``applied_revisions`` bookkeeping of the first release.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from database import fts

revision = "0002_linear"
down_revision = ("articlesio_0001", "contacts_0001", "kits_0001", "photos_0002", "safety_0001")
branch_labels = None
depends_on = None

LEGACY_FTS = ("fts_articles", "fts_contacts", "fts_organizations", "fts_photos", "fts_kits")
# What each index holds at this revision (areas declare the same in code).
INDEXES = (
    fts.Index("fts_articles", "articles", ("title", "lead", "body", "quotes", "tags", "author")),
    fts.Index("fts_contacts", "people", ("name", "position", "organization", "notes", "tags", "channels")),
    fts.Index("fts_organizations", "organizations", ("name", "type", "region", "notes", "tags")),
    fts.Index("fts_photos", "photos", ("caption", "event", "location", "tags", "credit")),
    fts.Index("fts_kits", "kits", ("title", "event", "text")),
)
# Tables with an integer id, rebuilt with AUTOINCREMENT on SQLite.
ID_TABLES = (
    "office", "staff", "audit_log",
    "organization_types", "organizations", "people", "affiliations", "person_phones", "person_emails",
    "social_accounts", "distribution_lists", "collaborations", "coverage",
    "articles", "article_quotes", "article_revisions", "article_comments", "article_autosaves", "article_sources",
    "photo_events", "photo_albums", "photos",
    "kits", "kit_exports",
)
PART_COLUMNS = {"article": "article_id", "photo": "photo_id", "contact": "person_id", "staff": "staff_id",
                "distribution": "list_id"}
PART_TARGETS = {"article_id": "articles", "photo_id": "photos", "person_id": "people", "staff_id": "staff",
                "list_id": "distribution_lists"}


def _scalar(sql: str) -> int:
    return int(op.get_bind().execute(sa.text(sql)).scalar() or 0)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name in LEGACY_FTS:
        fts.drop(bind, name)
    op.execute("DELETE FROM warta_meta WHERE key IN ('applied_revisions', 'fts_version')")

    # References that already point at nothing cannot become foreign keys.
    cleared = _scalar("SELECT count(*) FROM article_quotes WHERE person_id IS NOT NULL "
                      "AND person_id NOT IN (SELECT id FROM people)")
    op.execute("UPDATE article_quotes SET person_id = NULL WHERE person_id NOT IN (SELECT id FROM people)")
    cleared += _scalar("SELECT count(*) FROM coverage WHERE article_id IS NOT NULL "
                       "AND article_id NOT IN (SELECT id FROM articles)")
    op.execute("UPDATE coverage SET article_id = NULL WHERE article_id NOT IN (SELECT id FROM articles)")

    _photo_people(bind)
    removed_parts = _kit_parts(bind)

    if sqlite:
        for table in ID_TABLES:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}) as b:
                if table == "article_quotes":
                    b.create_index("ix_article_quotes_person_id", ["person_id"])
                    b.create_foreign_key("fk_article_quotes_person_id_people", "people", ["person_id"], ["id"],
                                         ondelete="SET NULL")
                if table == "coverage":
                    b.create_foreign_key("fk_coverage_article_id_articles", "articles", ["article_id"], ["id"],
                                         ondelete="SET NULL")
    else:
        op.create_index("ix_article_quotes_person_id", "article_quotes", ["person_id"])
        op.create_foreign_key("fk_article_quotes_person_id_people", "article_quotes", "people", ["person_id"], ["id"],
                              ondelete="SET NULL")
        op.create_foreign_key("fk_coverage_article_id_articles", "coverage", "articles", ["article_id"], ["id"],
                              ondelete="SET NULL")
        # The first release's seed rows (organisation types) were inserted with
        # their ids, which leaves a sequence behind them: the next insert
        # would collide.
        for table in ID_TABLES:
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")

    for index in INDEXES:
        fts.create(bind, index)
    if cleared or removed_parts:
        op.get_bind().execute(
            sa.text("INSERT INTO audit_log (at, staff_id, action, entity, entity_id, summary) "
                    "VALUES (:at, NULL, 'upgrade', 'schema', '0002_linear', :s)"),
            {"at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
             "s": f"{cleared} reference(s) to deleted contacts or articles cleared; "
                  f"{removed_parts} kit part(s) that printed a deleted item removed"},
        )


def _photo_people(bind) -> None:  # noqa: ANN001
    """(photo, person) pairs become rows with their own id, a nullable link and the name."""
    rows = bind.execute(sa.text(
        "SELECT pp.photo_id, pp.person_id, p.full_name FROM photo_people pp "
        "JOIN people p ON p.id = pp.person_id ORDER BY pp.photo_id, pp.person_id"
    )).all()
    op.drop_table("photo_people")
    table = op.create_table(
        "photo_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_photo_people_person_id_people"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["photo_id"], ["photos.id"], name=op.f("fk_photo_people_photo_id_photos"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photo_people")),
        sa.UniqueConstraint("photo_id", "person_id", name="uq_photo_people_photo_person"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_photo_people_photo_id"), "photo_people", ["photo_id"], unique=False)
    op.create_index(op.f("ix_photo_people_person_id"), "photo_people", ["person_id"], unique=False)
    if rows:
        op.bulk_insert(table, [{"photo_id": r[0], "person_id": r[1], "name": r[2] or ""} for r in rows])


def _kit_parts(bind) -> int:  # noqa: ANN001
    """``ref_id`` becomes one typed, enforced column per kind; returns the parts dropped as dangling."""
    rows = [dict(r._mapping) for r in bind.execute(sa.text(
        "SELECT id, kit_id, position, kind, ref_id, title, text FROM kit_parts ORDER BY id"
    ))]
    existing = {
        col: {r[0] for r in bind.execute(sa.text(f"SELECT id FROM {target}"))}
        for col, target in PART_TARGETS.items()
    }
    kept, removed = [], 0
    for r in rows:
        col = PART_COLUMNS.get(r["kind"])
        new = {k: r[k] for k in ("id", "kit_id", "position", "kind", "title", "text")}
        for c in PART_TARGETS:
            new[c] = None
        if col is not None:
            if r["ref_id"] not in existing[col]:
                removed += 1
                continue
            new[col] = r["ref_id"]
        kept.append(new)
    op.drop_table("kit_parts")
    table = op.create_table(
        "kit_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("photo_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["kit_id"], ["kits.id"], name=op.f("fk_kit_parts_kit_id_kits"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_kit_parts_article_id_articles"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["photo_id"], ["photos.id"], name=op.f("fk_kit_parts_photo_id_photos"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_kit_parts_person_id_people"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_kit_parts_staff_id_staff"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["list_id"], ["distribution_lists.id"],
                                name=op.f("fk_kit_parts_list_id_distribution_lists"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_parts")),
        sqlite_autoincrement=True,
    )
    for col in ("kit_id", *PART_TARGETS):
        op.create_index(op.f(f"ix_kit_parts_{col}"), "kit_parts", [col], unique=False)
    if kept:
        op.bulk_insert(table, kept)
    if bind.dialect.name != "sqlite" and kept:
        # Rows were inserted with their ids; the sequence must continue after them.
        op.execute("SELECT setval(pg_get_serial_sequence('kit_parts', 'id'), (SELECT max(id) FROM kit_parts))")
    return removed


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded; restore the backup taken before the upgrade")
