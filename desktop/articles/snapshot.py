"""An ArticleDoc as JSON: the form of revisions and autosaved editor text."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, fields

from desktop.articles.document import ArticleDoc, Quote

_DATE_FIELDS = ("event_date", "publication_date")
_DOC_FIELDS = {f.name for f in fields(ArticleDoc)}
_QUOTE_FIELDS = {f.name for f in fields(Quote)}


def to_dict(doc: ArticleDoc) -> dict:
    data = asdict(doc)
    for name in _DATE_FIELDS:
        data[name] = data[name].isoformat() if data[name] else None
    data["embargo_at"] = doc.embargo_at.isoformat(timespec="minutes") if doc.embargo_at else None
    return data


def from_dict(data: dict) -> ArticleDoc:
    values = {k: v for k, v in data.items() if k in _DOC_FIELDS}
    for name in _DATE_FIELDS:
        raw = values.get(name)
        values[name] = dt.date.fromisoformat(raw) if raw else None
    raw = values.get("embargo_at")
    values["embargo_at"] = dt.datetime.fromisoformat(raw) if raw else None
    values["quotes"] = [Quote(**{k: v for k, v in q.items() if k in _QUOTE_FIELDS}) for q in values.get("quotes") or []]
    values["tags"] = list(values.get("tags") or [])
    values.setdefault("title", "")
    return ArticleDoc(**values)


def dumps(doc: ArticleDoc) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, sort_keys=True)


def loads(text: str) -> ArticleDoc:
    return from_dict(json.loads(text or "{}"))


def same_content(a: ArticleDoc, b: ArticleDoc) -> bool:
    """Equal apart from the workflow status (which a save does not change)."""
    da, db = to_dict(a), to_dict(b)
    da.pop("status", None)
    db.pop("status", None)
    return da == db
