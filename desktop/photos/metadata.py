"""Captions inside image files: XMP and IPTC-IIM, read at import and written at export.

Newsroom tools read a photo's caption, credit and keywords from IPTC-IIM
(the APP13 "Photoshop 3.0" block of a JPEG) and from XMP; Warta writes both,
with the same text, and reads both back (XMP first: it is always Unicode).
IPTC-IIM text is written in UTF-8 and says so with the 1:90 coded character
set marker (ESC % G); text an old tool wrote without the marker is read as
UTF-8 when it is valid UTF-8 and as Windows-1252 otherwise.

The files are parsed and rewritten by exiv2 (python-exiv2, the library
behind digiKam and darktable): only metadata blocks change, pixels are never
re-encoded, so a full-size export stays the original photo with its caption
added. HEIC and WebP files are read but not written (:func:`can_embed`).

| Warta field | XMP | IPTC-IIM |
|---|---|---|
| caption | dc:description | 2:120 Caption/Abstract |
| credit | photoshop:Credit (dc:creator, dc:rights) | 2:110 Credit (2:80 By-line, 2:116 Copyright Notice) |
| keywords (tags) | dc:subject | 2:25 Keywords (repeated) |
| date | photoshop:DateCreated | 2:55 Date Created (2:60 Time Created) |
| event | dc:title, photoshop:Headline | 2:105 Headline |
| location | Iptc4xmpCore:Location | 2:92 Sub-location |
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

UTF8_MARKER = "\x1b%G"  # ISO 2022 escape for UTF-8, dataset 1:90

_TEXT_LIMIT = 2000  # characters kept of any one field read from a file
_KEYWORD_LIMIT = 64  # keywords kept from a file


@dataclass
class Embedded:
    """What a file says about itself beyond EXIF (empty strings when it says nothing)."""

    caption: str = ""
    credit: str = ""
    creator: str = ""
    keywords: list[str] = field(default_factory=list)
    taken: dt.datetime | None = None
    event: str = ""
    location: str = ""


class NotWritable(Exception):
    """This file cannot carry XMP and IPTC-IIM (HEIC, WebP) or its metadata is too damaged to rewrite."""


def _exiv2():  # noqa: ANN202 - the exiv2 module, quiet
    import exiv2

    exiv2.LogMsg.setLevel(exiv2.LogMsg.Level.mute)  # damaged metadata is normal; say nothing on stderr
    return exiv2


def _clean(text: str) -> str:
    text = text.replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch.isprintable() or ch == "\n")
    return text.strip()[:_TEXT_LIMIT]


# -- reading ---------------------------------------------------------------


def _iptc_text(raw: str, utf8: bool) -> str:
    """An IPTC value as exiv2 hands it over (bytes as surrogate escapes) → text."""
    data = raw.encode("utf-8", "surrogateescape")
    if not utf8:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")
    return data.decode("utf-8", "replace")


def _xmp_values(value) -> list[str]:  # noqa: ANN001 - an exiv2 Value
    exiv2 = _exiv2()
    if isinstance(value, exiv2.LangAltValue):
        langs = dict(value)
        first = langs.get("x-default") or next(iter(langs.values()), "")
        return [first] if first else []
    if isinstance(value, exiv2.XmpArrayValue):
        return [value.toString(i) for i in range(value.count())]
    text = value.toString()
    return [text] if text else []


def parse_date(text: str, time_text: str = "") -> dt.datetime | None:
    """``2025-03-14``, ``2025-03-14T09:30:00+07:00``, ``20250314`` (+ ``093000``) → a naive local datetime."""
    match = re.match(r"\s*(\d{4})-?(\d{2})?-?(\d{2})?(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?)?", text or "")
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    if hour is None and time_text:
        clock = re.match(r"\s*(\d{2}):?(\d{2})(?::?(\d{2}))?", time_text)
        if clock:
            hour, minute, second = clock.groups()
    try:
        when = dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    return when if 1900 <= when.year <= 2100 else None


def read(data: bytes) -> Embedded:
    """Caption, credit, keywords, date … from the XMP and IPTC-IIM of image bytes.

    Never raises: damaged or missing metadata gives what could be read.
    """
    found = Embedded()
    if not data:
        return found
    try:
        exiv2 = _exiv2()
        image = exiv2.ImageFactory.open(data)
        image.readMetadata()
        xmp: dict[str, list[str]] = {}
        for datum in image.xmpData():
            try:
                xmp.setdefault(datum.key(), []).extend(_xmp_values(datum.value()))
            except Exception:  # noqa: BLE001,S112 - one bad property must not hide the rest
                continue
        iptc: dict[str, list[str]] = {}
        raw = list(image.iptcData())
        utf8 = any(d.key() == "Iptc.Envelope.CharacterSet" and d.toString() == UTF8_MARKER for d in raw)
        for datum in raw:
            try:
                iptc.setdefault(datum.key(), []).append(_iptc_text(datum.toString(), utf8))
            except Exception:  # noqa: BLE001,S112
                continue
    except Exception:  # noqa: BLE001 - metadata is optional; the photo is not
        return found

    def first(*keys: str) -> str:
        for key in keys:
            source = xmp if key.startswith("Xmp.") else iptc
            for value in source.get(key, ()):
                text = _clean(value)
                if text:
                    return text
        return ""

    found.caption = first("Xmp.dc.description", "Iptc.Application2.Caption")
    found.creator = first("Xmp.dc.creator", "Iptc.Application2.Byline")
    found.credit = first("Xmp.photoshop.Credit", "Iptc.Application2.Credit") or found.creator
    found.event = first("Xmp.photoshop.Headline", "Iptc.Application2.Headline")
    found.location = first("Xmp.Iptc4xmpCore.Location", "Iptc.Application2.SubLocation")
    keywords = xmp.get("Xmp.dc.subject") or iptc.get("Iptc.Application2.Keywords") or []
    seen: set[str] = set()
    for word in keywords:
        word = _clean(word)[:100]
        if word and word.lower() not in seen:
            seen.add(word.lower())
            found.keywords.append(word)
    found.keywords = found.keywords[:_KEYWORD_LIMIT]
    for key in ("Xmp.exif.DateTimeOriginal", "Xmp.photoshop.DateCreated", "Xmp.xmp.CreateDate"):
        for value in xmp.get(key, ()):
            found.taken = found.taken or parse_date(value)
    if found.taken is None:
        for value in iptc.get("Iptc.Application2.DateCreated", ()):
            times = iptc.get("Iptc.Application2.TimeCreated", [""])
            found.taken = found.taken or parse_date(value, times[0])
    return found


# -- writing ---------------------------------------------------------------

# What :func:`embed` owns: set from Warta's fields, removed when a field is empty.
_XMP_KEYS = (
    "Xmp.dc.description", "Xmp.dc.title", "Xmp.dc.creator", "Xmp.dc.rights", "Xmp.dc.subject",
    "Xmp.photoshop.Credit", "Xmp.photoshop.Headline", "Xmp.photoshop.DateCreated", "Xmp.Iptc4xmpCore.Location",
)
_IPTC_KEYS = (
    "Iptc.Application2.Caption", "Iptc.Application2.Byline", "Iptc.Application2.Credit",
    "Iptc.Application2.Copyright", "Iptc.Application2.Keywords", "Iptc.Application2.Headline",
    "Iptc.Application2.DateCreated", "Iptc.Application2.TimeCreated", "Iptc.Application2.SubLocation",
)


def can_embed(data: bytes) -> bool:
    """Whether :func:`embed` can write into this kind of file."""
    try:
        exiv2 = _exiv2()
        kind = exiv2.ImageFactory.getType(data)
        return kind != exiv2.ImageType.none and kind != exiv2.ImageType.bmff and all(
            exiv2.ImageFactory.checkMode(kind, md) == exiv2.AccessMode.amReadWrite
            for md in (exiv2.MetadataId.mdXmp, exiv2.MetadataId.mdIptc)
        )
    except Exception:  # noqa: BLE001
        return False


def embed(data: bytes, *, caption: str = "", credit: str = "", keywords: list[str] | tuple[str, ...] = (),
          date: dt.date | None = None, event: str = "", location: str = "") -> bytes:
    """The same image with Warta's fields written as XMP and as IPTC-IIM (UTF-8, 1:90 marker).

    Other metadata (EXIF, other XMP and IPTC fields, ICC profile) is kept;
    the fields Warta owns are replaced, or removed when empty. Raises
    :class:`NotWritable` for a kind of file exiv2 cannot write.
    """
    if not can_embed(data):
        raise NotWritable()
    try:
        return _embed(data, caption, credit, keywords, date, event, location)
    except _exiv2().Exiv2Error as exc:  # metadata too damaged to rewrite
        raise NotWritable(str(exc)) from exc


def _embed(data: bytes, caption: str, credit: str, keywords, date, event: str, location: str) -> bytes:  # noqa: ANN001
    exiv2 = _exiv2()
    image = exiv2.ImageFactory.open(data)
    image.readMetadata()
    words = [w for w in dict.fromkeys(k.strip() for k in keywords) if w]

    xmp = image.xmpData()
    for key in _XMP_KEYS:
        while (pos := xmp.findKey(exiv2.XmpKey(key))) != xmp.end():
            xmp.erase(pos)

    def lang_alt(key: str, text: str) -> None:
        xmp.add(exiv2.XmpKey(key), exiv2.LangAltValue({"x-default": text}))

    def array(key: str, kind, values: list[str]) -> None:  # noqa: ANN001
        value = exiv2.XmpArrayValue(kind)
        for item in values:
            value.read(item)
        xmp.add(exiv2.XmpKey(key), value)

    if caption:
        lang_alt("Xmp.dc.description", caption)
    if event:
        lang_alt("Xmp.dc.title", event)
        xmp["Xmp.photoshop.Headline"] = event
    if credit:
        array("Xmp.dc.creator", exiv2.TypeId.xmpSeq, [credit])
        lang_alt("Xmp.dc.rights", credit)
        xmp["Xmp.photoshop.Credit"] = credit
    if words:
        array("Xmp.dc.subject", exiv2.TypeId.xmpBag, words)
    if date:
        xmp["Xmp.photoshop.DateCreated"] = date.isoformat()
    if location:
        xmp["Xmp.Iptc4xmpCore.Location"] = location
    image.setXmpData(xmp)

    # IPTC: every text dataset kept is re-encoded to UTF-8, so the 1:90
    # marker is true for the whole block.
    old = list(image.iptcData())
    was_utf8 = any(d.key() == "Iptc.Envelope.CharacterSet" and d.toString() == UTF8_MARKER for d in old)
    kept: list[tuple[str, str]] = []
    for datum in old:
        key = datum.key()
        if key in _IPTC_KEYS or key == "Iptc.Envelope.CharacterSet":
            continue
        try:
            text = datum.toString()
            kept.append((key, _iptc_text(text, was_utf8) if datum.typeId() == exiv2.TypeId.string else text))
        except Exception:  # noqa: BLE001,S112 - an unreadable dataset is dropped
            continue
    iptc = exiv2.IptcData()

    def put(key: str, text: str) -> None:
        datum = exiv2.Iptcdatum(exiv2.IptcKey(key))
        datum.setValue(text)
        iptc.add(datum)

    put("Iptc.Envelope.CharacterSet", UTF8_MARKER)
    for key, text in kept:
        put(key, text)
    if caption:
        put("Iptc.Application2.Caption", caption)
    if event:
        put("Iptc.Application2.Headline", event)
    if credit:
        put("Iptc.Application2.Byline", credit)
        put("Iptc.Application2.Credit", credit)
        put("Iptc.Application2.Copyright", credit)
    for word in words:
        put("Iptc.Application2.Keywords", word)
    if date:
        put("Iptc.Application2.DateCreated", date.isoformat())
    if location:
        put("Iptc.Application2.SubLocation", location)
    image.setIptcData(iptc)
    image.writeMetadata()
    return bytes(image.io().mmap())
