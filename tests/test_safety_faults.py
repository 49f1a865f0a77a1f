"""Fault tests: real processes killed with SIGKILL in the middle of writes, then the library is checked.

A child (``tests/safety_child.py``) writes in a loop (article saves, staff
profiles, contact imports, photo imports, backups) and prints what it
committed; the parent kills its whole process group after a random delay,
opens the library and requires: it opens, ``warta check`` finds no problem,
everything reported committed is there, and nothing is half-written.

Also: a disk that fills up or goes read-only during a write gives a clear
error and leaves the library as it was.
"""

from __future__ import annotations

import errno
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "safety_child.py"
# Kill points per kind (reported by the data-safety note): random moments, plus
# exact ones where the child stops itself (n-th COMMIT about to be issued, n-th
# rename of a complete temporary file) and is killed there.
KILLS = {"staff": 5, "article": 6, "contacts": 5, "photos": 5, "backup": 5}
EXACT = {
    "staff": [("commit", 1), ("commit", 3)],
    "article": [("commit", 1), ("commit", 2)],
    "contacts": [("commit", 1), ("commit", 2)],
    "photos": [("rename", 1), ("rename", 4), ("commit", 1)],
    "backup": [("rename", 1), ("rename", 2), ("commit", 1)],
}
SURVIVED: dict[str, int] = {}

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 of a process group is POSIX")


def _run_and_kill(
    kind: str, library: Path, data: Path | None, delay: float, tmp: Path, pause: tuple[str, int] | None = None
) -> tuple[list[str], bool]:
    """Start a writer, kill -9 its process group after ``delay`` s (or once it stopped at
    ``pause``); return (committed values, killed mid-run)."""
    err = open(tmp / f"child-{kind}.err", "w+")  # noqa: SIM115
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if pause is not None:
        env["SAFETY_PAUSE_AT"], env["SAFETY_PAUSE_NTH"] = pause[0], str(pause[1])
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), kind, str(library), str(data or "")],
        stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True, env=env, cwd=ROOT,
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.strip()) for line in proc.stdout], daemon=True)
    reader.start()

    def next_line() -> str:
        try:
            return lines.get(timeout=90)
        except queue.Empty:
            pytest.fail(f"{kind} child wrote nothing for 90 s")

    seen: list[str] = []
    try:
        first = next_line()
        if first != "ready":
            proc.wait()
            err.seek(0)
            pytest.fail(f"{kind} child did not start: {first!r}\n{err.read()[-3000:]}")
        if pause is None:
            time.sleep(delay)
        else:
            while True:
                line = next_line()
                seen.append(line)
                if line.startswith(("paused", "done")):
                    assert line.startswith("paused"), f"{kind} never reached {pause}"
                    break
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    reader.join(timeout=30)
    while not lines.empty():
        seen.append(lines.get())
    err.close()
    committed = [line.split(" ", 1)[1] for line in seen if line.startswith("committed ")]
    return committed, "done" not in seen


def _open_and_check(path: Path):  # noqa: ANN202 - desktop.library.Library
    from desktop.check import repaired, run_checks
    from desktop.library import Library

    lib = Library.open(path)
    marker = repaired("")
    unresolved = [p for p in run_checks(lib) if not p.startswith(marker)]
    assert not unresolved, unresolved
    return lib


def _kill_loop(kind: str, library_path: Path, tmp_path: Path, verify, data: Path | None = None, max_delay: float = 1.2) -> None:
    rng = random.Random(f"{kind}-2025")
    survived = 0
    committed_all: list[str] = []
    # Exact points first, while the child still has work to reach them.
    plan = EXACT[kind] + [None] * KILLS[kind]
    for pause in plan:
        committed, killed = _run_and_kill(kind, library_path, data, rng.uniform(0.0, max_delay), tmp_path, pause)
        committed_all += committed
        lib = _open_and_check(library_path)
        try:
            verify(lib, committed_all)
        finally:
            lib.close()
        survived += killed
    SURVIVED[kind] = survived
    print(f"\n{kind}: {len(plan)} kills ({len(EXACT[kind])} at exact points), {survived} mid-run, all survived", file=sys.stderr)


@pytest.mark.slow
def test_kill_during_foundation_writes(library_path, tmp_path):
    def verify(lib, committed):
        from desktop import staff

        rows = {s.name: s for s in staff.list_staff(lib)}
        for value in committed:
            i = int(value)
            row = rows[f"Staf {i:05d}"]
            assert row.position == "x" * (i % 50)
        for name, row in rows.items():
            if name.startswith("Staf "):
                assert row.position == "x" * (int(name[5:]) % 50)

    _kill_loop("staff", library_path, tmp_path, verify, max_delay=0.8)


