"""The collaboration log (meetings, MoUs, visits …), coverage (*liputan*) and partnerships.

A person's or an organisation's page shows both as one history, newest first;
Beranda warns about MoUs that expire within 60 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from sqlalchemy import and_, insert, select

from database.models.contacts import (
    Collaboration,
    CollaborationOrg,
    CollaborationPerson,
    Coverage,
    Organization,
    OrgType,
    Person,
)
from desktop.errors import ValidationError
from desktop.i18n import N_, _

MOU_WARNING_DAYS = 60
COLLABORATION_KINDS = {
    "meeting": N_("Meeting"),
    "mou": N_("MoU"),
    "visit": N_("Visit"),
    "invitation": N_("Invitation"),
    "interview": N_("Interview"),
    "joint_event": N_("Joint event"),
    "training": N_("Training"),
}
P = Person.__table__
O = Organization.__table__


@dataclass
class HistoryEntry:
    date: dt.date
    kind: str  # a COLLABORATION_KINDS key, or "coverage"
    title: str
    notes: str = ""
    url: str = ""
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    id: int = 0


def add_collaboration(
    library,  # noqa: ANN001
    kind: str,
    date: dt.date,
    title: str,
    *,
    notes: str = "",
    person_ids: Sequence[int] = (),
    org_ids: Sequence[int] = (),
) -> int:
    if kind not in COLLABORATION_KINDS:
        raise ValidationError(
            _("Unknown activity kind '{kind}'. Use one of: {kinds}.").format(kind=kind, kinds=", ".join(COLLABORATION_KINDS))
        )
    if not person_ids and not org_ids:
        raise ValidationError(_("An activity needs at least one person or organisation."))
    with library.store.write() as tx:
        row = Collaboration(kind=kind, date=date, title=title.strip(), notes=notes.strip())
        tx.session.add(row)
        tx.session.flush()
        if person_ids:
            tx.session.execute(
                insert(CollaborationPerson.__table__),
                [{"collaboration_id": row.id, "person_id": p} for p in dict.fromkeys(person_ids)],
            )
        if org_ids:
            tx.session.execute(
                insert(CollaborationOrg.__table__),
                [{"collaboration_id": row.id, "organization_id": o} for o in dict.fromkeys(org_ids)],
            )
        return row.id


def add_coverage(
    library,  # noqa: ANN001
    organization_id: int,
    date: dt.date,
    headline: str,
    *,
    url: str = "",
    article_id: int | None = None,
    person_id: int | None = None,
    notes: str = "",
) -> int:
    if not headline.strip():
        raise ValidationError(_("Coverage needs the headline as published."))
    with library.store.write() as tx:
        if tx.session.get(Organization, organization_id) is None:
            raise ValidationError(_("There is no organisation with id {id}.").format(id=organization_id))
        if article_id is not None:
            from desktop.articles import api as articles

            if not articles.existing_ids(library, [article_id]):
                raise ValidationError(_("There is no article with id {id}.").format(id=article_id))
        row = Coverage(organization_id=organization_id, date=date, headline=headline.strip(), url=url.strip(),
                       article_id=article_id, person_id=person_id, notes=notes.strip())
        tx.session.add(row)
        tx.session.flush()
        return row.id


def history(s, *, person_id: int | None = None, org_id: int | None = None) -> list[HistoryEntry]:  # noqa: ANN001
    C = Collaboration.__table__
    CP = CollaborationPerson.__table__
    CO = CollaborationOrg.__table__
    CV = Coverage.__table__
    if person_id is not None:
        ids = select(CP.c.collaboration_id).where(CP.c.person_id == person_id)
        cov = CV.c.person_id == person_id
    else:
        ids = select(CO.c.collaboration_id).where(CO.c.organization_id == org_id)
        cov = CV.c.organization_id == org_id
    entries: dict[int, HistoryEntry] = {}
    for r in s.execute(select(C).where(C.c.id.in_(ids))):
        entries[r.id] = HistoryEntry(date=r.date, kind=r.kind, title=r.title, notes=r.notes, id=r.id)
    if entries:
        for cid, name in s.execute(
            select(CP.c.collaboration_id, P.c.full_name).join(P, P.c.id == CP.c.person_id)
            .where(CP.c.collaboration_id.in_(list(entries)))
        ):
            entries[cid].people.append(name)
        for cid, name in s.execute(
            select(CO.c.collaboration_id, O.c.name).join(O, O.c.id == CO.c.organization_id)
            .where(CO.c.collaboration_id.in_(list(entries)))
        ):
            entries[cid].organizations.append(name)
    result = list(entries.values())
    for r in s.execute(
        select(CV, O.c.name.label("outlet"), P.c.full_name.label("journalist"))
        .join(O, O.c.id == CV.c.organization_id)
        .outerjoin(P, P.c.id == CV.c.person_id)
        .where(cov)
    ):
        result.append(HistoryEntry(
            date=r.date, kind="coverage", title=r.headline, notes=r.notes, url=r.url, id=r.id,
            people=[r.journalist] if r.journalist else [], organizations=[r.outlet],
        ))
    result.sort(key=lambda e: (e.date, e.id), reverse=True)
    return result


def kind_label(kind: str) -> str:
    if kind == "coverage":
        return _("Coverage")
    return _(COLLABORATION_KINDS.get(kind, kind))


# -- partnerships ------------------------------------------------------------------


def expiring_mous(library, days: int = MOU_WARNING_DAYS, today: dt.date | None = None) -> list[tuple[int, str, str, dt.date]]:  # noqa: ANN001
    """Organisations whose MoU expires within ``days`` or has expired (id, name, number, expiry), soonest first.

    An expired MoU stays until it is renewed (a new expiry date) or its alert is
    dismissed (:func:`dismiss_mou_alert`, which remembers the date dismissed).
    """
    from sqlalchemy import or_

    today = today or dt.date.today()
    with library.store.read() as s:
        rows = s.execute(
            select(O.c.id, O.c.name, O.c.mou_number, O.c.mou_expires)
            .where(and_(O.c.mou_expires.is_not(None), O.c.mou_expires <= today + dt.timedelta(days=days),
                        or_(O.c.mou_alert_dismissed.is_(None), O.c.mou_alert_dismissed != O.c.mou_expires)))
            .order_by(O.c.mou_expires, O.c.id)
        ).all()
    return [(r.id, r.name, r.mou_number, r.mou_expires) for r in rows]


def dismiss_mou_alert(library, organization_id: int) -> None:  # noqa: ANN001
    """Stop alerting the organisation's MoU on Beranda until it gets another expiry date."""
    from sqlalchemy import update

    with library.store.write() as tx:
        done = tx.session.execute(
            update(O).where(O.c.id == organization_id, O.c.mou_expires.is_not(None))
            .values(mou_alert_dismissed=O.c.mou_expires))
        if not done.rowcount:
            raise ValidationError(_("There is no partnership agreement of organisation {id} to dismiss.").format(
                id=organization_id))
        tx.audit("update", "organizations", str(organization_id), _("MoU alert dismissed"))


