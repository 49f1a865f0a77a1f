"""Beranda card: the press kits worked on most recently."""

from __future__ import annotations

from desktop.i18n import _


def cards(library, staff_id: int | None) -> list:  # noqa: ANN001, ARG001
    from sqlalchemy import select

    from database.models import Kit
    from desktop import dates
    from desktop.overview import Card, CardItem

    with library.store.read() as s:
        rows = s.execute(select(Kit.id, Kit.title, Kit.date).order_by(Kit.updated_at.desc(), Kit.id.desc())
                         .limit(5)).all()
    items = [CardItem(f"{r.title} — {dates.plain_date(r.date)}", "kit", r.id) for r in rows]
    return [Card(_("Recent press kits"), items, empty_text=_("No press kits yet."), order=60)]
