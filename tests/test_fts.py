"""The full-text search boundary, on the engine of this run: safe queries,
Indonesian stems, ranking, snippets, list filters and index checks."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, select, text

from database import fts, stemming
from database.engine import sqlite_engine

NOTES = fts.Index("fts_notes", "notes", ("title", "body"), weights=(5.0, 1.0))


@pytest.fixture
def conn(tmp_path, request):
    """A connection to an empty database of this run's engine, with a ``notes`` table and index."""
    from conftest import ENGINE, pg_server

    if ENGINE == "postgresql":
        server = pg_server()
        url = server.new_database()
        from database.engine import engine_for_url

        engine = engine_for_url(url)
    else:
        engine = sqlite_engine(tmp_path / "fts.db")
    c = engine.connect()
    c.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT, body TEXT)"))
    fts.create(c, NOTES)
    rows = [
        (1, "Pengawasan Pemilu", "Bawaslu mengawasi tahapan kampanye di Jember."),
        (2, "Rapat koordinasi", "Bawaslu berkolaborasi dengan kampus."),
        (3, "Kolaborasi", "Kolaborasi dengan media lokal."),
        (4, "Kegiatan di Café Kopi", "Sosialisasi di kafe."),
        (5, "Tahapan pemilu", "Tahapan pemilu dimulai hari ini."),
    ]
    for r in rows:
        c.execute(text("INSERT INTO notes (id, title, body) VALUES (:i, :t, :b)"), {"i": r[0], "t": r[1], "b": r[2]})
    fts.rebuild(c, NOTES, "SELECT id AS rowid, title, body FROM notes")
    yield c
    c.rollback()
    c.close()
    engine.dispose()


def ids(conn, query: str) -> list[int]:  # noqa: ANN001
    return [h.rowid for h in fts.search(conn, NOTES, query)]


def test_stems_join_affixed_forms():
    assert stemming.stem("berkolaborasi") == "kolaborasi"
    assert stemming.stem("mengawasi") == stemming.stem("pengawasan") == "awas"
    assert stemming.stems_of(["Bawaslu mengawasi"]) == "awas"  # only words that differ from their stem


def test_affixed_forms_find_each_other_and_exact_words_rank_first(conn):
    assert set(ids(conn, "kolaborasi")) == {2, 3}
    assert ids(conn, "kolaborasi")[0] == 3  # the exact word above the stem-only hit
    assert set(ids(conn, "berkolaborasi")) == {2, 3}
    assert ids(conn, "berkolaborasi")[0] == 2
    assert ids(conn, "pengawasan")[0] == 1 and ids(conn, "mengawasi") == [1]


def test_phrases_match_exactly_prefixes_and_accents(conn):
    assert ids(conn, '"tahapan pemilu"') == [5]
    assert set(ids(conn, "tahapan pemilu")) == {1, 5}
    assert ids(conn, "koord*") == [2]
    assert ids(conn, "cafe") == [4]
    assert ids(conn, "CAFÉ") == [4]


def test_snippets_mark_the_matched_words(conn):
    hit = fts.search(conn, NOTES, "koord*")[0]
    assert f"{fts.MARK_START}koordinasi{fts.MARK_END}" in hit.snippet
    hit = fts.search(conn, NOTES, "kolaborasi")
    stem_only = next(h for h in hit if h.rowid == 2)
    assert f"{fts.MARK_START}berkolaborasi{fts.MARK_END}" in stem_only.snippet


def test_operators_and_stray_quotes_are_plain_words(conn):
    for query in ('OR NOT "', "A & B <c>", "kolaborasi) OR (1", "'; DROP TABLE notes; --", "*", '"'):
        fts.search(conn, NOTES, query)  # never a syntax error
    assert fts.parse("   ") == []
    assert conn.execute(text("SELECT count(*) FROM notes")).scalar() == 5


def test_list_filter_and_updates(conn):
    notes = Table("notes", MetaData(), Column("id", Integer, primary_key=True), Column("title", Text))
    found = fts.matches(NOTES, notes.c.id, "kolaborasi")
    assert sorted(conn.execute(select(notes.c.id).where(found)).scalars()) == [2, 3]
    assert fts.matches(NOTES, notes.c.id, "  ") is None
    fts.upsert(conn, NOTES, 4, {"title": "Rapat pleno", "body": ""})
    assert ids(conn, "cafe") == [] and ids(conn, "pleno") == [4]
    fts.delete(conn, NOTES, [4])
    assert ids(conn, "pleno") == []


def test_checks_find_missing_rows_and_stale_text(conn):
    select_sql = "SELECT id AS rowid, title, body FROM notes"
    assert fts.check(conn, NOTES) == []
    assert fts.check_content(conn, NOTES, select_sql) == []
    conn.execute(text("UPDATE notes SET body = 'Teks baru' WHERE id = 2"))  # bypasses the index
    assert len(fts.check_content(conn, NOTES, select_sql)) == 1
    conn.execute(text("INSERT INTO notes (id, title, body) VALUES (9, 'x', 'y')"))
    assert fts.check(conn, NOTES)
