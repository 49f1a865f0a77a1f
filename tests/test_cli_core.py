"""The command-line contract for the foundation's subcommands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_version(cli):
    code, out, _err = cli("--version")
    assert code == 0 and out.startswith("Warta ")


def test_info_json_has_the_contract_keys(cli, library_path):
    code, out, err = cli("info", "--library", library_path, "--json")
    assert code == 0, err
    data = json.loads(out)
    for key in ("library", "schema", "articles", "contacts", "organizations", "photos", "kits"):
        assert key in data
    assert data["library"] == str(library_path)


def test_library_option_before_subcommand_and_env(cli, library_path, monkeypatch):
    code, out, _ = cli("--library", library_path, "info", "--json")
    assert code == 0 and json.loads(out)["library"] == str(library_path)
    monkeypatch.setenv("WARTA_LIBRARY", str(library_path))
    code, out, _ = cli("info", "--json")
    assert json.loads(out)["library"] == str(library_path)


def test_check_passes_on_a_healthy_library(cli, library_path):
    code, out, _ = cli("check", "--library", library_path, "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "problems": []}


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_check_names_every_problem(cli, library_path):
    import sqlite3

    db = sqlite3.connect(library_path / "warta.db")
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("INSERT INTO audit_log (at, staff_id, action, entity, entity_id, summary) VALUES ('2025-01-01', 999, 'x', 'y', '', '')")
    db.commit()
    db.close()
    code, out, _ = cli("check", "--library", library_path, "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert any("audit_log" in p for p in data["problems"])


def test_office_set_and_show(cli, library_path):
    code, _out, err = cli("office", "set", "--library", library_path, "--name", "Komisi Pemilihan Umum Kabupaten Maros", "--city", "Maros")
    assert code == 0, err
    code, out, _ = cli("office", "show", "--library", library_path, "--json")
    data = json.loads(out)
    assert data["name"] == "Komisi Pemilihan Umum Kabupaten Maros" and data["city"] == "Maros"


def test_office_set_rejects_bad_email_and_changes_nothing(cli, library_path):
    code, _out, err = cli("office", "set", "--library", library_path, "--email", "humas@", "--city", "Gowa")
    assert code == 2 and "surel" in err and "Traceback" not in err
    _c, out, _ = cli("office", "show", "--library", library_path, "--json")
    assert json.loads(out)["city"] == "Contoh"


def test_staff_add_and_list(cli, library_path):
    code, out, _ = cli("staff", "add", "Dewi Lestari", "--role", "editor", "--library", library_path, "--json")
    assert code == 0
    new_id = json.loads(out)["id"]
    _c, out, _ = cli("staff", "list", "--library", library_path, "--json")
    assert {"id": new_id, "name": "Dewi Lestari", "position": "", "role": "editor"} in json.loads(out)["staff"]


@pytest.mark.parametrize(
    "setup, message",
    [
        ("file", "bukan folder"),
        ("other-files", "berkas lain"),
        ("not-sqlite", "bukan basis data Warta"),
    ],
)
def test_unusable_libraries_fail_cleanly(cli, tmp_path, setup, message):
    target = tmp_path / "lib"
    if setup == "file":
        target.write_text("x")
    elif setup == "other-files":
        target.mkdir()
        (target / "foto.jpg").write_bytes(b"x")
    else:
        target.mkdir()
        (target / "warta.db").write_text("hello")
    code, out, err = cli("info", "--library", target, "--json")
    assert code == 2 and json.loads(out) == {"ok": False, "error": err.strip().removeprefix("warta: ")}
    assert message in err and str(target) in err and "Traceback" not in err


def test_bad_arguments_exit_2_without_traceback(cli):
    code, _out, err = cli("info", "--no-such-option")
    assert code == 2 and "warta --help" in err and "Traceback" not in err


def test_demo_never_mixes_into_a_library_with_data(cli, library_path):
    code, _out, err = cli("staff", "list", "--library", library_path)
    assert code == 0
    code, _out, err = cli("demo", "--library", library_path, "--articles", "2", "--contacts", "2", "--photos", "0")
    assert code == 0, err  # the template library has no articles, contacts or photos yet
    code, out, _ = cli("info", "--library", library_path, "--json")
    articles = json.loads(out)["articles"]  # 2 generated, and the demo claims' klarifikasi
    code, _out, err = cli("demo", "--library", library_path, "--articles", "2", "--contacts", "0", "--photos", "0")
    assert code == 2 and "--force" in err
    code, out, _ = cli("info", "--library", library_path, "--json")
    assert json.loads(out)["articles"] == articles


@pytest.mark.sqlite_file  # about the SQLite file itself
def test_check_lists_what_is_damaged_in_a_library_that_cannot_open(cli, library_path):
    db = library_path / "warta.db"
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    code, out, err = cli("check", "--library", library_path, "--json")
    result = json.loads(out)
    assert code == 1 and result["ok"] is False and result["problems"]


def test_demo_fills_a_library(cli, tmp_path):
    code, out, err = cli("demo", "--library", tmp_path / "demo", "--articles", "20", "--contacts", "20", "--photos", "3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["library"] == str(tmp_path / "demo")
    code, out, _ = cli("office", "show", "--library", tmp_path / "demo", "--json")
    assert json.loads(out)["name"]
    # Approved and published articles carry the record of their approval, and every hash verifies.
    code, out, err = cli("check", "--library", tmp_path / "demo", "--json")
    assert code == 0 and json.loads(out)["ok"], out + err
    from desktop.articles import api as articles
    from desktop.claims import api as claims
    from desktop.library import Library

    library = Library.open(tmp_path / "demo")
    try:
        shown = articles.list_articles(library, limit=100)
        approved = [a for a in shown if a.status in ("approved", "published")]
        assert approved
        for row in approved:
            approval = articles.approved_revision(library, row.id)
            assert approval is not None and approval.revision_number >= 1 and approval.release_number
            assert approval.approver_name and approval.approver_id != articles.load(library, row.id).author_id
            assert articles.verify(library, approval.id)
            assert approval.published_at is None or approval.approved_at <= approval.published_at
        # The Isu & Hoaks register has claims, some clarified (published) and one awaiting approval.
        assert claims.count_claims(library) >= 10
        assert claims.timing(library).clarified >= 1
        waiting = [c for c in claims.list_claims(library, limit=50)
                   if c.clarification is not None and c.clarification.status == "review"]
        assert waiting
        # The KIP register has requests in every state a desk meets, deadlines from the store, and a DIP.
        from desktop.kip import api as kip

        states = {r.state for r in kip.list_requests(library)}
        assert {"received", "extended", "answered", "objected"} <= states
        assert kip.list_dip(library)
    finally:
        library.close()


def test_python_dash_m_desktop_and_english(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--lang", "en", "info", "--library", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Articles" in result.stdout and "Library" in result.stdout


def test_every_subcommand_accepts_library_and_json():
    import argparse

    from desktop.cli import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            options = {o for a in parser._actions for o in a.option_strings}
            if not {"--library", "--json"} <= options:
                missing.append(path)
            return
        for name, child in subs[0].choices.items():
            walk(child, f"{path} {name}")

    walk(build_parser(), "warta")
    assert not missing, missing


def test_usage_errors_and_help_speak_the_users_language(cli):
    code, _out, err = cli("article", "approve")
    assert code == 2 and "argumen berikut wajib diisi: id" in err and "required" not in err
    code, _out, err = cli("--lang", "en", "article", "approve")
    assert code == 2 and "the following arguments are required: id" in err
    from desktop import i18n
    from desktop.cli import build_parser

    i18n.set_language("id")
    shown = build_parser().format_help()
    assert shown.startswith("pemakaian: warta") and "tampilkan bantuan ini lalu keluar" in shown
    assert "tampilkan nomor versi program lalu keluar" in shown and "show program" not in shown


def test_a_system_error_is_explained_in_the_users_language():
    from desktop import i18n
    from desktop.errors import os_reason

    i18n.set_language("id")
    missing = FileNotFoundError(2, "No such file or directory", "/tidak/ada")
    assert os_reason(missing) == "berkas atau folder itu tidak ada"
    assert os_reason(PermissionError(13, "Permission denied")) == "izin ditolak"
    assert os_reason(OSError(123456, "Something rare")) == "Something rare"  # the system's text, never nothing
    i18n.set_language("en")
    assert os_reason(missing) == "no such file or folder"
