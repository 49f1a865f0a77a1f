"""The articles area's parts of exchange bundles: the glossary (style pack) and releases (report)."""

from __future__ import annotations

import datetime as dt

from desktop.exchange import api as exchange
from desktop.i18n import N_, _

# What a province may see of a release: approved or published, never a draft under review.
REPORTED_STATUSES = ("approved", "published")


def _glossary_export(library) -> list[dict]:  # noqa: ANN001
    from desktop.articles import glossary

    return [r.to_json() for r in glossary.load(library)]


def _rules(value) -> list:  # noqa: ANN001
    from desktop.articles import glossary

    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise ValueError("glossary")
    rules = [glossary.Rule(str(r.get("preferred", "")), [str(v) for v in r.get("variants") or []], str(r.get("note", "")))
             for r in value]
    return glossary.clean(rules)


def _glossary_describe(library, value) -> list[str]:  # noqa: ANN001
    from desktop.articles import glossary

    incoming = {r.preferred: r for r in _rules(value)}
    current = {r.preferred: r for r in glossary.load(library)}
    added = sorted(set(incoming) - set(current))
    removed = sorted(set(current) - set(incoming))
    changed = sorted(t for t in set(incoming) & set(current)
                     if (incoming[t].variants, incoming[t].note) != (current[t].variants, current[t].note))
    out = []
    if added:
        out.append(_("Glossary: {count} new term(s): {terms}.").format(count=len(added), terms=", ".join(added[:8])))
    if changed:
        out.append(_("Glossary: {count} term(s) changed: {terms}.").format(count=len(changed), terms=", ".join(changed[:8])))
    if removed:
        out.append(_("Glossary: {count} term(s) removed: {terms}.").format(count=len(removed), terms=", ".join(removed[:8])))
    return out


def _glossary_apply(tx, value) -> None:  # noqa: ANN001
    from desktop.articles import glossary

    glossary.write(tx, _rules(value))


GLOSSARY = exchange.BundleSection(
    "glossary", exchange.STYLE_PACK, N_("Style glossary"), _glossary_export, _glossary_describe, _glossary_apply
)


def _releases_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    from sqlalchemy import func, select

    from database.models import Article, ArticleQuote

    day = func.coalesce(Article.publication_date, Article.event_date)
    with library.store.read() as s:
        rows = s.execute(
            select(Article).where(Article.status.in_(REPORTED_STATUSES), day >= date_from, day <= date_to)
            .order_by(day, Article.id)
        ).scalars().all()
        quotes: dict[int, list[dict]] = {}
        for q in s.execute(select(ArticleQuote).where(ArticleQuote.article_id.in_([r.id for r in rows]))
                           .order_by(ArticleQuote.article_id, ArticleQuote.ordinal)).scalars():
            quotes.setdefault(q.article_id, []).append({"speaker": q.speaker, "position": q.position, "text": q.text})
        items = []
        for a in rows:
            date = a.publication_date or a.event_date
            items.append({
                "id": str(a.id),
                "title": a.title,
                "date": date.isoformat() if date else None,
                "at": a.updated_at.isoformat(),
                "text": "\n\n".join(p for p in (a.lead, a.body) if p),
                "fields": {
                    "kind": a.kind, "status": a.status, "subtitle": a.subtitle, "dateline_city": a.dateline_city,
                    "writer": a.writer, "source_url": a.source_url, "quotes": quotes.get(a.id, []),
                },
                "photos": [],
            })
    return items


RELEASES = exchange.BundleSection("releases", exchange.REPORT, N_("Releases"), _releases_export)
