"""Backups: automatic snapshots with retention, Backup now, restore into a new folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from desktop.errors import Cancelled, WartaError
from desktop.jobs import Progress
from desktop.safety import archive, backup, restore


def _add_managed_files(library, n: int = 5) -> dict[str, bytes]:
    files = {}
    for i in range(n):
        rel = f"photos/2025/{i:02d}/photo-{i}.jpg"
        data = os.urandom(2000 + i)
        p = library.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        files[rel] = data
    (library.folder("files") / "logo.png").write_bytes(b"png-bytes")
    files["files/logo.png"] = b"png-bytes"
    return files


def _staff_names(library) -> list[str]:
    from desktop import staff

    return sorted(s.name for s in staff.list_staff(library))


def test_backup_now_then_restore_gives_the_same_library(library, tmp_path, cli):
    from desktop import staff

    staff.create(library, staff.StaffInput(name="Dewi Lestari"))
    files = _add_managed_files(library)
    out = tmp_path / "usb"
    out.mkdir()
    seen = []
    result = backup.export_backup(library, out, progress=Progress(lambda d, t, c: seen.append((d, t))))
    assert result.path.parent == out and result.path.suffix == ".wartabackup"
    assert [p.name for p in out.iterdir()] == [result.path.name]  # no temporary left
    assert seen and seen[-1][0] == seen[-1][1]
    if os.name == "posix":
        assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    with zipfile.ZipFile(result.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        listed = {f["path"]: f["sha256"] for f in manifest["files"]}
        for rel, data in files.items():
            assert listed[rel] == hashlib.sha256(data).hexdigest()
        assert "warta.db" in listed
    last = backup.last_external_backup(library)
    assert last is not None and last["path"] == str(result.path)

    target = tmp_path / "restored"
    res = restore.restore(result.path, target)
    assert res.path == target and res.files == len(files) + 1
    for rel, data in files.items():
        assert (target / rel).read_bytes() == data
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o700
    from desktop.library import Library

    lib2 = Library.open(target, create=False)
    try:
        assert _staff_names(lib2) == _staff_names(library)
        assert lib2.library_id == library.library_id
    finally:
        lib2.close()
    code, out_text, err = cli("check", "--library", target, "--json")
    assert code == 0, out_text + err
    assert json.loads(out_text)["ok"] is True


def test_restore_refuses_existing_library_and_non_empty_folder(library, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    result = backup.export_backup(library, out)
    with pytest.raises(WartaError):
        restore.restore(result.path, library.path)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(WartaError):
        restore.restore(result.path, busy)
    assert (busy / "notes.txt").read_text() == "mine"
    # An empty folder is fine.
    empty = tmp_path / "empty"
    empty.mkdir()
    restore.restore(result.path, empty)
    assert (empty / "warta.db").exists()


def test_backup_refuses_missing_or_inner_folder(library, tmp_path):
    with pytest.raises(WartaError):
        backup.export_backup(library, tmp_path / "nope")
    with pytest.raises(WartaError):
        backup.export_backup(library, library.path / "exports")


def test_cancelled_backup_leaves_nothing(library, tmp_path):
    _add_managed_files(library, 3)
    out = tmp_path / "usb"
    out.mkdir()
    progress = Progress()

    def stop(done: int, total: int, current: str) -> None:
        if done >= 2:
            progress.cancel()

    progress.callback = stop
    with pytest.raises(Cancelled):
        backup.export_backup(library, out, progress=progress)
    assert list(out.iterdir()) == []
    assert backup.last_external_backup(library) is None
    assert not [p for p in (library.path / "backups").iterdir() if p.name.startswith(".warta-tmp-")]


def test_auto_backup_retention_keeps_7_daily_and_4_weekly(library):
    start = dt.datetime(2025, 1, 1, 9, 0, 0)
    for day in range(60):
        for hour in (9, 17):
            folder = library.folder("backups")
            stamp = start + dt.timedelta(days=day, hours=hour - 9)
            (folder / f"auto-{stamp:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
    (library.folder("backups") / "before-migration-20250101-000000.db").write_bytes(b"keep")
    taken = backup.auto_backup(library, now=start + dt.timedelta(days=60))
    kept = backup.auto_backups(library)
    days = {b.taken_at.date() for b in kept}
    assert kept[0].path == taken.path
    # Newest 7 days, one snapshot each, plus older weekly ones: at most 7 + 4.
    assert len(kept) == len(days) <= 11
    newest_days = sorted(days, reverse=True)[:7]
    assert newest_days[0] - newest_days[-1] == dt.timedelta(days=6)
    weeks = {b.taken_at.isocalendar()[:2] for b in kept}
    assert len(weeks) >= 4
    assert (library.path / "backups" / "before-migration-20250101-000000.db").exists()
    # The snapshot is a real, self-contained SQLite database.
    import sqlite3

    conn = sqlite3.connect(taken.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] >= 1
    conn.close()


def test_auto_backup_at_most_daily(library):
    now = dt.datetime(2025, 3, 1, 10, 0, 0)
    assert backup.auto_backup_if_due(library, now=now) is not None
    assert backup.auto_backup_if_due(library, now=now + dt.timedelta(hours=5)) is None
    assert backup.auto_backup_if_due(library, now=now + dt.timedelta(hours=25)) is not None


def test_snapshot_while_another_connection_writes(library):
    """The online backup gives a consistent copy while writes go on."""
    import threading

    from desktop import staff

    stop = threading.Event()

    def writer() -> None:
        i = 0
        while not stop.is_set():
            staff.create(library, staff.StaffInput(name=f"Staf {i}"))
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    try:
        snaps = [backup.auto_backup(library, now=dt.datetime(2025, 1, 1 + i)) for i in range(5)]
    finally:
        stop.set()
        t.join()
    import sqlite3

    for snap in snaps:
        if snap.path.exists():
            conn = sqlite3.connect(snap.path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()


def _rewrite(src: Path, dst: Path, mutate) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
        for info, data in mutate(items):
            zout.writestr(info, data)


@pytest.fixture
def good_backup(library, tmp_path) -> Path:
    _add_managed_files(library, 2)
    out = tmp_path / "usb"
    out.mkdir()
    return backup.export_backup(library, out).path


def _with_member(name: str, data: bytes, *, listed: bool = True, symlink: bool = False):
    def mutate(items):
        out = []
        for info, blob in items:
            if info.filename == "manifest.json" and listed:
                m = json.loads(blob)
                m["files"].append({"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
                blob = json.dumps(m).encode()
            out.append((info, blob))
        zi = zipfile.ZipInfo(name)
        if symlink:
            zi.external_attr = (0o120777) << 16
        out.insert(0, (zi, data))
        return out

    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        _with_member("../../x", b"evil"),
        _with_member("/etc/evil", b"evil"),
        _with_member("photos/../../../x", b"evil"),
        _with_member("photos\\..\\x", b"evil"),
        _with_member("C:/x", b"evil"),
        _with_member("photos/link.jpg", b"/etc/passwd", symlink=True),
        _with_member("photos/unlisted.jpg", b"data", listed=False),
        _with_member("somewhere/else.txt", b"data"),
    ],
    ids=["dotdot", "absolute", "nested-dotdot", "backslash", "drive", "symlink", "unlisted", "outside-folders"],
)
def test_restore_refuses_hostile_archives(good_backup, tmp_path, mutate):
    bad = tmp_path / "bad.wartabackup"
    _rewrite(good_backup, bad, mutate)
    with pytest.raises(WartaError):
        restore.restore(bad, tmp_path / "r")
    assert not (tmp_path / "r").exists()
    assert not list(tmp_path.glob(".warta-tmp-*"))
    assert not (tmp_path.parent / "x").exists()


def test_restore_refuses_duplicates_wrong_hash_and_bombs(good_backup, tmp_path):
    def dup(items):
        photo = next((i, b) for i, b in items if i.filename.startswith("photos/"))
        return items + [photo]

    def flip(items):
        return [(i, (b[:-1] + bytes([b[-1] ^ 1])) if i.filename.startswith("photos/") else b) for i, b in items]

    def lie_size(items):
        out = []
        for info, blob in items:
            if info.filename == "manifest.json":
                m = json.loads(blob)
                for f in m["files"]:
                    if f["path"].startswith("photos/"):
                        f["size"] = 1
                blob = json.dumps(m).encode()
            out.append((info, blob))
        return out

    def drop_manifest(items):
        return [(i, b) for i, b in items if i.filename != "manifest.json"]

    for i, mutate in enumerate([dup, flip, lie_size, drop_manifest]):
        bad = tmp_path / f"bad{i}.wartabackup"
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns on the duplicate name
            _rewrite(good_backup, bad, mutate)
        with pytest.raises(WartaError):
            restore.restore(bad, tmp_path / f"r{i}")
        assert not (tmp_path / f"r{i}").exists()

    # A bomb: a member inflating far beyond the size the manifest and header declare.
    bomb = tmp_path / "bomb.wartabackup"
    big = b"\0" * (20 * 2**20)

    def inflate(items):
        out = []
        for info, blob in items:
            if info.filename == "manifest.json":
                m = json.loads(blob)
                m["files"].append({"path": "photos/bomb.jpg", "size": 10, "sha256": "0" * 64})
                blob = json.dumps(m).encode()
            out.append((info, blob))
        zi = zipfile.ZipInfo("photos/bomb.jpg")
        zi.compress_type = zipfile.ZIP_DEFLATED
        out.append((zi, big))
        return out

    _rewrite(good_backup, bomb, inflate)
    with pytest.raises(WartaError):
        restore.restore(bomb, tmp_path / "rb")
    assert not (tmp_path / "rb").exists()


def test_restore_refuses_non_zip_and_truncated(good_backup, tmp_path):
    junk = tmp_path / "junk.wartabackup"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(WartaError):
        restore.restore(junk, tmp_path / "r1")
    cut = tmp_path / "cut.wartabackup"
    cut.write_bytes(good_backup.read_bytes()[: good_backup.stat().st_size // 2])
    with pytest.raises(WartaError):
        restore.restore(cut, tmp_path / "r2")


def test_member_names_checked(tmp_path):
    ok = ["warta.db", "photos/a.jpg", "files/x/y.pdf"]
    for name in ok:
        assert archive.check_member_name(name, source="b") == name
    for name in ["", "a/../b", "photos//a", "./photos/a", "photos/.", "x.txt", "photos/a\x00b"]:
        with pytest.raises(WartaError):
            archive.check_member_name(name, source="b")


def test_restore_from_an_automatic_snapshot(library, tmp_path):
    from desktop import staff

    files = _add_managed_files(library, 2)
    snap = backup.auto_backup(library, now=dt.datetime(2025, 5, 1, 8, 0, 0))
    staff.create(library, staff.StaffInput(name="Setelah Snapshot"))
    res = restore.restore_snapshot(library, snap.path, tmp_path / "from-snap")
    from desktop.library import Library

    lib2 = Library.open(res.path, create=False)
    try:
        names = _staff_names(lib2)
        assert "Setelah Snapshot" not in names and "Admin Uji" in names
        for rel, data in files.items():
            assert (res.path / rel).read_bytes() == data
    finally:
        lib2.close()


def test_backup_and_restore_drop_edit_locks(library, tmp_path):
    """Nobody holds a lock in a restored library: a lock from the moment of the backup must not linger."""
    from desktop.library import Library
    from desktop.safety import locks

    assert isinstance(locks.acquire(library, "article", 9, library.store.staff_id), locks.Lock)
    out = tmp_path / "usb"
    out.mkdir()
    made = backup.export_backup(library, out).path
    lib2 = Library.open(restore.restore(made, tmp_path / "r").path)
    try:
        assert locks.holder_of(lib2, "article", 9) is None
    finally:
        lib2.close()
    # The open library keeps its own lock.
    assert locks.holder_of(library, "article", 9) is not None


def test_renditions_stay_out_and_are_made_again_after_restore(cli, tmp_path):
    from PIL import Image

    lib = tmp_path / "lib"
    pics = tmp_path / "pics"
    pics.mkdir()
    for i in range(3):
        Image.new("RGB", (300, 200), (40 * i, 90, 160)).save(pics / f"kegiatan-{i}.jpg")
    code, _out, err = cli("photos", "import", pics, "--library", lib)
    assert code == 0, err
    if not list((lib / "renditions").rglob("*.jpg")):
        pytest.skip("the photos area made no renditions")
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, err = cli("backup", "--to", usb, "--library", lib, "--json")
    assert code == 0, err
    made = json.loads(out)["path"]
    with zipfile.ZipFile(made) as zf:
        names = zf.namelist()
    assert any(n.startswith("thumbnails/") for n in names)
    assert not any(n.startswith("renditions/") for n in names)
    code, out, err = cli("restore", made, "--to", tmp_path / "r", "--json")
    assert code == 0, err
    code, out, err = cli("check", "--library", tmp_path / "r", "--json")
    assert code == 0 and json.loads(out)["problems"] == [], out
    code, out, err = cli("check", "--repair", "--library", tmp_path / "r", "--json")
    assert code == 0, out + err
    assert len(list((tmp_path / "r" / "renditions").rglob("*.jpg"))) == len(list((lib / "renditions").rglob("*.jpg")))


def test_restore_refuses_a_folder_inside_a_library(library, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    made = backup.export_backup(library, out).path
    with pytest.raises(WartaError):
        restore.restore(made, library.path / "photos" / "pulih")
    assert not (library.path / "photos" / "pulih").exists()


def test_files_added_or_removed_during_a_backup_leave_it_consistent(library, tmp_path, monkeypatch, cli):
    """A logo saved (file, then row) while the backup copies files is still in the backup."""
    from PIL import Image

    from desktop import office

    old_file = library.folder("files") / "old-report.pdf"
    old_file.write_bytes(b"%PDF-1.4 soon removed")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (30, 30), "blue").save(logo)
    real_snapshot = backup.snapshot_database

    def busy_office(lib, target):  # noqa: ANN001 - someone works while the backup runs
        office.save(lib, office.load(lib), logo_file=logo)
        old_file.unlink()
        return real_snapshot(lib, target)

    monkeypatch.setattr(backup, "snapshot_database", busy_office)
    out = tmp_path / "usb"
    out.mkdir()
    made = backup.export_backup(library, out).path
    rel = office.load(library).logo
    with zipfile.ZipFile(made) as zf:
        assert rel in zf.namelist()
    restored = restore.restore(made, tmp_path / "r").path
    code, text, err = cli("check", "--library", restored, "--json")
    report = json.loads(text)
    assert code == 0 and report["ok"], text + err


def test_restored_library_folders_are_owner_only(library, tmp_path):
    import os
    import stat

    from desktop.safety import backup, restore

    (tmp_path / "out").mkdir()
    result = backup.export_backup(library, tmp_path / "out")
    target = tmp_path / "restored"
    restore.restore(result.path, target)
    if os.name == "posix":
        for folder, _dirs, _files in os.walk(target):
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder


def test_a_backup_whose_manifest_stream_is_broken_is_refused_clearly(library, tmp_path):
    """Found by the fuzz test in a fresh clone: zlib.error escaped as an unexpected error."""
    import zipfile

    from desktop.errors import WartaError
    from desktop.safety import archive, backup, restore

    (tmp_path / "usb").mkdir()
    good = backup.export_backup(library, tmp_path / "usb").path
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(archive.MANIFEST)
    data = bytearray(good.read_bytes())
    # Corrupt the middle of the manifest's compressed stream (after its local header).
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + min(info.compress_size - 2, 40)):
        data[i] ^= 0x5A
    broken = tmp_path / "broken.wartabackup"
    broken.write_bytes(bytes(data))
    with pytest.raises(WartaError):
        restore.restore(broken, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_restore_keeps_the_office_signing_key(library, tmp_path, cli):
    """Partner offices trust the office by its key's fingerprint: a restored library signs with the same key."""
    from desktop.exchange import keys
    from desktop.library import Library

    before = keys.own_key(library, "Bawaslu Kabupaten Contoh")
    result = backup.export_backup(library, tmp_path)
    target = tmp_path / "restored"
    restore.restore(result.path, target)
    key_file = target / keys.KEY_FOLDER / keys.KEY_FILE
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    lib2 = Library.open(target, create=False)
    try:
        assert keys.own_key(lib2, "Bawaslu Kabupaten Contoh").fingerprint == before.fingerprint
    finally:
        lib2.close()
    code, out_text, err = cli("check", "--library", target, "--json")
    assert code == 0 and json.loads(out_text)["ok"] is True, out_text + err
