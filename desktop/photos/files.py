"""Where a photo's files live inside the library, all derived from its SHA-256.

``photos/<aa>/<sha256>.<ext>`` holds the untouched original;
``thumbnails/<aa>/<sha256>.jpg`` and ``renditions/<aa>/<sha256>.jpg`` hold the
grid thumbnail and the print rendition. Two hex digits of fan-out keep any
folder to a few hundred files even with 100,000 photos.
"""

from __future__ import annotations

from pathlib import Path


def original_rel(sha256: str, ext: str) -> str:
    return f"photos/{sha256[:2]}/{sha256}.{ext}"


def thumbnail_rel(sha256: str) -> str:
    return f"thumbnails/{sha256[:2]}/{sha256}.jpg"


def rendition_rel(sha256: str) -> str:
    return f"renditions/{sha256[:2]}/{sha256}.jpg"


def thumbnail_path(root: Path, sha256: str) -> Path:
    return root / thumbnail_rel(sha256)


def rendition_path(root: Path, sha256: str) -> Path:
    return root / rendition_rel(sha256)
