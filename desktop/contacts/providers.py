"""What contacts contribute to the rest of Warta: global search, Beranda, ``warta check``."""

from __future__ import annotations

from sqlalchemy import select, text

from database import fts
from desktop.contacts import log, store
from desktop.i18n import N_, _


def search(library, query: str, limit: int) -> list:  # noqa: ANN001
    """Global search hits: people ("contact") and organisations ("organization")."""
    from desktop.search import Hit

    terms = store.search_terms(query)
    hits = []
    with library.store.read() as s:
        conn = s.connection()
        people = fts.search(conn, store.PEOPLE_FTS, terms, limit=limit)
        if people:
            names = dict(s.execute(select(store.P.c.id, store.P.c.full_name).where(
                store.P.c.id.in_([h.rowid for h in people]))).all())
            hits += [Hit("contact", h.rowid, names.get(h.rowid, ""), h.snippet, h.rank) for h in people]
        orgs = fts.search(conn, store.ORG_FTS, terms, limit=limit)
        if orgs:
            names = dict(s.execute(select(store.O.c.id, store.O.c.name).where(
                store.O.c.id.in_([h.rowid for h in orgs]))).all())
            hits += [Hit("organization", h.rowid, names.get(h.rowid, ""), h.snippet, h.rank) for h in orgs]
    return hits


def overview(library, staff_id: int | None) -> list:  # noqa: ANN001, ARG001
    """Beranda: partnership agreements (MoU) that expired (until renewed or dismissed) or expire within 60 days."""
    import datetime as dt

    from desktop import dates
    from desktop.overview import Card, CardItem

    expiring = log.expiring_mous(library)
    if not expiring:
        return []
    today = dt.date.today()
    items = [
        CardItem(
            (_("{name}: MoU {number} expired {date}") if expires < today else _("{name}: MoU {number} expires {date}"))
            .format(name=name, number=number or "-", date=dates.long_date(expires)),
            "organization",
            oid,
        )
        for oid, name, number, expires in expiring
    ]
    return [Card(title=_("Partnership agreements expired or expiring within 60 days"), items=items, warning=True,
                 order=20, dismiss=(N_("Dismiss alert"), "desktop.contacts.api:dismiss_mou_alert"))]


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    """The search indexes hold exactly the people and organisations (rebuilt with --repair)."""
    from desktop.check import repaired

    index_problems: list[str] = []
    with library.store.engine.connect() as conn:
        for index in (store.PEOPLE_FTS, store.ORG_FTS):
            table, base = index.name, index.table
            index_problems += fts.check(conn, index)
            # Same rows but stale text (a name changed outside Warta) also misleads search.
            stale = conn.execute(text(
                f"SELECT count(*) FROM {base} b JOIN {table} f ON f.rowid = b.id "
                f"WHERE f.name != b.{'full_name' if base == 'people' else 'name'}"
            )).scalar()
            if stale:
                index_problems.append(
                    _("{table}: {count} row(s) of {base} with outdated search text").format(
                        table=table, count=stale, base=base))
    if index_problems and repair:
        with library.store.write() as tx:
            conn = tx.session.connection()
            store.refresh_people_fts(conn)
            store.refresh_orgs_fts(conn)
            tx.touch("people")
        index_problems = [repaired(p) for p in index_problems]
    return index_problems
