"""Alembic migrations: upgrade from empty, no drift, older libraries upgraded with a backup, newer refused."""

from __future__ import annotations

import ast
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import database.models
from database import schema
from database.base import Base
from database.engine import sqlite_engine
from desktop.errors import LibraryError
from desktop.library import Library


database.models.load_all()


def test_every_model_module_is_listed_for_lazy_loading():
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(database.models.__path__)}
    assert modules == set(database.models.AREAS)
    for name in database.models.__all__:
        assert getattr(database.models, name).__module__.startswith("database.models.")
    mapped = {m.class_.__name__ for m in Base.registry.mappers}
    assert mapped <= set(database.models.__all__), mapped - set(database.models.__all__)


def test_revision_ids_are_file_names():
    for path in schema.VERSIONS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        values = {
            node.targets[0].id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        }
        assert ast.literal_eval(values["revision"]) == path.stem, path.name


def test_upgrade_empty_database_to_heads_without_drift(tmp_path):
    """On the engine of this run: the migrations build exactly what the models describe."""
    from conftest import ENGINE, pg_server

    if ENGINE == "postgresql":
        from database.engine import engine_for_url

        engine = engine_for_url(pg_server().new_database())
    else:
        engine = sqlite_engine(tmp_path / "x.db")
    schema.upgrade(engine)
    assert schema.state(engine) is schema.SchemaState.CURRENT
    with engine.connect() as conn:
        heads = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
        assert heads == schema.head_revisions()

        def include(obj, name, type_, reflected, compare_to):  # noqa: ANN001
            return not (type_ == "table" and name and name.startswith("fts_"))

        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    engine.dispose()


