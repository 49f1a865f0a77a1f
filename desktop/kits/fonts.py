"""The fonts Warta ships (Noto Serif and Noto Sans, OFL) registered with reportlab.

Every PDF embeds these subsets, so a kit prints the same on any PC and no
character falls back to a printer font. Imported only by the renderer.
"""

from __future__ import annotations

import threading

from desktop.paths import FONTS

SERIF = "WartaSerif"
SERIF_BOLD = "WartaSerif-Bold"
SERIF_ITALIC = "WartaSerif-Italic"
SERIF_BOLD_ITALIC = "WartaSerif-BoldItalic"
SANS = "WartaSans"
SANS_BOLD = "WartaSans-Bold"
# Glyphs the text faces lack (arrows, ≤ ≥ ≈, ✓ ★ …) are set in these, character by character.
MATH = "WartaMath"
SYMBOLS = "WartaSymbols"
FALLBACKS = (MATH, SYMBOLS)

FILES = {
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    SERIF_ITALIC: "NotoSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "NotoSerif-BoldItalic.ttf",
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    MATH: "NotoSansMath-Regular.ttf",
    SYMBOLS: "NotoSansSymbols2-Regular.ttf",
}

_lock = threading.Lock()
_done = False
_coverage: dict[str, frozenset[int]] = {}


def register() -> None:
    """Register the fonts and their bold/italic families once per process."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
        pdfmetrics.registerFontFamily(
            SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
        )
        # No sans italic is shipped; <i> inside sans text keeps the upright face.
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
        for bold, italic, face in ((0, 1, SANS), (1, 1, SANS_BOLD)):
            addMapping(SANS, bold, italic, face)
        for name in FALLBACKS:
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        for name in FILES:
            _coverage[name] = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
        _done = True


def has_glyph(font_name: str, char: str) -> bool:
    """Whether ``font_name`` draws ``char`` (else it would print as a box)."""
    register()
    return ord(char) in _coverage[font_name]


def face_for(char: str) -> str | None:
    """``None`` when the text faces draw ``char``; else the fallback that does, or ``""`` if none."""
    register()
    code = ord(char)
    if code in _coverage[SERIF] or char.isspace():
        return None
    for name in FALLBACKS:
        if code in _coverage[name]:
            return name
    return ""


def unprintable(text: str) -> list[str]:
    """Characters of ``text`` no shipped font can draw (each once, in order)."""
    if not text or text.isascii():
        return []
    found: dict[str, None] = {}
    for char in text:
        if ord(char) > 127 and face_for(char) == "" and char.isprintable():
            found[char] = None
    return list(found)
