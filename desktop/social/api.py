"""Social-media material from a release: PNG cards and per-platform captions.

What the CLI (``warta article card|caption``) and the window's "Social media
card…" dialog call. The text is the release as it may go out: the approved
revision (the articles approvals), else the current text with a DRAF
stamp on the card. Photos come from the photo archive, the logo, colours and
hashtags from the office profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import ValidationError
from desktop.i18n import N_, _
from desktop.social.captions import PLATFORMS, platform_label
from desktop.social.cards import SIZES, Card

# Stamp colours by the claims register's severity (1 false … 5 true); the verdicts themselves are the register's.
SEVERITY_COLOURS = {1: "#C62828", 2: "#D84315", 3: "#9A6700", 4: "#558B2F", 5: "#2E7D32"}
DRAFT_STAMP = (N_("DRAFT"), "#555555")
CLARIFICATION = "klarifikasi"

__all__ = [
    "CLARIFICATION", "PLATFORMS", "SIZES", "Card", "Release", "caption", "card", "platform_label",
    "release", "verdicts", "write_card",
]


@dataclass
class Release:
    """The text a card and caption are made from."""

    id: int
    title: str
    lead: str
    kind: str
    tags: list[str]
    link: str
    date: object  # dt.date | None: publication date, else the event's
    approved: bool  # False: the current, not approved text (the card says DRAF)
    verdict: str  # a key of verdicts(), or "" (from the claims register when it links one)


def verdicts() -> dict[str, tuple[str, str]]:
    """Verdict code → (stamp text, colour), in the claims register's order."""
    from desktop.claims import api as claims

    return {code: (label, SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS[1]))
            for code, (label, severity, _explanation) in claims.VERDICTS.items()}


def _linked_verdict(library, article_id: int) -> str:  # noqa: ANN001
    """The verdict of the claim this article clarifies, "" when it clarifies none (or none is decided)."""
    from desktop.claims import api as claims

    claim_id = claims.claims_of_articles(library, [article_id]).get(article_id)
    return claims.get_claim(library, claim_id).verdict if claim_id is not None else ""


def release(library, article_id: int) -> Release:  # noqa: ANN001
    """What may go out: the approved revision, else the current text (``approved`` False)."""
    from desktop.articles import api as articles

    out = articles.document_for_output(library, article_id)
    doc, approved = out.doc, out.approved
    return Release(
        id=article_id, title=doc.title, lead=doc.lead or doc.subtitle, kind=doc.kind, tags=list(doc.tags),
        link=doc.source_url, date=doc.publication_date or doc.event_date, approved=approved,
        verdict=_linked_verdict(library, article_id) if doc.kind == CLARIFICATION else "",
    )


def _check_verdict(rel: Release, verdict: str | None) -> str:
    if verdict is None:
        return rel.verdict
    verdict = verdict.strip().lower().replace(" ", "_")
    if not verdict:
        return ""
    if verdict not in verdicts():
        raise ValidationError(_("'{verdict}' is not a verdict; use one of: {choices}.").format(
            verdict=verdict, choices=", ".join(verdicts())))
    if rel.kind != CLARIFICATION:
        raise ValidationError(_("Article {id} is not a clarification; only a clarification carries a verdict.").format(
            id=rel.id))
    return verdict


def _check_size(size: str) -> str:
    if size not in SIZES:
        raise ValidationError(_("'{size}' is not a card size; use one of: {choices}.").format(
            size=size, choices=", ".join(SIZES)))
    return size


def card(library, article_id: int, size: str = SIZES[0], *, photo_id: int | None = None,  # noqa: ANN001
         verdict: str | None = None) -> Card:
    """The card of an article. ``verdict``: a key of :func:`verdicts`, "" for none, None for the linked claim's."""
    from desktop import dates, office
    from desktop.errors import LibraryError
    from desktop.photos import api as photos
    from desktop.social import cards

    size = _check_size(size)
    rel = release(library, article_id)
    chosen = _check_verdict(rel, verdict)
    profile = office.load(library)
    photo = photos.print_rendition(library, photo_id).read_bytes() if photo_id is not None else None
    logo = None
    if profile.logo:
        try:
            logo = library.managed(profile.logo).read_bytes()
        except (LibraryError, OSError):
            logo = None  # 'warta check' names a missing or misplaced logo; the card goes without
    stamps = []
    if chosen in verdicts():
        stamps.append(cards.Stamp(*verdicts()[chosen]))
    if not rel.approved:
        stamps.append(cards.Stamp(_(DRAFT_STAMP[0]), DRAFT_STAMP[1]))
    return cards.render(cards.CardInput(
        title=rel.title,
        size=size,
        office_name=profile.name or profile.short_name,
        date_text=dates.long_date(rel.date) if rel.date else "",
        photo=photo,
        logo=logo,
        primary=profile.primary_colour,
        accent=profile.accent_colour,
        stamps=tuple(stamps),
    ))


def write_card(library, article_id: int, target: Path | str, size: str = SIZES[0], *,  # noqa: ANN001
               photo_id: int | None = None, verdict: str | None = None) -> Card:
    """Render and write the card to ``target`` (atomically); the caller has checked the target."""
    from desktop.fsutil import atomic_write_bytes

    made = card(library, article_id, size, photo_id=photo_id, verdict=verdict)
    atomic_write_bytes(Path(target), made.png)
    return made


def caption(library, article_id: int, platform: str, *, verdict: str | None = None) -> str:  # noqa: ANN001
    from desktop import office
    from desktop.social.captions import compose

    if platform not in PLATFORMS:
        raise ValidationError(_("'{platform}' is not a platform; use one of: {choices}.").format(
            platform=platform, choices=", ".join(PLATFORMS)))
    rel = release(library, article_id)
    chosen = _check_verdict(rel, verdict)
    prefix = "[{label}]".format(label=verdicts()[chosen][0]) if chosen in verdicts() else ""
    return compose(platform, rel.title, rel.lead, link=rel.link,
                   office_tags=office.hashtag_list(office.load(library).hashtags), article_tags=rel.tags,
                   prefix=prefix)
