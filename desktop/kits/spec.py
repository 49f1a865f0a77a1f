"""A press kit as plain values: what the store builds and the PDF renderer consumes.

Independent of the database and of reportlab, so the renderer, the command
line, the window's live preview and the tests share one shape. Every text here
is untrusted user text; the renderer escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

from desktop.errors import ValidationError
from desktop.i18n import N_, _
from desktop.office import OfficeProfile

if TYPE_CHECKING:
    from desktop.articles.api import ArticleDoc

PAPERS = ("a4", "f4")  # what a kit may be composed on; a release follows the kop's paper (below)
PHOTOS_PER_PAGE = (1, 2)


@dataclass(frozen=True)
class Kop:
    """How the letterhead is drawn: the rules of the style pack in force, else these defaults
    (today's kop: A4, the name in capitals, the double rule, the address and contact line)."""

    paper: str = "a4"  # of a release and an approval sheet; a kit keeps the paper chosen in it
    name_in_capitals: bool = True
    double_rule: bool = True
    contact_line: bool = True


class KitError(ValidationError):
    """A kit cannot be built or written; the message names the part or the file."""


@dataclass
class CoverPart:
    """The cover page: letterhead, kit title, event, date and the table of contents."""

    kind = "cover"


@dataclass
class ArticlePart:
    doc: ArticleDoc
    approved: bool = False
    ref: str = ""  # what the user knows it by ("#12"), for messages
    release_number: str = ""  # given on approval (desktop.articles.approval), printed under the heading

    kind = "article"


@dataclass
class Photo:
    path: Path  # orientation-corrected rendition (or any image Pillow reads)
    caption: str = ""
    credit: str = ""
    ref: str = ""  # file name or "#7", for messages


@dataclass
class PhotosPart:
    photos: list[Photo] = field(default_factory=list)
    title: str = ""  # default: "Photo documentation"

    kind = "photos"


@dataclass
class FactSheetPart:
    """Fact sheet, backgrounder or rundown written in the kit (Markdown)."""

    title: str = ""
    text: str = ""

    kind = "factsheet"


@dataclass
class OfficePart:
    """The office profile page (boilerplate, address), taken from ``KitSpec.office``."""

    kind = "office"


@dataclass
class ContactPerson:
    """A *Narahubung*: only lines the person made public."""

    name: str
    position: str = ""
    organisation: str = ""
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


@dataclass
class ContactsPart:
    contacts: list[ContactPerson] = field(default_factory=list)

    kind = "contacts"


@dataclass
class Recipient:
    name: str
    organisation: str = ""
    detail: str = ""  # e-mail or phone, as the list holds it


@dataclass
class DistributionPart:
    recipients: list[Recipient] = field(default_factory=list)
    title: str = ""

    kind = "distribution"


Part = Union[CoverPart, ArticlePart, PhotosPart, FactSheetPart, OfficePart, ContactsPart, DistributionPart]

KIND_LABELS = {
    "cover": N_("cover"),
    "article": N_("article"),
    "photos": N_("photos"),
    "photo": N_("photo"),
    "factsheet": N_("fact sheet"),
    "office": N_("office profile"),
    "contacts": N_("contact persons"),
    "distribution": N_("distribution list"),
}


@dataclass
class KitSpec:
    title: str
    date: dt.date
    office: OfficeProfile = field(default_factory=OfficeProfile)
    parts: list[Part] = field(default_factory=list)
    event: str = ""
    paper: str = "a4"
    photos_per_page: int = 1
    logo: Path | None = None  # absolute path of the office logo file
    keywords: list[str] = field(default_factory=list)
    kop: Kop = field(default_factory=Kop)
    # The language every printed word is in (labels, dates); not the interface's.
    language: str = "id"

    @property
    def is_draft(self) -> bool:
        """True while any article in the kit is not approved: every page says *DRAF*."""
        return any(isinstance(p, ArticlePart) and not p.approved for p in self.parts)

    @property
    def all_keywords(self) -> list[str]:
        seen: dict[str, None] = dict.fromkeys(k.strip() for k in self.keywords if k.strip())
        for part in self.parts:
            if isinstance(part, ArticlePart):
                seen.update(dict.fromkeys(t.strip() for t in part.doc.tags if t.strip()))
        return list(seen)


def release(doc: ArticleDoc, office: OfficeProfile, *, date: dt.date, approved: bool, logo: Path | None = None,
            ref: str = "", kop: Kop | None = None) -> KitSpec:
    """One article as a kit of one part: a single release on the letterhead.

    It goes through the kits' own renderer, so a release printed alone looks
    exactly like the same release inside a press kit (kop, SIARAN PERS line,
    dateline, quotes, credits, Tentang, Narahubung). ``date`` stands in for a
    missing publication date and fixes the PDF's creation date: the same
    article gives the same bytes. ``kop`` (the style pack's letterhead rules)
    also gives the paper.
    """
    return KitSpec(title=doc.title, date=date, office=office, parts=[ArticlePart(doc, approved=approved, ref=ref)],
                   paper=kop.paper if kop is not None else "a4", logo=logo, keywords=list(doc.tags),
                   kop=kop or Kop())


def is_release(spec: KitSpec) -> bool:
    """True for a kit of one article and nothing else (see :func:`release`)."""
    return len(spec.parts) == 1 and isinstance(spec.parts[0], ArticlePart)


def part_label(index: int, part: Part, name: str = "") -> str:
    """``part 3 (article “Title”)`` — how messages name a part (``index`` is 0-based)."""
    kind = _(KIND_LABELS.get(part.kind, part.kind))
    if not name:
        if isinstance(part, ArticlePart):
            name = part.doc.title or part.ref
        elif isinstance(part, FactSheetPart):
            name = part.title
    if name:
        return _("part {number} ({kind} “{name}”)").format(number=index + 1, kind=kind, name=name)
    return _("part {number} ({kind})").format(number=index + 1, kind=kind)


def validate(spec: KitSpec) -> None:
    """Reject a kit the renderer cannot typeset, naming the part."""
    if not spec.parts:
        raise KitError(_("The kit “{title}” has no parts. Add an article, photos or a fact sheet.").format(
            title=spec.title))
    if spec.paper not in PAPERS and not (is_release(spec) and spec.paper == spec.kop.paper):
        raise KitError(_("Unknown paper size '{paper}'. Use A4 or F4.").format(paper=spec.paper))
    if spec.photos_per_page not in PHOTOS_PER_PAGE:
        raise KitError(_("Photos per page must be 1 or 2."))
    for i, part in enumerate(spec.parts):
        if isinstance(part, ArticlePart) and not (part.doc.lead.strip() or part.doc.body.strip()):
            raise KitError(_("The kit cannot be made: {part} has no text.").format(part=part_label(i, part)))
        if isinstance(part, FactSheetPart) and not part.text.strip():
            raise KitError(_("The kit cannot be made: {part} has no text.").format(part=part_label(i, part)))
        if isinstance(part, PhotosPart) and not part.photos:
            raise KitError(_("The kit cannot be made: {part} holds no photo.").format(part=part_label(i, part)))
        if isinstance(part, ContactsPart) and not part.contacts:
            raise KitError(_("The kit cannot be made: {part} names nobody.").format(part=part_label(i, part)))
