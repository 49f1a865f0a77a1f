"""Photo import: files and folders → untouched originals, thumbnails and rows.

The expensive part — reading, hashing, decoding (which validates the whole
file), EXIF and the thumbnail — runs in a pool of worker processes (two: the
office PCs this is written for have two cores). Each worker also writes the
original into the library (temporary name, fsync, rename) *before* the main
process commits its row, in small batches. Cancel stops the pool; files
written for rows not yet committed are removed again, so a cancelled import
keeps exactly what was committed.

Print renditions are made by the same worker from the same decode as the
thumbnail (each photo is read and decoded once: at the rendition's scale,
and the thumbnail is scaled from that). A rendition the worker could not
make is tried again in a second pass, and one still missing is made on
demand by ``store.print_rendition``. With ``renditions=False`` the worker
decodes at thumbnail scale only, the quickest way to a usable grid.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import os
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from desktop.errors import Cancelled, os_reason
from desktop.i18n import _
from desktop.jobs import ImportResult, Progress
from desktop.photos import files, imaging, metadata

WORKERS = 2
BATCH_SIZE = 25
# Up to this many missing print renditions (a press kit's photos) are made on threads, more in worker processes.
THREADED_RENDITIONS = 64
# Files named like system clutter found while walking folders; never photos.
_CLUTTER = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class _Task:
    source: str
    skip_present: bool = True
    index: int = 0  # position in the input: ids and result lists follow it


# -- collecting files ------------------------------------------------------


def _sniff_file(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(32)


def _not_a_photo(path: Path, head: bytes) -> str:
    foreign = imaging.foreign_format(head)
    if foreign:
        return _("The file is in {kind} format; Warta accepts {formats} photos.").format(
            kind=foreign, formats=imaging.FORMAT_LABEL
        )
    return _("Not a photo ({ext} file); Warta accepts {formats}.").format(
        ext=path.suffix.lower() or _("no extension"), formats=imaging.FORMAT_LABEL
    )


def collect(paths: Iterable[str | os.PathLike], result: ImportResult, *, library_root: Path | None = None) -> list[str]:
    """Files to decode, in input order; everything else rejected at once.

    Paths are reported as given (a folder's files joined onto the folder as
    given); a folder's files come in sorted path order, so ids are the same
    on every run.

    Inside folders, only the first bytes of a file without a photo extension
    are read (to catch a photo saved without one), so a folder of thousands
    of documents is dealt with in a moment. The library's own folder is
    never walked (importing a folder that contains the library).
    """
    found: list[str] = []
    seen: set[str] = set()
    skip = os.path.normcase(os.path.abspath(library_root)) if library_root else None

    def consider(given: str, explicit: bool) -> None:
        key = os.path.normcase(os.path.abspath(given))
        if key in seen:
            return
        seen.add(key)
        path = Path(given)
        name = path.name
        if not explicit and (name.startswith(".") or name.lower() in _CLUTTER):
            return  # hidden files, AppleDouble "._IMG.JPG", Thumbs.db
        if path.suffix.lower() in imaging.IMAGE_EXTENSIONS:
            found.append(given)
            return
        try:
            head = _sniff_file(path)
        except OSError as exc:
            result.reject(given, _("Cannot read the file: {error}").format(error=os_reason(exc)))
            return
        if imaging.sniff(head):
            found.append(given)
        else:
            result.reject(given, _not_a_photo(path, head))

    for raw in paths:
        given = os.fspath(raw)
        path = Path(given)
        if path.is_dir():
            if skip and os.path.normcase(os.path.abspath(path)).startswith(skip):
                result.reject(given, _("This folder is inside the Warta library; its photos are already managed."))
                continue
            inside: list[tuple[tuple[str, ...], str]] = []
            for root, dirs, names in os.walk(given, onerror=None):
                dirs[:] = [
                    d
                    for d in dirs
                    if not d.startswith(".") and os.path.normcase(os.path.abspath(os.path.join(root, d))) != skip
                ]
                for name in names:
                    full = os.path.join(root, name)
                    if os.path.isfile(full):
                        inside.append((Path(os.path.relpath(full, given)).parts, full))
            # Sorted by path components ("sub/b" between "a" and "z").
            for _parts, full in sorted(inside):
                consider(full, explicit=False)
        elif path.is_file():
            consider(given, explicit=True)
        elif path.exists():
            result.reject(given, _("Not a regular file."))
        else:
            result.reject(given, _("The file or folder does not exist."))
    return found


# -- worker side -----------------------------------------------------------


# Held by a worker while it writes a file into the library; the watchdog
# takes it before ending the process, so no temporary file is left half-written.
_writing = threading.Lock()


def _init_worker(language: str) -> None:
    from desktop import i18n

    i18n.set_language(language)
    _watch_parent()


def _watch_parent() -> None:
    """End this worker as soon as the process that started it is gone.

    A pool's workers wait for work on a queue whose writing end they hold
    themselves, so when the importing process is killed (``kill -9``, a
    crash, Task Manager) they would wait forever, and the resource tracker
    with them. ``multiprocessing.parent_process().sentinel`` becomes ready
    when the parent dies, on Linux and macOS (the end of a pipe only the
    parent holds) as on Windows (a handle of the parent process). A daemon
    thread waits on it, lets a write in progress finish (its temporary
    file renamed into place or removed) and ends the process.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        try:
            wait([parent.sentinel])
        except OSError:
            pass
        _writing.acquire()
        os._exit(0)

    threading.Thread(target=watch, name="warta-parent-watchdog", daemon=True).start()


