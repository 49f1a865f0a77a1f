"""Social-media cards: a release's title, photo, logo and office colours as a PNG.

Pure drawing: :func:`render` takes a :class:`CardInput` (plain values and
image bytes; :mod:`desktop.social.api` gathers them from the library) and
returns the PNG with the boxes it drew, so tests can check the layout itself.

Text is only ever set on the solid office-colour panel, never on the photo,
so it stays legible whatever the photo is. Everything a platform's own
interface may cover (the safe margins; a story's top and bottom bands) stays
free of text, logo and stamps. The same input gives byte-identical PNGs: the
basic text layout (no system shaping library), fixed resampling and PNG
settings, and no time or software metadata in the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageFont

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (x1, y1 exclusive)

DEFAULT_PRIMARY = "#173F5F"
DEFAULT_ACCENT = "#F2B705"
ELLIPSIS = "…"
MAX_TEXT = 1200


@dataclass(frozen=True)
class Layout:
    """The fixed geometry of one card size (pixels)."""

    margin: int  # left and right safe margin (top and bottom too, unless given)
    top: int
    bottom: int
    split: float  # the photo's share of the height (of the width when ``landscape``)
    landscape: bool
    logo: int  # logo badge height
    name_px: int  # office name
    date_px: int
    title_px: tuple[int, int]  # largest and smallest title size


# A story's top and bottom ~250 px sit under Instagram's and WhatsApp's own bars.
LAYOUTS: dict[str, tuple[tuple[int, int], Layout]] = {
    "1080x1080": ((1080, 1080), Layout(80, 80, 80, 0.46, False, 76, 28, 28, (68, 30))),
    "1080x1350": ((1080, 1350), Layout(80, 80, 80, 0.48, False, 80, 30, 30, (76, 32))),
    "1200x630": ((1200, 630), Layout(48, 48, 48, 0.45, True, 60, 22, 22, (58, 24))),
    "1080x1920": ((1080, 1920), Layout(80, 250, 300, 0.44, False, 84, 30, 30, (84, 36))),
}
SIZES = tuple(LAYOUTS)


@dataclass(frozen=True)
class Stamp:
    """A stamp over the photo: a verdict (HOAKS …) or DRAF."""

    text: str
    colour: str


@dataclass(frozen=True)
class CardInput:
    title: str
    size: str = "1080x1080"
    office_name: str = ""
    date_text: str = ""
    photo: bytes | None = None  # an upright RGB image file (the photo's print rendition)
    logo: bytes | None = None
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    stamps: tuple[Stamp, ...] = ()


@dataclass
class Card:
    png: bytes
    width: int
    height: int
    safe: Box  # where text, logo and stamps may go
    panel: Box  # the solid colour area the text sits on
    content: Box  # the part of the panel text and logo may use (the rest is its margin)
    panel_colour: tuple[int, int, int]
    boxes: list[tuple[str, Box]] = field(default_factory=list)  # (what, ink box): title lines, name, date, logo, stamps
    title_lines: list[str] = field(default_factory=list)
    title_px: int = 0


def size_of(name: str) -> tuple[int, int]:
    return LAYOUTS[name][0]


def rgb(value: str, default: str) -> tuple[int, int, int]:
    text = (value or default).lstrip("#")
    if len(text) != 6:
        text = default.lstrip("#")
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        return rgb(default, default)


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """White on a dark office colour, near-black on a light one (whichever contrasts more)."""
    lum = _luminance(background)
    return (255, 255, 255) if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else (17, 17, 17)


def _shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    return tuple(round(c * factor) for c in colour)  # type: ignore[return-value]


# -- text ---------------------------------------------------------------------------------


_fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(bold: bool, px: int) -> ImageFont.FreeTypeFont:
    """The shipped Noto Sans at ``px`` pixels, basic layout (the same on every PC)."""
    from PIL import ImageFont

    from desktop.kits import api as kits
    from desktop.paths import FONTS

    name = kits.SANS_BOLD if bold else kits.SANS
    key = (name, px)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(FONTS / kits.FONT_FILES[name]), px, layout_engine=ImageFont.Layout.BASIC)
    return _fonts[key]


def measure(face: ImageFont.FreeTypeFont, text: str) -> int:
    """The width ``text`` takes when drawn by :func:`_draw_line`: its advance, or its ink when that reaches further."""
    return _widths_of(face).text(text)


def _split_long(word: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit, each but the last ending in a hyphen."""
    pieces: list[str] = []
    rest = word
    while len(rest) > 1 and measure(face, rest) > width:
        lo, hi = 1, len(rest) - 1  # the longest start that fits with its hyphen (at least one letter)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(face, rest[:mid] + "-") <= width:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(rest[:lo] + "-")
        rest = rest[lo:]
    pieces.append(rest)
    return pieces


