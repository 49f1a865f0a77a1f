"""Thumbnails for the photo grid, loaded off the UI thread and kept in an LRU cache.

The grid asks for a pixmap only when it paints a cell; a miss queues the
cached thumbnail file (a ~20 KB JPEG) for a worker thread, which reads it
with ``QImageReader`` into a ``QImage`` (thread-safe, unlike ``QPixmap``).
The newest requests are served first, so when the user flings the scroll
bar the cells now on screen load before the ones flown past. Originals are
never decoded here on the UI thread: a missing thumbnail is made again from
the original by a worker, and meanwhile the cell shows a placeholder.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from desktop.photos import api as photos

# A 320×240 thumbnail is ~300 KB as a pixmap: ~500 of them, several screens' worth.
CACHE_SIZE = 2000
CACHE_BYTES = 160 * 1024 * 1024
MAX_QUEUED = 400
PARALLEL = 3


class _Signals(QObject):
    loaded = Signal(str, QImage)
    missing = Signal(str)
    remade = Signal(str, bool)


class _Load(QRunnable):
    def __init__(self, sha: str, path: Path, signals: _Signals) -> None:
        super().__init__()
        self.sha, self.path, self.signals = sha, path, signals

    def run(self) -> None:
        reader = QImageReader(str(self.path))
        reader.setAutoTransform(False)  # thumbnails are stored upright
        image = reader.read()
        if image.isNull():
            self.signals.missing.emit(self.sha)
        else:
            self.signals.loaded.emit(self.sha, image)


class _Remake(QRunnable):
    def __init__(self, root: str, rel: str, sha: str, signals: _Signals) -> None:
        super().__init__()
        self.root, self.rel, self.sha, self.signals = root, rel, sha, signals

    def run(self) -> None:
        from desktop.photos import api as photos

        self.signals.remade.emit(self.sha, photos.make_thumbnail(self.root, self.rel, self.sha))


class ThumbnailLoader(QObject):
    """``pixmap(sha)`` returns a cached pixmap or None (and queues a load); ``ready`` follows."""

    ready = Signal(str)

    def __init__(self, root: Path, original_of: Callable[[str], str | None] | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.root = Path(root)
        self.original_of = original_of  # sha → library-relative original, to remake a lost thumbnail
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._bytes = 0
        self._pending: OrderedDict[str, None] = OrderedDict()
        self._inflight: set[str] = set()
        self._failed: set[str] = set()
        self._signals = _Signals(self)
        self._signals.loaded.connect(self._on_loaded)
        self._signals.missing.connect(self._on_missing)
        self._signals.remade.connect(self._on_remade)

    def pixmap(self, sha: str) -> QPixmap | None:
        found = self._cache.get(sha)
        if found is not None:
            self._cache.move_to_end(sha)
            return found
        if sha not in self._failed:
            self.request(sha)
        return None

    def request(self, sha: str) -> None:
        if sha in self._inflight:
            return
        self._pending[sha] = None
        self._pending.move_to_end(sha)
        while len(self._pending) > MAX_QUEUED:
            self._pending.popitem(last=False)  # scrolled past long ago
        self._pump()

    def forget(self, sha: str) -> None:
        pixmap = self._cache.pop(sha, None)
        if pixmap is not None:
            self._bytes -= _size(pixmap)
        self._failed.discard(sha)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until queued loads finished (tests and screenshots)."""
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._pending or self._inflight)

    def _pump(self) -> None:
        while self._pending and len(self._inflight) < PARALLEL:
            sha, _none = self._pending.popitem(last=True)  # newest first
            self._inflight.add(sha)
            self.pool.start(_Load(sha, photos.thumbnail_path(self.root, sha), self._signals))

    def _on_loaded(self, sha: str, image: QImage) -> None:
        self._inflight.discard(sha)
        pixmap = QPixmap.fromImage(image)
        self._cache[sha] = pixmap
        self._bytes += _size(pixmap)
        while self._cache and (self._bytes > CACHE_BYTES or len(self._cache) > CACHE_SIZE):
            _old, dropped = self._cache.popitem(last=False)
            self._bytes -= _size(dropped)
        self.ready.emit(sha)
        self._pump()

    def _on_missing(self, sha: str) -> None:
        self._inflight.discard(sha)
        self._failed.add(sha)
        rel = self.original_of(sha) if self.original_of else None
        if rel:
            self._inflight.add(sha)
            self.pool.start(_Remake(str(self.root), rel, sha, self._signals))
        self._pump()

    def _on_remade(self, sha: str, ok: bool) -> None:
        self._inflight.discard(sha)
        if ok:
            self._failed.discard(sha)
            self.request(sha)
        else:
            self.ready.emit(sha)  # the cell shows it has no picture
        self._pump()


def _size(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
