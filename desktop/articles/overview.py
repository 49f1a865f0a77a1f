"""Beranda cards: my recent drafts, and articles waiting for approval."""

from __future__ import annotations

from desktop.overview import Card, CardItem

MAX_ITEMS = 6


def cards(library, staff_id: int | None) -> list[Card]:  # noqa: ANN001
    from desktop.articles.store import ListQuery, count_articles, list_articles
    from desktop.i18n import _

    from desktop.articles.store import recoveries

    result = []
    unsaved = recoveries(library, staff_id) if staff_id is not None else []
    if unsaved:
        # After a crash or power cut this is the first thing the writer sees.
        result.append(
            Card(
                title=_("Unsaved text to recover"),
                items=[CardItem(r.title, "article", r.article_id) for r in unsaved[:MAX_ITEMS]],
                warning=True,
                order=5,
            )
        )
    if staff_id is not None:
        mine_q = ListQuery(status="draft", author_id=staff_id)
        mine = list_articles(library, mine_q, limit=MAX_ITEMS)
        more = len(mine) == MAX_ITEMS and count_articles(library, mine_q) > MAX_ITEMS
        result.append(
            Card(
                title=_("My drafts"),
                items=[CardItem(r.title, "article", r.id) for r in mine],
                empty_text=_("No drafts. Start a new press release in Articles."),
                order=20,
                more=("articles", {"status": "draft", "author_id": staff_id}) if more else None,
            )
        )
    waiting_q = ListQuery(status="review", sort="updated_at", descending=False)
    waiting = list_articles(library, waiting_q, limit=MAX_ITEMS)
    total = count_articles(library, waiting_q) if len(waiting) == MAX_ITEMS else len(waiting)
    title = _("Awaiting approval") if total <= MAX_ITEMS else _("Awaiting approval ({count})").format(count=total)
    result.append(
        Card(
            title=title,
            items=[CardItem(r.title, "article", r.id) for r in waiting],
            empty_text=_("Nothing is waiting for approval."),
            warning=bool(waiting),
            order=21,
            more=("articles", {"status": "review"}) if total > MAX_ITEMS else None,
        )
    )
    return result
