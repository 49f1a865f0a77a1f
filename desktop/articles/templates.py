"""Templates per article kind: the structure a new article starts from.

A press release follows the inverted pyramid: a lead answering *apa, siapa,
kapan, di mana, mengapa, bagaimana*, then the body, quotes, a closing and the
*Narahubung*. Placeholder text is in square brackets so the writing aids and
a reader can spot what is still to fill in.
"""

from __future__ import annotations

import datetime as dt

from desktop.articles.document import KINDS, ArticleDoc, Quote
from desktop.i18n import _


def _structure(kind: str) -> tuple[str, str, bool]:
    """(lead, body, with a quote row) for ``kind``; text in the UI language."""
    lead_5w1h = _(
        "[What happened, who was involved, when, where, why and how: one sentence of at most 40 words.]"
    )
    if kind == "siaran_pers":
        body = "\n\n".join([
            _("[Paragraph 2: the most important details and figures.]"),
            _("[Paragraph 3: background and context.]"),
            _("[Closing paragraph: what happens next, where to find more information.]"),
        ])
        return lead_5w1h, body, True
    if kind == "berita_kegiatan":
        body = "\n\n".join([
            _("[Who attended and who opened the activity.]"),
            _("[What was discussed or decided.]"),
            _("[Follow-up and closing.]"),
        ])
        return lead_5w1h, body, True
    if kind == "klarifikasi":
        body = "\n\n".join([
            "## " + _("The claim"),
            _("[Quote or describe the circulating claim, where and when it appeared.]"),
            "## " + _("The facts"),
            _("[What is true, with figures and dates.]"),
            "## " + _("Sources"),
            "- " + _("[Regulation, official decision or data, with its number and date]"),
        ])
        return _("[Summary: which claim is wrong and what the facts are.]"), body, False
    if kind == "pengumuman":
        body = "\n\n".join([
            _("[What is announced, for whom, and from when to when.]"),
            "1. " + _("[Requirement or step]") + "\n2. " + _("[Requirement or step]"),
            _("[Where to ask: address, telephone, opening hours.]"),
        ])
        return _("[One sentence: what is announced and for whom.]"), body, False
    return "", _("[Text]"), False


def template_doc(kind: str, *, office=None, writer: str = "", today: dt.date | None = None,  # noqa: ANN001
                 standard: dict | None = None) -> ArticleDoc:
    """A new article of ``kind`` pre-filled with its structure and the office's defaults.

    ``standard`` is the style pack's template of ``kind`` (``{"lead", "body"}``,
    see :func:`new_doc`); what it leaves out comes from the built-in template.
    """
    if kind not in KINDS:
        kind = "artikel"
    lead, body, with_quote = _structure(kind)
    if isinstance(standard, dict):
        lead = standard["lead"] if isinstance(standard.get("lead"), str) else lead
        body = standard["body"] if isinstance(standard.get("body"), str) else body
    city = getattr(office, "city", "") or ""
    boilerplate = getattr(office, "boilerplate", "") or ""
    contact = ""
    if office is not None and (office.phone or office.email):
        # No "Narahubung:" label in the value: every output prints that heading itself, and a
        # label kept in the field would not come back from an exported file.
        contact = "{unit} {office}, {phone} {email}".format(
            unit=office.unit or _("Public relations"), office=office.short_name or office.name,
            phone=office.phone, email=office.email,
        ).replace("  ", " ").strip(" ,")
    return ArticleDoc(
        title="",
        kind=kind,
        dateline_city=city,
        event_date=today or dt.date.today(),
        lead=lead,
        body=body,
        quotes=[Quote(speaker="", position="", text="")] if with_quote else [],
        writer=writer,
        boilerplate=boilerplate if kind in ("siaran_pers", "berita_kegiatan", "klarifikasi") else "",
        contact_block=contact if kind in ("siaran_pers", "klarifikasi", "pengumuman") else "",
    )


def new_doc(library, kind: str, *, writer: str = "", today: dt.date | None = None) -> ArticleDoc:  # noqa: ANN001
    """A new article of ``kind`` as this office starts one: the template of the style pack in force
    (the province's standard, imported through the exchange area) or the built-in one, with the
    office profile's city, boilerplate and contact."""
    from desktop import office as office_profile
    from desktop.exchange import api as exchange

    if kind not in KINDS:
        kind = "artikel"
    return template_doc(kind, office=office_profile.load(library), writer=writer, today=today,
                        standard=exchange.template_for(library, kind))
