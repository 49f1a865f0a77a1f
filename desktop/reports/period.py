"""Report periods: a year (``2026``), a semester (``2026-S2``) or a month (``2026-11``).

A period is a run of whole calendar days in the office's time zone. Figures
stored as dates (releases, coverage, MoUs, photos) are compared with
``start``/``end``; those stored as naive UTC times (claims first seen, sends)
with :meth:`Period.utc_bounds`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.errors import ValidationError
from desktop.i18n import _

_YEAR = re.compile(r"^(\d{4})$")
_SEMESTER = re.compile(r"^(\d{4})-[Ss]([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
# "2026-1": the KIP register once wrote semesters so; read as a month it would quietly be January.
_AMBIGUOUS = re.compile(r"^(\d{4})-([12])$")
ROMAN = {1: "I", 2: "II"}


class PeriodError(ValidationError):
    """The period cannot be read; nothing was done."""


@dataclass(frozen=True)
class Period:
    code: str  # canonical: 2026, 2026-S2, 2026-11
    kind: str  # year, semester, month
    start: dt.date
    end: dt.date  # inclusive

    def months(self) -> list[dt.date]:
        """The first day of every month in the period, in order."""
        out, day = [], self.start
        while day <= self.end:
            out.append(day)
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return out

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[since, until) in naive UTC: local midnight of the first day to local midnight after the last."""
        def utc(day: dt.date) -> dt.datetime:
            local = dt.datetime.combine(day, dt.time()).astimezone()  # naive → this PC's zone
            return local.astimezone(dt.timezone.utc).replace(tzinfo=None)

        return utc(self.start), utc(self.end + dt.timedelta(days=1))

    def label(self, language: str | None = None) -> str:
        """``Tahun 2026``, ``Semester II 2026``, ``November 2026``."""
        from desktop import dates
        from desktop.i18n import gettext_for

        gettext = gettext_for(language) if language else _
        if self.kind == "year":
            return gettext("Year {year}").format(year=self.start.year)
        if self.kind == "semester":
            number = 1 if self.start.month == 1 else 2
            return gettext("Semester {number} {year}").format(number=ROMAN[number], year=self.start.year)
        return dates.month_year(self.start, language)

    def span(self, language: str | None = None) -> str:
        """``1 Juli 2026 – 31 Desember 2026``."""
        from desktop import dates

        return "{} – {}".format(dates.plain_date(self.start, language), dates.plain_date(self.end, language))

    def to_json(self) -> dict:
        return {"code": self.code, "kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}


def parse(text: str) -> Period:
    """The period ``text`` names; :class:`PeriodError` with a sentence when it names none."""
    value = (text or "").strip()
    if m := _YEAR.match(value):
        year = _year(m.group(1), value)
        return Period(str(year), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := _SEMESTER.match(value):
        year, half = _year(m.group(1), value), int(m.group(2))
        if half == 1:
            return Period(f"{year}-S1", "semester", dt.date(year, 1, 1), dt.date(year, 6, 30))
        return Period(f"{year}-S2", "semester", dt.date(year, 7, 1), dt.date(year, 12, 31))
    if m := _AMBIGUOUS.match(value):
        raise PeriodError(_(
            "'{value}' could be a month or a semester: write {year}-0{n} for the month or {year}-S{n} for the "
            "semester."
        ).format(value=value, year=m.group(1), n=m.group(2)))
    if m := _MONTH.match(value):
        year, month = _year(m.group(1), value), int(m.group(2))
        if 1 <= month <= 12:
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return Period(f"{year}-{month:02d}", "month", dt.date(year, month, 1), last)
    raise PeriodError(_(
        "'{value}' is not a report period. Write a year (2026), a semester (2026-S1 or 2026-S2) "
        "or a month (2026-11)."
    ).format(value=value))


def _year(digits: str, value: str) -> int:
    year = int(digits)
    if not 2000 <= year <= 2100:
        raise PeriodError(_("'{value}': reports cover the years 2000 to 2100.").format(value=value))
    return year


def current(today: dt.date | None = None, kind: str = "year") -> Period:
    """The period of ``kind`` that contains ``today`` (the window's first choice)."""
    today = today or dt.date.today()
    if kind == "semester":
        return parse(f"{today.year}-S{1 if today.month <= 6 else 2}")
    if kind == "month":
        return parse(f"{today.year}-{today.month:02d}")
    return parse(str(today.year))
