"""What the rest of Warta may use of the editorial calendar (the window, the CLI, Beranda).

The calendar stores nothing: :func:`events` gathers dated items from the
areas that own them, each reached through its own ``api``.
"""

from __future__ import annotations

from desktop.planner.events import (
    KINDS,
    MAX_SPAN_DAYS,
    ZONES,
    Event,
    check_span,
    events,
    kind_label,
    month_of,
    month_span,
    parse_day,
    week_of,
)
from desktop.planner.ics import ics_bytes, write_ics
from desktop.planner.overview import item_text

__all__ = [
    "KINDS", "MAX_SPAN_DAYS", "ZONES", "Event", "check_span", "events", "ics_bytes", "item_text", "kind_label",
    "month_of", "month_span", "parse_day", "week_of", "write_ics",
]
