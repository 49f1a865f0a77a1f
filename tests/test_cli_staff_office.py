"""Staff passwords and roles, and the whole office profile, set from the command line."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def _no_passwords_in_env(monkeypatch):
    for name in ("WARTA_PASSWORD", "WARTA_NEW_PASSWORD", "WARTA_USER"):
        monkeypatch.delenv(name, raising=False)


def _as(monkeypatch, user: str, password: str | None = None) -> None:
    monkeypatch.setenv("WARTA_USER", user)
    if password is None:
        monkeypatch.delenv("WARTA_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("WARTA_PASSWORD", password)


def _add(cli, library_path, name, role, *extra):
    code, out, err = cli("staff", "add", name, "--role", role, *extra, "--library", library_path, "--json")
    assert code == 0, err
    return json.loads(out)


def test_password_from_env_guards_later_actions(cli, library_path, monkeypatch):
    _as(monkeypatch, "Admin Uji")
    monkeypatch.setenv("WARTA_NEW_PASSWORD", "Ketua-2025!")
    added = _add(cli, library_path, "Rina Ketua", "editor", "--password")
    assert added["has_password"] is True and added["role"] == "editor"
    monkeypatch.delenv("WARTA_NEW_PASSWORD")

    _as(monkeypatch, "Rina Ketua", "Ketua-2025!")
    code, _out, err = cli("staff", "list", "--library", library_path)
    assert code == 0, err
    _as(monkeypatch, "Rina Ketua", "salah")
    code, _out, err = cli("staff", "list", "--library", library_path)
    assert code == 2 and "salah" in err


def test_password_is_never_an_argument_and_help_says_why(cli, library_path, monkeypatch):
    code, _out, err = cli("staff", "add", "Budi", "--password", "rahasia", "--library", library_path)
    assert code == 2  # "rahasia" is not accepted as a value
    code, out, _err = cli("staff", "list", "--library", library_path, "--json")
    assert [r["name"] for r in json.loads(out)["staff"]] == ["Admin Uji"]
    from desktop.cli import build_parser

    staff_sub = next(a for a in build_parser()._actions if getattr(a, "choices", None) and "staff" in a.choices)
    set_help = staff_sub.choices["staff"]._subparsers._group_actions[0].choices["set"].format_help()
    assert "WARTA_NEW_PASSWORD" in set_help and "riwayat" in set_help


def test_no_terminal_and_no_env_changes_nothing(cli, library_path):
    code, _out, err = cli("staff", "add", "Budi", "--password", "--library", library_path)
    assert code == 2 and "WARTA_NEW_PASSWORD" in err
    _c, out, _ = cli("staff", "list", "--library", library_path, "--json")
    assert "Budi" not in out


def test_password_typed_twice_on_a_terminal(cli, library_path, monkeypatch):
    import getpass
    import sys

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["satu", "dua"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, _out, err = cli("staff", "add", "Budi", "--password", "--library", library_path)
    assert code == 2 and "berbeda" in err
    answers = iter(["sama-sama", "sama-sama"])
    code, out, err = cli("staff", "add", "Budi", "--password", "--library", library_path, "--json")
    assert code == 0 and json.loads(out)["has_password"], err


def test_admin_changes_role_and_password_others_cannot(cli, library_path, monkeypatch):
    _as(monkeypatch, "Admin Uji")
    writer = _add(cli, library_path, "Sari Penulis", "writer")
    code, out, err = cli("staff", "set", "sari penulis", "--role", "editor", "--library", library_path, "--json")
    assert code == 0 and json.loads(out)["role"] == "editor", err
    monkeypatch.setenv("WARTA_NEW_PASSWORD", "baru-123")
    code, out, err = cli("staff", "set", str(writer["id"]), "--password", "--library", library_path, "--json")
    assert code == 0 and json.loads(out)["has_password"], err
    monkeypatch.delenv("WARTA_NEW_PASSWORD")

    _as(monkeypatch, "Sari Penulis", "baru-123")
    code, _out, err = cli("staff", "set", "Admin Uji", "--role", "writer", "--library", library_path)
    assert code == 2 and "Admin" in err
    code, _out, err = cli("staff", "add", "Tamu", "--role", "admin", "--library", library_path)
    assert code == 2
    _as(monkeypatch, "Admin Uji")
    code, out, _err = cli("staff", "list", "--library", library_path, "--json")
    roles = {r["name"]: r["role"] for r in json.loads(out)["staff"]}
    assert roles == {"Admin Uji": "admin", "Sari Penulis": "editor"}

    code, out, err = cli("staff", "set", "Sari Penulis", "--no-password", "--library", library_path, "--json")
    assert code == 0 and json.loads(out)["has_password"] is False, err
    code, _out, err = cli("staff", "set", "Nobody", "--role", "editor", "--library", library_path)
    assert code == 2 and "Nobody" in err


def test_office_set_pattern_colours_hashtags(cli, library_path):
    code, out, err = cli(
        "office", "set", "--library", library_path, "--json",
        "--release-pattern", "{seq:03}/HM.01/{office}/{month:roman}/{year}",
        "--card-colour", "7a1f2b", "--accent-colour", "#F2C14E", "--hashtags", "BawasluContoh, #AwasiPemilu",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["release_number_pattern"] == "{seq:03}/HM.01/{office}/{month:roman}/{year}"
    assert (data["primary_colour"], data["accent_colour"]) == ("#7A1F2B", "#F2C14E")
    assert data["hashtags"] == "#BawasluContoh #AwasiPemilu"


@pytest.mark.parametrize("option, value", [
    ("--release-pattern", "{seq:03}/{nonsense}"),
    ("--card-colour", "merah"),
    ("--hashtags", "#Awasi-Pemilu"),
    ("--self-approval", "ya"),
])
def test_office_set_bad_value_changes_nothing(cli, library_path, option, value):
    code, _out, err = cli("office", "set", "--library", library_path, "--city", "Gowa", option, value)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    _c, out, _ = cli("office", "show", "--library", library_path, "--json")
    data = json.loads(out)
    assert data["city"] == "Contoh" and data["release_number_pattern"] == "" and data["primary_colour"] == ""


def test_self_approval_only_by_an_admin_and_logged(cli, library, library_path, monkeypatch):
    from sqlalchemy import select

    from database.models import AuditLog

    library.close()
    _as(monkeypatch, "Admin Uji")
    _add(cli, library_path, "Eko Editor", "editor")
    _as(monkeypatch, "Eko Editor")
    code, _out, err = cli("office", "set", "--library", library_path, "--self-approval", "on", "--city", "Gowa")
    assert code == 2 and "Admin" in err
    _c, out, _ = cli("office", "show", "--library", library_path, "--json")
    assert json.loads(out)["allow_self_approval"] is False and json.loads(out)["city"] == "Contoh"

    _as(monkeypatch, "Admin Uji")
    code, out, err = cli("office", "set", "--library", library_path, "--self-approval", "on", "--json")
    assert code == 0 and json.loads(out)["allow_self_approval"] is True, err
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        with lib.store.read() as s:
            actions = list(s.scalars(select(AuditLog.action).where(AuditLog.entity == "office")))
    finally:
        lib.close()
    assert "self_approval_on" in actions


def test_a_writer_cannot_change_the_office_profile(cli, library_path, monkeypatch):
    _as(monkeypatch, "Admin Uji")
    _add(cli, library_path, "Wati Penulis", "writer")
    _as(monkeypatch, "Wati Penulis")
    code, _out, err = cli("office", "set", "--library", library_path, "--city", "Gowa")
    assert code == 2 and "Penulis" in err


def test_the_last_admin_cannot_be_demoted(cli, library_path, monkeypatch):
    _as(monkeypatch, "Admin Uji")
    code, _out, err = cli("staff", "set", "Admin Uji", "--role", "editor", "--library", library_path)
    assert code == 2 and "Admin terakhir" in err
    _c, out, _ = cli("staff", "list", "--library", library_path, "--json")
    assert json.loads(out)["staff"][0]["role"] == "admin"
