"""Beranda: today's and this week's calendar items, today's first."""

from __future__ import annotations

import datetime as dt

from desktop.i18n import _

MAX_ITEMS = 8


def item_text(event, today: dt.date) -> str:  # noqa: ANN001 - desktop.planner.events.Event
    if event.day == today:
        when = _("Today")
    elif event.day == today + dt.timedelta(days=1):
        when = _("Tomorrow")
    else:
        from babel.dates import format_date

        from desktop import i18n

        when = format_date(event.day, "EEEE d/M", locale=i18n.current_language())
    if not event.all_day:
        # The event's own zone (a WITA embargo read as WIB would be an hour off).
        zone = event.start.tzname() if isinstance(event.start, dt.datetime) else None
        when = "{when} {time}".format(when=when, time=event.start.strftime("%H.%M") + (f" {zone}" if zone else ""))
    return "{when}: {title}".format(when=when, title=event.title)


def cards(library, staff_id: int | None, today: dt.date | None = None) -> list:  # noqa: ANN001, ARG001
    from desktop.overview import Card, CardItem
    from desktop.planner.events import events, week_of

    today = today or dt.date.today()
    _monday, sunday = week_of(today)
    # From today to Sunday: what is left of this week (on Sunday, only today).
    found = events(library, today, sunday, today=today)
    if not found:  # like the other cards: Beranda shows what needs attention, not empty boxes
        return []
    items = [CardItem(item_text(e, today), e.item_type, e.item_id) for e in found[:MAX_ITEMS]]
    today_count = sum(1 for e in found if e.day == today)
    title = _("Today and this week ({today} today, {week} until Sunday)").format(today=today_count, week=len(found))
    return [Card(title=title, items=items, order=8, more=("planner", {"view": "week"}))]
