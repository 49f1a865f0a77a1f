"""Backups: automatic database snapshots inside the library, and "Backup now" files.

*Automatic* backups are database snapshots (``backups/auto-YYYYmmdd-HHMMSS.db``)
taken with SQLite's online backup API while the app keeps working: on close,
and at most once a day while open (:func:`auto_backup_if_due`). They guard
the records (the irreplaceable part) against damage and mistakes; the photos
themselves are never rewritten, so copying them again every day would only
double the library's size. Retention keeps the newest snapshot of each of the
last ``KEEP_DAILY`` days and of each of the last ``KEEP_WEEKLY`` weeks.

*Backup now* (:func:`export_backup`) writes one ``.wartabackup`` file to any
folder (a USB disk): every managed file, then the database snapshot plus
any file its rows name that appeared meanwhile, and a manifest of SHA-256
hashes (see :mod:`desktop.safety.archive`). It is written under a
temporary name, flushed, read back and re-hashed, and only then renamed to
its real name, so a file with the real name is always a complete, verified
backup. The time of the last one is kept in ``warta_meta`` for the Beranda
reminder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop import fsutil
from desktop.i18n import _
from desktop.jobs import Progress
from desktop.safety import archive
from desktop.safety.archive import BackupError
from desktop.errors import os_reason

AUTO_PREFIX = "auto-"
AUTO_SUFFIX = ".db"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
AUTO_INTERVAL = dt.timedelta(hours=24)
REMIND_AFTER_DAYS = 7
LAST_EXTERNAL_KEY = "last_external_backup"
# Head room left on the target disk beyond the estimated size.
SPACE_MARGIN = 32 * 1024 * 1024


@dataclass
class AutoBackup:
    path: Path
    taken_at: dt.datetime  # local time, from the file name
    size: int


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    content_bytes: int
    seconds: float

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "size_bytes": self.size,
            "files": self.files,
            "content_bytes": self.content_bytes,
            "seconds": round(self.seconds, 3),
        }


# -- database snapshots ----------------------------------------------------------


def snapshot_database(library, target: Path) -> Path:  # noqa: ANN001 - desktop.library.Library
    """Write a consistent, durable copy of the library database to ``target``.

    Uses the online backup API through the foundation's helper (the app keeps
    reading and writing meanwhile: WAL) — or, for a server library, a
    verified copy of every row into a new SQLite file — then makes the copy self-contained
    (no WAL), drops edit locks nobody holds in a copy, flushes it and renames
    it into place.
    """
    from database.schema import backup_database

    target = Path(target)
    tmp = target.with_name(f"{fsutil.TMP_PREFIX}{target.name}")
    try:
        if getattr(library, "is_server", False):
            # A server library is backed up as a plain SQLite library: the same
            # .wartabackup restores into a folder anywhere (and can move back
            # with ``warta library migrate``).
            from database import transfer

            transfer.copy_to_sqlite_file(library.store.engine, tmp)
        else:
            backup_database(library.store.engine, tmp)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            # A copy of damaged pages would be called a backup and not restore.
            damage = _integrity(conn)
            if damage:
                raise BackupError(damaged_database_message(library, damage))
            clear_locks(conn)
        finally:
            conn.close()
        _fsync_file(tmp)
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        fsutil.fsync_dir(target.parent)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + ".part"), tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            try:
                leftover.unlink()
            except OSError:
                pass
        raise
    return target


def integrity_problems(db: Path) -> list[str]:
    """What SQLite's integrity check finds in a database file ([] when sound)."""
    try:
        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _integrity(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def _integrity(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    if rows == ["ok"]:
        return []
    return [line for row in rows for line in row.splitlines() if line.strip() and not line.startswith("***")]


def restore_hint(library) -> str:  # noqa: ANN001
    """What to do about a damaged database: the newest automatic backup by name, else ``warta restore``."""
    snapshots = [b for b in auto_backups(library) if not integrity_problems(b.path)][:1]
    if snapshots:
        return _("Restore the newest sound automatic backup ({file}) with Settings → Backups, or a backup file with 'warta restore'.").format(
            file=snapshots[0].path.name
        )
    return _("Restore the library from a backup (warta restore).")


def damaged_database_message(library, problems: list[str]) -> str:  # noqa: ANN001
    """One sentence for a damaged library database: what SQLite found and what to do."""
    hint = restore_hint(library)
    return _(
        "The library database is damaged (SQLite found {count} problem(s), e.g. \"{detail}\"), so no backup was made: "
        "a copy of damaged data would not restore. Your earlier backups are kept. {hint}"
    ).format(count=len(problems), detail=problems[0][:200], hint=hint)


def clear_locks(conn: sqlite3.Connection) -> None:
    from desktop.safety import locks

    conn.execute("BEGIN")
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "edit_locks" in tables:
            locks.clear_all(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _renditions_to_remake(db: Path) -> None:
    """In a snapshot whose backup leaves renditions out, mark them "to be made".

    The photos area then makes them again from the originals on demand (and
    ``warta check`` does not report them missing in the restored library).
    """
    from desktop.photos import api as photos

    conn = sqlite3.connect(db, isolation_level=None)
    try:
        photos.renditions_to_remake(conn)
    finally:
        conn.close()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- automatic backups -------------------------------------------------------------


def auto_backups(library) -> list[AutoBackup]:  # noqa: ANN001
    """Automatic snapshots in the library, newest first."""
    folder = library.path / "backups"
    found = []
    if folder.is_dir():
        for entry in os.scandir(folder):
            taken = _parse_auto_name(entry.name)
            if taken is not None and entry.is_file():
                found.append(AutoBackup(Path(entry.path), taken, entry.stat().st_size))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def _parse_auto_name(name: str) -> dt.datetime | None:
    m = re.fullmatch(r"auto-(\d{8}-\d{6})\.db", name)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def auto_backup(library, *, now: dt.datetime | None = None) -> AutoBackup:  # noqa: ANN001
    """Take an automatic snapshot now, then apply retention."""
    now = now or dt.datetime.now()
    folder = library.folder("backups")
    target = folder / f"{AUTO_PREFIX}{now:%Y%m%d-%H%M%S}{AUTO_SUFFIX}"
    snapshot_database(library, target)
    prune_auto_backups(library)
    return AutoBackup(target, now.replace(microsecond=0), target.stat().st_size)


def auto_backup_if_due(library, *, now: dt.datetime | None = None) -> AutoBackup | None:  # noqa: ANN001
    """The "at most daily while open" rule: snapshot if the newest is a day old."""
    now = now or dt.datetime.now()
    existing = auto_backups(library)
    if existing and now - existing[0].taken_at < AUTO_INTERVAL:
        return None
    return auto_backup(library, now=now)


def retained(backups: list[AutoBackup]) -> set[Path]:
    """Which snapshots retention keeps: newest per day (7 days), newest per ISO week (4 weeks)."""
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for b in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        day = b.taken_at.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(b.path)
        week = tuple(b.taken_at.isocalendar()[:2])
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)  # type: ignore[arg-type]
            keep.add(b.path)
    return keep


def prune_auto_backups(library) -> list[Path]:  # noqa: ANN001
    """Delete automatic snapshots retention no longer keeps (only ``auto-*.db``)."""
    backups = auto_backups(library)
    keep = retained(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


# -- backup now ----------------------------------------------------------------------


def managed_files(library, *, include_renditions: bool = False) -> list[tuple[str, Path]]:  # noqa: ANN001
    """(archive name, absolute path) of every managed file a backup carries."""
    folders = archive.FOLDERS + (archive.OPTIONAL_FOLDERS if include_renditions else ())
    found = []
    for folder in folders:
        root = library.path / folder
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.startswith(fsutil.TMP_PREFIX):
                    continue
                path = Path(dirpath) / name
                if path.is_symlink() or not path.is_file():
                    continue
                rel = path.relative_to(library.path).as_posix()
                try:
                    archive.check_member_name(rel, source="")
                except BackupError:
                    continue  # a name restore would refuse (e.g. a backslash); never made by Warta
                found.append((rel, path))
    return found


def default_backup_name(library, now: dt.datetime) -> str:  # noqa: ANN001
    from desktop import office

    profile = office.load(library)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", profile.short_name or profile.name or "Warta").strip("-")[:40] or "Warta"
    return f"{slug}-{now:%Y-%m-%d-%H%M%S}{archive.SUFFIX}"


def export_backup(
    library,  # noqa: ANN001
    folder: Path | str,
    *,
    progress: Progress | None = None,
    include_renditions: bool = False,
    now: dt.datetime | None = None,
    password: str | None = None,
) -> BackupResult:
    """Backup now: one verified ``.wartabackup`` file in ``folder``.

    ``password``: seal the file with it (:mod:`desktop.safety.crypto`); a
    restore then asks for it.
    """
    from database.schema import schema_label
    from desktop import __version__

    started = time.perf_counter()
    progress = progress or Progress()
    now = now or dt.datetime.now()
    folder = Path(folder).expanduser().absolute()
    _check_target_folder(library, folder)
    files = managed_files(library, include_renditions=include_renditions)
    target = folder / default_backup_name(library, now)
    estimate = sum(_size(p) for _n, p in files) + _size(library.db_path) + SPACE_MARGIN
    _check_space(folder, estimate)

    from desktop.safety import sweep

    sweep.remove_abandoned(folder)  # what a killed backup left on this disk
    entries: list[archive.Entry] = []
    total_steps = 2 * (len(files) + 1)
    try:
        with _archive_file(library, target, password) as fh:
            # Level 1: the database deflates almost as well as at 6, several times faster;
            # photos are stored as they are anyway.
            with zipfile.ZipFile(fh, "w", allowZip64=True, compresslevel=1) as zf:
                # Files first, then the snapshot: a photo deleted meanwhile leaves a
                # harmless extra file (swept in the restored library), while one
                # imported meanwhile has its file in place before its row commits,
                # so the top-up below finds every file the snapshot names.
                done_names: set[str] = set()
                for i, (name, path) in enumerate(files):
                    progress.check()
                    progress.report(i, total_steps, name)
                    entry = _add_file(zf, name, path, progress, None)
                    if entry is not None:
                        entries.append(entry)
                        done_names.add(name)
                progress.report(len(files), total_steps, archive.DATABASE)
                snap = library.folder("backups") / f"{fsutil.TMP_PREFIX}export-{os.getpid()}.db"
                try:
                    snapshot_database(library, snap)
                    if not include_renditions:
                        _renditions_to_remake(snap)
                    for name in _claimed_by_snapshot(library, snap, include_renditions):
                        if name not in done_names:
                            entry = _add_file(zf, name, library.path / name, progress, None)
                            if entry is not None:
                                entries.append(entry)
                    entries.append(_add_file(zf, archive.DATABASE, snap, progress, now))
                finally:
                    _unlink(snap)
                manifest = {
                    "format": archive.FORMAT,
                    "version": archive.VERSION,
                    "created_at": now.astimezone().isoformat(timespec="seconds"),
                    "warta": __version__,
                    "library_id": library.library_id,
                    "schema": schema_label(library.store.engine),
                    "include_renditions": include_renditions,
                }
                info = zipfile.ZipInfo(archive.MANIFEST, date_time=now.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100600) << 16
                zf.writestr(info, archive.manifest_json(manifest, entries))
            # Read back what reached the disk and re-hash everything before the
            # file gets its real name.
            fh.flush()
            os.fsync(fh.fileno())
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            fh.seek(0)
            done = len(files) + 1

            def verify_progress(d: int, _t: int, current: str) -> None:
                progress.report(done + d, total_steps, current)

            with archive.open_archive(fh, source=str(target)) as check:
                archive.verify(check, source=str(target), progress=Progress(verify_progress, progress._cancel))
    except OSError as exc:
        raise BackupError(
            _("The backup could not be written to {folder}: {error}. Nothing was changed in the library.").format(
                folder=folder, error=os_reason(exc)
            )
        ) from exc
    size = target.stat().st_size
    record_external_backup(library, target, size, now)
    progress.report(total_steps, total_steps, "")
    return BackupResult(target, size, len(entries), sum(e.size for e in entries), time.perf_counter() - started)


@contextlib.contextmanager
def _archive_file(library, target: Path, password: str | None):  # noqa: ANN001, ANN202
    """Where the archive is written: the target's temporary file, or with a password a private
    plain copy inside the library that is sealed into the target's temporary file afterwards
    and checked by opening it again."""
    from desktop.safety import crypto, sweep

    if password is None:
        with fsutil.atomic_write(target, "w+b", private=True, prefix=sweep.BACKUP_TMP_PREFIX) as fh:
            sweep.hold(fh.fileno())
            yield fh
        return
    crypto.check_password(password)
    plain, fd = sweep.private_temp(library.folder("backups"), f"{fsutil.TMP_PREFIX}export-plain-", ".zip")
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.seek(0)
            with fsutil.atomic_write(target, "w+b", private=True, prefix=sweep.BACKUP_TMP_PREFIX) as out:
                sweep.hold(out.fileno())
                sealed = crypto.encrypt(fh, out, password)
                out.flush()
                os.fsync(out.fileno())
                out.seek(0)
                if crypto.decrypt(out, None, password, source=str(target)) != sealed:
                    raise BackupError(_("The backup {file} is damaged: {name} does not match its recorded checksum.").format(
                        file=target, name=target.name))
    finally:
        _unlink(plain)


def _claimed_by_snapshot(library, snap: Path, include_renditions: bool) -> list[str]:  # noqa: ANN001
    """Managed files the snapshot's rows name (in the folders this backup carries)."""
    from sqlalchemy import create_engine

    from desktop.safety import sweep

    folders = archive.FOLDERS + (archive.OPTIONAL_FOLDERS if include_renditions else ())
    engine = create_engine(f"sqlite:///{snap}")
    try:
        claims = sweep.claimed_files(library, engine)
    finally:
        engine.dispose()
    return sorted(name for name in claims if name.split("/", 1)[0] in folders)


def _add_file(zf: zipfile.ZipFile, name: str, path: Path, progress: Progress, when: dt.datetime | None) -> archive.Entry | None:
    import hashlib

    try:
        src = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return None  # removed since the listing (a delete committed meanwhile)
    with src:
        st = os.fstat(src.fileno())
        stamp = (when or dt.datetime.fromtimestamp(st.st_mtime)).timetuple()[:6]
        info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
        info.compress_type = archive.compress_type(name)
        info.external_attr = (0o100600) << 16
        digest = hashlib.sha256()
        size = 0
        with zf.open(info, "w", force_zip64=st.st_size > (1 << 31)) as out:
            while True:
                block = src.read(archive.CHUNK)
                if not block:
                    break
                digest.update(block)
                out.write(block)
                size += len(block)
                progress.check()
    return archive.Entry(name, size, digest.hexdigest())


def _check_target_folder(library, folder: Path) -> None:  # noqa: ANN001
    from desktop.library import path_kind, special_file_message

    kind = path_kind(folder)
    if kind == "special":
        raise BackupError(special_file_message(folder))
    if kind != "folder":
        raise BackupError(_("The backup folder {folder} does not exist. Choose an existing folder or a USB disk.").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(_("The backup folder {folder} is not writable. Choose another folder.").format(folder=folder))
    if fsutil.is_inside(folder, library.path):
        raise BackupError(
            _("Choose a folder outside the library ({library}) for a backup: a backup inside the library does not survive losing it.").format(
                library=library.path
            )
        )


def _check_space(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise BackupError(
            _("Not enough free space in {folder}: the backup needs about {needed} MB, {free} MB are free.").format(
                folder=folder, needed=needed // 2**20 + 1, free=free // 2**20
            )
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# -- last external backup ----------------------------------------------------------------


def record_external_backup(library, path: Path, size: int, when: dt.datetime) -> None:  # noqa: ANN001
    from database.models import Meta

    value = json.dumps({"at": when.astimezone().isoformat(timespec="seconds"), "path": str(path), "size": size})
    with library.store.write() as tx:
        row = tx.session.get(Meta, LAST_EXTERNAL_KEY)
        if row is None:
            tx.session.add(Meta(key=LAST_EXTERNAL_KEY, value=value))
        else:
            row.value = value
        tx.touch("warta_meta")


def last_external_backup(library) -> dict | None:  # noqa: ANN001
    """``{"at": aware datetime, "path": str, "size": int}`` of the last Backup now, or None."""
    from database.models import Meta

    with library.store.read() as s:
        row = s.get(Meta, LAST_EXTERNAL_KEY)
        raw = row.value if row else ""
    try:
        data = json.loads(raw)
        data["at"] = dt.datetime.fromisoformat(data["at"])
        return data
    except (ValueError, KeyError, TypeError):
        return None


def overview_cards(library, staff_id: int | None) -> list:  # noqa: ANN001, ARG001
    """Beranda: a warning card when the last external backup is over a week old (or never)."""
    from desktop.overview import Card, CardItem

    last = last_external_backup(library)
    now = dt.datetime.now().astimezone()
    if last is not None and now - last["at"] < dt.timedelta(days=REMIND_AFTER_DAYS):
        return []
    if last is None:
        text = _("No backup on another disk yet.")
    else:
        text = _("Last backup on another disk: {days} days ago.").format(days=(now - last["at"]).days)
    # Beranda cards show one short line per item.
    items = [CardItem(text=text, type="backup"), CardItem(text=_("Settings → Backups → Backup now"), type="backup")]
    return [Card(title=_("Backup"), items=items, warning=True, order=5)]

