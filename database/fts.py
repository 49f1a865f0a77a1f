"""Full-text search: every search statement, for SQLite and PostgreSQL.

This is the only module that knows how each engine searches. An area
declares an :class:`Index` (its name, the table it indexes, the text columns
and their weights) and calls :func:`upsert`/:func:`delete` in the same
transaction as the change, :func:`rebuild` after bulk loads, :func:`search`
for ranked hits with snippets and :func:`matches` to filter a list.

- **SQLite**: an FTS5 table, ``unicode61 remove_diacritics 2`` (case- and
  accent-insensitive) with a prefix index so ``kolabor*`` stays fast.
- **PostgreSQL**: a plain table with the same text columns and a ``tsvector``
  under a GIN index, built from tokens cut in Python (``database.stemming``)
  so both engines agree on what a word is.

Both index, beside the text, the Indonesian stems of its affixed words (a
``stems`` column): a query word matches the word itself anywhere, or its stem
among the stems. An exact word weighs more than a stem, so exact hits rank
above stem-only hits. Words in ``"quotes"`` match exactly, as a phrase;
``prefix*`` matches the beginnings of words. Nothing the user types reaches
either engine's query syntax unescaped.

Snippets are cut in Python from the indexed text, the same way on both
engines, with :data:`MARK_START`/:data:`MARK_END` around matched words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from sqlalchemy import Boolean, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement

from database import stemming

TOKENIZE = "unicode61 remove_diacritics 2"
PREFIX = "2 3 4"
# Bumped whenever what goes into an index changes (tokens, stems, columns):
# a library whose indexes were built by another version rebuilds them on open.
VERSION = "2"
VERSION_KEY = "fts_version"
# Snippet markers around matched words: private-use characters that user text
# never contains, so a literal "[x]" in an article is not mistaken for a match.
# Callers turn them into bold (window) or brackets (command line).
MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_WORDS = 12
# An affixed form found only through its stem counts this much of an exact word.
STEM_WEIGHT = 0.3
_CHUNK = 500

_QUERY_RE = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Index:
    """One area's search index over ``table`` (rowid = ``table.id``)."""

    name: str
    table: str
    columns: tuple[str, ...]
    weights: tuple[float, ...] = ()

    def weight(self, i: int) -> float:
        return self.weights[i] if i < len(self.weights) else 1.0


@dataclass
class FtsHit:
    rowid: int
    rank: float
    snippet: str


@dataclass(frozen=True)
class _Term:
    kind: str  # "word" | "prefix" | "phrase"
    words: tuple[str, ...]

    @property
    def stem(self) -> str:
        return stemming.stem(self.words[0])


def parse(query: str) -> list[_Term]:
    """What a user typed, as terms that must all match."""
    terms: list[_Term] = []
    for phrase, word in _QUERY_RE.findall(query or ""):
        if phrase:
            words = tuple(stemming.tokens(phrase))
            if words:
                terms.append(_Term("phrase" if len(words) > 1 else "word", words))
            continue
        prefix = word.endswith("*")
        words = tuple(stemming.tokens(word.rstrip("*")))
        if not words:
            continue
        if len(words) > 1:  # "e-mail", "Tola'": one typed word, several tokens
            terms.append(_Term("phrase", words))
        else:
            terms.append(_Term("prefix" if prefix else "word", words))
    return terms


# -- schema ---------------------------------------------------------------


def _is_sqlite(conn) -> bool:  # noqa: ANN001 - Connection or Alembic op bind
    return conn.dialect.name == "sqlite"


def create(conn: Connection, index: Index) -> None:
    """Create the index's table (from a migration with ``op.get_bind()``)."""
    cols = list(index.columns)
    if _is_sqlite(conn):
        conn.execute(text(
            f"CREATE VIRTUAL TABLE {index.name} USING fts5({', '.join(cols + ['stems'])}, "
            f"tokenize='{TOKENIZE}', prefix='{PREFIX}')"
        ))
        return
    columns = ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in cols + ["stems"])
    conn.execute(text(f"CREATE TABLE {index.name} (rowid BIGINT PRIMARY KEY, {columns}, doc TSVECTOR NOT NULL)"))
    # Ranking reads the tsvector of every hit. Kept in the row (compressed if
    # need be) rather than out of line in TOAST, as a query matching most
    # articles reads it five times faster; the texts, read only for the
    # snippets of the top rows, are the ones moved out of line.
    conn.execute(text(f"ALTER TABLE {index.name} ALTER COLUMN doc SET STORAGE MAIN"))
    conn.execute(text(f"CREATE INDEX {index.name}_doc ON {index.name} USING gin (doc)"))