def _present(root: Path, sha256: str) -> str | None:
    for ext in set(imaging.FORMAT_EXT.values()):
        rel = files.original_rel(sha256, ext)
        if (root / rel).is_file():
            return rel
    return None


def process_file(source: str, root: str, skip_present: bool = True, rendition: bool = False) -> dict:
    """Read, hash, validate, describe and store one file (runs in a worker).

    Returns a plain dict (it crosses a process boundary): ``status`` is
    ``ok``, ``present`` (the original is already in the library folder) or
    ``rejected`` with a ``reason``. With ``rendition`` the print rendition
    is made from the same decode (``"rendition": True`` when written).
    """
    from desktop.fsutil import atomic_write_bytes

    lib = Path(root)
    try:
        size = os.path.getsize(source)
        if size > imaging.MAX_FILE_BYTES:
            return {"status": "rejected", "source": source, "reason": _("The file is larger than 512 MB.")}
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return {
            "status": "rejected",
            "source": source,
            "reason": _("Cannot read the file: {error}").format(error=os_reason(exc)),
        }
    sha = hashlib.sha256(data).hexdigest()
    if skip_present and data:
        rel = _present(lib, sha)
        if rel:
            return {"status": "present", "source": source, "sha256": sha, "path": rel}
    rendition_data = None
    try:
        if rendition:
            # Resized while the decode is open: no copy of the whole decoded picture.
            with imaging.decoding(data, edge=imaging.RENDITION_EDGE) as (img, info, opened):
                img = imaging.rendition_image(img)
                if img is opened:  # already within the rendition's size: the opened picture is closed below
                    img = img.copy()
            rendition_data = imaging.jpeg_bytes(img, imaging.RENDITION_QUALITY)
        else:
            img, info = imaging.decode(data, edge=imaging.THUMB_EDGE)
        thumb = imaging.fit(img, imaging.THUMB_EDGE)
        thumb_data = imaging.jpeg_bytes(thumb, imaging.THUMB_QUALITY)
        dh, ah = imaging.dhash(thumb), imaging.ahash(thumb)
    except imaging.ImageRejected as exc:
        return {"status": "rejected", "source": source, "reason": str(exc)}
    ext = imaging.FORMAT_EXT.get(info.format, "bin")
    rel = files.original_rel(sha, ext)
    target = lib / rel
    created = False
    with _writing:
        if not (target.is_file() and target.stat().st_size == len(data)):
            atomic_write_bytes(target, data)
            created = True
        atomic_write_bytes(files.thumbnail_path(lib, sha), thumb_data)
        if rendition_data is not None:
            atomic_write_bytes(files.rendition_path(lib, sha), rendition_data)
    exif = info.exif
    embedded = metadata.read(data)  # XMP and IPTC-IIM: caption, credit, keywords, date
    found = {"caption": embedded.caption, "credit": embedded.credit, "tags": embedded.keywords,
             "location": embedded.location}
    return {
        **{key: value for key, value in found.items() if value},
        "status": "ok",
        "rendition": rendition_data is not None,
        "source": source,
        "sha256": sha,
        "path": rel,
        "created": created,
        "format": info.format,
        "size_bytes": len(data),
        "width": info.width,
        "height": info.height,
        "orientation": exif.orientation,
        # EXIF's date, else the one XMP or IPTC states; never the day of import.
        "taken": exif.taken or embedded.taken,
        "camera": exif.camera,
        "gps_lat": exif.gps_lat,
        "gps_lon": exif.gps_lon,
        "artist": exif.artist,
        "copyright": exif.copyright,
        "phash": dh,
        "ahash": ah,
    }


