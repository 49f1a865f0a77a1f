"""Counts shown by ``warta info`` and on Beranda."""

from __future__ import annotations

from sqlalchemy import inspect, text

# info key -> table. Areas that are not built yet simply count 0.
COUNTED = {
    "articles": "articles",
    "contacts": "people",
    "organizations": "organizations",
    "photos": "photos",
    "kits": "kits",
}


def counts(library) -> dict[str, int]:  # noqa: ANN001
    result = {}
    with library.store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        for key, table in COUNTED.items():
            result[key] = (
                int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0) if table in tables else 0
            )
    return result


def human_size(n: int) -> str:
    """``72.0 KB``: the one size formatter (``warta info``, backups, photo details)."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
