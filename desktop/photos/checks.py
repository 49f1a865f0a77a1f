"""``warta check`` for the photo archive: every original present and intact.

Reports each photo whose original is missing or no longer matches its
SHA-256, thumbnails and renditions that went missing, and a search index out
of step. With ``repair``, thumbnails and renditions are made again and the
index is rebuilt. Originals cannot be repaired: restore them from a backup.
Files no row owns (an import interrupted between writing a file and
committing its row) and temporary files are moved to ``quarantine/`` by the
safety area's ``leftovers`` check, which knows the photo folders.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from database import fts
from desktop.check import repaired
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
        conn = s.connection()
        index_problems = fts.check(conn, store.FTS) + fts.check_content(
            conn, store.FTS, store.FTS_SELECT
        )
    renditions_ready: list[int] = []
    from desktop.library import is_managed_name

    for pid, sha, rel, size, rendition_state in rows:
        if not is_managed_name(rel) or not is_managed_name(files.thumbnail_rel(sha)):
            continue  # reported as tampering by desktop.safety.checks:stored_paths
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
    return problems
