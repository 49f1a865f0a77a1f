"""Export photos for a newsroom: resized JPEGs that carry their caption.

A resized export is a JPEG with the caption, credit, keywords and date
embedded as EXIF (ImageDescription, Artist, Copyright, DateTimeOriginal,
XPTitle), as XMP and as IPTC-IIM (``desktop.photos.metadata``), so the
caption travels with the photo into any newsroom tool and back into Warta.

"Original" (full-size) exports are the original's own bytes with only the
XMP and IPTC-IIM blocks added: pixels, EXIF and colour profile untouched.
A HEIC or WebP original (or one whose metadata is too damaged to rewrite)
cannot carry them and is copied unchanged; the
result says so (``metadata_embedded``).

File names: ``<date>_<event>_<nnn>.jpg``, e.g. ``2025-03-14_rapat-pleno_001.jpg``;
a photo with no known date is named without one (``rapat-pleno_001.jpg``)
and carries no date inside: an export never invents a capture date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from desktop.errors import Cancelled, ValidationError, os_reason
from desktop.i18n import _
from desktop.jobs import Progress

LONG_EDGES = (1600, 2048, 0)  # 0: the original, untouched


@dataclass
class ExportResult:
    written: list[dict] = field(default_factory=list)  # {"id", "file"}
    failed: list[dict] = field(default_factory=list)  # {"id", "reason"}
    metadata_embedded: bool = True
    cancelled: bool = False

    def to_json(self) -> dict:
        return {
            "written": list(self.written),
            "failed": list(self.failed),
            "metadata_embedded": self.metadata_embedded,
        }

    @property
    def exit_code(self) -> int:
        if not self.failed and not self.cancelled:
            return 0
        return 1 if self.written else 2


def slug(text: str, limit: int = 60) -> str:
    """``rakor-pengawasan-kabupaten`` for file names: ASCII words, cut between words.

    A name cut inside a word (``…-2025-kabu``) reads as a typo; only a single
    word longer than ``limit`` is cut inside.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    whole = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(whole) <= limit:
        return whole
    cut = whole[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut else whole[:limit]


def export_name(date: dt.date | None, event: str, sequence: int, ext: str) -> str:
    name = f"{slug(event) or 'foto'}_{sequence:03d}.{ext}"
    return f"{date.isoformat()}_{name}" if date else name


def _free_name(folder: Path, date: dt.date | None, event: str, sequence: int, ext: str, taken: set[str]) -> tuple[str, int]:
    """The next name not already in the folder (an export never overwrites)."""
    while True:
        name = export_name(date, event, sequence, ext)
        if name not in taken and not (folder / name).exists():
            taken.add(name)
            return name, sequence
        sequence += 1


def export_photos(
    library,  # noqa: ANN001
    ids: Iterable[int],
    folder: str | os.PathLike,
    *,
    long_edge: int = 2048,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the photos ``ids`` into ``folder``; one bad photo does not stop the rest."""
    from desktop.fsutil import atomic_copy, atomic_write_bytes
    from desktop.photos import imaging, metadata, store

    if long_edge not in LONG_EDGES:
        raise ValidationError(
            _("The long edge must be 1600, 2048 or 0 (the original), not {value}.").format(value=long_edge)
        )
    progress = progress or Progress()
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        raise ValidationError(_("Choose at least one photo to export."))
    out = Path(folder).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(
            _("Cannot create the export folder {path}: {error}").format(path=out, error=os_reason(exc))
        ) from exc
    if not os.access(out, os.W_OK):
        raise ValidationError(_("The export folder {path} is not writable.").format(path=out))
    infos = [store.get_photo(library, pid) for pid in ids]  # unknown ids: nothing written
    result = ExportResult()
    taken_names: set[str] = set()
    sequence = 1
    for done, info in enumerate(infos):
        try:
            progress.check()
        except Cancelled:
            result.cancelled = True
            break
        progress.report(done, len(infos), info.file_name)
        # The day the photo was taken or its caption states; never the day of import.
        date = info.date or (info.taken.date() if info.taken else None)
        meta = imaging.Caption(caption=info.caption, credit=info.credit, date=date, event=info.event,
                               location=info.location, keywords=list(info.tags))
        try:
            if not long_edge:
                ext = Path(info.path).suffix.lstrip(".") or "jpg"
                original = library.managed(info.path)
                data = original.read_bytes()
                try:
                    payload = imaging.embed_caption(data, meta)
                except metadata.NotWritable:
                    payload = None
                    result.metadata_embedded = False
                name, sequence = _free_name(out, date, info.event, sequence, ext, taken_names)
                if payload is None:
                    atomic_copy(original, out / name)
                else:
                    atomic_write_bytes(out / name, payload)
            else:
                if long_edge <= imaging.RENDITION_EDGE:
                    data = store.print_rendition(library, info.id).read_bytes()
                else:
                    data = library.managed(info.path).read_bytes()
                img, _decoded = imaging.decode(data, edge=long_edge)
                payload = imaging.export_jpeg(img, meta, long_edge=long_edge)
                name, sequence = _free_name(out, date, info.event, sequence, "jpg", taken_names)
                atomic_write_bytes(out / name, payload)
        except (OSError, imaging.ImageRejected, ValidationError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            result.failed.append({"id": info.id, "reason": reason})
            continue
        sequence += 1
        result.written.append({"id": info.id, "file": str(out / name)})
    progress.report(len(result.written) + len(result.failed), len(infos), "")
    return result
