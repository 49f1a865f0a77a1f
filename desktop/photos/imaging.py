"""Safe image decoding and everything made from pixels: EXIF, thumbnails,
print renditions, perceptual hashes and exports with embedded captions.

Photos come from phones, cameras, e-mail and USB sticks, so every file is
treated as hostile until it has decoded: opened with an explicit list of
formats, refused above :data:`MAX_IMAGE_PIXELS` (Pillow's decompression-bomb
warning is turned into an error), and actually decoded — a truncated JPEG
opens fine and fails only at ``load()``. Every failure becomes an
:class:`ImageRejected` whose message is a translated sentence for the import
summary.

Pillow and pillow-heif are imported inside functions: this module is imported
by the importer's worker processes and by the window, and must stay cheap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from desktop.errors import WartaError
from desktop.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image as PILImage

# Pillow format names accepted for import. MPO is the multi-picture JPEG some
# cameras write (a JPEG with extra frames; its first frame is the photo): the
# JPEG opener returns it, so it is not a name to pass to ``Image.open``.
ALLOWED_FORMATS = ("JPEG", "MPO", "PNG", "TIFF", "WEBP", "HEIF")
_OPEN_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")
FORMAT_LABEL = "JPEG, PNG, TIFF, WebP, HEIC"
# Extension of the managed copy, by detected format (never by the file's name).
FORMAT_EXT = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "HEIF": "heic"}
IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".mpo", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".hif"}
)

# 100 megapixels: above any phone or full-frame camera (24–61 MP) and
# medium-format backs (~100 MP); far beyond, an image is a bomb or damaged.
# Decoding that much takes ~300 MB of memory per worker.
MAX_IMAGE_PIXELS = 100_000_000
MAX_FILE_BYTES = 512 * 1024 * 1024

THUMB_EDGE = 320  # long edge of grid thumbnails (sharp at 2× for 160 px cells)
THUMB_QUALITY = 82
RENDITION_EDGE = 2000  # print rendition for press-kit PDFs: ~17 cm at 300 dpi
RENDITION_QUALITY = 88
# After JPEG DCT scaling, what is left to resize is either nothing or at least this factor (see draft_scale).
MIN_RESIZE_STEP = 1.5
EXPORT_QUALITY = 90

# Magic numbers of image formats Warta does not accept, for a precise reason.
_FOREIGN_MAGIC = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"8BPS", "Photoshop PSD"),
    (b"%PDF", "PDF"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"II*\x00\x10\x00\x00\x00CR", "Canon RAW"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


class ImageRejected(WartaError):
    """A file that will not become a photo; ``str()`` is the translated reason."""


@dataclass
class ExifInfo:
    taken: dt.datetime | None = None
    camera: str = ""
    orientation: int = 1
    gps_lat: float | None = None
    gps_lon: float | None = None
    artist: str = ""
    copyright: str = ""


@dataclass
class Decoded:
    """Facts about a decoded image (size as displayed, i.e. orientation applied)."""

    format: str
    width: int
    height: int
    exif: ExifInfo = field(default_factory=ExifInfo)


# -- Pillow set-up ---------------------------------------------------------

_heif_registered = False
# ``warnings.catch_warnings`` saves and restores the process-wide filter list:
# two threads inside it at once (print renditions are made on two) can leave
# one's filter in force for good. Only the short header and EXIF reads are
# done under it, one thread at a time.
_warnings_lock = threading.Lock()


def _pil():  # noqa: ANN202 - returns the PIL.Image module
    from PIL import Image, ImageFile

    # Warta's policy for every image it opens; a truncated file must fail.
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return Image


def _ensure_heif() -> None:
    """Register pillow-heif's opener the first time a HEIF file is seen."""
    global _heif_registered
    if _heif_registered:
        return
    import pillow_heif

    # Thumbnails stored inside HEIC files are not needed; the primary image is.
    pillow_heif.register_heif_opener(thumbnails=False)
    _heif_registered = True


