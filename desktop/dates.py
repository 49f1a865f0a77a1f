"""Dates as Indonesian writers print them, through Babel's locale data."""

from __future__ import annotations

import datetime as dt

from desktop import i18n


def _locale(language: str | None = None) -> str:
    """``language`` fixes the locale for documents (press kits are Indonesian
    whatever the interface language); None follows the interface."""
    return language or i18n.current_language()


def long_date(value: dt.date, language: str | None = None) -> str:
    """``Senin, 3 November 2025`` (datelines, letterheads)."""
    from babel.dates import format_date

    return format_date(value, "EEEE, d MMMM y", locale=_locale(language))


def plain_date(value: dt.date, language: str | None = None) -> str:
    """``3 November 2025``."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=_locale(language))


def lead_date(value: dt.date, language: str | None = None) -> str:
    """``Senin (3/11/2025)``, the form used inside a lead paragraph."""
    from babel.dates import format_date

    day = format_date(value, "EEEE", locale=_locale(language))
    return f"{day} ({value.day}/{value.month}/{value.year})"


def short_datetime(value: dt.datetime) -> str:
    """Compact timestamp for lists: ``03/11/2025 14:05``."""
    return value.strftime("%d/%m/%Y %H:%M")


def month_year(value: dt.date, language: str | None = None) -> str:
    """``November 2025`` (report periods, chart axes)."""
    from babel.dates import format_date

    return format_date(value, "LLLL y", locale=_locale(language))


def month_short(value: dt.date, language: str | None = None) -> str:
    """``Nov``, ``Agu``: a month on a chart axis."""
    from babel.dates import format_date

    return format_date(value, "LLL", locale=_locale(language))
