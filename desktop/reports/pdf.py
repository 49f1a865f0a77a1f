"""The report as a PDF on the office letterhead: narratives, tables and vector charts.

The kop, fonts, colours and the page footer are the press kits'
(``desktop.kits.api.letterhead_pdf``). Deterministic: the PDF's creation
date is the period's last day and nothing reads the clock, so the same data
gives the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from desktop.i18n import _
from desktop.kits import api as kits
from desktop.reports import store
from desktop.reports.gather import Report, Table


def _styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    kits.register_fonts()
    ink, accent, muted = (colors.HexColor(c) for c in (kits.INK, kits.ACCENT, kits.MUTED))
    body = ParagraphStyle("rp_body", fontName=kits.SERIF, fontSize=10.5, leading=15, textColor=ink,
                          alignment=TA_JUSTIFY, spaceAfter=6, hyphenationLang="", embeddedHyphenation=0)
    return {
        "title": ParagraphStyle("rp_title", fontName=kits.SANS_BOLD, fontSize=16, leading=20, alignment=TA_CENTER,
                                textColor=accent, spaceBefore=4),
        "period": ParagraphStyle("rp_period", fontName=kits.SERIF_BOLD, fontSize=12.5, leading=16,
                                 alignment=TA_CENTER, textColor=ink, spaceBefore=2),
        "span": ParagraphStyle("rp_span", fontName=kits.SANS, fontSize=9, leading=12, alignment=TA_CENTER,
                               textColor=muted, spaceAfter=12),
        "h1": ParagraphStyle("rp_h1", fontName=kits.SERIF_BOLD, fontSize=13.5, leading=18, textColor=accent,
                             spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("rp_h2", fontName=kits.SANS_BOLD, fontSize=9.5, leading=12.5, textColor=ink,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "body": body,
        "empty": ParagraphStyle("rp_empty", parent=body, fontName=kits.SERIF, textColor=muted),
        "note": ParagraphStyle("rp_note", fontName=kits.SANS, fontSize=9, leading=12, textColor=muted,
                               spaceBefore=2, spaceAfter=6),
        "cell": ParagraphStyle("rp_cell", fontName=kits.SERIF, fontSize=8.8, leading=11.5, textColor=ink),
        "num": ParagraphStyle("rp_num", fontName=kits.SERIF, fontSize=8.8, leading=11.5, textColor=ink,
                              alignment=2),
        "head": ParagraphStyle("rp_head", fontName=kits.SANS_BOLD, fontSize=8.3, leading=11,
                               textColor=colors.white),
        "total": ParagraphStyle("rp_total", fontName=kits.SERIF_BOLD, fontSize=8.8, leading=11.5, textColor=ink),
        "total_num": ParagraphStyle("rp_total_num", fontName=kits.SERIF_BOLD, fontSize=8.8, leading=11.5,
                                    textColor=ink, alignment=2),
    }


def column_widths(table: Table, width: float) -> list[float]:
    """Relative widths to points; a 0 (or a missing list's first column) takes what is left."""
    n = len(table.headers)
    rel = list(table.widths) if table.widths else [0] + [min(0.16, 0.6 / max(1, n - 1))] * (n - 1)
    fixed = sum(r for r in rel if r)
    free = [i for i, r in enumerate(rel) if not r]
    rest = max(0.1, 1 - fixed) / max(1, len(free))
    return [width * (r or rest) for r in rel]


def _table(table: Table, S: dict, width: float):  # noqa: ANN202 - a reportlab Table
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    def cell(value, style: str):  # noqa: ANN001, ANN202
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Paragraph(escape(str(value)), S["num" if style == "cell" else "total_num"])
        return Paragraph(escape("" if value is None else str(value)), S[style])

    data = [[Paragraph(escape(h), S["head"]) for h in table.headers]]
    data += [[cell(v, "cell") for v in row] for row in table.rows]
    if not table.rows:
        data.append([Paragraph(escape(_("(none)")), S["cell"])] + [""] * (len(table.headers) - 1))
    if table.total:
        data.append([cell(v, "total") for v in table.total])
    t = RLTable(data, colWidths=column_widths(table, width), repeatRows=1, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(kits.ACCENT)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F3F5F8")]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(kits.RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if not table.rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    if table.total:
        commands += [("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#E3E8EF")),
                     ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor(kits.ACCENT))]
    t.setStyle(kits.table_style(commands))
    return t


def paragraphs(text: str, style) -> list:  # noqa: ANN001
    """A narrative as paragraphs: a blank line starts a new one, a single newline breaks the line."""
    from reportlab.platypus import Paragraph

    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [Paragraph(escape(b).replace("\n", "<br/>"), style) for b in blocks]


def story(report: Report) -> list:
    """The flowables below the letterhead."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    S = _styles()
    width = kits.frame_width()
    out: list = [
        Paragraph(escape(_("PUBLIC RELATIONS REPORT")), S["title"]),
        Paragraph(escape(report.period.label()), S["period"]),
        Paragraph(escape(report.period.span()), S["span"]),
    ]
    number = 0

    def heading(title: str) -> Paragraph:
        nonlocal number
        number += 1
        return Paragraph(escape("{}. {}".format(number, title)), S["h1"])

    def narrative(key: str) -> list:
        text = report.narratives.get(key, "")
        body = paragraphs(text, S["body"]) if text else [Paragraph(escape(_("(Not written yet.)")), S["empty"])]
        return [heading(store.section_label(key)), *body]

    out += narrative("pendahuluan")
    for section in report.sections:
        out.append(heading(section.title))
        if section.facts and section.key != "summary":
            facts = Table("", [_("Figure"), _("Count")], [[label, value] for label, value in section.facts],
                          widths=[0, 0.22])
            out.append(_table(facts, S, width * 0.62))
            out.append(Spacer(1, 6))
        if section.note:
            out.append(Paragraph(escape(section.note), S["note"]))
        for table in section.tables:
            if table.title:
                out.append(Paragraph(escape(table.title), S["h2"]))
            out.append(_table(table, S, width))
            if table.chart is not None:
                from desktop.reports import charts

                out += [Spacer(1, 8), KeepTogether([charts.drawing(table.chart, width)]), Spacer(1, 4)]
    out += narrative("kendala")
    out += narrative("rencana")
    return out


def pdf_bytes(library, report: Report) -> bytes:  # noqa: ANN001
    return kits.letterhead_pdf(
        library, story(report), title=report.title, subject=report.period.span(), dated=report.period.end,
        footer=report.title,
    )
