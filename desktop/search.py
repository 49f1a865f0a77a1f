"""Global search across articles, contacts and photos (``warta search``, Ctrl+F).

Each area registers a provider as ``search`` in ``desktop.areas.AREAS``
(``"module:function"``) taking ``(library, query, limit)`` and returning :class:`Hit` values with
their bm25 rank. Kinds are interleaved (see :func:`search`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from desktop import areas


@dataclass
class Hit:
    type: str  # "article", "contact", "organization", "photo", "kit"
    id: int
    title: str
    snippet: str = ""
    rank: float = 0.0  # lower is better (bm25)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("rank")
        data["snippet"] = self.plain_snippet()
        return data

    def plain_snippet(self) -> str:
        """The snippet with matched words in [brackets] (command line, JSON)."""
        return mark_snippet(self.snippet, "[", "]")


def mark_snippet(snippet: str, start: str, end: str) -> str:
    """``snippet`` with each matched word between ``start`` and ``end``.

    The index marks matches with private-use characters, so brackets or tags
    the user wrote stay literal text (escape HTML before marking).
    """
    from database.fts import MARK_END, MARK_START

    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def rebuild_indexes(library, tx) -> None:  # noqa: ANN001
    """Every area's search indexes rebuilt from its tables, inside ``tx``."""
    for spec in areas.entries("reindex"):
        areas.load(spec)(tx)


def search(library, query: str, *, limit: int = 50, types: set[str] | None = None) -> list[Hit]:  # noqa: ANN001
    groups: list[list[Hit]] = []
    for spec in areas.entries("search"):
        found = areas.load(spec)(library, query, limit)
        by_type: dict[str, list[Hit]] = {}
        for hit in found:
            if types is None or hit.type in types:
                by_type.setdefault(hit.type, []).append(hit)
        groups.extend(sorted(g, key=lambda h: h.rank) for g in by_type.values())
    # bm25 scores from different FTS tables are not comparable (they depend on
    # each table's size and columns), so merging by raw rank would let one
    # kind bury the others. Interleave instead: each kind's best hit, then
    # each kind's second best, in the order the providers are registered.
    merged: list[Hit] = []
    depth = 0
    while len(merged) < limit and any(depth < len(g) for g in groups):
        merged.extend(g[depth] for g in groups if depth < len(g))
        depth += 1
    return merged[:limit]