# -- periodic reports (desktop.reports through desktop.contacts.api) ----------------


@dataclass
class CoverageRow:
    id: int
    date: dt.date
    outlet: str
    media_type: str  # the outlet's organisation type ("Media online" …); "" when it has none
    headline: str
    article_id: int | None


def coverage_between(library, start: dt.date, end: dt.date) -> list[CoverageRow]:  # noqa: ANN001
    """Coverage dated ``start``..``end`` (inclusive), oldest first, with the outlet and its type."""
    CV = Coverage.__table__
    T = OrgType.__table__
    with library.store.read() as s:
        rows = s.execute(
            select(CV.c.id, CV.c.date, O.c.name, T.c.name.label("type_name"), CV.c.headline, CV.c.article_id)
            .join(O, O.c.id == CV.c.organization_id)
            .outerjoin(T, T.c.id == O.c.type_id)
            .where(CV.c.date >= start, CV.c.date <= end)
            .order_by(CV.c.date, CV.c.id)
        ).all()
    return [CoverageRow(r.id, r.date, r.name, r.type_name or "", r.headline, r.article_id) for r in rows]


def collaborations_between(library, start: dt.date, end: dt.date) -> list[HistoryEntry]:  # noqa: ANN001
    """Collaboration activities dated ``start``..``end``, oldest first, with the organisations involved."""
    C = Collaboration.__table__
    CO = CollaborationOrg.__table__
    with library.store.read() as s:
        entries = {r.id: HistoryEntry(date=r.date, kind=r.kind, title=r.title, notes=r.notes, id=r.id)
                   for r in s.execute(select(C).where(C.c.date >= start, C.c.date <= end)
                                      .order_by(C.c.date, C.c.id))}
        ids = list(entries)
        for i in range(0, len(ids), 500):
            for cid, name in s.execute(
                select(CO.c.collaboration_id, O.c.name).join(O, O.c.id == CO.c.organization_id)
                .where(CO.c.collaboration_id.in_(ids[i:i + 500])).order_by(O.c.name, O.c.id)
            ):
                entries[cid].organizations.append(name)
    return list(entries.values())


@dataclass
class Partnership:
    organization_id: int
    name: str
    media_type: str
    number: str
    signed: dt.date | None
    expires: dt.date | None
    scope: str


def partnerships(library) -> list[Partnership]:  # noqa: ANN001
    """Every organisation with an MoU on record (a number or a signing date), by name."""
    from sqlalchemy import or_

    T = OrgType.__table__
    with library.store.read() as s:
        rows = s.execute(
            select(O.c.id, O.c.name, T.c.name.label("type_name"), O.c.mou_number, O.c.mou_signed, O.c.mou_expires,
                   O.c.mou_scope)
            .outerjoin(T, T.c.id == O.c.type_id)
            .where(or_(O.c.mou_number != "", O.c.mou_signed.is_not(None)))
            .order_by(O.c.name, O.c.id)
        ).all()
    return [Partnership(r.id, r.name, r.type_name or "", r.mou_number, r.mou_signed, r.mou_expires, r.mou_scope)
            for r in rows]
