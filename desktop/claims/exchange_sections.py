"""The register's part of a report bundle: the claims first seen in the period, with verdict and pace.

A provincial office sees which hoaxes circulated where, how they were
classified and how fast each was answered. Screenshots stay in the office:
a forwarded chat often shows private numbers and names of the people who
passed it on.
"""

from __future__ import annotations

import datetime as dt

from desktop.exchange import api as exchange
from desktop.i18n import N_


def _claims_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    from sqlalchemy import select

    from database.models.claims import Claim
    from desktop.claims import store, texts

    start = texts.to_utc(dt.datetime.combine(date_from, dt.time()))
    end = texts.to_utc(dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    with library.store.read() as s:
        ids = list(s.scalars(select(Claim.id).where(Claim.first_seen >= start, Claim.first_seen < end)
                             .order_by(Claim.first_seen, Claim.id)))
    items = []
    for claim_id in ids:
        info = store.get_claim(library, claim_id)
        c = info.clarification
        took = info.to_clarification
        label = texts.verdict_label(info.verdict) if info.verdict else ""
        items.append({
            "id": str(info.id),
            "title": "[{label}] {text}".format(label=label, text=texts.short(info.text, 120)) if label else
                     texts.short(info.text, 120),
            "date": texts.local_time(info.first_seen).date().isoformat(),
            "at": info.first_seen.replace(tzinfo=dt.timezone.utc).isoformat(timespec="seconds"),
            "text": info.text,
            "fields": {
                "platform": info.platform, "links": info.links, "reach": info.reach, "category": info.category,
                "verdict": label, "facts": info.facts, "sources": store.source_lines(info.sources),
                "clarification_url": c.url if c is not None and c.published_at is not None else "",
                "release_number": c.release_number if c is not None else "",
                "seconds_to_clarification": int(took.total_seconds()) if took is not None else None,
            },
            "photos": [],
        })
    return items


CLAIMS = exchange.BundleSection("claims", exchange.REPORT, N_("Issues & hoaxes"), _claims_export)