def make_thumbnail(root: str, rel_path: str, sha256: str) -> bool:
    """Write the grid thumbnail of one managed original again (repair, or a lost cache)."""
    from desktop.fsutil import atomic_write_bytes

    lib = Path(root)
    try:
        img, _info = imaging.decode((lib / rel_path).read_bytes(), edge=imaging.THUMB_EDGE)
        payload = imaging.thumbnail_bytes(img)
        with _writing:
            atomic_write_bytes(files.thumbnail_path(lib, sha256), payload)
    except (OSError, imaging.ImageRejected):
        return False
    return True


def make_rendition(root: str, rel_path: str, sha256: str) -> bool:
    """Write the print rendition of one managed original (runs in a worker)."""
    from desktop.fsutil import atomic_write_bytes

    lib = Path(root)
    try:
        payload = imaging.rendition_from((lib / rel_path).read_bytes())
        with _writing:
            atomic_write_bytes(files.rendition_path(lib, sha256), payload)
    except (OSError, imaging.ImageRejected):
        return False
    return True


# -- main side -------------------------------------------------------------


class _Inline:
    """Runs tasks in this thread; for a handful of files a pool costs more than it saves."""

    def submit(self, fn, *args):  # noqa: ANN001, ANN202
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - delivered through the future
            fut.set_exception(exc)
        return fut

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:  # noqa: ARG002
        pass


def _pool(workers: int):  # noqa: ANN202
    import multiprocessing

    from desktop import i18n

    # spawn, not fork: the window runs imports from a thread, and forking a
    # threaded Qt process can deadlock; Windows only has spawn anyway.
    return cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(i18n.current_language(),),
    )


class _Run:
    """One import: the pool, the pending batch and the bookkeeping for cancel."""

    def __init__(self, library, event: str | None, result: ImportResult, progress: Progress) -> None:  # noqa: ANN001
        from desktop import office

        self.library = library
        self.root = str(library.path)
        self.event = (event or "").strip() or None
        self.result = result
        self.progress = progress
        self.credit = office.load(library).default_credit
        self.pending: list[dict] = []
        self.committed: set[str] = set()  # sha256 committed during this run
        self.batch_shas: set[str] = set()  # sha256 of the pending batch
        self.pending_dupes: list[tuple[int, str]] = []  # (input index, sha256) repeating a pending file
        self.added_order: list[tuple[int, int]] = []  # (input index, photo id)
        self.existing_order: list[tuple[int, int]] = []
        self.added_ids: list[tuple[int, str, str]] = []  # (id, path, sha) for renditions
        self.executor = None  # a process pool, or _Inline for a handful of files
        self.renditions = True  # workers make print renditions from the same decode

    def known(self, sha: str) -> int | None:
        from sqlalchemy import select

        from database.models.photos import Photo

        with self.library.store.read() as s:
            return s.scalar(select(Photo.id).where(Photo.sha256 == sha))

    def commit(self) -> None:
        """Commit the pending batch; on failure remove the files it created."""
        from desktop.photos import store

        batch, self.pending = self.pending, []
        dupes, self.pending_dupes = self.pending_dupes, []
        self.batch_shas = set()
        if not batch:
            return
        try:
            outcome = store.insert_imported(self.library, batch, event=self.event, credit=self.credit)
        except BaseException:
            self.discard(batch)
            raise
        ids: dict[str, int] = {}
        for item, (status, photo_id) in zip(batch, outcome):
            ids[item["sha256"]] = photo_id
            if status == "added":
                self.added_order.append((item["index"], photo_id))
                self.committed.add(item["sha256"])
                if not item.get("rendition"):
                    self.added_ids.append((photo_id, item["path"], item["sha256"]))
            else:
                self.existing_order.append((item["index"], photo_id))
        for index, sha in dupes:
            self.existing_order.append((index, ids[sha]))

    def finish(self) -> None:
        """Fill the result: plain lists of photo ids, in input order (the CLI contract)."""
        self.result.added = [photo_id for _i, photo_id in sorted(self.added_order)]
        self.result.existing = [photo_id for _i, photo_id in sorted(self.existing_order)]

    def discard(self, batch: list[dict]) -> None:
        """Remove files written for rows that will never be committed."""
        for item in batch:
            if item.get("status") != "ok" or not item.get("created"):
                continue
            if item["sha256"] in self.committed or self.known(item["sha256"]):
                continue
            root = Path(self.root)
            made = (root / item["path"], files.thumbnail_path(root, item["sha256"]),
                    files.rendition_path(root, item["sha256"]))
            for path in made:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass

    def handle(self, res: dict, task: _Task) -> _Task | None:
        """Take one worker result, in input order; returns a task to redo, or None when settled."""
        source = res["source"]
        if res["status"] == "rejected":
            self.result.reject(source, res["reason"])
            return None
        sha = res["sha256"]
        if res["status"] == "present":
            if sha in self.batch_shas:
                self.pending_dupes.append((task.index, sha))  # same bytes earlier in this batch
                return None
            photo_id = self.known(sha)
            if photo_id is not None:
                self.existing_order.append((task.index, photo_id))
                return None
            # A file left by an interrupted import (or written a moment ago
            # by a worker busy with a later copy), with no row: do it properly.
            return _Task(source, skip_present=False, index=task.index)
        self.batch_shas.add(sha)
        self.pending.append({**res, "index": task.index})
        if len(self.pending) >= BATCH_SIZE:
            self.commit()
        return None