def looks_like_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def sniff(head: bytes) -> str | None:
    """Format name from the first bytes, for accepted formats (None if unknown)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if looks_like_heif(head):
        return "HEIF"
    return None


def foreign_format(head: bytes) -> str | None:
    """Name of a recognisable image (or document) format Warta does not accept."""
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    for magic, name in _FOREIGN_MAGIC:
        if head.startswith(magic):
            return name
    return None


# -- safe opening ----------------------------------------------------------


def _bomb_reason(detail: str) -> str:
    match = re.search(r"\((\d+) pixels\)", detail)
    if match:
        megapixels = int(match.group(1)) / 1_000_000
        return _(
            "The image is too large: {mp:.0f} megapixels (Warta accepts up to {limit:.0f}). "
            "It is damaged or a decompression bomb."
        ).format(mp=megapixels, limit=MAX_IMAGE_PIXELS / 1_000_000)
    return _("The image is too large to open safely; it is damaged or a decompression bomb.")


def _reason_for(exc: BaseException, head: bytes) -> str:
    """Translate whatever Pillow (or a plugin) raised into a sentence for the user."""
    from PIL import Image, UnidentifiedImageError

    detail = str(exc).strip() or exc.__class__.__name__
    if isinstance(exc, ImageRejected):
        return str(exc)
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return _bomb_reason(detail)
    if isinstance(exc, UnidentifiedImageError):
        foreign = foreign_format(head)
        if foreign:
            return _("The file is in {kind} format; Warta accepts {formats} photos.").format(
                kind=foreign, formats=FORMAT_LABEL
            )
        if sniff(head):
            return _("The {kind} file is damaged: its header cannot be read.").format(kind=sniff(head))
        return _("The file is not an image Warta can read (accepted: {formats}).").format(formats=FORMAT_LABEL)
    if isinstance(exc, MemoryError):
        return _("The image needs more memory than this computer has; it is damaged or too large.")
    if isinstance(exc, ValueError) and "too large" in detail.lower():
        # PNG text-chunk bomb: a tiny file whose metadata inflates to gigabytes.
        return _("The image holds an oversized metadata block (a decompression bomb); it was not opened.")
    if "truncated" in detail.lower() or isinstance(exc, EOFError):
        return _("The image is incomplete (the file was cut off while copying). Copy it again from the camera or phone.")
    return _("The image data is damaged and cannot be decoded ({detail}).").format(detail=detail[:160])


@contextlib.contextmanager
def open_image(data: bytes) -> Iterator["PILImage"]:
    """Open image bytes with every safeguard; raises :class:`ImageRejected`.

    Only the header is read here; callers decode inside the ``with`` block
    and failures there are translated too.
    """
    import warnings

    Image = _pil()
    head = data[:32]
    if not data:
        raise ImageRejected(_("The file is empty (0 bytes)."))
    if looks_like_heif(head):
        _ensure_heif()
    try:
        # Only the header is read under the filter and the lock (see _warnings_lock), so
        # threads decoding several photos at once still decode them side by side.
        with _warnings_lock, warnings.catch_warnings():
            # Above MAX_IMAGE_PIXELS Pillow only warns (it errors at twice
            # that); Warta refuses at the limit itself.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            formats = _OPEN_FORMATS + (("HEIF",) if _heif_registered else ())
            opened = Image.open(io.BytesIO(data), formats=formats)
        with opened as img:
            width, height = img.size
            if width <= 0 or height <= 0:
                raise ImageRejected(_("The image has no pixels (its size is {w}×{h}).").format(w=width, h=height))
            if width * height > MAX_IMAGE_PIXELS:
                # Plugins (pillow-heif) do not all run Pillow's check.
                raise ImageRejected(_bomb_reason("({} pixels)".format(width * height)))
            yield img
    except ImageRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a rejection, never a crash
        raise ImageRejected(_reason_for(exc, head)) from exc


def to_rgb(img: "PILImage") -> "PILImage":
    """An 8-bit RGB copy for thumbnails and JPEG output.

    16-bit and 32-bit greyscale are scaled (a plain ``convert`` would clip
    them to white); transparency is flattened onto white as a newsroom
    expects; CMYK and Lab go through Pillow's converters.
    """
    Image = _pil()
    mode = img.mode
    if mode == "RGB":
        return img
    if mode.startswith("I;16") or mode == "I":
        # Full 16-bit range onto 8 bits; 32-bit "I" images from 16-bit PNGs
        # hold 0–65535 as well.
        img = img.convert("I") if mode != "I" else img
        return img.point(lambda v: v * (1 / 256)).convert("L").convert("RGB")
    if mode == "F":
        return img.point(lambda v: v * 255).convert("L").convert("RGB")
    if mode == "LAB":
        from PIL import ImageCms

        return ImageCms.applyTransform(
            img, ImageCms.buildTransform(ImageCms.createProfile("LAB"), ImageCms.createProfile("sRGB"), "LAB", "RGB")
        )
    if mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def draft_scale(width: int, height: int, edge: int) -> int:
    """The DCT scale (1, 2, 4 or 8) to decode a ``width`` × ``height`` JPEG at for a long edge of ``edge``.

    The smallest decode that is still at least the size :func:`fit` makes,
    and either exactly that size (a 4000 × 3000 phone photo at 1/2 is its
    2000 × 1500 rendition: no resize at all, and closer to a Lanczos
    reduction than a full decode plus bilinear) or at least
    :data:`MIN_RESIZE_STEP` above it: a slight resize after the DCT scaling
    (4032 → 2016 → 2000 px) blurs more than decoding in full and reducing
    by 2. A square ``draft((edge, edge))`` box decoded 4:3 and 16:9 photos in
    full for their rendition.
    """
    long_edge = max(width, height)
    if long_edge <= edge:
        return 1
    ratio = edge / long_edge
    target = (max(1, round(width * ratio)), max(1, round(height * ratio)))
    for scale in (8, 4, 2):
        w, h = -(-width // scale), -(-height // scale)  # what libjpeg decodes at 1/scale
        if w >= target[0] and h >= target[1] and ((w, h) == target or max(w, h) >= MIN_RESIZE_STEP * edge):
            return scale
    return 1


def decode(data: bytes, *, edge: int | None = None) -> tuple["PILImage", Decoded]:
    """Decode fully (validating every byte of pixel data) into upright 8-bit RGB.

    ``edge``: the long edge the caller needs; JPEGs are then decoded at a
    reduced scale with ``draft()`` (libjpeg's DCT scaling still reads the
    whole file, so truncation is still caught) — several times faster for
    thumbnails.
    """
    with decoding(data, edge=edge) as (rgb, info, source):
        # The opened image is closed when the block ends: keep a copy if it is what we return.
        return (rgb.copy() if rgb is source else rgb), info


@contextlib.contextmanager
def decoding(data: bytes, *, edge: int | None = None) -> Iterator[tuple["PILImage", Decoded, "PILImage"]]:
    """:func:`decode` for a caller that is done with the pixels inside a ``with`` block.

    Yields (upright RGB, facts, the opened image): the first may *be* the
    third, valid only inside the block, which saves :func:`decode`'s copy of
    the whole decoded picture (18 MB for a 24 MP JPEG at half scale, ~10 ms);
    a print rendition is resized and encoded right there. A failure in the
    block is an :class:`ImageRejected` too.
    """
    from PIL import ImageOps

    with open_image(data) as img:
        try:
            fmt = img.format or ""
            width, height = img.size  # before draft() shrinks it
            if edge and fmt in ("JPEG", "MPO"):
                scale = draft_scale(width, height, edge)
                if scale > 1:
                    # Pillow picks the largest of 1/2, 1/4, 1/8 that keeps the decode at least
                    # this size: with width // scale that is ``scale`` itself.
                    img.draft("RGB", (max(1, width // scale), max(1, height // scale)))
            # Decode every byte first and let any failure reject the file.
            # Reading EXIF first is wrong: for PNG ``getexif()`` calls
            # ``load()``, read_exif swallows the error, and a second
            # ``load()`` then "succeeds" on a half-decoded image.
            img.load()
            exif = read_exif(img)
            upright = img
            if exif.orientation != 1:
                # Not called for upright photos: without a rotation exif_transpose returns a full copy.
                try:
                    upright = ImageOps.exif_transpose(img)
                except Exception:  # noqa: BLE001 - a broken orientation tag must not lose the photo
                    upright = img
            rgb = to_rgb(upright)
        except ImageRejected:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ImageRejected(_reason_for(exc, data[:32])) from exc
        if upright is not img and exif.orientation in (5, 6, 7, 8):
            width, height = height, width
        yield rgb, Decoded(format=fmt, width=width, height=height, exif=exif), img


# -- EXIF ------------------------------------------------------------------

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    text = str(value).replace("\x00", " ").strip()
    return "".join(ch for ch in text if ch.isprintable())[:300]


def parse_exif_datetime(value: object) -> dt.datetime | None:
    """``2025:03:14 09:30:00`` (and the odd variants cameras write) → datetime."""
    text = _text(value)
    match = re.match(r"(\d{4})[:\-/](\d{2})[:\-/](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?", text)
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        when = dt.datetime(*parts)  # type: ignore[arg-type]
    except ValueError:
        return None  # "0000:00:00 00:00:00" from cameras without a clock set
    return when if 1900 <= when.year <= 2100 else None


def _gps_coordinate(values: object, ref: object) -> float | None:
    try:
        degrees, minutes, seconds = (float(v) for v in values)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = degrees + minutes / 60 + seconds / 3600
    if _text(ref).upper() in ("S", "W"):
        result = -result
    return result


def read_exif(img: "PILImage") -> ExifInfo:
    """What Warta keeps from EXIF; damaged EXIF yields what could be read."""
    import warnings

    info = ExifInfo()
    try:
        with _warnings_lock, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": read what is there
            exif = img.getexif()
    except Exception:  # noqa: BLE001 - EXIF is optional; the photo is not
        return info
    try:
        orientation = int(exif.get(0x0112, 1) or 1)
        info.orientation = orientation if 1 <= orientation <= 8 else 1
    except (TypeError, ValueError):
        pass
    with contextlib.suppress(Exception):
        sub = exif.get_ifd(_EXIF_IFD)
        info.taken = (
            parse_exif_datetime(sub.get(0x9003))
            or parse_exif_datetime(sub.get(0x9004))
            or parse_exif_datetime(exif.get(0x0132))
        )
    if info.taken is None:
        info.taken = parse_exif_datetime(exif.get(0x0132))
    make, model = _text(exif.get(0x010F)), _text(exif.get(0x0110))
    info.camera = model if make and model.lower().startswith(make.split()[0].lower()) else " ".join(
        p for p in (make, model) if p
    )
    info.artist = _text(exif.get(0x013B))
    info.copyright = _text(exif.get(0x8298))
    with contextlib.suppress(Exception):
        gps = exif.get_ifd(_GPS_IFD)
        if gps:
            lat = _gps_coordinate(gps.get(2), gps.get(1))
            lon = _gps_coordinate(gps.get(4), gps.get(3))
            if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180 and (lat or lon):
                info.gps_lat, info.gps_lon = round(lat, 6), round(lon, 6)
    return info


# -- derived images --------------------------------------------------------


def fit(img: "PILImage", edge: int, *, bilinear: bool = False) -> "PILImage":
    """Scale down (never up) so the long edge is at most ``edge``."""
    Image = _pil()
    width, height = img.size
    if max(width, height) <= edge:
        return img
    scale = edge / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # reducing_gap: a fast box reduction (``reduce``) to within twice the
    # size, then bicubic for the last step: as sharp as Lanczos at these
    # ratios to the eye, at a fraction of its cost on 24 MP photos.
    method = Image.Resampling.BILINEAR if bilinear else Image.Resampling.BICUBIC
    return img.resize(size, method, reducing_gap=2.0)


def rendition_image(img: "PILImage") -> "PILImage":
    """The print rendition's pixels from a decode at rendition scale (``decode(edge=RENDITION_EDGE)``).

    A 24 MP JPEG decodes at half size (3000 px), ×1.5 above the rendition:
    at that ratio Pillow's bilinear (a triangle filter widened to the
    reduction, so no aliasing) is within 1 dB of Lanczos and of bicubic and
    takes half bicubic's time; a rendition is made for every photo a kit
    prints, so this is much of a first kit's wait.
    """
    return fit(img, RENDITION_EDGE, bilinear=True)


def jpeg_bytes(img: "PILImage", quality: int, **extra: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=False, progressive=False, **extra)
    return buf.getvalue()


def thumbnail_bytes(img: "PILImage") -> bytes:
    return jpeg_bytes(fit(img, THUMB_EDGE), THUMB_QUALITY)


def rendition_from(data: bytes) -> bytes:
    """The print rendition: long edge ≤ 2000 px, upright, RGB, JPEG q88.

    Resized and encoded while the decoded picture is still open (no copy of
    it); the same pixels as ``rendition_image(decode(data, edge=RENDITION_EDGE)[0])``.
    """
    with decoding(data, edge=RENDITION_EDGE) as (img, _info, _source):
        return jpeg_bytes(rendition_image(img), RENDITION_QUALITY)


def dhash(img: "PILImage") -> str:
    """Difference hash: 64 bits of "is this pixel brighter than its right neighbour"."""
    Image = _pil()
    small = img.convert("L").resize((9, 8), Image.Resampling.BILINEAR)
    px = small.tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (px[row * 9 + col] > px[row * 9 + col + 1])
    return f"{bits:016x}"


def ahash(img: "PILImage") -> str:
    """Average hash: 64 bits of "is this pixel brighter than the mean"."""
    Image = _pil()
    px = img.convert("L").resize((8, 8), Image.Resampling.BILINEAR).tobytes()
    mean = sum(px) / 64
    bits = 0
    for value in px:
        bits = (bits << 1) | (value > mean)
    return f"{bits:016x}"


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


# -- export ----------------------------------------------------------------


@dataclass
class Caption:
    """What travels inside an exported file."""

    caption: str = ""
    credit: str = ""
    date: dt.date | None = None
    event: str = ""
    location: str = ""
    keywords: list[str] = field(default_factory=list)


def ascii_text(text: str) -> str:
    """EXIF ASCII fields cannot hold UTF-8: transliterate (é → e), drop the rest."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def embed_caption(data: bytes, meta: Caption) -> bytes:
    """Image bytes with the caption, credit, keywords … written as XMP and IPTC-IIM (pixels untouched).

    Raises :class:`desktop.photos.metadata.NotWritable` for a kind of file
    that cannot carry them (HEIC, WebP).
    """
    from desktop.photos import metadata

    return metadata.embed(data, caption=meta.caption, credit=meta.credit, keywords=meta.keywords, date=meta.date,
                          event=meta.event, location=meta.location)


def export_jpeg(img: "PILImage", meta: Caption, *, long_edge: int | None) -> bytes:
    """A JPEG for a newsroom with caption, credit, keywords and date inside (EXIF, XMP and IPTC-IIM)."""
    Image = _pil()
    out = fit(img, long_edge) if long_edge else img
    exif = Image.Exif()
    exif[0x0112] = 1  # pixels are already upright
    if meta.caption:
        exif[0x010E] = ascii_text(meta.caption)  # ImageDescription
        exif[0x9C9B] = meta.caption.encode("utf-16-le") + b"\x00\x00"  # XPTitle: Windows shows Unicode
    if meta.credit:
        exif[0x013B] = ascii_text(meta.credit)  # Artist
        exif[0x8298] = ascii_text(meta.credit)  # Copyright
    if meta.date:
        stamp = meta.date.strftime("%Y:%m:%d 00:00:00")
        exif[0x0132] = stamp
        exif.get_ifd(_EXIF_IFD)[0x9003] = stamp  # DateTimeOriginal
    return embed_caption(jpeg_bytes(out, EXPORT_QUALITY, exif=exif.tobytes()), meta)
