"""The contacts area's parts of a report bundle: coverage, activities and MoUs (public fields only).

Nothing about people leaves the office: coverage names the outlet and the
headline, an activity its kind, date, title and the organisations involved,
an MoU its partner, number, dates and scope. Notes, phones and e-mails stay.
"""

from __future__ import annotations

import datetime as dt

from desktop.exchange import api as exchange
from desktop.i18n import N_


def _coverage_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    from sqlalchemy import select

    from database.models import Coverage, Organization

    with library.store.read() as s:
        rows = s.execute(
            select(Coverage.id, Coverage.headline, Coverage.date, Coverage.url, Coverage.article_id, Organization.name)
            .join(Organization, Organization.id == Coverage.organization_id)
            .where(Coverage.date >= date_from, Coverage.date <= date_to)
            .order_by(Coverage.date, Coverage.id)
        ).all()
    return [{
        "id": str(r.id), "title": r.headline, "date": r.date.isoformat(), "at": None, "text": r.headline,
        "fields": {"outlet": r.name, "url": r.url, "release_id": str(r.article_id) if r.article_id else ""},
        "photos": [],
    } for r in rows]


def _activities_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    from sqlalchemy import select

    from database.models import Collaboration, CollaborationOrg, Organization
    from desktop.contacts.log import kind_label

    with library.store.read() as s:
        rows = s.execute(
            select(Collaboration).where(Collaboration.date >= date_from, Collaboration.date <= date_to)
            .order_by(Collaboration.date, Collaboration.id)
        ).scalars().all()
        orgs: dict[int, list[str]] = {}
        for cid, name in s.execute(
            select(CollaborationOrg.collaboration_id, Organization.name)
            .join(Organization, Organization.id == CollaborationOrg.organization_id)
            .where(CollaborationOrg.collaboration_id.in_([r.id for r in rows]))
            .order_by(Organization.name)
        ):
            orgs.setdefault(cid, []).append(name)
        return [{
            "id": str(r.id), "title": r.title or kind_label(r.kind), "date": r.date.isoformat(), "at": None,
            "text": r.title, "fields": {"kind": r.kind, "organizations": orgs.get(r.id, [])}, "photos": [],
        } for r in rows]


def _mous_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001, ARG001
    """Every MoU in force or signed up to the end of the period (a report lists the standing agreements)."""
    from sqlalchemy import or_, select

    from database.models import Organization

    with library.store.read() as s:
        rows = s.execute(
            select(Organization).where(
                Organization.mou_number != "",
                or_(Organization.mou_signed.is_(None), Organization.mou_signed <= date_to),
            ).order_by(Organization.name, Organization.id)
        ).scalars().all()
        return [{
            "id": str(r.id), "title": r.name, "date": r.mou_signed.isoformat() if r.mou_signed else None, "at": None,
            "text": r.mou_scope,
            "fields": {
                "partner": r.name, "number": r.mou_number, "scope": r.mou_scope,
                "signed": r.mou_signed.isoformat() if r.mou_signed else "",
                "expires": r.mou_expires.isoformat() if r.mou_expires else "",
            },
            "photos": [],
        } for r in rows]


COVERAGE = exchange.BundleSection("coverage", exchange.REPORT, N_("Coverage"), _coverage_export)
ACTIVITIES = exchange.BundleSection("activities", exchange.REPORT, N_("Activities"), _activities_export)
MOUS = exchange.BundleSection("mous", exchange.REPORT, N_("MoUs"), _mous_export)
