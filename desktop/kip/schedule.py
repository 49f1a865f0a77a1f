"""Requests whose legal deadlines may fall in a span of days, for the editorial calendar.

Read-only; ``desktop.planner`` reaches it through ``desktop.kip.api``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from database.models.kip import KipRequest
from desktop.kip.store import OPEN_STATES, RequestRow, _row

# An objection period is 30 working days: about six weeks, longer around Lebaran.
# Rows answered (or due) this long before the span may still have it end inside.
_OBJECTION_REACH = dt.timedelta(days=90)


def requests_with_deadlines(library, start: dt.date, end: dt.date) -> list[RequestRow]:  # noqa: ANN001
    """Open requests due up to ``end``, and answered or refused ones whose objection period may end in the span.

    The caller computes the deadlines themselves (``due_on``, ``objection_due()``)
    and keeps those inside ``start``–``end``; this only narrows the rows in SQL.
    """
    reach = start - _OBJECTION_REACH
    R = KipRequest
    query = select(R).where(or_(
        and_(R.state.in_(OPEN_STATES), R.due_on.between(reach, end)),
        and_(R.state.in_(("answered", "rejected")), R.answered_on.between(reach, end)),
    )).order_by(R.id)
    with library.store.read() as s:
        return [_row(r) for r in s.scalars(query)]
