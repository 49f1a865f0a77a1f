"""Writing aids: counts, reading time and warnings the editor shows as you type."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from desktop.articles.document import ArticleDoc
from desktop.i18n import _

LEAD_MAX_WORDS = 40
# Indonesian news prose is read at roughly 200 words a minute.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{3,}\]")


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


@dataclass
class Aids:
    words: int
    characters: int
    reading_minutes: int
    lead_words: int
    warnings: list[str] = field(default_factory=list)


def analyse(doc: ArticleDoc) -> Aids:
    from desktop.articles.store import plain_text

    lead = plain_text(doc.lead)
    body = plain_text(doc.body)
    quotes = " ".join(q.text for q in doc.quotes)
    full = " ".join(x for x in (lead, body, quotes) if x)
    words = word_count(full)
    lead_words = word_count(lead)
    warnings = []
    if not doc.title.strip():
        warnings.append(_("The article has no title yet."))
    if not doc.dateline_city.strip():
        warnings.append(_("The dateline (city) is missing."))
    if lead_words > LEAD_MAX_WORDS:
        warnings.append(
            _("The lead has {count} words; keep it to about {limit}.").format(count=lead_words, limit=LEAD_MAX_WORDS)
        )
    if not lead.strip():
        warnings.append(_("The lead is empty."))
    placeholders = len(_PLACEHOLDER.findall(" ".join((doc.lead, doc.body))))
    if placeholders:
        warnings.append(_("{count} template placeholder(s) in [brackets] still to fill in.").format(count=placeholders))
    for q in doc.quotes:
        if q.text.strip() and not q.speaker.strip():
            warnings.append(_("A quote has no speaker."))
            break
    return Aids(
        words=words,
        characters=len(full),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0,
        lead_words=lead_words,
        warnings=warnings,
    )


def dateline(doc: ArticleDoc) -> str:
    """``Jember, Senin, 3 November 2025`` — the city and the publication (or event) date."""
    from desktop import dates

    day = doc.publication_date or doc.event_date
    if not doc.dateline_city:
        return dates.long_date(day) if day else ""
    return f"{doc.dateline_city}, {dates.long_date(day)}" if day else doc.dateline_city


def release_line(doc: ArticleDoc) -> str:
    """*Untuk Segera Disiarkan*, or the embargo with its date, time and zone."""
    from desktop import dates

    if doc.embargo_at is None:
        return _("For immediate release")
    return _("Embargoed until {date}, {time} {tz}").format(
        date=dates.long_date(doc.embargo_at.date()), time=doc.embargo_at.strftime("%H.%M"), tz=doc.embargo_tz
    )
