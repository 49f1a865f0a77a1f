"""Photo import workers end when the process that started them dies (kill -9), leaving no temporary files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import photos_support as ps
import pytest

from desktop.fsutil import TMP_PREFIX

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table in /proc")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _kill_and_check(parent: subprocess.Popen, workers: set[int], tmp_root: Path) -> None:
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        left = lambda: {pid for pid in workers if _alive(pid)}  # noqa: E731
        assert _wait_for(lambda: not left(), 8), f"still running after the parent died: {sorted(left())}"
        assert not list(tmp_root.rglob(TMP_PREFIX + "*")), "temporary files left behind"
    finally:
        for pid in workers:  # never leave a stray worker behind a failing test
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_killed_import_takes_its_workers_and_resource_tracker_along(library_path, tmp_path):
    src = tmp_path / "kartu"
    for i in range(24):
        ps.jpeg(src / f"IMG_{i:04d}.jpg", seed=500 + i, size=(2400, 1600))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        parent = subprocess.Popen(
            [sys.executable, "-m", "desktop", "photos", "import", str(src), "--library", str(library_path)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    workers: set[int] = set()
    try:
        # The pool is up (two workers and the resource tracker) and the
        # workers are writing originals and thumbnails into the library.
        started = _wait_for(lambda: parent.poll() is not None or len(_children(parent.pid)) >= 3, 60)
        started = started and parent.poll() is None
        assert started, "the import started no worker processes: " + errors.read_text(errors="replace")
        assert _wait_for(lambda: any((library_path / "thumbnails").rglob("*.jpg")), 60)
        workers = _children(parent.pid)
        assert parent.poll() is None, "the import finished before it could be killed"
    except BaseException:
        parent.kill()
        parent.wait()
        raise
    _kill_and_check(parent, workers, library_path)


def test_a_write_in_progress_is_finished_before_the_orphaned_worker_ends(tmp_path):
    target, started = tmp_path / "lib" / "photos" / "ab" / "foto.jpg", tmp_path / "started"
    target.parent.mkdir(parents=True)
    program = textwrap.dedent(
        f"""
        import sys, time
        sys.path[:0] = [{str(ROOT)!r}, {str(TESTS)!r}]
        import photos_support
        from desktop.photos import importer

        pool = importer._pool(1)
        pool.submit(photos_support.write_slowly_in_worker, {str(target)!r}, {str(started)!r}, 1.5)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", program], cwd=ROOT)
    try:
        assert _wait_for(started.exists, 60), "the worker never started writing"
        workers = _children(parent.pid)
        assert list(target.parent.glob(TMP_PREFIX + "*")), "the write is not in progress"
    except BaseException:
        parent.kill()
        parent.wait()
        raise
    _kill_and_check(parent, workers, tmp_path)
    assert target.read_bytes() == b"half and the rest"
