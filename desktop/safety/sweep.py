"""Leftovers after a crash: temporary files and files no row owns go to ``quarantine/``.

Warta never deletes them: a leftover is moved to
``quarantine/<YYYYmmdd-HHMMSS>/<its relative path>`` so a person can still
look at it. Rows whose managed file is missing are reported, never "fixed".

Another Warta (a second window, a ``warta`` command) may be writing the same
library right now; its temporary files and the files of an import whose rows
are not committed yet look exactly like leftovers. So every process that
opens a library holds a shared lock on ``.warta-session``
(:func:`register_session`); a sweep that can take that lock exclusively
knows it is alone and sweeps everything, otherwise it only touches files
older than ``BUSY_MIN_AGE``.

Opening a library only sweeps the library's top level and the top of each
managed folder (cheap even with 20,000 photos); :func:`sweep` with
``deep=True`` walks everything and runs from ``warta check`` and from a
background task in the window.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.fsutil import TMP_PREFIX

SESSION_FILE = ".warta-session"
# When another process uses the library, leave anything younger than this.
BUSY_MIN_AGE = 6 * 3600
# Folders whose every file belongs to a row (an orphan there is a leftover).
OWNED_FOLDERS = ("photos", "thumbnails", "renditions", "files")
# Folders swept for temporary files only.
TEMP_FOLDERS = OWNED_FOLDERS + ("exports", "backups")


@dataclass
class SweepReport:
    moved: list[str] = field(default_factory=list)  # library-relative paths moved
    destination: str = ""  # quarantine sub-folder (relative)
    skipped_busy: int = 0  # recent leftovers left alone: another Warta is working


# -- session lock ----------------------------------------------------------------


def register_session(library) -> None:  # noqa: ANN001 - desktop.library.Library
    """Hold a shared lock on the library for as long as this process has it open."""
    if os.name != "posix" or getattr(library, "_safety_session", None) is not None:
        return
    import fcntl
    import weakref

    try:
        fd = os.open(library.path / SESSION_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        pass  # someone holds it exclusively for a moment (a sweep); we are still registered by the fd
    library._safety_session = fd
    # Closed exactly once: by release_session (Library.close) or, if the
    # library is dropped unclosed, when it is garbage collected. Closing a
    # number twice could close a file SQLite reopened under it.
    library._safety_close = weakref.finalize(library, _close_fd, fd)


def _close_fd(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def release_session(library) -> None:  # noqa: ANN001
    closer = getattr(library, "_safety_close", None)
    library._safety_session = None
    library._safety_close = None
    if closer is not None:
        closer()  # a weakref.finalize runs at most once


def alone(library) -> bool:  # noqa: ANN001
    """True when no other process has this library open (POSIX; False when unknown)."""
    if os.name != "posix":
        return False
    import fcntl

    fd = getattr(library, "_safety_session", None)
    own = fd is not None
    if not own:
        try:
            fd = os.open(library.path / SESSION_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    finally:
        if own:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                pass
        else:
            _close_fd(fd)


# -- leftovers of a killed backup or restore outside the library -------------------------------

BACKUP_TMP_PREFIX = TMP_PREFIX + "backup-"
RESTORE_TMP_PREFIX = TMP_PREFIX + "restore-"
RESTORE_LOCK = ".warta-restore.lock"
# Without advisory locks (Windows), what is older than this is taken for a leftover.
UNLOCKED_MIN_AGE = 24 * 3600


def hold(fd: int) -> None:
    """Mark a temporary file or folder as being worked on by this process (released when it dies)."""
    if os.name == "posix":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass


def _abandoned(path: Path) -> bool:
    """True when no living process holds ``path`` (see :func:`hold`)."""
    if os.name != "posix":
        try:
            return time.time() - path.stat().st_mtime > UNLOCKED_MIN_AGE
        except OSError:
            return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def private_temp(folder: Path, prefix: str, suffix: str = "") -> tuple[Path, int]:
    """A new temporary file only its owner may read (a backup's plain archive), held by this process.

    Returns its path and an open read-write descriptor; the caller closes and removes it.
    """
    import uuid

    path = folder / f"{prefix}{uuid.uuid4().hex[:12]}{suffix}"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    hold(fd)
    return path, fd


def remove_abandoned(folder: Path) -> list[str]:
    """Delete what a killed backup or restore left in ``folder``: its hidden temporary file or staging folder.

    Only Warta's own names (``.warta-tmp-backup-*`` files, ``.warta-tmp-restore-*``
    folders) and only when the process that made them is gone: one still
    writing holds a lock on it.
    """
    import shutil

    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.name.startswith(BACKUP_TMP_PREFIX) and entry.is_file(follow_symlinks=False):
                if _abandoned(path):
                    path.unlink()
                    removed.append(entry.name)
            elif entry.name.startswith(RESTORE_TMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                lock = path / RESTORE_LOCK
                if lock.is_file() and not lock.is_symlink():
                    stale = _abandoned(lock)
                else:  # killed before it took its lock (or by an older Warta)
                    stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > 3600
                if stale:
                    shutil.rmtree(path)
                    removed.append(entry.name)
        except OSError:
            continue
    return removed


# -- finding leftovers -----------------------------------------------------------------


def _temp_files(root: Path, folders: tuple[str, ...], deep: bool) -> list[Path]:
    found: list[Path] = []
    with os.scandir(root) as it:
        for entry in it:
            if entry.name.startswith(TMP_PREFIX) and entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    for folder in folders:
        top = root / folder
        if not top.is_dir():
            continue
        stack = [top]
        while stack:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    if entry.name.startswith(TMP_PREFIX):
                        if entry.is_file(follow_symlinks=False):
                            found.append(Path(entry.path))
                    elif deep and entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
    return found


def claimed_files(library, engine=None) -> dict[str, tuple[str, str | None]]:  # noqa: ANN001
    """Every managed file a row owns: relative path → (owning area, expected SHA-256 or prefix or None).

    ``engine``: read another copy of the database (a backup's snapshot) instead.
    """
    from sqlalchemy import inspect, text

    claims: dict[str, tuple[str, str | None]] = {}
    with (engine or library.store.engine).connect() as conn:
        tables = set(inspect(conn).get_table_names())
        logo = conn.execute(text("SELECT logo FROM office WHERE id = 1")).scalar()
        if logo:
            stem = Path(logo).stem  # files/logo-<first 16 hex of sha256>.<ext>
            claims[logo] = ("office", stem[5:] if stem.startswith("logo-") else None)
        if "photos" in tables:
            from desktop.photos import api as photos

            claims.update((path, ("photos", sha)) for path, sha in photos.claimed_files(conn).items())
        if "claim_screenshots" in tables:
            from desktop.claims import api as claims_api

            claims.update((path, ("claims", sha)) for path, sha in claims_api.claimed_files(conn).items())
    return claims


def unsafe_claims(library, engine=None) -> list[tuple[str, str]]:  # noqa: ANN001
    """(path, owning area) of every row naming a file outside the library's managed folders.

    A lexical check (cheap enough for every open); :meth:`Library.managed`
    also follows links at each use.
    """
    from desktop.library import is_managed_name

    return sorted(
        (str(rel), owner) for rel, (owner, _sha) in claimed_files(library, engine).items() if not is_managed_name(rel)
    )


def _orphans(library, claims: dict) -> list[Path]:  # noqa: ANN001
    found = []
    root = library.path
    for folder in OWNED_FOLDERS:
        top = root / folder
        if not top.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(top):
            for name in names:
                if name.startswith(TMP_PREFIX):
                    continue
                path = Path(dirpath) / name
                if path.relative_to(root).as_posix() not in claims:
                    found.append(path)
    return found


def sweep(
    library,  # noqa: ANN001
    *,
    deep: bool = True,
    orphans: bool = True,
    min_age: float = 0,
    now: float | None = None,
) -> SweepReport:
    """Move leftovers into ``quarantine/<stamp>/`` and say what moved.

    Only files older than ``min_age`` seconds are touched, or older than
    ``BUSY_MIN_AGE`` while another process has the library open. The window
    passes a few minutes, since its own import threads may be writing.
    """
    report = SweepReport()
    candidates = _temp_files(library.path, TEMP_FOLDERS, deep)
    if orphans:
        candidates += _orphans(library, claimed_files(library))
    if not candidates:
        return report
    is_alone = alone(library)
    now = time.time() if now is None else now
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest_root = library.folder("quarantine") / stamp
    for path in candidates:
        try:
            age = now - path.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue  # gone meanwhile: its writer finished
        if age < (min_age if is_alone else max(min_age, BUSY_MIN_AGE)):
            report.skipped_busy += 1
            continue
        rel = path.relative_to(library.path)
        target = dest_root / rel
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        n = 1
        while target.exists():
            target = target.with_name(f"{rel.name}.{n}")
            n += 1
        try:
            os.rename(path, target)
        except OSError:
            continue
        report.moved.append(rel.as_posix())
    if report.moved:
        report.destination = dest_root.relative_to(library.path).as_posix()
    else:
        try:
            dest_root.rmdir()
        except OSError:
            pass
    return report


def on_open(library) -> SweepReport:  # noqa: ANN001
    """What :meth:`Library.open` does: register this process, sweep the top-level temp files,
    and make storage failures speak plainly (:mod:`desktop.safety.errors`)."""
    from desktop.safety import errors

    errors.install(library)
    register_session(library)
    unsafe = unsafe_claims(library)
    if unsafe:
        from desktop.i18n import _
        from desktop.library import _shorten

        library.warnings = [
            _(
                "{count} record(s) of this library name files outside it (e.g. '{path}'): someone may have tampered "
                "with it. Warta will not read, copy or delete those files; run 'warta check'."
            ).format(count=len(unsafe), path=_shorten(unsafe[0][0], 80))
        ]
    try:
        return sweep(library, deep=False, orphans=False)
    except OSError:
        return SweepReport()  # never let housekeeping stop a library from opening


# -- missing and damaged files ---------------------------------------------------------


def missing_files(library) -> list[str]:  # noqa: ANN001
    """Relative paths of managed originals a row names but the folder lacks."""
    return sorted(
        rel
        for rel, (_owner, digest) in claimed_files(library).items()
        if digest is not None and not (library.path / rel).is_file()
    )


# -- what the window's background scan found (shown on Beranda) -----------------------------

FINDINGS: dict[str, dict] = {}  # library path -> {"missing": [...], "moved": [...], "destination": str}


def scan(library, *, min_age: float = 0) -> dict:  # noqa: ANN001
    """Full sweep plus the missing-file report, remembered for Beranda (see :func:`overview_cards`)."""
    report = sweep(library, deep=True, orphans=True, min_age=min_age)
    found = {"missing": missing_files(library), "moved": report.moved, "destination": report.destination}
    FINDINGS[str(library.path)] = found
    return found


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def overview_cards(library, staff_id: int | None) -> list:  # noqa: ANN001, ARG001
    """Beranda: files the records name but the folder lacks, and leftovers moved aside."""
    from desktop.i18n import _
    from desktop.overview import Card, CardItem

    found = FINDINGS.get(str(library.path)) or {"missing": [], "moved": []}
    warnings = list(getattr(library, "warnings", ()))
    if not (found["missing"] or found["moved"] or warnings):
        return []
    # Beranda cards show one short line per item.
    items = [CardItem(_("Records name files outside the library: possible tampering; see 'warta check'."))] if warnings else []
    if found["missing"]:
        items.append(
            CardItem(
                _("{count} recorded file(s) missing, e.g. {name}").format(
                    count=len(found["missing"]), name=_short(found["missing"][0].rsplit("/", 1)[-1])
                )
            )
        )
        items.append(CardItem(_("Restore from a backup; 'warta check' lists all.")))
    if found["moved"]:
        items.append(
            CardItem(
                _("{count} leftover file(s) moved to {folder}").format(
                    count=len(found["moved"]), folder=found["destination"]
                )
            )
        )
    return [Card(title=_("Library check"), items=items, warning=bool(found["missing"] or warnings), order=6)]
