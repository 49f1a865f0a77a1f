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
    from alembic import command

    path = tmp_path / "lib"
    path.mkdir()
    engine = sqlite_engine(path / "warta.db")
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
        conn.exec_driver_sql("INSERT INTO office (id, name, short_name, unit, address, phone, email, website, city, logo, boilerplate, photo_credit, updated_at) VALUES (1, 'Kantor Lama', '', '', '', '', '', '', '', '', '', '', '2024-01-01')")
    engine.dispose()
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
