"""Images for the PDF: orientation applied, downsampled to at most 300 dpi where placed.

reportlab embeds whatever it is given and ignores EXIF orientation, so every
picture goes through :func:`prepare`: the caller says how big the box on the
page is, this returns the placed size (aspect kept) and JPEG/PNG bytes whose
pixel size is no more than ``MAX_DPI`` at that size. A JPEG already small
enough and upright is passed through untouched (no generation loss, no time).
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from desktop.errors import os_reason

MAX_DPI = 300
JPEG_QUALITY = 85
ORIENTATION_TAG = 0x0112
# The live preview re-renders the kit after every change: keep recent results in memory.
CACHE_BYTES = 96 * 1024 * 1024


class ImageProblem(Exception):
    """The file is missing or not an image; the renderer turns it into a message naming the part."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


@dataclass
class Prepared:
    data: bytes
    pixel_width: int
    pixel_height: int
    width: float  # placed size in points
    height: float
    passthrough: bool  # the original file bytes were used as they are
    box_dpi: float = 0.0  # resolution the picture would have had filling its box
    #: SHA-1 of ``data``: the PDF names the image by it (reproducible, and the same picture
    #: placed twice is embedded once). Hashed where it is prepared, on a kit's worker
    #: threads (hashlib lets go of the GIL), not while the page is drawn.
    digest: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.digest = hashlib.sha1(self.data).hexdigest()


def _fit(px_w: int, px_h: int, box_w: float, box_h: float) -> tuple[float, float]:
    scale = min(box_w / px_w, box_h / px_h)
    return px_w * scale, px_h * scale


def max_pixels(points: float, dpi: int = MAX_DPI) -> int:
    """Largest pixel count along an edge placed ``points`` long that stays within ``dpi``."""
    return max(1, math.floor(points / 72 * dpi + 1e-6))


