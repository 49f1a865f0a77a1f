"""Deleting something another area uses: refused with a sentence naming the user.

Foreign keys with ``ON DELETE RESTRICT`` guarantee that nothing is deleted
from under a press kit; this module turns that into a sentence before the
database has to refuse. Areas that keep such references register a
``references`` function in :mod:`desktop.areas` taking ``(session, kind, ids)``
(``kind``: ``"article"``, ``"photo"``, ``"contact"``, ``"distribution"``) and
returning sentences; the owning area calls :func:`refuse_if_used` before it
deletes.
"""

from __future__ import annotations

from typing import Iterable

from desktop import areas
from desktop.errors import ValidationError


def users(session, kind: str, ids: Iterable[int]) -> list[str]:  # noqa: ANN001 - sqlalchemy Session
    ids = sorted({int(i) for i in ids})
    if not ids:
        return []
    found: list[str] = []
    for spec in areas.entries("references"):
        found.extend(areas.load(spec)(session, kind, ids))
    return found


def refuse_if_used(session, kind: str, ids: Iterable[int]) -> None:  # noqa: ANN001
    """Raise :class:`ValidationError` (nothing deleted) when another area still uses one of ``ids``."""
    found = users(session, kind, ids)
    if found:
        raise ValidationError(" ".join(found))
