"""Beranda: information requests overdue or due within 3 working days, the most overdue first.

A missed KIP deadline is a ground for an objection and a dispute before the
Komisi Informasi, so the card is drawn as a warning and comes early.
"""

from __future__ import annotations

import datetime as dt

from desktop.i18n import _

MAX_ITEMS = 6


def item_text(row, today: dt.date) -> str:  # noqa: ANN001 - store.RequestRow
    from desktop import dates

    left = row.days_left(today)
    due = dates.plain_date(row.due_on)
    if left < 0:
        return _("Overdue {days} working days (due {date}): {number}, {requester}").format(
            days=-left, date=due, number=row.number, requester=row.requester)
    if left == 0:
        return _("Due today: {number}, {requester}").format(number=row.number, requester=row.requester)
    return _("{days} working days left (due {date}): {number}, {requester}").format(
        days=left, date=due, number=row.number, requester=row.requester)


def cards(library, staff_id: int | None, today: dt.date | None = None) -> list:  # noqa: ANN001, ARG001
    from desktop.kip import store
    from desktop.overview import Card, CardItem

    today = today or dt.date.today()
    rows = store.due_soon(library, today)
    if not rows:
        return []
    items = [CardItem(item_text(r, today), "kip_request", r.id) for r in rows[:MAX_ITEMS]]
    overdue = sum(1 for r in rows if r.due_on < today)
    title = _("Information requests due ({count}, {overdue} overdue)").format(count=len(rows), overdue=overdue)
    more = ("kip", {"state": "open"}) if len(rows) > MAX_ITEMS else None
    return [Card(title=title, items=items, warning=True, order=5, more=more)]
