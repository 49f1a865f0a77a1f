"""Dated article plans for the editorial calendar: planned publication dates and embargoes.

Read-only; ``desktop.planner`` reaches it through ``desktop.articles.api``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from database.models.articles import Article
from desktop.articles.store import KIND_LABELS, STATUS_LABELS

__all__ = ["KIND_LABELS", "STATUS_LABELS", "ScheduledArticle", "embargoes", "planned_releases"]

# Published articles have no plan left; archived ones are out of the office's sight.
_NOT_PLANNED = ("published", "archived")


@dataclass(frozen=True)
class ScheduledArticle:
    id: int
    title: str
    kind: str
    status: str
    publication_date: dt.date | None
    embargo_at: dt.datetime | None  # naive, in ``embargo_tz`` local time (as stored)
    embargo_tz: str


def _rows(library, where) -> list[ScheduledArticle]:  # noqa: ANN001
    A = Article
    query = select(A.id, A.title, A.kind, A.status, A.publication_date, A.embargo_at, A.embargo_tz).where(*where)
    with library.store.read() as s:
        return [ScheduledArticle(*r) for r in s.execute(query.order_by(A.id))]


def planned_releases(library, start: dt.date, end: dt.date) -> list[ScheduledArticle]:  # noqa: ANN001
    """Articles not yet published whose publication date lies in ``start``–``end`` (inclusive)."""
    return _rows(library, (Article.publication_date.between(start, end), Article.status.not_in(_NOT_PLANNED)))


def embargoes(library, start: dt.date, end: dt.date) -> list[ScheduledArticle]:  # noqa: ANN001
    """Articles (not archived) whose embargo ends on a local day in ``start``–``end``.

    ``embargo_at`` is stored in its own zone's local time, so comparing it with
    local midnights selects by the day the office (and the journalists) read.
    """
    lower = dt.datetime.combine(start, dt.time())
    upper = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    return _rows(library, (Article.embargo_at >= lower, Article.embargo_at < upper, Article.status != "archived"))
