"""Where a photo's files live inside the library, all derived from its SHA-256.

``photos/<aa>/<sha256>.<ext>`` holds the untouched original;
``thumbnails/<aa>/<sha256>.jpg`` and ``renditions/<aa>/<sha256>.jpg`` hold the
grid thumbnail and the print rendition. Two hex digits of fan-out keep any
folder to a few hundred files even with 100,000 photos.
"""

from __future__ import annotations

import re
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")


def original_rel(sha256: str, ext: str) -> str:
    return f"photos/{sha256[:2]}/{sha256}.{ext}"


def thumbnail_rel(sha256: str) -> str:
    return f"thumbnails/{sha256[:2]}/{sha256}.jpg"


def rendition_rel(sha256: str) -> str:
    return f"renditions/{sha256[:2]}/{sha256}.jpg"


def _checked(sha256: str) -> str:
    """A stored SHA-256 names files: one that is not 64 hex digits (a tampered row) is refused."""
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        from desktop.errors import LibraryError
        from desktop.library import outside_message

        raise LibraryError(outside_message(sha256))
    return sha256


def thumbnail_path(root: Path, sha256: str) -> Path:
    return root / thumbnail_rel(_checked(sha256))


def rendition_path(root: Path, sha256: str) -> Path:
    return root / rendition_rel(_checked(sha256))
