"""``warta check`` for the photo archive: every original present and intact.

Reports each photo whose original is missing or no longer matches its
SHA-256, thumbnails and renditions that went missing, a search index out of
step, and files in ``photos/`` that no row points to (left by an import that
was interrupted between writing the file and committing its row). With
``repair``, thumbnails and renditions are made again, the index is rebuilt,
stray files move to ``quarantine/`` and leftover temporary files are removed.
Originals cannot be repaired: restore them from a backup.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sqlalchemy import select

from database import fts
from desktop.check import repaired
from desktop.fsutil import TMP_PREFIX
from desktop.i18n import _
from desktop.photos import files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    from database.models.photos import Photo
    from desktop.photos import importer, store

    P = Photo.__table__
    root = library.path
    problems: list[str] = []
    with library.store.read() as s:
        rows = s.execute(select(P.c.id, P.c.sha256, P.c.path, P.c.size_bytes, P.c.rendition_state)).all()
        index_problems = fts.check(s.connection(), store.FTS_TABLE, "photos")
    known_paths = set()
    renditions_ready: list[int] = []
    for pid, sha, rel, size, rendition_state in rows:
        known_paths.add(rel)
        original = root / rel
        if not original.is_file():
            problems.append(
                _("photo {id}: the original {path} is missing; restore it from a backup.").format(id=pid, path=rel)
            )
            continue
        if original.stat().st_size != size or _sha256(original) != sha:
            problems.append(
                _("photo {id}: the original {path} is damaged (its content changed); restore it from a backup.").format(
                    id=pid, path=rel
                )
            )
            continue
        if not files.thumbnail_path(root, sha).is_file():
            message = _("photo {id}: thumbnail missing").format(id=pid)
            if repair and importer.make_thumbnail(str(root), rel, sha):
                problems.append(repaired(message))
            else:
                problems.append(message)
        rendition = files.rendition_path(root, sha)
        if not rendition.is_file() and (repair or rendition_state == "ok"):
            message = _("photo {id}: print rendition missing").format(id=pid)
            if repair and importer.make_rendition(str(root), rel, sha):
                renditions_ready.append(pid)
                if rendition_state == "ok":
                    problems.append(repaired(message))
            elif rendition_state == "ok":
                problems.append(message)
    if renditions_ready:
        store.set_rendition_state(library, renditions_ready)
    if index_problems:
        if repair:
            store.rebuild_index(library)
            problems.extend(repaired(p) for p in index_problems)
        else:
            problems.extend(index_problems)
    problems.extend(_strays(library, known_paths, repair))
    return problems


def _strays(library, known_paths: set[str], repair: bool) -> list[str]:  # noqa: ANN001
    problems = []
    folder = library.path / "photos"
    if not folder.is_dir():
        return problems
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(library.path).as_posix()
        if path.name.startswith(TMP_PREFIX):
            message = _("{path}: temporary file left by an interrupted import").format(path=rel)
            if repair:
                path.unlink(missing_ok=True)
                problems.append(repaired(message))
            else:
                problems.append(message)
        elif rel not in known_paths:
            message = _("{path}: a photo file no photo refers to").format(path=rel)
            if repair:
                target = library.folder("quarantine") / path.name
                shutil.move(str(path), target)
                problems.append(repaired(message) + " → " + target.relative_to(library.path).as_posix())
            else:
                problems.append(message)
    return problems
