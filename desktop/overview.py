"""What Beranda (the overview page) shows: cards contributed by each area.

Providers (``overview`` in ``desktop.areas.AREAS``, ``"module:function"``)
take ``(library, staff_id)`` and return :class:`Card` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop import areas


@dataclass
class CardItem:
    text: str
    type: str = ""  # item type to open on click ("article", "contact", …), or ""
    id: int | None = None


@dataclass
class Card:
    title: str
    items: list[CardItem] = field(default_factory=list)
    empty_text: str = ""
    warning: bool = False  # drawn highlighted (expiring MoU, backup overdue)
    order: int = 50
    # A "See all" link under the items: (section key, filters for its list), see Section.show_filtered.
    more: tuple[str, dict] | None = None
    # A button that clears the chosen item from the card: (label, "module:function" of an
    # area's api taking (library, item id)); e.g. an expired MoU's alert.
    dismiss: tuple[str, str] | None = None


def cards(library, staff_id: int | None) -> list[Card]:  # noqa: ANN001
    result: list[Card] = []
    for spec in areas.entries("overview"):
        result.extend(areas.load(spec)(library, staff_id))
    result.sort(key=lambda c: c.order)
    return result