_cache: OrderedDict[tuple, Prepared] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def prepare(path: Path, box_w: float, box_h: float, *, keep_alpha: bool = False, min_dpi: int | None = None) -> Prepared:
    """Read ``path`` and return it fitted into a ``box_w`` × ``box_h`` pt box at ≤ 300 dpi.

    ``keep_alpha`` (logos) keeps transparency and returns PNG; photos become JPEG.
    ``min_dpi``: never enlarge beyond this resolution; a picture with too few
    pixels for its box is placed smaller (``box_dpi`` says how it would have
    printed, for a warning).
    Raises :class:`ImageProblem` for a missing, unreadable or undecodable file.
    Results are remembered (by path, size, modification time and box) while the
    process runs, so re-rendering an unchanged kit does not decode its photos again.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise ImageProblem(str(path), missing=True) from exc
    except OSError as exc:
        raise ImageProblem(os_reason(exc)) from exc
    key = (str(path), st.st_size, st.st_mtime_ns, round(box_w, 2), round(box_h, 2), keep_alpha, min_dpi)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    result = _prepare(path, box_w, box_h, keep_alpha, min_dpi)
    with _cache_lock:
        _cache[key] = result
        total = sum(len(v.data) for v in _cache.values())
        while _cache and total > CACHE_BYTES:
            _k, old = _cache.popitem(last=False)
            total -= len(old.data)
    return result


def _placement(w: int, h: int, box_w: float, box_h: float, min_dpi: int | None) -> tuple[float, float, float, int, int]:
    """(placed width, placed height, dpi filling the box, largest pixel width, height) of a
    ``w`` × ``h`` px picture fitted into the box."""
    placed_w, placed_h = _fit(w, h, box_w, box_h)
    box_dpi = w / (placed_w / 72)
    if min_dpi and box_dpi < min_dpi:
        # Enlarging further only prints blur: natural size at min_dpi, no more.
        placed_w, placed_h = w / min_dpi * 72, h / min_dpi * 72
    return placed_w, placed_h, box_dpi, min(w, max_pixels(placed_w)), min(h, max_pixels(placed_h))


_SOF = {0xC0, 0xC1, 0xC2}  # baseline, extended sequential, progressive: what a PDF reader decodes


def _plain_jpeg(raw: bytes) -> tuple[int, int] | None:
    """Pixel size of an 8-bit grey or colour JPEG that needs no turning and holds one picture, read
    from its header alone; None when it is anything else.

    Print renditions are such files (upright JFIF): most are embedded as they are, so their header
    is all that needs reading. The whole header up to the first scan is walked, because what would
    make Pillow treat the file differently may come after the frame header: any APP1 (EXIF, or XMP,
    where an orientation may also be written), a multi-picture index (MPO), an Adobe colour transform.
    Anything unusual goes through Pillow.
    """
    if not raw.startswith(b"\xff\xd8"):
        return None
    i, end, size = 2, len(raw), None
    while i + 2 <= end and raw[i] == 0xFF:
        marker = raw[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # the first scan: the header is over
            return size
        if marker == 0x01 or 0xD0 <= marker <= 0xD9 or i + 4 > end:
            return None  # a marker with no length (TEM, RSTn, another SOI, EOI) has no place here
        length = int.from_bytes(raw[i + 2:i + 4], "big")
        if length < 2:
            return None
        if marker in (0xE1, 0xEE) or marker == 0xE2 and raw[i + 4:i + 8] == b"MPF\x00":
            return None  # may be turned (EXIF, XMP), CMYK (Adobe), or several pictures (MPO): Pillow reads it
        if marker in _SOF:
            seg = raw[i + 4:i + 10]
            if size is not None or len(seg) < 6 or seg[0] != 8:
                return None
            h, w, components = int.from_bytes(seg[1:3], "big"), int.from_bytes(seg[3:5], "big"), seg[5]
            if components not in (1, 3) or not w or not h:
                return None
            size = (w, h)
        elif 0xC3 <= marker <= 0xCF and marker != 0xC4:
            return None  # lossless, hierarchical or arithmetic coding
        i += 2 + length
    return None


def _prepare(path: Path, box_w: float, box_h: float, keep_alpha: bool, min_dpi: int | None) -> Prepared:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImageProblem(str(path), missing=True) from exc
    except OSError as exc:
        raise ImageProblem(os_reason(exc)) from exc
    plain = None if keep_alpha else _plain_jpeg(raw)
    if plain is not None:
        placed_w, placed_h, box_dpi, target_w, target_h = _placement(*plain, box_w, box_h, min_dpi)
        if plain[0] <= target_w and plain[1] <= target_h:
            return Prepared(raw, *plain, placed_w, placed_h, True, box_dpi)
    try:
        # Pillow's own decompression-bomb limit applies (a global; never changed here).
        with Image.open(io.BytesIO(raw)) as img:
            orientation = img.getexif().get(ORIENTATION_TAG, 1) if img.format in ("JPEG", "TIFF", "WEBP",
                                                                                "PNG", "MPO") else 1
            w, h = img.size
            if orientation in (5, 6, 7, 8):
                w, h = h, w
            placed_w, placed_h, box_dpi, target_w, target_h = _placement(w, h, box_w, box_h, min_dpi)
            if (
                img.format == "JPEG"
                and not keep_alpha
                and img.mode in ("RGB", "L")
                and orientation == 1
                and w <= target_w
                and h <= target_h
            ):
                return Prepared(raw, w, h, placed_w, placed_h, True, box_dpi)
            # Keep the aspect exactly: scale both edges by the tighter limit.
            scale = min(target_w / w, target_h / h, 1.0)
            out_w = max(1, math.floor(w * scale + 1e-6))
            out_h = max(1, math.floor(h * scale + 1e-6))
            if img.format == "JPEG":
                # DCT scaling while decoding: a 24 MP photo decodes at 1/2 or 1/4 size, much faster.
                draft_size = (out_h, out_w) if orientation in (5, 6, 7, 8) else (out_w, out_h)
                img.draft("RGB" if img.mode != "L" else "L", draft_size)
            img.load()
            frame = (ImageOps.exif_transpose(img) or img) if orientation != 1 else img
            frame = _flatten(frame, keep_alpha)
            if frame.size != (out_w, out_h):
                # Hamming: as sharp as bicubic for these small reductions at 2/3 of its cost.
                frame = frame.resize((out_w, out_h), Image.Resampling.HAMMING, reducing_gap=3.0)
            buf = io.BytesIO()
            if keep_alpha:
                # Only a step on the way into the PDF, which compresses its own copy: compressed lightly.
                frame.save(buf, "PNG", optimize=False, compress_level=1)
            else:
                frame.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
            return Prepared(buf.getvalue(), out_w, out_h, placed_w, placed_h, False, box_dpi)
    except ImageProblem:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(str(exc) or exc.__class__.__name__) from exc


def _flatten(img, keep_alpha: bool):  # noqa: ANN001, ANN202
    """RGB (or RGBA for logos) whatever the source mode: CMYK, palette, 16-bit, LA …"""
    from PIL import Image

    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    if has_alpha:
        rgba = img.convert("RGBA")
        if keep_alpha:
            return rgba
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if img.mode == "L" and not keep_alpha or img.mode == "RGB":
        return img
    return img.convert("RGB")