@pytest.mark.slow
def test_kill_during_article_saves(library_path, tmp_path):
    pytest.importorskip("desktop.articles.store")
    sys.path.insert(0, str(CHILD.parent))
    from safety_child import body_for

    def verify(lib, committed):
        from desktop.articles import store

        rows = store.list_articles(lib)
        assert len(rows) <= 1
        if not rows:
            assert not committed
            return
        loaded = store.load(lib, rows[0].id)
        if committed:
            assert loaded.revision >= int(committed[-1])
        # Nothing half-written: title and body are from the same save.
        n = int(loaded.doc.title.split()[1])
        assert loaded.doc.body.strip() == body_for(n).strip()
        assert len(store.revisions(lib, rows[0].id)) == loaded.revision

    _kill_loop("article", library_path, tmp_path, verify)


@pytest.mark.slow
def test_kill_during_contact_import(library_path, tmp_path):
    pytest.importorskip("desktop.contacts.importer")
    sys.path.insert(0, str(CHILD.parent))
    from safety_child import CARDS_PER_FILE

    data = tmp_path / "vcards"
    data.mkdir()

    def verify(lib, committed):
        from sqlalchemy import text

        with lib.store.read() as s:
            names = [r[0] for r in s.execute(text("SELECT full_name FROM people"))]
        per_file: dict[str, int] = {}
        for name in names:
            if name.startswith("Kontak "):
                key = name.split(" Nomor")[0][len("Kontak "):]
                per_file[key] = per_file.get(key, 0) + 1
        # One import is one transaction: a file is all there or not at all.
        assert all(n == CARDS_PER_FILE for n in per_file.values()), per_file
        for batch in committed:
            assert per_file.get(batch) == CARDS_PER_FILE

    _kill_loop("contacts", library_path, tmp_path, verify, data=data, max_delay=1.2)


@pytest.mark.slow
def test_kill_during_photo_import(library_path, tmp_path):
    pytest.importorskip("desktop.photos.importer")
    sys.path.insert(0, str(CHILD.parent))
    from safety_child import PHOTOS_PER_BATCH

    data = tmp_path / "photos"
    data.mkdir()

    def verify(lib, committed):
        from sqlalchemy import text

        from desktop.photos import files

        with lib.store.read() as s:
            names = {r[0] for r in s.execute(text("SELECT file_name FROM photos"))}
            count = s.execute(text("SELECT count(*) FROM photos")).scalar()
            rows = s.execute(text("SELECT path, sha256 FROM photos")).all()
        assert count == len(names)
        for line in committed:
            batch = line.split()[0]
            assert {f"{batch}-{k}.jpg" for k in range(PHOTOS_PER_BATCH)} <= names
        # Every photo row has its original (checked by warta check too) and thumbnail.
        for path, sha in rows:
            assert (lib.path / path).is_file() and files.thumbnail_path(lib.path, sha).is_file()

    _kill_loop("photos", library_path, tmp_path, verify, data=data, max_delay=2.0)


@pytest.mark.slow
def test_kill_during_backup(library_path, tmp_path):
    from desktop.safety import archive

    out = tmp_path / "usb"
    out.mkdir()
    # Some content so a backup takes a while.
    photos = library_path / "photos" / "aa"
    photos.mkdir(parents=True, exist_ok=True)

    def verify(lib, committed):
        done = sorted(out.glob("*.wartabackup"))
        for line in committed:
            assert Path(line) in done
        # Every file under a real backup name is complete and verifies.
        for path in done:
            with archive.open_archive(path, source=str(path)) as zf:
                archive.verify(zf, source=str(path))

    _kill_loop("backup", library_path, tmp_path, verify, data=out, max_delay=1.0)
    # The last complete backup restores into a library that passes check.
    from desktop.safety import restore

    last = sorted(out.glob("*.wartabackup"))
    if last:
        restore.restore(last[-1], tmp_path / "restored")
        _open_and_check(tmp_path / "restored").close()


# -- disk full, read-only ------------------------------------------------------------------


