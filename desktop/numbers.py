"""Numbers as Indonesian writers print them (``1.234``, ``552,0``), through Babel's locale data.

The interface language picks the locale, like ``desktop.dates``; English
prints ``1,234`` and ``552.0``.
"""

from __future__ import annotations

from desktop import i18n


def integer(value: int) -> str:
    """``1.234`` (counts in lists and status lines)."""
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0", locale=i18n.current_language())


def decimal(value: float, digits: int = 1) -> str:
    """``552,0`` with ``digits`` decimals."""
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0." + "0" * digits if digits else "#,##0", locale=i18n.current_language())
