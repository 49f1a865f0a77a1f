"""Full-text search: the only dialect-specific module.

SQLite uses FTS5 tables with the ``unicode61 remove_diacritics 2`` tokenizer
(case- and accent-insensitive) and a prefix index so ``kolabor*`` stays fast.
Each area keeps one FTS table whose rowid is the id of the row it indexes and
whose columns hold the searchable text (joined text from other tables
included), maintained by that area's service in the same transaction as the
change (``upsert``/``delete``), or rebuilt wholesale after bulk loads.

User queries are translated by :func:`match_expression`: words in any order
(all must match), ``"phrases in quotes"``, ``prefix*``. Nothing the user types
reaches FTS5 syntax unquoted, so operators and stray quotes can't break a
query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

TOKENIZE = "unicode61 remove_diacritics 2"
# Snippet markers around matched words: private-use characters that user text
# never contains, so a literal "[x]" in an article is not mistaken for a match.
# Callers turn them into bold (window) or brackets (command line).
MARK_START = "\ue000"
MARK_END = "\ue001"
PREFIX = "2 3 4"

_TOKEN_RE = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_CHARS = re.compile(r"[^\w'’.-]+", re.UNICODE)


def create_sql(name: str, columns: Sequence[str]) -> str:
    cols = ", ".join(columns)
    return f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, tokenize='{TOKENIZE}', prefix='{PREFIX}')"


def create(conn_or_op, name: str, columns: Sequence[str]) -> None:  # noqa: ANN001
    """Create an FTS table (call from a migration with ``op`` or a connection)."""
    sql = create_sql(name, columns)
    if hasattr(conn_or_op, "execute"):
        conn_or_op.execute(text(sql))


def drop(conn_or_op, name: str) -> None:  # noqa: ANN001
    conn_or_op.execute(text(f"DROP TABLE IF EXISTS {name}"))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """Translate what a user typed into a safe FTS5 MATCH expression.

    Returns None when the query holds nothing searchable.
    """
    parts: list[str] = []
    for phrase, word in _TOKEN_RE.findall(query or ""):
        if phrase:
            words = [w for w in _WORD_CHARS.split(phrase) if w]
            if words:
                parts.append(_quote(" ".join(words)))
            continue
        prefix = word.endswith("*")
        cleaned = [w for w in _WORD_CHARS.split(word.rstrip("*")) if w]
        if not cleaned:
            continue
        if len(cleaned) > 1:
            parts.append(_quote(" ".join(cleaned)) + ("*" if prefix else ""))
        else:
            parts.append(_quote(cleaned[0]) + ("*" if prefix else ""))
    return " AND ".join(parts) if parts else None


def upsert(conn: Connection, name: str, rowid: int, values: dict[str, str]) -> None:
    conn.execute(text(f"DELETE FROM {name} WHERE rowid = :id"), {"id": rowid})
    cols = ", ".join(["rowid", *values])
    params = ", ".join([":rowid", *(f":{k}" for k in values)])
    conn.execute(text(f"INSERT INTO {name} ({cols}) VALUES ({params})"), {"rowid": rowid, **values})


def upsert_many(conn: Connection, name: str, rows: Iterable[dict]) -> None:
    """Insert many rows (each a dict with ``rowid`` and the columns); for fresh rows."""
    rows = list(rows)
    if not rows:
        return
    cols = list(rows[0])
    conn.execute(
        text(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"),
        rows,
    )


def delete(conn: Connection, name: str, rowid: int) -> None:
    conn.execute(text(f"DELETE FROM {name} WHERE rowid = :id"), {"id": rowid})


@dataclass
class FtsHit:
    rowid: int
    rank: float
    snippet: str


def search(
    conn: Connection,
    name: str,
    query: str,
    *,
    limit: int = 50,
    snippet_column: int = -1,
    highlight: tuple[str, str] = (MARK_START, MARK_END),
    weights: Sequence[float] | None = None,
) -> list[FtsHit]:
    """Top ``limit`` rows by bm25 rank, with a highlighted snippet.

    ``highlight`` markers wrap matched words in the snippet (by default
    :data:`MARK_START`/:data:`MARK_END`).
    """
    expr = match_expression(query)
    if expr is None:
        return []
    rank = f"bm25({name}{''.join(', ' + str(w) for w in weights) if weights else ''})"
    sql = (
        f"SELECT rowid, {rank} AS r, snippet({name}, {snippet_column}, :a, :b, '…', 12) "
        f"FROM {name} WHERE {name} MATCH :q ORDER BY r LIMIT :n"
    )
    rows = conn.execute(text(sql), {"q": expr, "n": limit, "a": highlight[0], "b": highlight[1]})
    return [FtsHit(int(r[0]), float(r[1]), r[2] or "") for r in rows]


def matching_ids(conn: Connection, name: str, query: str) -> str | None:
    """SQL fragment ``rowid IN (…)`` source for filtering a list by a search.

    Returns a subquery string to use as ``id IN (<subquery>)`` with the bound
    parameter ``:fts_q``, or None when the query is empty.
    """
    if match_expression(query) is None:
        return None
    return f"SELECT rowid FROM {name} WHERE {name} MATCH :fts_q"


def rebuild_from(conn: Connection, name: str, select_sql: str) -> int:
    """Refill an FTS table: ``select_sql`` is ``(rowid, col, …) SELECT …``."""
    conn.execute(text(f"DELETE FROM {name}"))
    result = conn.execute(text(f"INSERT INTO {name} {select_sql}"))
    return result.rowcount or 0


def check(conn: Connection, name: str, base_table: str) -> list[str]:
    """Problems where the FTS table and its base table disagree (row sets)."""
    problems = []
    missing = conn.execute(
        text(f"SELECT count(*) FROM {base_table} WHERE id NOT IN (SELECT rowid FROM {name})")
    ).scalar()
    extra = conn.execute(
        text(f"SELECT count(*) FROM {name} WHERE rowid NOT IN (SELECT id FROM {base_table})")
    ).scalar()
    if missing:
        problems.append(f"{name}: {missing} row(s) of {base_table} missing from the search index")
    if extra:
        problems.append(f"{name}: {extra} search index row(s) with no {base_table} row")
    return problems


def check_content(conn: Connection, name: str, select_sql: str, columns: Sequence[str]) -> list[str]:
    """Rows whose indexed text differs from what ``select_sql`` computes now.

    ``select_sql`` is a plain SELECT naming its columns ``rowid`` and then
    ``columns`` (the SELECT part of what an area gives :func:`rebuild_from`). Catches an index that has
    the right rows but stale text (an edit that bypassed the service), which
    a row-count comparison cannot see.
    """
    cols = ", ".join(columns)
    differs = " OR ".join(f"f.{c} IS NOT fresh.{c}" for c in columns)
    sql = (
        f"SELECT count(*) FROM (SELECT rowid AS rid, {cols} FROM {name}) AS f "
        f"JOIN ({select_sql}) AS fresh ON fresh.rowid = f.rid WHERE {differs}"
    )
    stale = conn.execute(text(sql)).scalar() or 0
    return [f"{name}: {stale} row(s) whose search text is out of date"] if stale else []
