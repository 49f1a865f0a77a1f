"""Dated contact records for the editorial calendar: collaboration activities and MoU expiries.

Read-only; ``desktop.planner`` reaches it through ``desktop.contacts.api``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from database.models.contacts import Collaboration, CollaborationOrg, CollaborationPerson, Organization, Person


@dataclass
class Activity:
    id: int
    kind: str  # a COLLABORATION_KINDS key
    date: dt.date
    title: str
    notes: str = ""
    people: list[tuple[int, str]] = field(default_factory=list)  # (person id, name)
    organizations: list[tuple[int, str]] = field(default_factory=list)  # (organisation id, name)


@dataclass(frozen=True)
class MouExpiry:
    organization_id: int
    name: str
    number: str
    expires: dt.date


def activities_between(library, start: dt.date, end: dt.date) -> list[Activity]:  # noqa: ANN001
    """Collaboration log entries dated ``start``–``end`` (inclusive) with who took part, by date."""
    C, CP, CO = Collaboration.__table__, CollaborationPerson.__table__, CollaborationOrg.__table__
    P, O = Person.__table__, Organization.__table__
    with library.store.read() as s:
        found = {r.id: Activity(id=r.id, kind=r.kind, date=r.date, title=r.title, notes=r.notes)
                 for r in s.execute(select(C.c.id, C.c.kind, C.c.date, C.c.title, C.c.notes)
                                    .where(C.c.date.between(start, end)).order_by(C.c.date, C.c.id))}
        if found:
            ids = list(found)
            for cid, pid, name in s.execute(
                select(CP.c.collaboration_id, P.c.id, P.c.full_name).join(P, P.c.id == CP.c.person_id)
                .where(CP.c.collaboration_id.in_(ids)).order_by(P.c.full_name, P.c.id)
            ):
                found[cid].people.append((pid, name))
            for cid, oid, name in s.execute(
                select(CO.c.collaboration_id, O.c.id, O.c.name).join(O, O.c.id == CO.c.organization_id)
                .where(CO.c.collaboration_id.in_(ids)).order_by(O.c.name, O.c.id)
            ):
                found[cid].organizations.append((oid, name))
    return list(found.values())


def mous_expiring_between(library, start: dt.date, end: dt.date) -> list[MouExpiry]:  # noqa: ANN001
    """Organisations whose partnership agreement (MoU) expires ``start``–``end`` (inclusive), soonest first."""
    O = Organization.__table__
    with library.store.read() as s:
        rows = s.execute(select(O.c.id, O.c.name, O.c.mou_number, O.c.mou_expires)
                         .where(O.c.mou_expires.between(start, end)).order_by(O.c.mou_expires, O.c.id))
        return [MouExpiry(*r) for r in rows]
