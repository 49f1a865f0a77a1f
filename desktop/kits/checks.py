"""``warta check`` for press kits: the search index.

Parts name what they print by foreign keys (``RESTRICT``), so a part whose
article or photo is gone cannot exist; the database's own foreign-key check
(``desktop.check.database_integrity``) would report one.
"""

from __future__ import annotations

# Each kit's index text as SQL computes it: what a rebuild writes and what
# the check compares with. Same text as store._fts_text (fact sheets in
# order, title and text on lines of their own).
FTS_SELECT = (
    "SELECT k.id AS rowid, k.title AS title, k.event AS event, "
    "COALESCE((SELECT string_agg(f.x, chr(10)) FROM (SELECT p.title || chr(10) || p.text AS x "
    "FROM kit_parts p WHERE p.kit_id = k.id AND p.kind = 'factsheet' ORDER BY p.position) AS f), '') AS text "
    "FROM kits k"
)


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    from database import fts
    from desktop.check import repaired
    from desktop.kits.store import FTS

    with library.store.engine.connect() as conn:
        index = fts.check(conn, FTS) + fts.check_content(conn, FTS, FTS_SELECT)
    if index and repair:
        rebuild_index(library)
        return [repaired(p) for p in index]
    return index


def rebuild_index(library) -> int:  # noqa: ANN001
    with library.store.write() as tx:
        return reindex(tx)


def reindex(tx) -> int:  # noqa: ANN001 - database.session.Tx
    from database import fts
    from desktop.kits.store import FTS

    tx.touch("kits")
    return fts.rebuild(tx.session.connection(), FTS, FTS_SELECT)
