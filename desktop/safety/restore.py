"""Restore a ``.wartabackup`` into a NEW library folder, verifying everything first.

Never over an existing library (the open one included): the target must be
a new path or an empty folder. The archive is extracted into a hidden
staging folder beside the target; every member's name, size and SHA-256 is
checked while it is written; the database must pass SQLite's integrity
check and open as a Warta library; only then is the staging folder renamed
to the target. Any failure removes the staging folder and leaves nothing
behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from desktop import fsutil
from desktop.i18n import _
from desktop.jobs import Progress
from desktop.safety import archive
from desktop.safety.archive import BackupError
from desktop.errors import os_reason

# Head room left on the target disk beyond the backup's declared content.
SPACE_MARGIN = 64 * 1024 * 1024


@dataclass
class RestoreResult:
    path: Path
    files: int
    content_bytes: int
    seconds: float
    created_at: str = ""
    renditions: int | None = 0  # print renditions made again; None: left to be made on demand (cancelled)

    def to_json(self) -> dict:
        return {
            "library": str(self.path),
            "files": self.files,
            "content_bytes": self.content_bytes,
            "seconds": round(self.seconds, 3),
            "backup_created_at": self.created_at,
            "renditions_made": self.renditions,
        }


def check_target(target_dir: Path) -> Path:
    """Refuse anything but a new path or an empty folder."""
    from desktop.library import path_kind

    target = Path(target_dir).expanduser().absolute()
    path_kind(target)  # a name the system refuses (too long) is a sentence
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise BackupError(_("{path} already exists and is not a folder. Restore into a new folder.").format(path=target))
        if any(target.iterdir()):
            raise BackupError(
                _("{path} is not empty. Restore only into a new or empty folder; an existing library is never overwritten.").format(
                    path=target
                )
            )
    for parent in target.parents:
        if (parent / archive.DATABASE).is_file() or (parent / "server.json").is_file():
            # Its sweep would take the restored files for leftovers of its own.
            raise BackupError(
                _("{path} is inside the library {library}. Restore into a folder outside any library.").format(
                    path=target, library=parent
                )
            )
    return target


def restore(
    backup_file: Path | str, target_dir: Path | str, progress: Progress | None = None, *, password: str | None = None
) -> RestoreResult:
    """Restore ``backup_file`` into the new library folder ``target_dir``.

    A password-protected backup needs ``password`` (:class:`PasswordNeeded` without one).
    Once the library is in place, the print renditions the backup left out
    are made again (:func:`remake_renditions`).
    """
    started = time.perf_counter()
    progress = progress or Progress()
    source = Path(backup_file).expanduser().absolute()
    target = check_target(Path(target_dir))
    _check_source(source)
    parent = _make_parent(target)
    with _opened(source, parent, password) as plain:
        result = _restore_archive(plain, source, target, parent, progress, started)
    result.renditions = remake_renditions(result.path, progress)
    return result


def remake_renditions(library_path: Path, progress: Progress) -> int | None:
    """Make the restored library's missing print renditions; how many, or None when cancelled.

    A backup leaves renditions out (they are made from the originals), so
    without this every press kit after a restore waits for its photos. It is
    the last step of the restore, on the same worker and progress, while
    nobody uses the new library yet: the first kit is then as quick as
    ever. The library is restored and verified before this starts, so
    Cancel (or a photo that cannot be read) keeps it: what is left is made
    when a kit needs it.
    """
    from desktop.errors import Cancelled, WartaError
    from desktop.library import Library
    from desktop.photos import api as photos

    try:
        library = Library.open(library_path, create=False)
    except WartaError:
        return None  # opened once already while verifying; a kit will say what is wrong
    try:
        progress.report(0, 0, _("Preparing print copies"))
        return photos.make_renditions(library, progress=progress)
    except (Cancelled, WartaError):
        return None
    finally:
        library.close()


class PasswordNeeded(BackupError):
    """The backup is protected by a password and none was given."""


def is_protected(backup_file: Path | str) -> bool:
    from desktop.safety import crypto

    return crypto.is_encrypted(Path(backup_file))


@contextlib.contextmanager
def _opened(source: Path, parent: Path, password: str | None) -> Iterator[Path]:
    """The plain archive: ``source`` itself, or a sealed backup opened into a private temporary file."""
    from desktop.safety import crypto, sweep

    if not crypto.is_encrypted(source):
        yield source
        return
    if not password:
        raise PasswordNeeded(
            _("The backup {file} is protected by a password. Give it to restore the backup.").format(file=source)
        )
    try:
        plain, fd = sweep.private_temp(parent, sweep.BACKUP_TMP_PREFIX, ".zip")
    except OSError as exc:
        raise _cannot_write(parent, exc) from exc
    try:  # fd stays open (and locked) until the restore is done
        with os.fdopen(os.dup(fd), "w+b") as out, open(source, "rb") as src:
            try:
                crypto.decrypt(src, out, password, source=str(source))
            except OSError as exc:
                raise _cannot_write(parent, exc) from exc
        yield plain
    finally:
        os.close(fd)
        try:
            plain.unlink()
        except OSError:
            pass


def _restore_archive(source: Path, shown: Path, target: Path, parent: Path, progress: Progress, started: float) -> RestoreResult:
    with archive.open_archive(source, source=str(shown)) as zf:
        members = archive.check_members(zf, source=str(shown))
        manifest = archive.read_manifest(zf, members, source=str(shown))
        entries: list[archive.Entry] = manifest["entries"]
        declared = sum(e.size for e in entries)
        free = shutil.disk_usage(parent).free
        if declared + SPACE_MARGIN > free:
            raise BackupError(
                _("Not enough free space in {folder}: the backup holds {needed} MB, {free} MB are free.").format(
                    folder=parent, needed=declared // 2**20 + 1, free=free // 2**20
                )
            )
        with _staging(target) as staging:
            made: set[Path] = {staging}
            for i, entry in enumerate(entries):
                progress.check()
                progress.report(i, len(entries) + 1, entry.path)
                _extract(zf, entry, staging, made, source=str(shown), progress=progress)
            progress.report(len(entries), len(entries) + 1, archive.DATABASE)
            _check_database(staging / archive.DATABASE, source=str(shown))
            _open_library(staging)
    progress.report(len(entries) + 1, len(entries) + 1, "")
    return RestoreResult(
        target, len(entries), declared, time.perf_counter() - started, str(manifest.get("created_at", ""))
    )


def _check_source(source: Path) -> None:
    from desktop.library import path_kind, special_file_message

    kind = path_kind(source)
    if kind == "special":
        raise BackupError(special_file_message(source))
    if kind != "file":
        raise BackupError(_("The backup file {file} does not exist.").format(file=source))


def _make_parent(target: Path) -> Path:
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("Cannot create {path}: {error}").format(path=parent, error=os_reason(exc))) from exc
    return parent


def _cannot_write(folder: Path, exc: OSError) -> BackupError:
    if exc.errno == errno.ENOSPC:
        return BackupError(
            _("The disk holding {folder} is full, so nothing was restored. Free some space and try again.").format(folder=folder)
        )
    return BackupError(
        _("Cannot restore into {folder}: {error}. Nothing was restored; choose a folder you can write to.").format(
            folder=folder, error=os_reason(exc)
        )
    )


@contextlib.contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """A hidden, locked staging folder beside ``target``, renamed to it when the block succeeds.

    Any failure removes it; one left by a killed restore is removed by the
    next restore into the same folder (:func:`desktop.safety.sweep.remove_abandoned`).
    """
    from desktop.safety import sweep

    parent = target.parent
    sweep.remove_abandoned(parent)
    staging = parent / f"{sweep.RESTORE_TMP_PREFIX}{uuid.uuid4().hex[:12]}"
    try:
        staging.mkdir(mode=0o700)
        lock_fd = os.open(staging / sweep.RESTORE_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _cannot_write(parent, exc) from exc
    try:
        sweep.hold(lock_fd)
        try:
            yield staging
            os.close(lock_fd)
            lock_fd = -1
            os.unlink(staging / sweep.RESTORE_LOCK)
            if os.name == "posix":
                os.sync()
            if target.exists():
                target.rmdir()  # empty (checked before); rename needs it gone on every OS
            _owner_only(staging)
            os.rename(staging, target)
            fsutil.fsync_dir(parent)
        except OSError as exc:
            raise _cannot_write(parent, exc) from exc
    except BaseException:
        if lock_fd >= 0:
            os.close(lock_fd)
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _owner_only(root: Path) -> None:
    """Every folder of a restored library readable by its owner only (POSIX).

    ``mkdir(parents=True, mode=…)`` applies the mode to the last folder
    only; intermediate ones would follow the umask (often 0755).
    """
    if os.name != "posix":
        return
    for folder, _dirs, _files in os.walk(root):
        os.chmod(folder, 0o700)


def _extract(zf, entry: archive.Entry, staging: Path, made: set[Path], *, source: str, progress: Progress) -> None:  # noqa: ANN001
    dest = staging.joinpath(*entry.path.split("/"))
    # Names were checked already; this guards the join itself.
    if os.path.commonpath([os.path.abspath(dest), os.path.abspath(staging)]) != os.path.abspath(staging):
        raise BackupError(
            _("The backup {file} contains an unsafe or unexpected path '{name}'; it was not restored.").format(
                file=source, name=entry.path
            )
        )
    if dest.parent not in made:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        made.add(dest.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(dest, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        archive.copy_member(zf, entry, out, source=source, progress=progress)


def _check_database(db: Path, *, source: str) -> None:
    try:
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                raise BackupError(
                    _("The database in the backup {file} is damaged ({detail}); it was not restored.").format(
                        file=source, detail=rows[0]
                    )
                )
            from desktop.safety.backup import clear_locks

            _refuse_planted(db, source=source)
            clear_locks(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("The database in the backup {file} is damaged ({detail}); it was not restored.").format(file=source, detail=exc)
        ) from exc


def _refuse_planted(db: Path, *, source: str) -> None:
    """Refuse a backup whose database holds objects that are not Warta's or rows naming files outside the library."""
    from sqlalchemy import create_engine

    from database import schema
    from desktop.safety import sweep

    current = schema.file_state(db) is schema.SchemaState.CURRENT
    found = schema.file_foreign_objects(db, triggers_and_views_only=not current)
    if found:
        shown = ", ".join(f"{o.kind} {o.name}" for o in found[:5]) + (" …" if len(found) > 5 else "")
        raise BackupError(
            _(
                "The database in the backup {file} contains objects that are not part of Warta ({objects}); "
                "someone may have tampered with it. It was not restored."
            ).format(file=source, objects=shown)
        )
    engine = create_engine(f"sqlite:///{db}")
    try:
        unsafe = sweep.unsafe_claims(None, engine)
    finally:
        engine.dispose()
    if unsafe:
        from desktop.library import _shorten

        raise BackupError(
            _(
                "The backup {file} names files outside the library (e.g. '{path}'); someone may have tampered with it. "
                "It was not restored."
            ).format(file=source, path=_shorten(unsafe[0][0], 120))
        )