def import_paths(
    library,  # noqa: ANN001 - desktop.library.Library
    paths: Iterable[str | os.PathLike],
    *,
    event: str | None = None,
    progress: Progress | None = None,
    workers: int = WORKERS,
    renditions: bool = True,
) -> ImportResult:
    """Import photos from files and folders (recursively).

    Every file ends as added, existing (the same bytes are already in the
    library, under any name) or rejected with a reason. Cancel keeps the
    photos whose batch committed; ``result.cancelled`` is then set.
    """
    progress = progress or Progress()
    result = ImportResult()
    progress.report(0, 0, _("Looking for photos…"))
    tasks = deque(_Task(s, index=i) for i, s in enumerate(collect(paths, result, library_root=library.path)))
    total = len(tasks)
    if not tasks:
        return result
    run = _Run(library, event, result, progress)
    run.renditions = renditions
    run.executor = _Inline() if total <= 2 or workers <= 1 else _pool(min(workers, total))
    window: deque[list] = deque()
    try:
        try:
            _drive(run, tasks, window, total, workers)
            run.commit()
        except Cancelled:
            result.cancelled = True
            leftovers, run.pending = run.pending, []
            # Let running workers finish so the files they write can be removed.
            run.executor.shutdown(wait=True, cancel_futures=True)
            for _task, fut in window:
                if fut is not None and fut.done() and not fut.cancelled() and fut.exception() is None:
                    leftovers.append(fut.result())
            run.discard(leftovers)
            run.finish()
            return result
        run.finish()
        if renditions and run.added_ids:
            _renditions(run, progress)
    except BaseException:
        run.executor.shutdown(wait=True, cancel_futures=True)
        run.discard(run.pending)
        raise
    finally:
        run.executor.shutdown(wait=True, cancel_futures=True)
    progress.report(total, total, "")
    return result


def _drive(run: _Run, tasks: deque, window: deque, total: int, workers: int) -> None:
    """Feed the pool and settle results in input order until every file is done.

    ``window`` holds ``[task, future]`` pairs in input order: workers run
    ahead on the files after the head, but results are taken from the head
    only, so rows (and their ids) are inserted in input order whatever
    order the workers finish in.
    """
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    limit = max(2, workers * 3)
    alone = False  # after a worker died: one file at a time until the culprit is found
    while tasks or window:
        run.progress.check()
        if not alone:
            while tasks and len(window) < limit:
                window.append([tasks.popleft(), None])
        busy = any(fut is not None and not fut.done() for _t, fut in window)
        for entry in window:
            if entry[1] is None:
                if alone and busy:
                    break
                task = entry[0]
                entry[1] = run.executor.submit(process_file, task.source, run.root, task.skip_present, run.renditions)
                busy = True
        task, fut = window[0]
        if fut is None:
            # One at a time, but a later file is still running (submitted to
            # the pool in the moment it broke): let it end first. If it
            # failed it is tried again in its turn, alone.
            _settle_stray(run, window)
            continue
        if not fut.done():
            cf.wait([fut], timeout=0.1)
            continue
        window.popleft()
        try:
            res = fut.result()
        except BrokenProcessPool:
            # A worker died (a decoder crash, out of memory): the pool is
            # gone. Retry the files not yet done one at a time; the one that
            # kills a worker alone is rejected, the others import.
            if alone:
                run.result.reject(task.source, _("The image made the decoder crash; it is damaged or hostile."))
                done += 1
                run.progress.report(done, total, os.path.basename(task.source))
            else:
                window.appendleft([task, None])
                for entry in window:
                    other = entry[1]
                    if other is not None and (not other.done() or other.cancelled() or other.exception() is not None):
                        entry[1] = None
                alone = True
            run.executor.shutdown(wait=False, cancel_futures=True)
            run.executor = _pool(1)
            continue
        redo = run.handle(res, task)
        if redo is not None:
            window.appendleft([redo, None])
            continue
        done += 1
        run.progress.report(done, total, os.path.basename(task.source))
        if alone and not window:
            # Culprit found: back to the full pool for the remaining files.
            alone = False
            if tasks and workers > 1:
                run.executor.shutdown(wait=True)
                run.executor = _pool(min(workers, len(tasks)))