def _fingerprint(lib) -> list:  # noqa: ANN001
    from sqlalchemy import inspect, text

    out = []
    with lib.store.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            out.append((table, sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{table}"'))), key=repr)))
    return out


def test_atomic_write_on_full_disk_leaves_target_and_no_temp(tmp_path, monkeypatch):
    from desktop import fsutil

    target = tmp_path / "out.pdf"
    target.write_bytes(b"old complete file")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        fsutil.atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_backup_to_a_full_disk_is_a_clear_error(library, tmp_path, monkeypatch):
    from desktop.errors import WartaError
    from desktop.safety import backup

    out = tmp_path / "usb"
    out.mkdir()
    real_fsync = os.fsync
    calls = {"n": 0}

    def full(fd):
        calls["n"] += 1
        if calls["n"] > 2:  # the snapshot gets through, the backup file does not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WartaError) as err:
        backup.export_backup(library, out)
    assert str(out) in str(err.value)
    assert list(out.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert backup.last_external_backup(library) is None


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.mark.sqlite_file
def test_database_write_on_a_full_disk_changes_nothing(template_library, tmp_path):
    """A real full filesystem (tmpfs; needs root, else skipped): the save fails cleanly."""
    import shutil

    mnt = tmp_path / "small"
    if not _mount_tmpfs(mnt, "6m"):
        pytest.skip("cannot mount a small filesystem here (needs root)")
    try:
        from desktop import staff
        from desktop.errors import WartaError
        from desktop.library import Library

        shutil.copytree(template_library, mnt / "lib")
        lib = Library.open(mnt / "lib")
        lib.store.staff_id = staff.list_staff(lib)[0].id
        before = _fingerprint(lib)
        filler = mnt / "filler"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        failed = 0
        for i in range(5):
            try:
                staff.create(lib, staff.StaffInput(name=f"Panjang {i}", position="x" * 190))
                # Pages freed inside the file can take a small write; a big one cannot.
            except WartaError as exc:
                failed += 1
                assert "penuh" in str(exc), str(exc)
        big_failed = False
        try:
            from desktop import office

            profile = office.load(lib)
            profile.boilerplate = "kata " * 400_000
            office.save(lib, profile)
        except WartaError as exc:
            big_failed = True
            # A clear sentence naming the library, not a driver error.
            assert "penuh" in str(exc) and str(mnt / "lib") in str(exc), str(exc)
        assert big_failed
        after_fail = _fingerprint(lib)
        lib.close()
        filler.unlink()
        # Space is back: the library opens, passes check, and holds what it held.
        lib = _open_and_check(mnt / "lib")
        try:
            assert office.load(lib).boilerplate != "kata " * 400_000
            assert _fingerprint(lib) == after_fail
            assert [t for t, _rows in before] == [t for t, _rows in after_fail]
        finally:
            lib.close()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


@pytest.mark.sqlite_file
def test_library_turned_read_only_during_work_is_a_clear_error(library):
    """SQLite's query_only makes every write meet a read-only database, as on a write-protected share."""
    from sqlalchemy import event

    from desktop import staff
    from desktop.errors import WartaError

    before = _fingerprint(library)

    def read_only(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.execute("PRAGMA query_only = ON")

    event.listen(library.store.engine, "connect", read_only)
    library.store.engine.dispose()
    try:
        with pytest.raises(WartaError) as err:
            staff.create(library, staff.StaffInput(name="Tidak Tersimpan"))
        assert "tidak dapat ditulisi" in str(err.value) and str(library.path) in str(err.value)
    finally:
        event.remove(library.store.engine, "connect", read_only)
        library.store.engine.dispose()
    assert _fingerprint(library) == before
    staff.create(library, staff.StaffInput(name="Tersimpan"))


# -- two article imports at once (real processes) ----------------------------------------------------


@pytest.mark.slow
def test_two_processes_importing_the_same_articles_at_once(library_path, tmp_path):
    """Two PCs (or two windows) import the same folder at the same moment: both finish without a raw
    IntegrityError, and every file is one article (the second import finds the first's)."""
    from sqlalchemy import text

    files = tmp_path / "rilis"
    files.mkdir()
    count = 60
    for i in range(count):
        (files / f"rilis-{i:03d}.md").write_text(
            f"# Rilis Bersama {i}\n\nJember – Bawaslu mengajak warga mengawasi tahapan pemilu ke-{i}.\n\n"
            + "Isi rilis yang cukup panjang. " * 40 + "\n", encoding="utf-8")
    paths = sorted(str(p) for p in files.iterdir())
    env = dict(os.environ, PYTHONPATH=str(ROOT), WARTA_USER="Admin Uji", WARTA_LANG="en")
    argv = [sys.executable, "-m", "desktop", "article", "import", *paths, "--library", str(library_path)]
    procs = [subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs):
        assert "Traceback" not in err and "IntegrityError" not in err, err[-3000:]
        # Both did all they were asked (imported, or found already imported); a refusal would be 2 with a sentence.
        assert proc.returncode in (0, 2), (proc.returncode, err[-2000:])
        if proc.returncode == 2:
            assert "Another import of the same files" in err, err[-2000:]
    assert any(p.returncode == 0 for p in procs)
    lib = _open_and_check(library_path)
    try:
        with lib.store.read() as s:
            articles = s.execute(text("SELECT count(*) FROM articles")).scalar()
            sources = s.execute(text("SELECT count(DISTINCT sha256) FROM article_sources")).scalar()
        assert articles == count and sources == count, (articles, sources)
    finally:
        lib.close()