def _open_library(staging: Path) -> None:
    """Open the staged library once: refuses a newer schema, upgrades an older one."""
    from desktop.library import Library

    Library.open(staging, create=False).close()


def restore_snapshot(
    library, snapshot: Path | str, target_dir: Path | str, progress: Progress | None = None  # noqa: ANN001
) -> RestoreResult:
    """Make a new library from an automatic snapshot of ``library`` plus a copy of its files.

    Automatic backups hold only the database; the managed files (never
    rewritten in place) are copied from the library as it is now. Files
    removed since the snapshot are reported by ``warta check`` in the new
    library.
    """
    started = time.perf_counter()
    progress = progress or Progress()
    target = check_target(Path(target_dir))
    snapshot = Path(snapshot)
    _check_source(snapshot)
    from desktop.safety.backup import managed_files

    files = managed_files(library, include_renditions=True)
    needed = sum(p.stat().st_size for _n, p in files) + snapshot.stat().st_size
    parent = _make_parent(target)
    free = shutil.disk_usage(parent).free
    if needed + SPACE_MARGIN > free:
        raise BackupError(
            _("Not enough free space in {folder}: the backup holds {needed} MB, {free} MB are free.").format(
                folder=parent, needed=needed // 2**20 + 1, free=free // 2**20
            )
        )
    with _staging(target) as staging:
        shutil.copyfile(snapshot, staging / archive.DATABASE)
        for i, (name, path) in enumerate(files):
            progress.check()
            progress.report(i, len(files) + 1, name)
            dest = staging.joinpath(*name.split("/"))
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(path, dest)
        progress.report(len(files), len(files) + 1, archive.DATABASE)
        _check_database(staging / archive.DATABASE, source=str(snapshot))
        _open_library(staging)
    progress.report(len(files) + 1, len(files) + 1, "")
    return RestoreResult(target, len(files) + 1, needed, time.perf_counter() - started, "")
