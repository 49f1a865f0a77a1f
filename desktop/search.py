"""Global search across articles, contacts and photos (``warta search``, Ctrl+F).

Each area registers a provider in ``PROVIDERS`` as ``"module:function"``
taking ``(library, query, limit)`` and returning :class:`Hit` values ranked
best first. Results are merged by rank.
"""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass

PROVIDERS: list[str] = [
    "desktop.articles.search:global_hits",
    "desktop.contacts.providers:search",
    "desktop.photos.store:search_photos",
    "desktop.kits.store:search_kits",
]


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
        return data


def search(library, query: str, *, limit: int = 50, types: set[str] | None = None) -> list[Hit]:  # noqa: ANN001
    hits: list[Hit] = []
    for spec in PROVIDERS:
        module, func = spec.split(":")
        found = getattr(importlib.import_module(module), func)(library, query, limit)
        hits.extend(h for h in found if types is None or h.type in types)
    hits.sort(key=lambda h: h.rank)
    return hits[:limit]
