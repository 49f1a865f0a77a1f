"""``warta check`` entries of the data-safety area (registered in ``desktop.check.CHECKS``).

- :func:`leftovers`: sweeps temporary files and files no row owns into
  ``quarantine/`` (safe at any time, so it also runs without ``--repair``)
  and says what it moved.
- :func:`managed_files`: every managed file a row names exists and matches
  its SHA-256, for the areas that do not check their own files (today the
  office logo; ``desktop.photos.checks`` verifies originals, thumbnails and
  renditions itself, and ``desktop.claims.store.check`` the screenshots, so
  photos and claims are skipped here).
"""

from __future__ import annotations

import hashlib

from desktop.check import repaired
from desktop.i18n import _
from desktop.errors import os_reason

LIST_LIMIT = 20
# Areas whose own CHECKS entry verifies their files (see desktop/check.py).
SELF_CHECKED = frozenset({"photos", "claims"})


def schema_objects(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001
    """Triggers, views, tables … that are not Warta's (a library opened with ``remove_foreign`` moved them aside)."""
    from database import schema
    from desktop.library import foreign_objects_message

    problems = [repaired(line) for line in library.quarantined_schema]
    with library.store.engine.connect() as conn:
        found = schema.foreign_objects(conn)
    if found:
        problems.append(foreign_objects_message(library.path, found))
    return problems


def stored_paths(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001
    """Rows naming a file outside the library: reported as tampering, never as a damaged file."""
    from desktop.safety import sweep

    return [attack_message(rel, owner) for rel, owner in sweep.unsafe_claims(library)]


def attack_message(rel: str, owner: str) -> str:
    from desktop.library import _shorten

    return _(
        "possible attack: a {owner} record names '{path}' as its file, a path outside the library. "
        "Someone changed this library's database; Warta will not read, copy or delete that file. "
        "Restore the library from a backup you trust."
    ).format(owner=owner, path=_shorten(rel, 200))


def leftovers(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001
    from desktop.safety import sweep

    report = sweep.sweep(library, deep=True, orphans=True)
    if not report.moved:
        return []
    shown = ", ".join(report.moved[:LIST_LIMIT]) + (" …" if len(report.moved) > LIST_LIMIT else "")
    return [
        repaired(
            _("moved {count} leftover file(s) (temporary files or files no record owns) to {folder}: {files}").format(
                count=len(report.moved), folder=report.destination, files=shown
            )
        )
    ]


def managed_files(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001
    from desktop.safety import sweep

    problems: list[str] = []
    for rel, (owner, expected) in sorted(sweep.claimed_files(library).items()):
        if expected is None or owner in SELF_CHECKED:
            continue
        path = library.path / rel
        if not path.is_file():
            problems.append(
                _("missing file: {path} is recorded in the library but is not in its folder; restore it from a backup.").format(
                    path=rel
                )
            )
            continue
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            problems.append(_("unreadable file: {path} ({error})").format(path=rel, error=os_reason(exc)))
            continue
        if not digest.hexdigest().startswith(expected):
            problems.append(
                _("damaged file: {path} no longer matches its recorded checksum; restore it from a backup.").format(path=rel)
            )
    return problems
