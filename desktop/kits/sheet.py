"""Typesets the *Lembar Persetujuan* (approval sheet) of one article on the letterhead.

The articles area gathers the values (``desktop.articles.sheet.ApprovalSheet``);
this module only lays them out, with the kop, fonts and colours every kit
uses. Printed in Indonesian whatever the interface language, like the kits.
Deterministic: ``invariant`` mode and a creation date taken from the
approval, so the same approval gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from desktop.i18n import N_

# The hash is set in Courier, a PDF core font: digits and a–f only, and every
# viewer has it; the shipped faces have no monospaced one.
MONO = "Courier"
HASH_GROUP = 8
HASH_GROUPS_PER_LINE = 4
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}

LABELS = {
    "title": N_("Title"),
    "kind": N_("Kind"),
    "number": N_("Release number"),
    "writer": N_("Writer"),
    "approver": N_("Approved by"),
    "submitted": N_("Submitted for approval"),
    "approved": N_("Approved"),
    "published": N_("Published"),
    "revision": N_("Approved revision"),
    "draft_revision": N_("Revision"),
    "hash": N_("Content SHA-256"),
}


def hash_lines(digest: str) -> list[str]:
    """The 64 hex digits in groups of eight, four groups a line: read aloud and compared without losing place."""
    groups = [digest[i:i + HASH_GROUP] for i in range(0, len(digest), HASH_GROUP)]
    return [" ".join(groups[i:i + HASH_GROUPS_PER_LINE]) for i in range(0, len(groups), HASH_GROUPS_PER_LINE)]


def _when(value: dt.datetime | None, language: str, gettext) -> str:  # noqa: ANN001
    from desktop import dates

    if value is None:
        return "—"
    local = value.replace(tzinfo=dt.timezone.utc).astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    zone = _ZONES.get(hours) if not rest else None
    if zone is None:
        sign = "+" if offset >= dt.timedelta(0) else "-"
        minutes = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return gettext("{date}, {time} {zone}").format(
        date=dates.long_date(local.date(), language=language), time=local.strftime("%H.%M"), zone=zone)


def render_sheet(sheet: Any, office, logo_path, *, language: str = "id", kop=None) -> bytes:  # noqa: ANN001, C901
    """PDF bytes of ``sheet`` (an ``ApprovalSheet``) under ``office``'s letterhead (``logo_path`` may be None),
    drawn by ``kop`` (a ``spec.Kop``: the style pack's rules and paper; today's A4 kop when None)."""

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    from desktop import __version__, i18n
    from desktop.articles.api import kind_label
    from desktop.kits import fonts
    from desktop.kits import styles as st
    from desktop.kits.letterhead import Letterhead, prepared_logo
    from desktop.kits.markup import esc
    from desktop.kits.spec import Kop

    fonts.register()
    tr = i18n.gettext_for(language)
    S = st.styles()
    logo = prepared_logo(logo_path)

    ink = colors.HexColor(st.INK)
    red = colors.HexColor(st.WATERMARK)
    heading = ParagraphStyle("sheet_heading", fontName=fonts.SANS_BOLD, fontSize=15, leading=19,
                             alignment=TA_CENTER, textColor=colors.HexColor(st.ACCENT), spaceBefore=6)
    sub = ParagraphStyle("sheet_sub", fontName=fonts.SANS, fontSize=9.5, leading=12, alignment=TA_CENTER,
                         textColor=colors.HexColor(st.MUTED), spaceAfter=12)
    label = ParagraphStyle("sheet_label", fontName=fonts.SANS_BOLD, fontSize=9.5, leading=12.5, textColor=ink)
    value = ParagraphStyle("sheet_value", fontName=fonts.SERIF, fontSize=10.5, leading=14, textColor=ink)
    mono = ParagraphStyle("sheet_hash", fontName=MONO, fontSize=10, leading=13, textColor=ink)
    stamp_style = ParagraphStyle("sheet_draft", fontName=fonts.SANS_BOLD, fontSize=11, leading=15,
                                 alignment=TA_CENTER, textColor=red)
    note = ParagraphStyle("sheet_note", parent=S.small, fontSize=8.5, leading=11.5, spaceBefore=10)

    def cell(text: str, style=value) -> Paragraph:  # noqa: ANN001
        return Paragraph(esc(text) if text else "—", style)

    approved = bool(sheet.approved)
    number = sheet.release_number or (tr("(assigned on approval)") if not approved else "—")
    approver = sheet.approver or ("—" if not approved else tr("(not recorded)"))
    if approved and sheet.self_approved:
        approver = tr("{name} (self-approval, allowed by the office)").format(name=approver)
    rows = [
        ("title", cell(sheet.title)),
        ("kind", cell(kind_label(sheet.kind) if sheet.kind else "")),
        ("number", cell(number)),
        ("writer", cell(sheet.writer)),
        ("approver", cell(approver)),
        ("submitted", cell(_when(sheet.submitted_at, language, tr))),
        ("approved", cell(_when(sheet.approved_at, language, tr) if approved else tr("Not approved"))),
        ("published", cell(_when(sheet.published_at, language, tr))),
        ("revision" if approved else "draft_revision", cell(str(sheet.revision))),
        ("hash", Paragraph("<br/>".join(hash_lines(sheet.content_sha256)), mono)),
    ]
    data = [[Paragraph(esc(tr(LABELS[key])), label), v] for key, v in rows]
    kop = kop or Kop()
    page_w, page_h = st.PAGE_SIZES[kop.paper]
    frame_w = page_w - st.MARGIN_LEFT - st.MARGIN_RIGHT
    table = Table(data, colWidths=[48 * st.MM, frame_w - 48 * st.MM], hAlign="LEFT")
    table.setStyle(st.table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(st.RULE)),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.HexColor(st.ACCENT)),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F3F5F8")),
    ]))

    story: list = [Letterhead(office, logo, tr, kop), Paragraph(esc(tr("APPROVAL SHEET")), heading),
                   Paragraph(esc(tr("Record of the text approved for publication")), sub)]
    if not approved:
        story += [Paragraph(esc(tr("DRAFT — this text has not been approved; do not publish it.")), stamp_style),
                  Spacer(1, 8)]
    story.append(table)
    explain = tr(
        "The SHA-256 is computed from the approved revision's title, lead, body, quotes and credits. "
        "Any change to that text gives a different value; 'warta check' verifies it."
    )
    story.append(Paragraph(esc(explain), note))
    if approved and sheet.newer_draft:
        story.append(Paragraph(esc(tr(
            "A newer draft of this article exists; it is not covered by this approval."
        )), ParagraphStyle("sheet_newer", parent=note, textColor=red)))
    if approved:
        # Room for the approver's signature on the printed copy, as paper approval sheets have.
        sign = Table([[Paragraph(esc(tr("Approved by")), label)],
                      [Spacer(1, 18 * st.MM)],
                      [cell(sheet.approver or "", value)]],
                     colWidths=[70 * st.MM], hAlign="RIGHT")
        sign.setStyle(st.table_style([("LINEBELOW", (0, 1), (0, 1), 0.6, ink),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story += [Spacer(1, 14 * st.MM), sign]

    when = sheet.approved_at or dt.datetime(2000, 1, 1)
    date_stamp = f"D:{when:%Y%m%d%H%M%S}+00'00'"

    class SheetCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_a: date_stamp)

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            if not approved:
                self.saveState()
                self.setFillColor(red)
                self.setFillAlpha(0.13)
                self.translate(page_w / 2, page_h / 2)
                self.rotate(55)
                self.setFont(fonts.SANS_BOLD, 140)
                self.drawCentredString(0, -50, tr("DRAFT"))
                self.restoreState()
            self.saveState()
            self.setFont(fonts.SANS, 8)
            self.setFillColor(colors.HexColor(st.MUTED))
            self.drawString(st.MARGIN_LEFT, st.MARGIN_BOTTOM - 8,
                            tr("Article #{id} · Warta {version}").format(id=sheet.article_id, version=__version__))
            self.restoreState()
            super().showPage()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=(page_w, page_h), leftMargin=st.MARGIN_LEFT, rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM, title=tr("Approval sheet: {title}").format(
            title=sheet.title), author=office.name or office.short_name, creator=f"Warta {__version__}",
        producer=f"Warta {__version__} (ReportLab)", invariant=1, initialFontName=fonts.SERIF, lang=language,
    )
    from desktop.kits.render import _LOCK  # reportlab's per-document font state is global: one PDF at a time

    with _LOCK:
        doc.build(story, canvasmaker=SheetCanvas)
    return buf.getvalue()


def approval_sheet_pdf(library, sheet: Any) -> bytes:  # noqa: ANN001
    """``sheet`` on this library's letterhead (office profile and logo)."""
    from desktop.kits.store import kop, letterhead

    office, logo = letterhead(library)
    return render_sheet(sheet, office, logo, kop=kop(library))


def write_approval_sheet(library, sheet: Any, target) -> None:  # noqa: ANN001
    """Render ``sheet`` and write it atomically to ``target`` (a failure leaves no partial file and names it)."""
    from desktop.kits.render import write_output

    write_output(target, approval_sheet_pdf(library, sheet))
