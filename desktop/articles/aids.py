"""Writing aids: counts, reading time and warnings the editor shows as you type."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from desktop.articles import lead_check
from desktop.articles.document import ArticleDoc
from desktop.i18n import N_, _, gettext, gettext_for

LEAD_MAX_WORDS = 40
# Indonesian news prose is read at roughly 200 words a minute.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
# "[nama narasumber]" left from a template; "[tautan](https://…)" is a Markdown link, not a placeholder.
_PLACEHOLDER = re.compile(r"(?<!\\)\[[^\]\n]{3,}\](?![(\[])")


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


@dataclass
class Aids:
    words: int
    characters: int
    reading_minutes: int
    lead_words: int
    warnings: list[str] = field(default_factory=list)
    # The 5W1H check: one sentence per element the lead leaves out (who/what/when/where, then why/how).
    lead_hints: list[str] = field(default_factory=list)
    lead_missing: tuple[str, ...] = ()


def analyse(doc: ArticleDoc, places: tuple[str, ...] = ()) -> Aids:
    """Counts and warnings; ``places`` (the office's city) count as *where* in the lead."""
    from desktop.articles.store import plain_text

    lead = doc.lead  # plain text as typed (see ArticleDoc)
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
    hints: list[str] = []
    missing: tuple[str, ...] = ()
    if lead.strip() and not _PLACEHOLDER.search(lead):
        found = lead_check.check(lead, (*places, doc.dateline_city))
        missing, hints = found.missing, found.hints()
        # Who, what, when and where are faults; why and how stay hints beside the lead.
        warnings.extend(hints[: len(missing)])
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
        lead_hints=hints,
        lead_missing=missing,
    )


# Kinds whose first lines say when the media may publish; an "Artikel" has no release line.
RELEASE_KINDS = ("siaran_pers", "pengumuman")
_IMMEDIATE = N_("For immediate release")
_EMBARGO = N_("Embargoed until {date}, {time} {tz}")


def dateline(doc: ArticleDoc, language: str | None = None) -> str:
    """``Jember, Senin, 3 November 2025`` — the city and the publication (or event) date.

    The one dateline every export, the command line and the editor print;
    ``language`` fixes the day and month names (documents are Indonesian
    whatever the interface language), None follows the interface.
    """
    from desktop import dates

    day = doc.publication_date or doc.event_date
    when = dates.long_date(day, language=language) if day else ""
    return ", ".join(p for p in (doc.dateline_city.strip(), when) if p)


def release_line(doc: ArticleDoc, language: str | None = None) -> str:
    """*Untuk Segera Disiarkan*, or the embargo with its date, time and zone; "" for kinds without one."""
    from desktop import dates

    if doc.kind not in RELEASE_KINDS:
        return ""
    tr = gettext_for(language) if language else gettext
    if doc.embargo_at is None:
        return tr(_IMMEDIATE)
    return tr(_EMBARGO).format(
        date=dates.long_date(doc.embargo_at.date(), language=language),
        time=doc.embargo_at.strftime("%H.%M"),
        tz=doc.embargo_tz,
    )