def drop(conn: Connection, name: str) -> None:
    conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def create_legacy(conn: Connection, name: str, columns: Sequence[str]) -> None:
    """The FTS5 table of the first release's migrations (replaced in ``0002_linear``).

    Only SQLite libraries ever had them; on PostgreSQL the old revisions run
    for a new database and the bridge creates the real indexes.
    """
    if _is_sqlite(conn):
        conn.execute(text(
            f"CREATE VIRTUAL TABLE {name} USING fts5({', '.join(columns)}, tokenize='{TOKENIZE}', prefix='{PREFIX}')"
        ))


# -- writing ----------------------------------------------------------------

_PG_WEIGHTS = "ABC"


def _pg_letter(index: Index, i: int) -> str:
    """PostgreSQL has four weights: the heaviest column A, heavy ones B, the rest C; stems D."""
    top = max((index.weight(j) for j in range(len(index.columns))), default=1.0)
    w = index.weight(i)
    if w >= top:
        return "A"
    return "B" if w >= top / 3 else "C"


def _row(index: Index, rowid: int, values: dict) -> dict:
    row = {"rowid": int(rowid)}
    for c in index.columns:
        row[c] = values.get(c) or ""
    row["stems"] = stemming.stems_of(row[c] for c in index.columns)
    return row


def _pg_doc_params(index: Index, row: dict) -> dict:
    params = {f"_t{i}": " ".join(stemming.tokens(row[c])) for i, c in enumerate(index.columns)}
    params["_ts"] = row["stems"]
    return params


def _insert_sql(conn: Connection, index: Index) -> str:
    cols = ["rowid", *index.columns, "stems"]
    values = [f":{c}" for c in cols]
    if not _is_sqlite(conn):
        parts = [f"setweight(to_tsvector('simple', :_t{i}), '{_pg_letter(index, i)}')" for i in range(len(index.columns))]
        parts.append("setweight(to_tsvector('simple', :_ts), 'D')")
        cols.append("doc")
        values.append(" || ".join(parts))
    return f"INSERT INTO {index.name} ({', '.join(cols)}) VALUES ({', '.join(values)})"


