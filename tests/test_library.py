"""The library folder: where it may be created, what it refuses, transactions and the audit log."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import select, text

from database.models import AuditLog, Staff
from desktop import office, staff
from desktop.errors import LibraryError, ValidationError
from desktop.library import DB_NAME, FOLDERS, Library, resolve_library_path


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_new_path_becomes_a_library_with_its_folders(tmp_path):
    lib = Library.open(tmp_path / "a" / "b")
    try:
        for folder in FOLDERS:
            assert (tmp_path / "a" / "b" / folder).is_dir()
        with lib.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        if os.name == "posix":
            assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
            assert stat.S_IMODE((tmp_path / "a" / "b" / DB_NAME).stat().st_mode) == 0o600
        assert lib.needs_setup
    finally:
        lib.close()


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_an_empty_folder_becomes_a_library(tmp_path):
    Library.open(tmp_path).close()
    assert (tmp_path / DB_NAME).exists()


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    (tmp_path / "laporan.docx").write_bytes(b"x")
    with pytest.raises(LibraryError, match="berkas lain"):
        Library.open(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx"]


def test_a_file_is_not_a_library(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(LibraryError, match="bukan folder"):
        Library.open(target)


def test_a_non_sqlite_database_file_is_refused_untouched(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database at all" * 10)
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(LibraryError, match="bukan basis data Warta"):
        Library.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_a_corrupt_database_gets_a_clear_message(library_path):
    db = library_path / DB_NAME
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # destroy the schema page
    db.write_bytes(bytes(data))
    with pytest.raises(LibraryError) as err:
        Library.open(library_path)
    assert str(library_path) in str(err.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_folder_is_refused(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(LibraryError):
            Library.open(tmp_path / "lib")
    finally:
        tmp_path.chmod(0o700)


def test_library_path_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_LIBRARY", str(tmp_path / "env"))
    assert resolve_library_path(None) == tmp_path / "env"
    assert resolve_library_path(tmp_path / "arg") == tmp_path / "arg"


def test_a_failed_write_changes_nothing(library):
    before = staff.list_staff(library)
    with pytest.raises(RuntimeError):
        with library.store.write() as tx:
            tx.session.add(Staff(name="Setengah Jadi", role="writer"))
            tx.session.flush()
            raise RuntimeError("power cut")
    assert [s.name for s in staff.list_staff(library)] == [s.name for s in before]
    with library.store.read() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.summary == "Setengah Jadi")) is None


def test_every_change_is_audited_with_who_and_what(library):
    admin = library.store.staff_id
    new_id = staff.create(library, staff.StaffInput(name="Rina Wijaya", position="Staf", role="writer"))
    profile = office.load(library)
    profile.city = "Bondowoso"
    office.save(library, profile)
    with library.store.read() as s:
        rows = s.execute(select(AuditLog.staff_id, AuditLog.action, AuditLog.entity, AuditLog.entity_id)).all()
    assert (admin, "create", "staff", str(new_id)) in rows
    assert (admin, "update", "office", "1") in rows


def test_writers_are_told_what_changed(library):
    seen = []
    library.store.subscribe(seen.append)
    staff.create(library, staff.StaffInput(name="Budi", role="editor"))
    assert seen and "staff" in seen[-1]


def test_bad_staff_input_is_refused(library):
    with pytest.raises(ValidationError):
        staff.create(library, staff.StaffInput(name="  "))
    with pytest.raises(ValidationError):
        staff.create(library, staff.StaffInput(name="X", role="boss"))


def test_passwords_are_salted_slow_hashes(library):
    sid = staff.create(library, staff.StaffInput(name="Sandi", role="editor", password="rahasia"))
    row = staff.get(library, sid)
    assert "rahasia" not in row.password_hash
    assert row.password_hash.startswith("pbkdf2_sha256$")
    assert staff.verify_password("rahasia", row.password_hash)
    assert not staff.verify_password("salah", row.password_hash)
    other = staff.hash_password("rahasia")
    assert other != row.password_hash  # salted


def test_office_validation_and_logo(library, tmp_path):
    from PIL import Image

    with pytest.raises(ValidationError):
        office.save(library, office.OfficeProfile(name=""))
    with pytest.raises(ValidationError):
        office.save(library, office.OfficeProfile(name="Kantor", email="bukan-surel"))
    bogus = tmp_path / "logo.png"
    bogus.write_bytes(b"not a png")
    with pytest.raises(ValidationError):
        office.save(library, office.OfficeProfile(name="Kantor"), logo_file=bogus)
    logo = tmp_path / "real.png"
    Image.new("RGB", (40, 40), "navy").save(logo)
    office.save(library, office.OfficeProfile(name="Kantor", short_name="KPU Contoh"), logo_file=logo)
    profile = office.load(library)
    assert library.managed(profile.logo).read_bytes() == logo.read_bytes()
    assert profile.default_credit == "dok. KPU Contoh"


def test_settings_defaults_upgrade_and_corruption(tmp_path, monkeypatch):
    from desktop import settings

    monkeypatch.setenv("WARTA_CONFIG_DIR", str(tmp_path))
    assert settings.load().language == "id"
    (tmp_path / "settings.json").write_text('{"locale": "en", "users": {"abc": 3}}')
    loaded = settings.load()
    assert loaded.language == "en" and loaded.users == {"abc": 3}
    (tmp_path / "settings.json").write_text("{not json")
    assert settings.load().language == "id"
    loaded.last_section = "photos"
    settings.save(loaded)
    assert settings.load().last_section == "photos"


def test_staff_names_are_unique_and_profiles_can_be_retired(library):
    admin = library.store.staff_id
    dewi = staff.create(library, staff.StaffInput(name="Dewi Lestari", role="writer"))
    with pytest.raises(ValidationError):
        staff.create(library, staff.StaffInput(name="dewi lestari", role="editor"))
    with pytest.raises(ValidationError):
        staff.deactivate(library, admin, acting_id=admin)  # not yourself
    staff.deactivate(library, dewi, acting_id=admin)
    assert [s.name for s in staff.list_staff(library)] == ["Admin Uji"]
    other_admin = staff.create(library, staff.StaffInput(name="Admin Dua", role="admin"))
    staff.deactivate(library, admin, acting_id=other_admin)
    with pytest.raises(ValidationError, match="Admin"):
        staff.deactivate(library, other_admin, acting_id=None)  # the last Admin stays
