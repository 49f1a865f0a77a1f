"""Articles in the global search (``warta search``, the window's search box)."""

from __future__ import annotations

from sqlalchemy import text

from database import fts
from desktop.search import Hit

HIGHLIGHT = (fts.MARK_START, fts.MARK_END)


def search_articles(library, query: str, limit: int = 50, *, highlight: tuple[str, str] = HIGHLIGHT) -> list[Hit]:  # noqa: ANN001
    """Ranked article hits with a snippet (matched words wrapped in ``highlight``)."""
    from desktop.articles.store import FTS

    with library.store.engine.connect() as conn:
        found = fts.search(conn, FTS, query, limit=limit, highlight=highlight)
        if not found:
            return []
        ids = ",".join(str(h.rowid) for h in found)
        titles = dict(conn.execute(text(f"SELECT id, title FROM articles WHERE id IN ({ids})")).all())
    return [Hit("article", h.rowid, titles.get(h.rowid, ""), h.snippet, h.rank) for h in found if h.rowid in titles]


def global_hits(library, query: str, limit: int) -> list[Hit]:  # noqa: ANN001
    return search_articles(library, query, limit)
