"""The register's vocabulary and the texts made from a claim.

Categories are the seven kinds of mis- and disinformation (First Draft's
typology) that Indonesian fact-checkers (Mafindo, Kominfo's AIS team,
cekfakta.com) classify hoaxes by. Verdict labels are the bracketed labels
those fact-checks lead with (``[HOAKS]`` …); they are Indonesian terms of
art, printed as they are in every language, with a translated explanation.

The WhatsApp text and the ClaimReview block are built from the *approved*
text of the klarifikasi article (the caller passes it in), never from a
draft.
"""

from __future__ import annotations

import datetime as dt
import json

from desktop.i18n import N_, _

CATEGORIES = {
    "satire": N_("Satire or parody"),
    "misleading": N_("Misleading content"),
    "imposter": N_("Imposter content"),
    "fabricated": N_("Fabricated content"),
    "false_connection": N_("False connection"),
    "false_context": N_("False context"),
    "manipulated": N_("Manipulated content"),
}

# code -> (label as published, schema.org ratingValue on a 1–5 scale, explanation)
VERDICTS = {
    "hoaks": ("HOAKS", 1, N_("False information spread as if it were true")),
    "disinformasi": ("DISINFORMASI", 1, N_("False information spread on purpose, to deceive")),
    "misinformasi": ("MISINFORMASI", 2, N_("False information spread without intent to deceive")),
    "malinformasi": ("MALINFORMASI", 3, N_("True information used to harm (private data, out of its place)")),
    "sebagian_benar": ("SEBAGIAN BENAR", 3, N_("Partly true: some of it is accurate, some is not")),
    "belum_terbukti": ("BELUM TERBUKTI", 3, N_("Not proven: no evidence either way yet")),
    "benar": ("BENAR", 5, N_("True: the claim is accurate")),
}
PLATFORMS = ("WhatsApp", "Facebook", "Instagram", "TikTok", "X (Twitter)", "YouTube", "Telegram", "Situs web")

WHATSAPP_LIMIT = 700


def category_label(code: str) -> str:
    return _(CATEGORIES[code]) if code in CATEGORIES else code


def verdict_label(code: str) -> str:
    return VERDICTS[code][0] if code in VERDICTS else code.upper()


def verdict_explanation(code: str) -> str:
    return _(VERDICTS[code][2]) if code in VERDICTS else ""


def local_time(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as this PC's local time, naive, for display."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def to_utc(value: dt.datetime) -> dt.datetime:
    """A time as typed (naive: this PC's local time; aware: its own zone) as naive UTC."""
    if value.tzinfo is None:
        value = value.astimezone()  # naive values are taken as local time
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def duration(value: dt.timedelta | None) -> str:
    """``2 hr 3 jam``, ``5 jam 20 mnt``, ``12 mnt``: how long a clarification took (or "–")."""
    if value is None:
        return "–"
    minutes = max(0, int(value.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(0, limit - 1)]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def klarifikasi_body(claim_text: str, where: str, facts: str, sources: list[str]) -> str:
    """The klarifikasi article's body, in the headings of its template: the claim, the facts, the sources."""
    quoted = "\n".join("> " + line if line.strip() else ">" for line in claim_text.strip().splitlines())
    parts = ["## " + _("The claim"), quoted or _("[Quote or describe the circulating claim, where and when it appeared.]")]
    if where:
        parts.append(where)
    parts += ["## " + _("The facts"), facts.strip() or _("[What is true, with figures and dates.]")]
    parts.append("## " + _("Sources"))
    parts.append("\n".join("- " + s for s in sources) if sources else
                 "- " + _("[Regulation, official decision or data, with its number and date]"))
    return "\n\n".join(parts)


def whatsapp_text(verdict: str, title: str, summary: str, url: str, office: str) -> str:
    """The short clarification for WhatsApp groups: verdict first, at most :data:`WHATSAPP_LIMIT` characters.

    ``title`` and ``summary`` are the approved article's title and lead; the
    summary is shortened (never the verdict, the link or the signature) when
    the whole would be too long.
    """
    label = verdict_label(verdict)
    # The klarifikasi's title usually starts with the label already ("[HOAKS] …"): said once.
    title = title.strip()
    if title.upper().startswith("[{label}]".format(label=label)):
        title = title[len(label) + 2:].strip()
    head = "*[{label}]* {title}".format(label=label, title=short(title, 200))
    tail = []
    if url:
        tail.append(_("Read the full clarification: {url}").format(url=url))
    if office:
        tail.append("— " + office)
    fixed = len(head) + sum(len(t) + 1 for t in tail) + 2
    body = short(summary, max(0, WHATSAPP_LIMIT - fixed))
    text = "\n\n".join(x for x in (head, body, "\n".join(tail)) if x)
    return text[:WHATSAPP_LIMIT]


def claim_review(
    *,
    claim_text: str,
    verdict: str,
    links: list[str],
    first_seen: dt.datetime,
    url: str,
    published: dt.date | None,
    headline: str,
    office_name: str,
    office_url: str,
) -> dict:
    """A schema.org ``ClaimReview`` object (what Google and fact-check aggregators read)."""
    label, rating, _explanation = VERDICTS.get(verdict, (verdict.upper(), 3, ""))
    author: dict = {"@type": "Organization", "name": office_name}
    if office_url:
        author["url"] = office_url
    appearances = [{"@type": "CreativeWork", "url": link} for link in links]
    # The day it was first seen where the office is (stored times are UTC).
    item: dict = {"@type": "Claim", "datePublished": local_time(first_seen).date().isoformat()}
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    review: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": " ".join(claim_text.split()),
        "headline": headline,
        "author": author,
        "reviewRating": {
            "@type": "Rating", "ratingValue": rating, "bestRating": 5, "worstRating": 1, "alternateName": label,
        },
        "itemReviewed": item,
        "inLanguage": "id",
    }
    if published is not None:
        review["datePublished"] = published.isoformat()
    if url:
        review["url"] = url
    return review


def json_ld_block(review: dict) -> str:
    """``review`` inside the ``<script type="application/ld+json">`` a web page carries.

    ``<`` is written as ``\\u003c`` so a claim quoting ``</script>`` cannot
    end the block early and inject markup into the office's page.
    """
    data = json.dumps(review, ensure_ascii=False, indent=2).replace("<", "\\u003c")
    return '<script type="application/ld+json">\n' + data + "\n</script>"
