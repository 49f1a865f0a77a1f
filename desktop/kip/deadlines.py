"""The legal deadlines of a public-information request, in Indonesian working days.

What the law says (UU 14/2008 on public-information openness, art. 22 and 35–36;
Perki 1/2021 on the standard of public-information service):

- A request is answered in writing within **10 working days** after it is
  received (:data:`ANSWER_DAYS`).
- The office may extend that **once**, by at most **7 working days**, telling the
  requester why (:data:`EXTENSION_DAYS`): the extended deadline is 17 working
  days after receipt.
- The requester may file an **objection** (*keberatan*) to the PPID's superior
  within **30 working days** after the answer was received or, with no answer,
  after the deadline passed (:data:`OBJECTION_DAYS`).

Which days count (:func:`is_working_day`):

- Monday to Friday are working days; Saturday and Sunday are not.
- A national public holiday, as the ``holidays`` package lists it for Indonesia
  (``holidays.country_holidays("ID")``: Idul Fitri, Natal, Tahun Baru, Nyepi …),
  is not a working day.
- *Cuti bersama* (collective leave, the package's "government" category) **is**
  counted as a working day: the joint decree on cuti bersama keeps public-service
  units serving, and the leave is taken from each civil servant's annual leave.
  Counting it would move deadlines later than the law allows, so it is left out
  on purpose: the office is reminded early rather than late.

How the count runs (:func:`add_working_days`): the day of receipt is day 0 and
day 1 is the next working day ("within 10 days *after* receipt"). A request
received on a weekend or a holiday cannot be registered that day; it counts as
received on the next working day, and day 1 is the working day after that. So a
request mailed on Saturday and one handed in on Monday share their deadline.
"""

from __future__ import annotations

import datetime as dt
import functools

ANSWER_DAYS = 10
EXTENSION_DAYS = 7
OBJECTION_DAYS = 30


@functools.lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.country_holidays("ID", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday and not an Indonesian public holiday (see the module text)."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def holiday_name(day: dt.date) -> str:
    """The holiday's name as the ``holidays`` package gives it (in English), or ""."""
    import holidays

    return holidays.country_holidays("ID", years=day.year).get(day) or ""


def received_on(day: dt.date) -> dt.date:
    """The working day a request received on ``day`` counts as received: ``day`` itself or the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (taken as :func:`received_on` first)."""
    day = received_on(start)
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    ``working_days_between(today, due)`` is the days left (0: due today); for a
    past deadline it is minus the working days it has been overdue.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def answer_due(received: dt.date, *, extended: bool = False) -> dt.date:
    """The last day to answer: 10 working days after receipt, 17 once extended."""
    return add_working_days(received, ANSWER_DAYS + (EXTENSION_DAYS if extended else 0))


def objection_due(answered_or_due: dt.date) -> dt.date:
    """The last day to file an objection: 30 working days after the answer (or the missed deadline)."""
    return add_working_days(answered_or_due, OBJECTION_DAYS)


def response_days(received: dt.date, answered: dt.date) -> int:
    """Working days the office took: from the day the request counts as received to the answer."""
    return max(0, working_days_between(received_on(received), answered))
