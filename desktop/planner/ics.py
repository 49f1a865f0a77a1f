"""The calendar as an iCalendar (.ics) file for phones (RFC 5545, through the ``icalendar`` package).

The same data gives the same bytes: events come in their calendar order, each
UID is the event's stable key plus the library's id (two offices' calendars on
one phone never clash, and a moved date updates the event instead of adding a
second one), and DTSTAMP is derived from the event rather than the clock.
All-day items are DATE values (DTEND the day after, as the standard counts);
an embargo is a moment, written in UTC so every phone shows it in its own zone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.i18n import gettext_for
from desktop.planner.events import KINDS, Event

# Summaries are Indonesian whatever the interface language: the file is shared with colleagues' phones.
LANGUAGE = "id"
PRODID = "-//Warta//Kalender Humas//ID"


def _stamp(event: Event) -> dt.datetime:
    # DTSTAMP must be a UTC moment; the clock would make every export differ, so the
    # event's own start stands in for it (it changes exactly when the event moves).
    if isinstance(event.start, dt.datetime):
        return event.start.astimezone(dt.timezone.utc)
    return dt.datetime.combine(event.start, dt.time(), dt.timezone.utc)


def ics_bytes(events: list[Event], *, library_id: str = "", name: str = "") -> bytes:
    """The events as one VCALENDAR; ``name`` is the calendar's display name (X-WR-CALNAME)."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    tr = gettext_for(LANGUAGE)
    domain = "{id}.warta".format(id=library_id) if library_id else "warta"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or tr("Warta editorial calendar"))
    for event in events:
        item = VEvent()
        item.add("uid", "{key}@{domain}".format(key=event.key, domain=domain))
        item.add("dtstamp", _stamp(event))
        item.add("summary", event.title)
        if event.all_day:
            item.add("dtstart", event.start)
            item.add("dtend", event.end + dt.timedelta(days=1))
        else:
            # A moment has no duration; RFC 5545 then leaves DTEND out (it must be later than DTSTART).
            item.add("dtstart", event.start.astimezone(dt.timezone.utc))
        if event.detail:
            item.add("description", event.detail)
        item.add("categories", [tr(KINDS.get(event.kind, event.kind))])
        # Deadlines and plans do not make anyone busy: phones must not decline meetings over them.
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    return cal.to_ical()


def write_ics(library, target: Path | str, date_from: dt.date, date_to: dt.date) -> int:  # noqa: ANN001
    """Write the calendar of ``date_from``–``date_to`` to ``target`` (atomically); returns the number of events."""
    from desktop import fsutil, office
    from desktop.planner.events import events as gather

    found = gather(library, date_from, date_to, language=LANGUAGE)
    profile = office.load(library)
    title = gettext_for(LANGUAGE)("Editorial calendar of {office}").format(office=profile.short_name or profile.name) \
        if (profile.short_name or profile.name) else ""
    fsutil.atomic_write_bytes(target, ics_bytes(found, library_id=library.library_id, name=title))
    return len(found)
