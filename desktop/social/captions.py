"""Caption text for each platform: the release's title and lead, cut to the platform's limit, hashtags kept.

Lengths are counted in characters (code points), as the platforms count
Indonesian text. When the text is too long it is cut at a word and ends in
"…"; the hashtags are never cut, only dropped from the end when they alone
would not fit (X's 280 characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.i18n import N_, _

ELLIPSIS = "…"


@dataclass(frozen=True)
class Platform:
    key: str
    label: str  # a brand name, or an N_() string
    limit: int
    max_hashtags: int = 0  # 0: no limit of their own
    lead: bool = True  # whether the lead paragraph goes in


PLATFORMS: dict[str, Platform] = {
    p.key: p
    for p in (
        Platform("instagram", "Instagram", 2200, max_hashtags=30),
        Platform("facebook", "Facebook", 63206),
        Platform("x", "X", 280),
        Platform("whatsapp", N_("WhatsApp status"), 700),
    )
}


def platform_label(key: str) -> str:
    return _(PLATFORMS[key].label)


def as_hashtag(text: str) -> str:
    """``"pilkada 2026"`` → ``"#Pilkada2026"``; "" when nothing of it can be a hashtag."""
    words = re.findall(r"\w+", text)
    if not words:
        return ""
    if len(words) == 1:
        return "#" + words[0]
    return "#" + "".join(w[:1].upper() + w[1:] for w in words)


def _hashtags(office_tags: list[str], article_tags: list[str], max_count: int) -> list[str]:
    found: list[str] = []
    for tag in [*office_tags, *(as_hashtag(t) for t in article_tags)]:
        if tag and tag.lower() not in (t.lower() for t in found):
            found.append(tag)
    return found[:max_count] if max_count else found


def cut_at_word(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest start ending at a word, plus "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ""
    head = text[: limit - len(ELLIPSIS) + 1]
    cut = max(head.rfind(" "), head.rfind("\n"))
    head = head[:cut] if cut > 0 else head[: limit - len(ELLIPSIS)]  # one word longer than the limit: cut inside it
    return head.rstrip(" \n,;:.-–—") + ELLIPSIS


def compose(platform: str, title: str, lead: str = "", *, link: str = "", office_tags: list[str] | None = None,
            article_tags: list[str] | None = None, prefix: str = "") -> str:
    """The caption for ``platform`` (a key of :data:`PLATFORMS`), never longer than its limit."""
    spec = PLATFORMS[platform]
    tags = _hashtags(office_tags or [], article_tags or [], spec.max_hashtags)
    # Hashtags go first to the limit; the tail of the list gives way only if they alone do not fit.
    while tags and len(" ".join(tags)) > spec.limit // 2:
        tags.pop()
    tail = " ".join(tags)
    head = " ".join(part for part in (prefix, " ".join(title.split())) if part)
    parts = [head]
    if spec.lead and lead.strip():
        parts.append(" ".join(lead.split()))
    if link:
        parts.append(link)
    room = spec.limit - (len(tail) + 2 if tail else 0)
    text = "\n\n".join(p for p in parts if p)
    if len(text) > room:
        # The link is worth more than the end of the lead: keep it whole when it fits.
        ending = "\n\n" + link if link and len(link) + 2 < room // 2 else ""
        text = cut_at_word("\n\n".join(p for p in parts if p and p != link), room - len(ending)) + ending
    return text + ("\n\n" + tail if tail else "")
