"""The sidebar's sections, in order: each area's ``section`` in ``desktop.areas.AREAS``.

Section modules are imported only when the section is first shown.
"""

from __future__ import annotations

from desktop import areas

SECTIONS: list[areas.Section] = [area.section for area in areas.AREAS if area.section is not None]


def load(spec: str) -> type:
    return areas.load(spec)
