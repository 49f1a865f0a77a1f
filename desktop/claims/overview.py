"""Beranda: klarifikasi articles waiting for approval, first on an approver's page, with their age.

A hoax spreads by the hour; the card comes before every other (``order=0``)
and says how long ago the claim was first seen and how long the text has
been waiting, so the approver sees what is urgent.
"""

from __future__ import annotations

from desktop.i18n import _

MAX_ITEMS = 6
CANDIDATES = 100  # klarifikasi in review looked at; an office has a handful at a time


def _is_approver(library, staff_id: int | None) -> bool:  # noqa: ANN001
    from desktop import staff
    from desktop.articles import api as articles

    me = staff.get(library, staff_id)
    return me is not None and "approve" in articles.allowed_actions(me.role, "review", is_author=False)


def cards(library, staff_id: int | None) -> list:  # noqa: ANN001
    from database.base import utcnow
    from desktop.articles import api as articles
    from desktop.claims import store, texts
    from desktop.overview import Card, CardItem

    if not _is_approver(library, staff_id):
        return []
    query = articles.ListQuery(status="review", kind="klarifikasi", sort="updated_at", descending=False)
    # Only what this approver may approve (not a text they wrote themselves), oldest first.
    waiting = [r for r in articles.list_articles(library, query, limit=CANDIDATES)
               if "approve" in articles.workflow_actions(library, r.id, staff_id)]
    if not waiting:
        return []
    total = len(waiting)
    waiting = waiting[:MAX_ITEMS]
    seen = store.first_seen_of_articles(library, [r.id for r in waiting])
    now = utcnow()
    items = []
    for row in waiting:
        waited = texts.duration(now - row.updated_at)
        if row.id in seen:
            # The ages first: a long title is cut at the card's edge.
            text = _("Seen {age} ago, waiting {waited}: {title}").format(
                title=row.title, age=texts.duration(now - seen[row.id]), waited=waited)
        else:
            text = _("Waiting {waited}: {title}").format(title=row.title, waited=waited)
        items.append(CardItem(text, "article", row.id))
    title = _("Clarifications awaiting approval ({count})").format(count=total)
    more = ("articles", {"status": "review", "kind": "klarifikasi"}) if total > MAX_ITEMS else None
    return [Card(title=title, items=items, warning=True, order=0, more=more)]