class _Widths:
    """Glyph widths of one face, each measured once.

    Pillow measures a string glyph by glyph every time (~0.3 ms a glyph), and
    a layout tries many sizes and line breaks of the same words. The basic
    layout places glyphs at their whole-pixel advances without kerning, so a
    string's advance and ink box follow exactly from its glyphs'.
    """

    def __init__(self, face: ImageFont.FreeTypeFont) -> None:
        self.face = face
        self.glyphs: dict[str, tuple[int, int, int]] = {}

    def glyph(self, char: str) -> tuple[int, int, int]:
        """(advance, ink left, ink right) of one character."""
        if char not in self.glyphs:
            left, _top, right, _bottom = self.face.getbbox(char)
            self.glyphs[char] = (round(self.face.getlength(char)), left, right)
        return self.glyphs[char]

    def text(self, text: str) -> int:
        pen, left, right = 0, 0, 0
        for char in text:
            advance, ink_left, ink_right = self.glyph(char)
            if not char.isspace():
                left, right = min(left, pen + ink_left), max(right, pen + ink_right)
            pen += advance
        return max(pen, right) - left

    def line(self, words: list[str]) -> int:
        return self.text(" ".join(words))


_widths: dict[tuple[str, int], _Widths] = {}


def _widths_of(face: ImageFont.FreeTypeFont) -> _Widths:
    key = (face.path, face.size)
    if key not in _widths:
        _widths[key] = _Widths(face)
    return _widths[key]


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of at most ``width`` pixels, broken between words; a word too long for a line is hyphenated."""
    widths = _widths_of(face)
    lines: list[str] = []
    current: list[str] = []
    for word in text.split():
        if widths.line([word]) > width:
            if current:
                lines.append(" ".join(current))
            *whole, rest = _split_long(word, face, width)
            lines.extend(whole)
            current = [rest]
            continue
        if not current or widths.line([*current, word]) <= width:
            current.append(word)
        else:
            lines.append(" ".join(current))
            current = [word]
    if current:
        lines.append(" ".join(current))
    # The sums are exact for Noto's basic layout; should a font kern, the line is measured whole.
    return [piece for line in lines for piece in ([line] if measure(face, line) <= width else _exact(line, face, width))]


def _exact(line: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    out: list[str] = []
    current = ""
    for word in line.split():
        trial = f"{current} {word}" if current else word
        if not current or measure(face, trial) <= width:
            current = trial
        else:
            out.append(current)
            current = word
    return [*out, current] if current else out


def _line_height(face: ImageFont.FreeTypeFont) -> int:
    ascent, descent = face.getmetrics()
    return ascent + descent


def _ellipsize(line: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """``line`` ending in … within ``width`` (words dropped from the end first)."""
    words = line.split()
    while words:
        candidate = " ".join(words) + ELLIPSIS
        if measure(face, candidate) <= width:
            return candidate
        if len(words) == 1:
            word = words[0]
            while word and measure(face, word + ELLIPSIS) > width:
                word = word[:-1]
            return word + ELLIPSIS
        words.pop()
    return ELLIPSIS


def fit_text(text: str, bold: bool, sizes: tuple[int, int], width: int, height: int,
             spacing: float = 1.0, max_lines: int = 0) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest size in ``sizes`` (big, small) at which ``text`` wraps into the box; (font, lines, line step).

    At the smallest size, lines that still do not fit are dropped and the last
    one kept ends in …: the text is shortened, never drawn outside the box.
    """
    big, small = sizes
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:  # more than any card holds even at its smallest size
        text = text[:MAX_TEXT] + ELLIPSIS

    def attempt(px: int) -> tuple[bool, ImageFont.FreeTypeFont, list[str], int]:
        face = font(bold, px)
        step = round(_line_height(face) * spacing)
        lines = wrap(text, face, width)
        fits = len(lines) * step - (step - _line_height(face)) <= height and (not max_lines or len(lines) <= max_lines)
        return fits, face, lines, step

    # Binary search over the sizes: fewer trial layouts than stepping down from the largest.
    fits, face, lines, step = attempt(big)
    if fits:
        return face, lines, step
    best = None
    lo, hi = small, big - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = attempt(mid)
        if trial[0]:
            best, lo = trial, mid + 1
        else:
            hi = mid - 1
    if best is not None:
        return best[1], best[2], best[3]
    fits, face, lines, step = attempt(small)
    room = max(1, (height - _line_height(face)) // step + 1) if height >= _line_height(face) else 0
    if max_lines:
        room = min(room, max_lines)
    if room == 0:
        return face, [], step
    kept = lines[:room]
    if len(lines) > room:
        kept[-1] = _ellipsize(kept[-1] + " " + lines[room], face, width)
    return face, kept, step


# -- drawing ------------------------------------------------------------------------------


def _open(data: bytes | None) -> Image.Image | None:
    from PIL import Image, UnidentifiedImageError

    if not data:
        return None
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None  # a damaged logo or photo leaves its place empty rather than failing the card
    return img


def _cover(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scaled to cover ``size`` and cropped around the centre (the focal point)."""
    from PIL import Image, ImageOps

    return ImageOps.fit(img.convert("RGB"), size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def _logo_badge(logo: Image.Image, height: int) -> Image.Image:
    """The logo inside a white rounded badge, so any logo shows on any office colour."""
    from PIL import Image, ImageDraw

    logo = logo.convert("RGBA")
    pad = max(4, height // 10)
    inner = height - 2 * pad
    scale = min(inner / logo.height, (inner * 3) / logo.width)
    fitted = logo.resize((max(1, round(logo.width * scale)), max(1, round(logo.height * scale))),
                         Image.Resampling.LANCZOS)
    badge = Image.new("RGBA", (fitted.width + 2 * pad, height), (0, 0, 0, 0))
    ImageDraw.Draw(badge).rounded_rectangle((0, 0, badge.width - 1, height - 1), radius=height // 5,
                                            fill=(255, 255, 255, 255))
    badge.alpha_composite(fitted, (pad, (height - fitted.height) // 2))
    return badge


def _stamp_image(stamp: Stamp, max_width: int, px: int) -> Image.Image:
    """The stamp text in a bordered frame, turned a little as a rubber stamp is."""
    from PIL import Image, ImageDraw

    colour = rgb(stamp.colour, "#C62828")
    face, lines, step = fit_text(stamp.text, True, (px, max(12, px // 3)), max_width * 3 // 4, px * 3, max_lines=2)
    text_w = max(measure(face, line) for line in lines) if lines else 0
    pad = max(8, face.size // 3)
    border = max(4, face.size // 10)
    w = text_w + 2 * (pad + border)
    h = len(lines) * step + 2 * (pad + border)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=border * 2, fill=(255, 255, 255, 235),
                           outline=colour + (255,), width=border)
    y = pad + border
    for line in lines:
        _draw_line(draw, ((w - measure(face, line)) // 2, y), line, face, colour + (255,))
        y += step
    turned = layer.rotate(8, resample=Image.Resampling.BICUBIC, expand=True)
    if turned.width > max_width:  # a long verdict: smaller, still whole
        scale = max_width / turned.width
        turned = turned.resize((max_width, max(1, round(turned.height * scale))), Image.Resampling.LANCZOS)
    return turned


def _draw_line(draw, xy: tuple[int, int], text: str, face, fill) -> Box:  # noqa: ANN001
    """One line whose ink starts at ``xy`` or right of it (a glyph reaching left is moved in); its ink box."""
    left = face.getbbox(text)[0]
    x, y = xy[0] - min(0, left), xy[1]
    draw.text((x, y), text, font=face, fill=fill)
    x0, y0, x1, y1 = draw.textbbox((x, y), text, font=face)
    return int(x0), int(y0), int(x1), int(y1)


def render(card: CardInput) -> Card:
    """Draw the card; deterministic for the same input."""
    from PIL import Image, ImageDraw

    (width, height), lay = LAYOUTS[card.size]
    primary = rgb(card.primary, DEFAULT_PRIMARY)
    accent = rgb(card.accent, DEFAULT_ACCENT)
    ink = text_colour_on(primary)
    soft = tuple(round(0.78 * c + 0.22 * p) for c, p in zip(ink, primary))
    img = Image.new("RGB", (width, height), primary)
    draw = ImageDraw.Draw(img)
    safe = (lay.margin, lay.top, width - lay.margin, height - lay.bottom)

    # The photo's area bleeds to the card's edges; the panel takes the rest.
    if lay.landscape:
        split = round(width * (1 - lay.split))
        visual, panel = (split, 0, width, height), (0, 0, split, height)
        content = (lay.margin, lay.top, split - lay.margin, height - lay.bottom)
    else:
        split = round(height * lay.split)
        visual, panel = (0, 0, width, split), (0, split, width, height)
        content = (lay.margin, split + lay.margin * 3 // 4, width - lay.margin, height - lay.bottom)

    photo = _open(card.photo)
    logo = _open(card.logo)
    vw, vh = visual[2] - visual[0], visual[3] - visual[1]
    if photo is not None:
        img.paste(_cover(photo, (vw, vh)), visual[:2])
    else:
        draw.rectangle((visual[0], visual[1], visual[2] - 1, visual[3] - 1), fill=_shade(primary, 0.72))
    # A thin accent rule where photo and panel meet.
    rule = max(6, round(min(width, height) * 0.008))
    if lay.landscape:
        draw.rectangle((split, 0, split + rule - 1, height - 1), fill=accent)
    else:
        draw.rectangle((0, split, width - 1, split + rule - 1), fill=accent)
        panel = (0, split + rule, width, height)

    boxes: list[tuple[str, Box]] = []
    # Where the logo (no photo) and stamps may go on the photo: inside the safe margins, off the accent rule.
    if lay.landscape:
        visual_safe = (split + rule + lay.margin, safe[1], safe[2], safe[3])
    else:
        visual_safe = (safe[0], safe[1], safe[2], split - lay.margin // 2)
    if photo is None and logo is not None:
        big = _logo_badge(logo, min(vh // 2, (visual_safe[3] - visual_safe[1]) * 2 // 3))
        if big.width > visual_safe[2] - visual_safe[0]:
            scale = (visual_safe[2] - visual_safe[0]) / big.width
            big = big.resize((visual_safe[2] - visual_safe[0], max(1, round(big.height * scale))),
                             Image.Resampling.LANCZOS)
        x = visual_safe[0] + (visual_safe[2] - visual_safe[0] - big.width) // 2
        y = visual_safe[1] + (visual_safe[3] - visual_safe[1] - big.height) // 2
        img.paste(big, (x, y), big)
        boxes.append(("logo", (x, y, x + big.width, y + big.height)))

    # Stamps over the photo: the first (the verdict) large in the middle, a second (DRAF) small in the
    # top corner, drawn first so that the verdict is centred in what is left below it.
    def fitted(mark: Image.Image, area: Box) -> Image.Image:
        room_w, room_h = area[2] - area[0], area[3] - area[1]
        scale = min(1.0, room_w / mark.width, room_h / mark.height)
        if scale >= 1.0:
            return mark
        return mark.resize((max(1, int(mark.width * scale)), max(1, int(mark.height * scale))),
                           Image.Resampling.LANCZOS)

    area = visual_safe
    area_w = area[2] - area[0]
    for stamp in card.stamps[1:2]:
        mark = fitted(_stamp_image(stamp, area_w // 2, round(min(width, height) * 0.05)),
                      (area[0], area[1], area[2], area[1] + (area[3] - area[1]) // 3))
        img.paste(mark, area[:2], mark)
        boxes.append(("stamp", (area[0], area[1], area[0] + mark.width, area[1] + mark.height)))
        area = (area[0], area[1] + mark.height + lay.margin // 4, area[2], area[3])
    for stamp in card.stamps[:1]:
        mark = fitted(_stamp_image(stamp, area_w, round(min(width, height) * 0.11)), area)
        x = area[0] + (area[2] - area[0] - mark.width) // 2
        y = area[1] + (area[3] - area[1] - mark.height) // 2
        img.paste(mark, (x, y), mark)
        boxes.append(("stamp", (x, y, x + mark.width, y + mark.height)))

    cx0, cy0, cx1, cy1 = content
    cw = cx1 - cx0
    # Header: the logo badge and the office name.
    y = cy0
    header_h = lay.logo
    name_x = cx0
    if logo is not None:
        badge = _logo_badge(logo, lay.logo)
        if badge.width > cw // 3:
            scale = (cw // 3) / badge.width
            badge = badge.resize((cw // 3, max(1, round(badge.height * scale))), Image.Resampling.LANCZOS)
        img.paste(badge, (cx0, y), badge)
        boxes.append(("logo", (cx0, y, cx0 + badge.width, y + badge.height)))
        name_x = cx0 + badge.width + lay.name_px // 2
    if card.office_name:
        face, lines, step = fit_text(card.office_name, True, (lay.name_px, max(12, lay.name_px * 2 // 3)),
                                     cx1 - name_x, header_h, spacing=1.05, max_lines=2)
        ty = y + (header_h - (len(lines) * step - (step - _line_height(face)))) // 2
        for line in lines:
            boxes.append(("office", _draw_line(draw, (name_x, ty), line, face, soft)))
            ty += step
    if logo is None and not card.office_name:
        header_h = 0
    y += header_h + (lay.name_px if header_h else 0)

    # Footer: the date, and an accent mark before the title.
    date_face = font(False, lay.date_px)
    footer_h = _line_height(date_face) if card.date_text else 0
    bar_h = max(6, lay.name_px // 4)
    draw.rectangle((cx0, y, cx0 + cw // 6, y + bar_h - 1), fill=accent)
    y += bar_h + lay.name_px
    title_bottom = cy1 - (footer_h + lay.date_px if footer_h else 0)

    face, lines, step = fit_text(card.title, True, lay.title_px, cw, title_bottom - y, spacing=1.08)
    for line in lines:
        boxes.append(("title", _draw_line(draw, (cx0, y), line, face, ink)))
        y += step
    if card.date_text:
        date_face, date_lines, _step = fit_text(card.date_text, False, (lay.date_px, max(12, lay.date_px * 2 // 3)),
                                                cw, footer_h, max_lines=1)
        dy = cy1 - footer_h
        for line in date_lines:
            boxes.append(("date", _draw_line(draw, (cx0, dy), line, date_face, soft)))

    out = io.BytesIO()
    # Fixed settings and no text chunks: the same card is the same bytes.
    img.save(out, format="PNG", compress_level=6, optimize=False)
    return Card(png=out.getvalue(), width=width, height=height, safe=safe, panel=panel, content=content,
                panel_colour=primary,
                boxes=boxes, title_lines=lines, title_px=face.size)
