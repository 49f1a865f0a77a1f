"""Counts shown by ``warta info`` and on Beranda."""

from __future__ import annotations

from sqlalchemy import inspect, text

from desktop import areas


def counts(library) -> dict[str, int]:  # noqa: ANN001
    result = {}
    with library.store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        # A table an older library does not have yet counts 0.
        for key, table, _label in areas.entries("counted"):
            result[key] = (
                int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0) if table in tables else 0
            )
    return result


def labels() -> dict[str, str]:
    """Each counted key's name in the current language, in :func:`counts` order."""
    from desktop.i18n import _

    return {key: _(label) for key, _table, label in areas.entries("counted")}


def human_size(n: int) -> str:
    """``72,0 KB`` in Indonesian: the one size formatter (``warta info``, backups, photo details)."""
    from desktop import numbers

    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return "{} {}".format(numbers.integer(int(size)) if unit == "B" else numbers.decimal(size), unit)
        size /= 1024
    return f"{n} B"