def _settle_stray(run: _Run, window: deque) -> None:
    running = [entry[1] for entry in window if entry[1] is not None and not entry[1].done()]
    if running:
        cf.wait(running, timeout=0.1)
    broken = False
    for entry in window:
        other = entry[1]
        if other is not None and other.done() and (other.cancelled() or other.exception() is not None):
            entry[1] = None
            broken = True
    if broken:
        run.executor.shutdown(wait=False, cancel_futures=True)
        run.executor = _pool(1)


def _renditions(run: _Run, progress: Progress) -> None:
    try:
        _make_in(run.library, run.executor, list(run.added_ids), progress)
    except Cancelled:
        pass  # the photos are imported; missing renditions are made on demand


def make_renditions(library, photo_ids: Iterable[int] | None = None, *, progress: Progress | None = None,  # noqa: ANN001
                    workers: int = WORKERS) -> int:
    """Make the print renditions missing from the library (of ``photo_ids``, or of every photo).

    ``workers`` at a time. A press kit's photos (up to :data:`THREADED_RENDITIONS`)
    are made on threads of this process: Pillow lets go of the GIL while it
    decodes and resizes, so two threads use two cores, and what two spawned
    workers cost on every cold kit (their start, imports and fresh memory:
    0.2 s of a 1.8 s 20-photo kit on two cores, 0.57 s of its 3.4 CPU
    seconds) is not spent; threads end with this process, so nothing can
    outlive it.
    A larger sweep (after a restore, thousands of originals) runs in the
    import's worker processes (ending when this process dies: see
    :func:`_watch_parent`), where a decoder crashing on a damaged file takes
    a worker down, not the window. Cancel keeps what was made. Returns how
    many were made.
    """
    from desktop.photos import store

    progress = progress or Progress()
    todo = store.missing_renditions(library, photo_ids)
    if not todo:
        return 0
    workers = min(workers, len(todo))
    if workers <= 1:
        executor = _Inline()
    elif len(todo) <= THREADED_RENDITIONS:
        executor = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="warta-rendition")
    else:
        executor = _pool(workers)
    try:
        return _make_in(library, executor, todo, progress)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _make_in(library, executor, todo: list[tuple[int, str, str]], progress: Progress) -> int:  # noqa: ANN001
    """Make the renditions of ``todo`` ((id, path, sha256) each) with ``executor``; record their state."""
    from desktop.photos import store

    root = str(library.path)
    total = len(todo)
    futures = {executor.submit(make_rendition, root, path, sha): photo_id for photo_id, path, sha in todo}
    ready: list[int] = []
    failed: list[int] = []
    made = 0
    finished_count = 0
    try:
        for fut in cf.as_completed(futures):
            progress.check()
            photo_id = futures[fut]
            try:
                (ready if fut.result() else failed).append(photo_id)
            except Exception:  # noqa: BLE001 - a rendition is remade later on demand
                failed.append(photo_id)
            finished_count += 1
            progress.report(finished_count, total, _("Preparing print copies"))
            if len(ready) + len(failed) >= 50:
                made += len(ready)
                store.set_rendition_state(library, ready, failed)
                ready, failed = [], []
    except Cancelled:
        for fut in futures:
            fut.cancel()
        store.set_rendition_state(library, ready, failed)  # what was made stays made
        raise
    made += len(ready)
    store.set_rendition_state(library, ready, failed)
    return made