def insert_many(conn: Connection, index: Index, rows: Iterable[dict]) -> int:
    """Index fresh rows (each a dict with ``rowid`` and the columns)."""
    sql = text(_insert_sql(conn, index))
    sqlite = _is_sqlite(conn)
    count = 0
    batch: list[dict] = []
    for values in rows:
        row = _row(index, values["rowid"], values)
        if not sqlite:
            row.update(_pg_doc_params(index, row))
        batch.append(row)
        if len(batch) >= _CHUNK:
            conn.execute(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        conn.execute(sql, batch)
        count += len(batch)
    return count


def upsert(conn: Connection, index: Index, rowid: int, values: dict) -> None:
    """Index one row, replacing what was indexed for it."""
    delete(conn, index, [rowid])
    insert_many(conn, index, [{"rowid": rowid, **values}])


def upsert_many(conn: Connection, index: Index, rows: Iterable[dict]) -> None:
    rows = list(rows)
    delete(conn, index, [r["rowid"] for r in rows])
    insert_many(conn, index, rows)


def delete(conn: Connection, index: Index, rowids: Iterable[int]) -> None:
    ids = [int(i) for i in rowids]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        conn.execute(text(f"DELETE FROM {index.name} WHERE rowid IN ({', '.join(map(str, chunk))})"))


def rebuild(conn: Connection, index: Index, select_sql: str, params: dict | None = None) -> int:
    """Refill the whole index from ``select_sql`` (``rowid`` then the columns, by name)."""
    sqlite = _is_sqlite(conn)
    conn.execute(text(f"DELETE FROM {index.name}"))
    if not sqlite:
        # Built once after the rows rather than row by row: a GIN index fed
        # 100,000 rows keeps them in its pending list, which every query
        # then reads through.
        conn.execute(text(f"DROP INDEX IF EXISTS {index.name}_doc"))
    result = conn.execute(text(select_sql), params or {})
    count = insert_many(conn, index, (dict(r._mapping) for r in result))
    if not sqlite:
        conn.execute(text(f"CREATE INDEX {index.name}_doc ON {index.name} USING gin (doc)"))
        # Fresh statistics now, not whenever autovacuum gets to it: without
        # them the planner guesses wrong for a word in most rows (4x slower).
        conn.execute(text(f"ANALYZE {index.name}"))
    return count


def tidy(engine) -> None:  # noqa: ANN001 - sqlalchemy Engine
    """After rebuilding indexes (outside any transaction): on PostgreSQL, VACUUM ANALYZE the database.

    Indexes are rebuilt after an upgrade or a move to the server, that is
    after many rows were written at once. Until vacuumed, those rows are not
    marked visible to all and have no statistics, so a list filtered by a
    common word visits every row and the planner guesses. Autovacuum would
    get there within minutes; the first lists after a move should not wait.
    """
    if engine.dialect.name == "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))


# -- querying ---------------------------------------------------------------


def _fts5_string(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _fts5_expression(index: Index, terms: Sequence[_Term], *, exact: bool = False) -> str:
    """The FTS5 query; ``exact``: words only as typed (no stems), to rank exact hits first."""
    cols = "{" + " ".join(index.columns) + "}"
    parts = []
    for t in terms:
        if t.kind == "phrase":
            parts.append(f"{cols} : {_fts5_string(t.words)}")
        elif t.kind == "prefix":
            parts.append(f"{cols} : {_fts5_string(t.words)}*")
        else:
            typed = f"{cols} : {_fts5_string(t.words)}"
            if exact:
                parts.append(typed)
                continue
            stem = t.stem
            alternatives = [typed, f"stems : {_fts5_string([stem])}"]
            if stem != t.words[0]:
                alternatives.append(f"{cols} : {_fts5_string([stem])}")
            parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def sqlite_expression(index: Index, query: str) -> str | None:
    """The FTS5 MATCH expression Warta runs for ``query`` (benchmarks compare raw FTS5 with it)."""
    terms = parse(query)
    return _fts5_expression(index, terms) if terms else None


def _tsquery(terms: Sequence[_Term], *, exact: bool = False) -> str:
    # Tokens are letters and digits only (database.stemming), so they need no
    # quoting inside a tsquery; quotes are added anyway as a second guard.
    def lex(word: str, suffix: str = "") -> str:
        return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + suffix

    parts = []
    for t in terms:
        if t.kind == "phrase":
            parts.append("(" + " <-> ".join(lex(w, ":" + _PG_WEIGHTS) for w in t.words) + ")")
        elif t.kind == "prefix":
            parts.append(lex(t.words[0], ":*" + _PG_WEIGHTS))
        elif exact:
            parts.append(lex(t.words[0], ":" + _PG_WEIGHTS))
        elif t.stem == t.words[0]:
            parts.append(lex(t.stem))
        else:
            # No weight on the typed word: among the stems it could only be
            # its own stem, which matches anyway; and a query without weights
            # is answered by the GIN index alone, without reading each row.
            parts.append(f"({lex(t.words[0])} | {lex(t.stem)})")
    return " & ".join(parts)



class _Matches(ColumnElement):
    """``id IN (rows of the index matching the query)``, compiled per engine."""

    type = Boolean()
    inherit_cache = False  # the expression is built per query; nothing to cache

    def __init__(self, index: Index, column: ColumnElement, terms: Sequence[_Term]) -> None:
        self.index = index
        self.column = column
        self.terms = list(terms)


@compiles(_Matches, "sqlite")
def _matches_sqlite(element: _Matches, compiler, **kw) -> str:  # noqa: ANN001
    param = compiler.process(bindparam(None, _fts5_expression(element.index, element.terms), unique=True), **kw)
    name = element.index.name
    return f"{compiler.process(element.column, **kw)} IN (SELECT rowid FROM {name} WHERE {name} MATCH {param})"


@compiles(_Matches, "postgresql")
def _matches_pg(element: _Matches, compiler, **kw) -> str:  # noqa: ANN001
    param = compiler.process(bindparam(None, _tsquery(element.terms), unique=True), **kw)
    name = element.index.name
    return (
        f"{compiler.process(element.column, **kw)} IN "
        f"(SELECT rowid FROM {name} WHERE doc @@ to_tsquery('simple', {param}))"
    )


def matches(index: Index, column: ColumnElement, query: str) -> ColumnElement | None:
    """A WHERE clause keeping rows whose ``column`` (their id) matches ``query``; None if empty."""
    terms = parse(query)
    return _Matches(index, column, terms) if terms else None


def search(
    conn: Connection,
    index: Index,
    query: str,
    *,
    limit: int = 50,
    highlight: tuple[str, str] = (MARK_START, MARK_END),
) -> list[FtsHit]:
    """Top ``limit`` rows, best first, each with a highlighted snippet.

    Rows holding every word as typed come before rows found only through
    stems; within each group, by the engine's rank (bm25 / ts_rank).
    """
    terms = parse(query)
    if not terms:
        return []
    cols = ", ".join(index.columns)
    name = index.name
    if _is_sqlite(conn):
        weights = ", ".join(str(index.weight(i)) for i in range(len(index.columns))) + f", {STEM_WEIGHT}"
        sql = (
            f"SELECT rowid, bm25({name}, {weights}) AS r, {cols} FROM {name} WHERE {name} MATCH :q "
            f"ORDER BY rowid IN (SELECT rowid FROM {name} WHERE {name} MATCH :exact) DESC, r, rowid LIMIT :n"
        )
        params = {"q": _fts5_expression(index, terms), "exact": _fts5_expression(index, terms, exact=True)}
    else:
        # ts_rank grows with relevance; negate so that, as with bm25, lower is better.
        sql = (
            f"SELECT rowid, -ts_rank('{{{STEM_WEIGHT}, 0.4, 0.7, 1.0}}', doc, q) AS r, {cols} "
            f"FROM {name}, to_tsquery('simple', :q) AS q, to_tsquery('simple', :exact) AS e "
            f"WHERE doc @@ q ORDER BY doc @@ e DESC, r, rowid LIMIT :n"
        )
        params = {"q": _tsquery(terms), "exact": _tsquery(terms, exact=True)}
    rows = conn.execute(text(sql), {**params, "n": limit}).all()
    hits = [(int(r[0]), float(r[1]), r[2:]) for r in rows]
    return [FtsHit(rowid, rank, snippet(texts, terms, highlight)) for rowid, rank, texts in hits]


def _matcher(terms: Sequence[_Term]):  # noqa: ANN202
    exact = {w for t in terms if t.kind != "prefix" for w in t.words}
    prefixes = tuple(t.words[0] for t in terms if t.kind == "prefix")
    stems = {t.stem for t in terms if t.kind == "word"}

    def hit(token: str) -> bool:
        return (
            token in exact
            or (bool(prefixes) and token.startswith(prefixes))
            or (bool(stems) and stemming.stem(token) in stems)
        )

    return hit


def snippet(texts: Sequence[str], terms: Sequence[_Term], highlight: tuple[str, str] = (MARK_START, MARK_END)) -> str:
    """About :data:`SNIPPET_WORDS` words around the first match, matched words marked.

    The first column (in the index's order) that holds a match is used, so a
    title hit shows the title; with no match anywhere the first text's start.
    """
    hit = _matcher(terms)
    start_mark, end_mark = highlight
    for value in texts:
        value = value or ""
        spans = list(stemming.spans(value))
        found = next((i for i, (_a, _b, tok) in enumerate(spans) if hit(tok)), None)
        if found is None:
            continue
        first = max(0, found - SNIPPET_WORDS // 3)
        last = min(len(spans), first + SNIPPET_WORDS)
        out = ["…"] if first > 0 else []
        pos = spans[first][0]
        for a, b, tok in spans[first:last]:
            out.append(value[pos:a])
            out.append(f"{start_mark}{value[a:b]}{end_mark}" if hit(tok) else value[a:b])
            pos = b
        if last < len(spans):
            out.append("…")
        else:
            out.append(value[pos:])
        return "".join(out).strip()
    for value in texts:
        if value:
            words = value.split()
            return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
    return ""


# -- checks -----------------------------------------------------------------


def check(conn: Connection, index: Index) -> list[str]:
    """Problems where the index and its table disagree (row sets)."""
    problems = []
    missing = conn.execute(
        text(f"SELECT count(*) FROM {index.table} WHERE id NOT IN (SELECT rowid FROM {index.name})")
    ).scalar()
    extra = conn.execute(
        text(f"SELECT count(*) FROM {index.name} WHERE rowid NOT IN (SELECT id FROM {index.table})")
    ).scalar()
    if missing:
        problems.append(f"{index.name}: {missing} row(s) of {index.table} missing from the search index")
    if extra:
        problems.append(f"{index.name}: {extra} search index row(s) with no {index.table} row")
    return problems


def check_content(conn: Connection, index: Index, select_sql: str, columns: Sequence[str] | None = None) -> list[str]:
    """Rows whose indexed text differs from what ``select_sql`` computes now.

    ``select_sql`` is what :func:`rebuild` takes. Catches an index that has
    the right rows but stale text (an edit that bypassed the area's code),
    which a row-count comparison cannot see.
    """
    columns = list(columns or index.columns)
    cols = ", ".join(columns)
    differs = " OR ".join(f"f.{c} IS DISTINCT FROM fresh.{c}" for c in columns)
    sql = (
        f"SELECT count(*) FROM (SELECT rowid AS rid, {cols} FROM {index.name}) AS f "
        f"JOIN ({select_sql}) AS fresh ON fresh.rowid = f.rid WHERE {differs}"
    )
    stale = conn.execute(text(sql)).scalar() or 0
    return [f"{index.name}: {stale} row(s) whose search text is out of date"] if stale else []
