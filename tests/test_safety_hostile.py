"""Issue 18: a library from a USB stick or a crafted backup cannot hurt the PC.

Stored paths that lead outside the library, triggers/views planted in the
database, a 0-byte ``warta.db``, special files and too-long names: each is
refused with a sentence and nothing outside the library is touched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from photos_support import jpeg

# -- stored paths (point 2) ------------------------------------------------------------


def _one_photo(library, tmp_path) -> int:
    from desktop.photos import api as photos

    src = jpeg(tmp_path / "src" / "a.jpg")
    photos.import_paths(library, [src])
    return photos.photo_ids(library, photos.PhotoFilter())[0]


def _set_path(library, pid: int, path: str, sha: str | None = None) -> None:
    with library.store.engine.begin() as conn:
        conn.execute(text("UPDATE photos SET path = :p WHERE id = :i"), {"p": path, "i": pid})
        if sha is not None:
            conn.execute(text("UPDATE photos SET sha256 = :s WHERE id = :i"), {"s": sha, "i": pid})


HOSTILE_PATHS = [
    "../victim.txt",
    "photos/../../victim.txt",
    "/tmp/victim.txt",
    "photos/ab/../../../victim.txt",
    "C:/victim.txt",
    "photos\\..\\..\\victim.txt",
    "warta.db",
    "photos//x.jpg",
]


@pytest.mark.parametrize("bad", HOSTILE_PATHS)
def test_delete_never_removes_a_file_outside_the_library(library, tmp_path, bad):
    from desktop.photos import api as photos

    pid = _one_photo(library, tmp_path)
    victim = library.path.parent / "victim.txt"
    victim.write_text("keep me")
    _set_path(library, pid, bad)
    photos.delete_photos(library, [pid])
    assert victim.read_text() == "keep me"
    assert (library.path / "warta.db").exists() or library.is_server


def test_sha_with_dots_never_reaches_outside(library, tmp_path):
    from desktop.errors import LibraryError
    from desktop.photos import api as photos

    pid = _one_photo(library, tmp_path)
    outside = library.path.parent / "victim.jpg"
    outside.write_text("keep me")
    _set_path(library, pid, "photos/xx/ok.jpg", sha="../../victim")
    with pytest.raises(LibraryError):
        photos.thumbnail_path(library.path, "../../victim")
    photos.delete_photos(library, [pid])
    assert outside.read_text() == "keep me"


def test_export_refuses_a_file_outside_the_library(library, tmp_path):
    from desktop.errors import LibraryError
    from desktop.photos import api as photos

    pid = _one_photo(library, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    _set_path(library, pid, os.path.relpath(secret, library.path))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(LibraryError, match="ke luar pustaka|outside"):
        photos.export_photos(library, [pid], out)
    assert not any("private" in p.read_text(errors="ignore") for p in out.rglob("*") if p.is_file())


def test_a_link_out_of_the_library_is_refused(library, tmp_path):
    from desktop.errors import LibraryError

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.jpg").write_text("x")
    (library.path / "photos" / "zz").symlink_to(outside)
    with pytest.raises(LibraryError):
        library.managed("photos/zz/x.jpg")
    assert library.managed("photos/ab/cd.jpg") == library.path / "photos" / "ab" / "cd.jpg"


def test_check_reports_tampered_paths_as_an_attack(library_path, tmp_path, cli):
    from desktop.library import Library

    lib = Library.open(library_path)
    pid = _one_photo(lib, tmp_path)
    _set_path(lib, pid, "../victim.txt")
    lib.close()
    (library_path.parent / "victim.txt").write_text("x")
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert code == 1
    assert "possible attack" in out and "../victim.txt" in out
    assert "damaged" not in out and "missing" not in out
    # Opening warns on stderr and the file outside stays.
    code, out, err = cli("--lang", "en", "info", "--library", library_path)
    assert "tampered" in err
    assert (library_path.parent / "victim.txt").read_text() == "x"


@pytest.mark.sqlite_file
def test_restore_refuses_a_backup_naming_files_outside(library, tmp_path):
    from desktop.safety import api as safety
    from desktop.safety.archive import BackupError

    pid = _one_photo(library, tmp_path)
    _set_path(library, pid, "../victim.txt")
    (tmp_path / "usb").mkdir()
    result = safety.export_backup(library, tmp_path / "usb")
    with pytest.raises(BackupError, match="victim"):
        safety.restore(result.path, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".warta-tmp")]


# -- planted SQL (point 3) ----------------------------------------------------------------

PLANTED_SQLITE = [
    "CREATE TRIGGER evil AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END",
    "CREATE TRIGGER evil2 AFTER INSERT ON person_phones BEGIN UPDATE person_phones SET public = 1; END",
    "CREATE VIEW evil_view AS SELECT * FROM people",
]
# Run nothing, but are not Warta's either: open and restore refuse them, check reports them.
PLANTED_INERT = ["CREATE TABLE evil_table (x)", "CREATE INDEX evil_index ON office (id)"]


@pytest.mark.sqlite_file
@pytest.mark.parametrize("sql", PLANTED_SQLITE + PLANTED_INERT)
def test_open_refuses_planted_objects_and_changes_nothing(library_path, sql):
    from desktop.errors import LibraryError
    from desktop.library import Library

    db = library_path / "warta.db"
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(LibraryError, match="warta check --repair"):
        Library.open(library_path)
    assert db.read_bytes() == before


@pytest.mark.sqlite_file
def test_check_repair_quarantines_a_planted_trigger(library_path, cli):
    db = library_path / "warta.db"
    conn = sqlite3.connect(db)
    conn.execute(PLANTED_SQLITE[0])
    conn.commit()
    conn.close()
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert code == 1 and "trigger evil" in out and "not part of Warta" in out
    code, out, err = cli("--lang", "en", "check", "--repair", "--library", library_path)
    assert "repaired: removed trigger evil" in out, out + err
    saved = list((library_path / "quarantine").rglob("foreign-schema.sql"))
    assert saved and "DELETE FROM audit_log" in saved[0].read_text()
    code, out, err = cli("info", "--library", library_path)
    assert code == 0, err


@pytest.mark.sqlite_file
@pytest.mark.parametrize("sql", PLANTED_INERT)
def test_check_reports_a_planted_table_or_index(library_path, cli, sql):
    conn = sqlite3.connect(library_path / "warta.db")
    conn.execute(sql)
    conn.commit()
    conn.close()
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert code == 1 and "evil_" in out and "not part of Warta" in out
    code, out, err = cli("--lang", "en", "check", "--repair", "--library", library_path)
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert "evil_" not in out


def test_planted_trigger_on_the_server_is_refused(library_path):
    """PostgreSQL: a trigger function planted in schema public; SQLite: a trigger in warta.db."""
    from desktop.errors import LibraryError
    from desktop.library import Library

    lib = Library.open(library_path)
    with lib.store.engine.begin() as conn:
        if lib.is_server:
            conn.exec_driver_sql(
                "CREATE FUNCTION evil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM audit_log; RETURN NULL; END $$"
            )
            conn.exec_driver_sql("CREATE TRIGGER evil AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION evil()")
            conn.exec_driver_sql("CREATE VIEW evil_view AS SELECT * FROM people")
        else:
            conn.exec_driver_sql(PLANTED_SQLITE[0])
    lib.close()
    with pytest.raises(LibraryError, match="evil"):
        Library.open(library_path)
    lib = Library.open(library_path, remove_foreign=True)
    try:
        from database import schema

        with lib.store.engine.connect() as conn:
            assert schema.foreign_objects(conn) == []
        assert any("evil" in line for line in lib.quarantined_schema)
    finally:
        lib.close()
    Library.open(library_path).close()


def test_a_fresh_library_has_no_foreign_objects(library):
    from database import schema

    with library.store.engine.connect() as conn:
        assert schema.foreign_objects(conn) == []


@pytest.mark.sqlite_file
@pytest.mark.parametrize("sql", [PLANTED_SQLITE[0], PLANTED_INERT[0]])
def test_restore_refuses_a_backup_with_a_planted_object(library, tmp_path, sql):
    import zipfile

    from desktop.safety import api as safety
    from desktop.safety.archive import BackupError

    (tmp_path / "usb").mkdir()
    result = safety.export_backup(library, tmp_path / "usb")
    # Rebuild the archive with a trigger in its database (and a matching manifest).
    work = tmp_path / "work"
    with zipfile.ZipFile(result.path) as zf:
        zf.extractall(work)
    conn = sqlite3.connect(work / "warta.db")
    conn.execute(sql)
    conn.commit()
    conn.close()
    _rezip(work, tmp_path / "evil.wartabackup")
    with pytest.raises(BackupError, match="evil"):
        safety.restore(tmp_path / "evil.wartabackup", tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def _rezip(work: Path, target: Path) -> None:
    import hashlib
    import json
    import zipfile

    manifest = json.loads((work / "manifest.json").read_text())
    files = []
    for item in manifest["files"]:
        data = (work / item["path"]).read_bytes()
        files.append({"path": item["path"], "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    manifest["files"] = files
    with zipfile.ZipFile(target, "w") as zf:
        for item in files:
            zf.write(work / item["path"], item["path"])
        zf.writestr("manifest.json", json.dumps(manifest))


# -- 0-byte database (point 5) -------------------------------------------------------------


@pytest.mark.sqlite_file
def test_a_zero_byte_database_is_not_made_a_new_library(library_path, cli):
    (library_path / "photos" / "ab").mkdir(parents=True, exist_ok=True)
    (library_path / "photos" / "ab" / "x.jpg").write_bytes(b"photo")
    (library_path / "warta.db").write_bytes(b"")
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert code != 0
    assert "0 bytes" in out + err
    assert (library_path / "warta.db").stat().st_size == 0
    assert (library_path / "photos" / "ab" / "x.jpg").exists()
    assert not (library_path / "quarantine").exists() or not any((library_path / "quarantine").rglob("x.jpg"))


# -- special files and names (point 7) ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_not_called_a_folder_or_a_file(tmp_path, cli):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = cli("--lang", "en", "info", "--library", fifo)
    assert code == 2 and "pipe, device or socket" in err


@pytest.mark.sqlite_file
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_warta_db_does_not_hang(tmp_path, cli):
    lib = tmp_path / "lib"
    lib.mkdir()
    os.mkfifo(lib / "warta.db")
    code, out, err = cli("--lang", "en", "info", "--library", lib)
    assert code == 2 and "pipe, device or socket" in err


def test_a_too_long_library_name_is_a_sentence(tmp_path, cli):
    code, out, err = cli("--lang", "en", "info", "--library", tmp_path / ("a" * 300))
    assert code == 2 and "too long" in err and "unexpected" not in err


# -- export targets (point 1) -------------------------------------------------------------------


def _article(library) -> int:
    from desktop.articles import store
    from desktop.articles.document import ArticleDoc

    return store.create_article(library, ArticleDoc(title="Rilis uji", body="Isi rilis."))


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_article_export_never_replaces_the_library_database(library, library_path, cli, fmt):
    art = _article(library)
    library.close()
    for name in ("warta.db", "server.json", "photos/x.txt"):
        target = library_path / name
        before = target.read_bytes() if target.exists() else None
        code, out, err = cli("--lang", "en", "article", "export", art, "-f", fmt, "-o", target, "--library", library_path)
        assert code == 2 and "inside the library" in err, err
        assert (target.read_bytes() if target.exists() else None) == before
    code, out, err = cli("info", "--library", library_path)
    assert code == 0, err


def test_exports_never_replace_an_existing_file_without_force(library, library_path, cli, tmp_path):
    art = _article(library)
    library.close()
    existing = tmp_path / "keep.txt"
    existing.write_text("mine")
    commands = [
        ("article", "export", art, "-f", "txt"),
        ("glossary", "export"),
        ("contacts", "export", "--format", "csv"),
    ]
    for command in commands:
        code, out, err = cli("--lang", "en", *command, "-o", existing, "--library", library_path)
        assert code == 2 and "--force" in err, (command, err)
        assert existing.read_text() == "mine"
    code, out, err = cli("--lang", "en", "article", "export", art, "-f", "txt", "-o", existing, "--force", "--library", library_path)
    assert code == 0, err
    assert "Rilis uji" in existing.read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
def test_exports_never_replace_a_pipe_or_a_device(library, library_path, cli, tmp_path):
    import stat

    art = _article(library)
    library.close()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null"), tmp_path):
        code, out, err = cli("--lang", "en", "article", "export", art, "-f", "txt", "-o", target, "--force",
                             "--library", library_path)
        assert code == 2 and "not an ordinary file" in err, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_atomic_write_refuses_special_files_and_open_databases(library, tmp_path):
    from desktop import fsutil
    from desktop.errors import ValidationError

    with pytest.raises(ValidationError):
        fsutil.atomic_write_bytes("/dev/null", b"x")
    if not library.is_server:
        before = library.db_path.read_bytes()
        with pytest.raises(ValidationError, match="sedang terbuka"):
            fsutil.atomic_write_bytes(library.db_path, b"x")
        assert library.db_path.read_bytes() == before


def test_photo_export_into_the_library_is_refused(library, library_path, cli, tmp_path):
    pid = _one_photo(library, tmp_path)
    library.close()
    code, out, err = cli("--lang", "en", "photos", "export", pid, "-o", library_path / "photos", "--library", library_path)
    assert code == 2 and "inside the library" in err, err


# -- a damaged database is never backed up as verified (issue 13) -------------------------------------


def _damage(library_path: Path) -> None:
    """Fill the audit log, then overwrite half of its root page with garbage (the library still opens)."""
    from desktop.library import Library

    lib = Library.open(library_path)
    with lib.store.write() as tx:
        for i in range(3000):
            tx.audit("update", "office", 1, "catatan panjang nomor %d " % i * 3)
    lib.close()
    db = library_path / "warta.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:  # the cells of the audit log's root page
        fh.seek((root - 1) * size + size // 2)
        fh.write(b"\xa5" * (size // 2))


@pytest.mark.sqlite_file
def test_check_explains_a_damaged_database_in_a_sentence(library_path, cli):
    _damage(library_path)
    code, out, err = cli("--lang", "en", "check", "--library", library_path)
    assert code == 1, err
    assert "is damaged: SQLite found" in out and "unexpected" not in out + err


@pytest.mark.sqlite_file
def test_backup_of_a_damaged_database_is_refused(library_path, cli, tmp_path):
    from desktop.library import Library
    from desktop.safety import api as safety

    lib = Library.open(library_path)
    good = safety.auto_backup(lib)
    lib.close()
    _damage(library_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, err = cli("--lang", "en", "backup", "--to", usb, "--library", library_path)
    assert code == 2 and "damaged" in err and "no backup was made" in err, err
    assert list(usb.iterdir()) == []
    assert good.path.name in err  # names the sound snapshot to restore
    lib = Library.open(library_path)
    try:
        assert safety.last_external_backup(lib) is None
        from desktop.safety.archive import BackupError

        with pytest.raises(BackupError, match="no backup was made"):
            safety.auto_backup(lib)
        names = [b.path.name for b in safety.auto_backups(lib)]
        assert names == [good.path.name]
        assert not [p for p in (library_path / "backups").iterdir() if p.name.startswith(".warta-tmp")]
    finally:
        lib.close()


# -- messages (point 7) -----------------------------------------------------------------------------


@pytest.mark.sqlite_file
def test_a_full_disk_on_open_is_not_called_damage(library_path, monkeypatch):
    import sqlalchemy.exc

    from desktop.library import Library
    from desktop.safety.errors import StorageError

    def full(self):  # noqa: ANN001
        raise sqlalchemy.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Library, "_ensure_identity", full)
    with pytest.raises(StorageError) as err:
        Library.open(library_path)
    assert "penuh" in str(err.value) and "rusak" not in str(err.value)


def _backup(library, tmp_path) -> Path:
    from desktop.safety import api as safety

    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    return safety.export_backup(library, usb).path


def test_restore_into_an_unwritable_folder_is_a_sentence(library, tmp_path, monkeypatch, cli):
    from desktop.safety import sweep

    backup = _backup(library, tmp_path)
    real_mkdir = os.mkdir

    def refuse(path, *args, **kwargs):  # noqa: ANN001
        if os.path.basename(path).startswith(sweep.RESTORE_TMP_PREFIX):
            raise PermissionError(13, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refuse)
    code, out, err = cli("--lang", "en", "restore", backup, "--to", tmp_path / "ro" / "lib")
    assert code == 2 and "Cannot restore into" in err and "permission denied" in err and "unexpected" not in err
    assert not (tmp_path / "ro" / "lib").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_restore_names_too_long_and_special_paths(library, tmp_path, cli):
    backup = _backup(library, tmp_path)
    code, out, err = cli("--lang", "en", "restore", backup, "--to", tmp_path / ("a" * 300))
    assert code == 2 and "too long" in err and "unexpected" not in err
    fifo = tmp_path / "pipe.wartabackup"
    os.mkfifo(fifo)
    code, out, err = cli("--lang", "en", "restore", fifo, "--to", tmp_path / "new")
    assert code == 2 and "pipe, device or socket" in err
    code, out, err = cli("--lang", "en", "backup", "--to", tmp_path / ("b" * 300))
    assert code == 2 and "too long" in err and "unexpected" not in err


# -- leftovers of a killed backup or restore (point 8) ------------------------------------------------


def test_a_killed_backups_temp_file_is_removed_by_the_next_backup(library, tmp_path):
    import fcntl
    import subprocess
    import sys
    import time

    from desktop.safety import sweep

    usb = tmp_path / "usb"
    usb.mkdir()
    # A real backup killed half-way: its process dies holding the temp file.
    script = (
        "import sys, os, time\n"
        "from desktop import fsutil\n"
        "from desktop.safety import sweep\n"
        "with fsutil.atomic_write(os.path.join(sys.argv[1], 'x.wartabackup'), 'w+b', private=True,"
        " prefix=sweep.BACKUP_TMP_PREFIX) as fh:\n"
        "    sweep.hold(fh.fileno()); fh.write(b'x' * 100000); fh.flush(); print('writing', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(usb)], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parent.parent)
    assert child.stdout.readline().strip() == "writing"
    killed = [p for p in usb.iterdir() if p.name.startswith(sweep.BACKUP_TMP_PREFIX)]
    assert len(killed) == 1
    # Another Warta still writing one: it holds its lock and must be left alone.
    busy = usb / (sweep.BACKUP_TMP_PREFIX + "busy")
    busy.write_bytes(b"y")
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    child.kill()
    child.wait()
    try:
        result = _backup(library, tmp_path)
        assert not killed[0].exists()
        assert busy.exists()
        names = sorted(p.name for p in usb.iterdir())
        assert names == sorted([result.name, busy.name])
    finally:
        os.close(fd)


def test_a_killed_restores_staging_folder_is_removed_by_the_next_restore(library, tmp_path):
    import time

    from desktop.safety import api as safety
    from desktop.safety import sweep

    backup = _backup(library, tmp_path)
    target_parent = tmp_path / "restores"
    target_parent.mkdir()
    dead = target_parent / (sweep.RESTORE_TMP_PREFIX + "dead")
    (dead / "photos").mkdir(parents=True)
    (dead / "warta.db").write_bytes(b"x" * 1000)
    (dead / sweep.RESTORE_LOCK).write_bytes(b"")
    fresh_unlocked = target_parent / (sweep.RESTORE_TMP_PREFIX + "starting")
    fresh_unlocked.mkdir()  # just made by a restore that has not taken its lock yet
    other = target_parent / ".warta-tmp-something-else"
    other.write_bytes(b"not ours")
    safety.restore(backup, target_parent / "lib")
    assert not dead.exists()
    assert fresh_unlocked.exists() and other.exists()
    assert not (target_parent / "lib" / sweep.RESTORE_LOCK).exists()


# -- password-protected backups (issue 13) -------------------------------------------------------------


def test_a_password_protected_backup_restores_only_with_its_password(library, tmp_path, cli, monkeypatch):
    from desktop.safety import api as safety
    from desktop.safety import crypto
    from desktop.safety.archive import BackupError

    usb = tmp_path / "usb"
    usb.mkdir()
    result = safety.export_backup(library, usb, password="rahasia kantor")
    data = result.path.read_bytes()
    assert data.startswith(crypto.MAGIC)
    assert b"warta.db" not in data and b"manifest.json" not in data and b"Bawaslu" not in data
    assert [p.name for p in usb.iterdir()] == [result.path.name]
    assert not [p for p in (library.path / "backups").iterdir() if p.name.startswith(".warta-tmp")]
    with pytest.raises(safety.PasswordNeeded):
        safety.restore(result.path, tmp_path / "a")
    with pytest.raises(BackupError, match="password|kata sandi"):
        safety.restore(result.path, tmp_path / "b", password="salah sekali")
    # Changed bytes, a cut-short file, bytes appended: refused, nothing restored.
    for name, bad in [
        ("flipped", data[:200] + bytes([data[200] ^ 1]) + data[201:]),
        ("short", data[: len(data) - 40]),
        ("longer", data + b"\x00" * 8),
    ]:
        path = tmp_path / f"{name}.wartabackup"
        path.write_bytes(bad)
        with pytest.raises(BackupError):
            safety.restore(path, tmp_path / name, password="rahasia kantor")
        assert not (tmp_path / name).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".warta-tmp")]
    restored = safety.restore(result.path, tmp_path / "ok", password="rahasia kantor")
    from desktop.library import Library

    Library.open(restored.path).close()
    # The command line: the password from the environment (scripts), a clear sentence without it.
    library.close()
    monkeypatch.setenv("WARTA_BACKUP_PASSWORD", "rahasia kantor")
    code, out, err = cli("--lang", "en", "restore", result.path, "--to", tmp_path / "cli")
    assert code == 0, err
    monkeypatch.delenv("WARTA_BACKUP_PASSWORD")
    code, out, err = cli("--lang", "en", "restore", result.path, "--to", tmp_path / "cli2")
    assert code == 2 and "WARTA_BACKUP_PASSWORD" in err


def test_backup_password_from_the_command_line(library_path, tmp_path, cli, monkeypatch):
    from desktop.safety import crypto

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("WARTA_BACKUP_PASSWORD", "pendek")
    code, out, err = cli("--lang", "en", "backup", "--to", usb, "--password", "--library", library_path)
    assert code == 2 and "at least 8" in err and list(usb.iterdir()) == []
    monkeypatch.setenv("WARTA_BACKUP_PASSWORD", "cukup panjang")
    code, out, err = cli("--lang", "en", "backup", "--to", usb, "--password", "--library", library_path)
    assert code == 0, err
    (written,) = usb.iterdir()
    assert crypto.is_encrypted(written)


def test_the_window_refuses_to_save_an_export_inside_the_library(main_window, qtbot, library, tmp_path, monkeypatch):
    """Issue 18.1 in the window: Ekspor → .docx named like the library's own database, or among its photos,
    is refused with a sentence and nothing is written; an ordinary file outside is saved."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.articles import store
    from desktop.articles.document import ArticleDoc

    art = store.create_article(library, ArticleDoc(title="Rapat Pleno", lead="Bawaslu menggelar rapat."))
    section = main_window.show_section("articles")
    section.open_article(art)
    editor = section.editor
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    (library.path / "photos").mkdir(exist_ok=True)
    for inside in (library.path / "warta.db", library.path / "photos" / "rilis.docx"):
        before = inside.read_bytes() if inside.exists() else None
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=inside, **k: (str(target), ""))
        editor.findChild(QAction, "article-export-docx").trigger()
        assert warned and "di dalam pustaka" in warned[-1], warned
        assert (inside.read_bytes() if inside.exists() else None) == before
    count = len(warned)
    outside = tmp_path / "rilis.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(outside), ""))
    editor.findChild(QAction, "article-export-docx").trigger()
    qtbot.waitUntil(outside.exists, timeout=10_000)
    assert len(warned) == count and outside.read_bytes().startswith(b"PK")
