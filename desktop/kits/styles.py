"""Page geometry, colours and paragraph styles of a Warta press kit.

One place for the look: a readable serif body, a sans for labels and
running heads, a single restrained navy accent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.kits import fonts

MM = 72 / 25.4

# (width, height) in points: A4 210 × 297 mm; F4/Folio 215 × 330 mm (Indonesian offices);
# US Letter 8.5 × 11 in, for a style pack that asks for it.
PAGE_SIZES = {"a4": (210 * MM, 297 * MM), "f4": (215 * MM, 330 * MM), "letter": (612.0, 792.0)}

# 170 mm of text and photo width on A4: a 2000 px print rendition fits at 299 dpi without resampling.
MARGIN_LEFT = 22 * MM
MARGIN_RIGHT = 18 * MM
MARGIN_TOP = 18 * MM
MARGIN_BOTTOM = 18 * MM
HEAD_SPACE = 9 * MM  # running head between the top margin and the text
FOOT_SPACE = 8 * MM

ACCENT = "#1F3A5F"
INK = "#1A1A1A"
MUTED = "#5A6068"
RULE = "#B8C0CA"
WATERMARK = "#C0392B"

BODY_SIZE = 11
BODY_LEADING = 15.5


@dataclass(frozen=True)
class Styles:
    body: object
    lead: object
    h1: object
    h2: object
    h3: object
    list_item: object
    quote: object
    attribution: object
    code: object
    label: object
    release: object
    title: object
    subtitle: object
    part_title: object
    small: object
    small_bold: object
    credit: object
    caption: object
    photo_credit: object
    cover_label: object
    cover_title: object
    cover_event: object
    cover_date: object
    toc_heading: object
    toc_entry: object
    endmark: object
    table_cell: object
    table_head: object


@lru_cache(maxsize=1)
def styles() -> Styles:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    ink = colors.HexColor(INK)
    accent = colors.HexColor(ACCENT)
    muted = colors.HexColor(MUTED)
    # hyphenationLang "" and no shaping: words stay whole when journalists copy text out.
    base = ParagraphStyle(
        "base", fontName=fonts.SERIF, fontSize=BODY_SIZE, leading=BODY_LEADING, textColor=ink,
        hyphenationLang="", embeddedHyphenation=0, allowWidows=0, allowOrphans=0,
    )

    def s(name: str, parent: ParagraphStyle = base, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    body = s("body", alignment=TA_JUSTIFY, spaceAfter=7)
    sans = s("sans", fontName=fonts.SANS, fontSize=9, leading=12, textColor=muted)
    return Styles(
        body=body,
        lead=s("lead", body),
        h1=s("h1", fontName=fonts.SERIF_BOLD, fontSize=15, leading=19, spaceBefore=10, spaceAfter=6,
             keepWithNext=1, textColor=accent),
        h2=s("h2", fontName=fonts.SERIF_BOLD, fontSize=13, leading=17, spaceBefore=8, spaceAfter=4,
             keepWithNext=1),
        h3=s("h3", fontName=fonts.SERIF_BOLD, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=3,
             keepWithNext=1),
        list_item=s("list_item", body, spaceAfter=3, alignment=TA_LEFT),
        quote=s("quote", body, fontName=fonts.SERIF_ITALIC, alignment=TA_LEFT, spaceAfter=4),
        attribution=s("attribution", sans, fontSize=9.5, leading=13, textColor=ink, spaceAfter=2),
        code=s("code", sans, fontSize=9, leading=12.5, textColor=ink, spaceAfter=6, leftIndent=8),
        label=s("label", fontName=fonts.SANS_BOLD, fontSize=14, leading=17, textColor=accent),
        release=s("release", fontName=fonts.SANS_BOLD, fontSize=8.5, leading=11, textColor=ink,
                  alignment=TA_RIGHT),
        title=s("title", fontName=fonts.SERIF_BOLD, fontSize=17, leading=22, alignment=TA_CENTER,
                spaceBefore=4, spaceAfter=4),
        subtitle=s("subtitle", fontName=fonts.SERIF_ITALIC, fontSize=12, leading=16, alignment=TA_CENTER,
                   textColor=muted, spaceAfter=4),
        part_title=s("part_title", fontName=fonts.SERIF_BOLD, fontSize=16, leading=21, textColor=accent,
                     spaceAfter=10, keepWithNext=1),
        small=s("small", sans, textColor=ink),
        small_bold=s("small_bold", sans, fontName=fonts.SANS_BOLD, textColor=ink, spaceBefore=8,
                     keepWithNext=1),
        credit=s("credit", sans, fontSize=8.5, leading=11.5, spaceBefore=6),
        caption=s("caption", fontSize=9.5, leading=13, textColor=ink, spaceBefore=5, alignment=TA_LEFT),
        photo_credit=s("photo_credit", sans, fontSize=8, leading=10.5, spaceAfter=4),
        cover_label=s("cover_label", fontName=fonts.SANS_BOLD, fontSize=11, leading=14, textColor=accent),
        cover_title=s("cover_title", fontName=fonts.SERIF_BOLD, fontSize=26, leading=32, spaceBefore=6,
                      spaceAfter=10),
        cover_event=s("cover_event", fontName=fonts.SERIF_ITALIC, fontSize=14, leading=19, textColor=muted,
                      spaceAfter=4),
        cover_date=s("cover_date", sans, fontSize=10.5, leading=14, textColor=ink),
        toc_heading=s("toc_heading", fontName=fonts.SANS_BOLD, fontSize=10, leading=13, textColor=accent,
                      spaceAfter=6),
        toc_entry=s("toc_entry", fontSize=10.5, leading=17),
        endmark=s("endmark", sans, alignment=TA_CENTER, spaceBefore=6, spaceAfter=6, textColor=ink),
        table_cell=s("table_cell", fontSize=9.5, leading=12.5),
        table_head=s("table_head", sans, fontName=fonts.SANS_BOLD, textColor=colors.white, fontSize=9,
                     leading=12),
    )


def table_style(commands: list) -> object:
    """A TableStyle whose cells use Warta's serif: reportlab's default would add an unembedded Helvetica."""
    from reportlab.platypus import TableStyle

    fonts.register()
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.SERIF, BODY_SIZE)] + list(commands))