def test_older_library_is_upgraded_after_a_backup(tmp_path):
    from migrations_support import database_at

    path = tmp_path / "lib"
    with database_at(path, "0001_foundation") as conn:
        conn.exec_driver_sql("INSERT INTO office (id, name, short_name, unit, address, phone, email, website, city, logo, boilerplate, photo_credit, updated_at) VALUES (1, 'Kantor Lama', '', '', '', '', '', '', '', '', '', '', '2024-01-01')")
    if schema.known_revisions() == {"0001_foundation"}:
        pytest.skip("only one revision exists")
    lib = Library.open(path)
    try:
        assert schema.state(lib.store.engine) is schema.SchemaState.CURRENT
        backups = list((path / "backups").glob("before-migration-*.db"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as old:
            assert old.execute("SELECT name FROM office").fetchone() == ("Kantor Lama",)
            assert {r[0] for r in old.execute("SELECT version_num FROM alembic_version")} == {"0001_foundation"}
        from desktop import office

        assert office.load(lib).name == "Kantor Lama"
    finally:
        lib.close()


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_library_from_a_newer_warta_is_refused_untouched(library_path):
    with sqlite3.connect(library_path / "warta.db") as db:
        db.execute("UPDATE alembic_version SET version_num = 'zz_9999_future' WHERE rowid = (SELECT min(rowid) FROM alembic_version)")
    db.close()
    before = (library_path / "warta.db").read_bytes()
    with pytest.raises(LibraryError, match="versi yang lebih baru"):
        Library.open(library_path)
    assert (library_path / "warta.db").read_bytes() == before
    assert not list((library_path / "backups").glob("before-migration-*"))


def test_a_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "lib"
    path.mkdir()
    with sqlite3.connect(path / "warta.db") as db:
        db.execute("CREATE TABLE something (x)")
    db.close()
    before = (path / "warta.db").read_bytes()
    with pytest.raises(LibraryError, match="bukan pustaka Warta"):
        Library.open(path)
    assert (path / "warta.db").read_bytes() == before


LEGACY_HEADS = ("articlesio_0001", "contacts_0001", "kits_0001", "photos_0002", "safety_0001")


def _insert(conn, table, **values):  # noqa: ANN001
    """A row in a reflected table, NOT NULL columns without a value filled with a neutral one."""
    import datetime as dt

    import sqlalchemy as sa

    for col in table.columns:
        if col.name in values or col.nullable or col.primary_key:
            continue
        kind = col.type._type_affinity  # noqa: SLF001
        values[col.name] = (
            dt.datetime(2025, 1, 2) if kind is sa.DateTime else dt.date(2025, 1, 2) if kind is sa.Date
            else False if kind is sa.Boolean else 0 if kind in (sa.Integer, sa.Float, sa.Numeric) else ""
        )
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


@pytest.mark.sqlite_file
def test_a_library_of_the_first_release_is_bridged_to_one_revision(tmp_path):
    """The first release had five heads, reusable ids and plain-id references; one upgrade fixes all of it."""
    import sqlalchemy as sa

    from migrations_support import database_at

    path = tmp_path / "lib"
    with database_at(path, *LEGACY_HEADS) as conn:
        assert schema._revisions(conn) == set(LEGACY_HEADS)
        # The first release's own bookkeeping, which the bridge drops.
        conn.exec_driver_sql("INSERT INTO warta_meta (key, value) VALUES ('applied_revisions', 'x')")
        meta = sa.MetaData()
        meta.reflect(bind=conn)
        T = meta.tables
        _insert(conn, T["office"], id=1, name="Bawaslu Kabupaten Lama", city="Lama")
        _insert(conn, T["staff"], name="Admin", role="admin", active=True)
        siti = _insert(conn, T["people"], full_name="Siti Aminah")
        one = _insert(conn, T["articles"], title="Bawaslu dan kampus berkolaborasi", status="approved",
                      body="Kolaborasi pengawasan partisipatif.")
        two = _insert(conn, T["articles"], title="Draf yang dihapus")
        _insert(conn, T["article_quotes"], article_id=one, speaker="Siti Aminah", text="Kami siap.", person_id=siti)
        _insert(conn, T["article_quotes"], article_id=one, speaker="Orang Lama", text="Dulu.", person_id=999)
        org = _insert(conn, T["organizations"], name="Radar Lama")
        _insert(conn, T["coverage"], organization_id=org, headline="Liputan", article_id=777)
        photo = _insert(conn, T["photos"], sha256="a" * 64, path="photos/aa/" + "a" * 64 + ".jpg")
        conn.execute(T["photo_people"].insert(), [{"photo_id": photo, "person_id": siti},
                                                  {"photo_id": photo, "person_id": 998}])
        kit = _insert(conn, T["kits"], title="Kit Lama", date=sa.func.current_date())
        for pos, (kind, ref) in enumerate([("cover", None), ("article", one), ("article", two), ("photo", photo)]):
            _insert(conn, T["kit_parts"], kit_id=kit, position=pos, kind=kind, ref_id=ref)
        conn.execute(T["articles"].delete().where(T["articles"].c.id == two))

    lib = Library.open(path)
    try:
        assert schema.schema_label(lib.store.engine) == schema.head_revision()  # through 0002_linear
        assert len(list((path / "backups").glob("before-migration-*.db"))) == 1
        with lib.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            ddl = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'articles'").scalar()
            assert "AUTOINCREMENT" in ddl
            assert conn.exec_driver_sql("SELECT value FROM warta_meta WHERE key = 'applied_revisions'").first() is None
            quotes = conn.exec_driver_sql("SELECT speaker, person_id FROM article_quotes ORDER BY id").fetchall()
            assert quotes == [("Siti Aminah", siti), ("Orang Lama", None)]  # the text is kept
            assert conn.exec_driver_sql("SELECT article_id FROM coverage").scalar() is None
            assert conn.exec_driver_sql("SELECT person_id, name FROM photo_people").fetchall() == [(siti, "Siti Aminah")]
            parts = conn.exec_driver_sql("SELECT kind, article_id, photo_id FROM kit_parts ORDER BY position").fetchall()
            assert parts == [("cover", None, None), ("article", one, None), ("photo", None, photo)]
            note = conn.exec_driver_sql("SELECT summary FROM audit_log WHERE action = 'upgrade'").scalar()
            assert "1 kit part" in note and "2 reference" in note
        from desktop import search

        # The search index was rebuilt, with stems: "kolaborasi" finds "berkolaborasi".
        assert [h.id for h in search.search(lib, "berkolaborasi") if h.type == "article"] == [one]
        assert [h.id for h in search.search(lib, "mengawasi") if h.type == "article"] == [one]
        from desktop import check

        assert [p for p in check.run_checks(lib) if "foreign" in p.lower() or "kunci" in p.lower()] == []
    finally:
        lib.close()


def test_ids_are_never_reused(library):
    """A kit that printed article N must never print a new, unrelated article that got id N."""
    from desktop.articles import api as articles

    first = articles.create_article(library, articles.ArticleDoc(title="Pertama"))
    second = articles.create_article(library, articles.ArticleDoc(title="Kedua"))
    articles.delete_article(library, second)
    third = articles.create_article(library, articles.ArticleDoc(title="Ketiga"))
    assert third > second > first
    from desktop.contacts import api as contacts

    people = [contacts.create_person(library, contacts.PersonInput(full_name=f"Orang {i}")) for i in range(3)]
    contacts.delete_people(library, [people[-1]])
    again = contacts.create_person(library, contacts.PersonInput(full_name="Orang baru"))
    assert again > people[-1]


def test_the_schema_has_one_head_and_info_reports_it(library, cli):
    import json

    assert schema.head_revisions() == {schema.head_revision()}
    code, out, _err = cli("info", "--library", library.path, "--json")
    assert code == 0 and json.loads(out)["schema"] == schema.head_revision()
