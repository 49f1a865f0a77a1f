"""The full-text search module: safe query translation and index checks."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from database import fts


def test_user_queries_become_safe_match_expressions():
    assert fts.match_expression("kolabor*") == '"kolabor"*'
    assert fts.match_expression('"tahapan pemilu" kampanye') == '"tahapan pemilu" AND "kampanye"'
    assert fts.match_expression("A & B <c>") == '"A" AND "B" AND "c"'
    assert fts.match_expression('OR NOT "') == '"OR" AND "NOT"'  # operators are words here
    assert fts.match_expression("   ") is None


def _db():
    engine = create_engine("sqlite://")
    conn = engine.connect()
    conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    conn.execute(text(fts.create_sql("fts_notes", ["body"])))
    conn.execute(text("INSERT INTO notes (id, body) VALUES (1, 'Pengawasan Pemilu'), (2, 'Rapat koordinasi')"))
    fts.rebuild_from(conn, "fts_notes", "(rowid, body) SELECT id, body FROM notes")
    return conn


def test_search_is_case_and_accent_insensitive_with_prefixes_and_snippets():
    conn = _db()
    conn.execute(text("INSERT INTO notes (id, body) VALUES (3, 'Kegiatan di Café Kopi')"))
    fts.upsert(conn, "fts_notes", 3, {"body": "Kegiatan di Café Kopi"})
    assert [h.rowid for h in fts.search(conn, "fts_notes", "pemilu")] == [1]
    assert [h.rowid for h in fts.search(conn, "fts_notes", "cafe")] == [3]
    hit = fts.search(conn, "fts_notes", "koord*")[0]
    assert hit.rowid == 2 and f"{fts.MARK_START}koordinasi{fts.MARK_END}" in hit.snippet


def test_stale_text_in_any_one_of_several_columns_is_found():
    engine = create_engine("sqlite://")
    conn = engine.connect()
    conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, a TEXT, b TEXT)"))
    conn.execute(text(fts.create_sql("fts_two", ["a", "b"])))
    conn.execute(text("INSERT INTO notes VALUES (1, 'satu', 'dua')"))
    fts.rebuild_from(conn, "fts_two", "(rowid, a, b) SELECT id, a, b FROM notes")
    select = "SELECT id AS rowid, a, b FROM notes"
    conn.execute(text("UPDATE notes SET b = 'tiga'"))
    assert fts.check_content(conn, "fts_two", select, ["a", "b"])


def test_checks_find_missing_rows_and_stale_text():
    conn = _db()
    select = "SELECT id AS rowid, body FROM notes"
    assert fts.check(conn, "fts_notes", "notes") == []
    assert fts.check_content(conn, "fts_notes", select, ["body"]) == []
    conn.execute(text("UPDATE notes SET body = 'Teks baru' WHERE id = 2"))  # bypasses the index
    assert len(fts.check_content(conn, "fts_notes", select, ["body"])) == 1
    conn.execute(text("INSERT INTO notes (id, body) VALUES (9, 'x')"))
    assert fts.check(conn, "fts_notes", "notes")
