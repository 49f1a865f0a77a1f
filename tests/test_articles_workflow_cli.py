"""warta article submit|approve|return|publish|delete: roles, passwords, exit codes, audit log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from desktop import staff
from desktop.articles import api as articles
from desktop.articles.document import ArticleDoc


@pytest.fixture
def office_team(library, monkeypatch):
    """A writer without a password, an editor with one; the article is the writer's, in review."""
    writer = staff.create(library, staff.StaffInput(name="Dewi Penulis", role="writer"))
    editor = staff.create(library, staff.StaffInput(name="Agus Editor", role="editor", password="kopi-pahit"))
    library.store.staff_id = writer
    art_id = articles.create_article(library, ArticleDoc(
        title="Bawaslu Jember Buka Posko Aduan Pemilih", dateline_city="Jember",
        lead="Bawaslu Kabupaten Jember membuka posko aduan di kantornya, Selasa (8/7/2025).", body="Posko buka 24 jam."))
    library.close()
    monkeypatch.delenv("WARTA_PASSWORD", raising=False)
    return {"writer": writer, "editor": editor, "article": art_id}


def _audit(library_path, art_id):
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        with lib.store.read() as s:
            return s.execute(text("SELECT action, staff_id, summary FROM audit_log WHERE entity = 'articles' "
                                  "AND entity_id = :id AND action NOT IN ('create', 'update') ORDER BY id"),
                             {"id": str(art_id)}).all()
    finally:
        lib.close()


def test_the_workflow_from_the_command_line(office_team, cli, library_path, monkeypatch):
    art = office_team["article"]
    monkeypatch.setenv("WARTA_USER", "Dewi Penulis")
    code, out, err = cli("article", "submit", art, "--library", library_path, "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "review"
    # The writer cannot approve (role), and nothing changed.
    code, out, err = cli("article", "approve", art, "--library", library_path)
    assert code == 2 and "Editor" in err and "\n" not in err.strip()

    monkeypatch.setenv("WARTA_USER", "Agus Editor")
    monkeypatch.setenv("WARTA_PASSWORD", "kopi-pahit")
    code, out, err = cli("article", "return", art, "--library", library_path)
    assert code == 2 and "--comment" in err  # a return needs its comment
    code, out, err = cli("article", "approve", art, "--revision", 1, "--library", library_path, "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["status"] == "approved" and payload["approval"]["approver"] == "Agus Editor"
    assert payload["approval"]["release_number"].startswith("001/") and len(payload["approval"]["sha256"]) == 64
    code, out, err = cli("article", "publish", art, "--url", "https://contoh.example/posko", "--library", library_path)
    assert code == 0, err
    assert "Terbit" in out or "terbit" in out.lower()
    code, out, err = cli("article", "show", art, "--library", library_path, "--json")
    shown = json.loads(out)
    assert shown["status"] == "published" and shown["approval"]["published_at"]
    # A published article is not deleted.
    code, out, err = cli("article", "delete", art, "--library", library_path)
    assert code == 2 and err.startswith("warta: ")

    steps = _audit(library_path, art)
    assert [s[0] for s in steps] == ["submit", "approve", "publish"]
    assert steps[1][1] == office_team["editor"] and payload["approval"]["release_number"] in steps[1][2]


def test_delete_a_draft_is_logged(office_team, cli, library_path, monkeypatch):
    monkeypatch.setenv("WARTA_USER", "Dewi Penulis")
    code, out, err = cli("article", "delete", office_team["article"], "--library", library_path, "--json")
    assert code == 0, err and json.loads(out) == {"id": office_team["article"], "deleted": True}
    assert [s[0] for s in _audit(library_path, office_team["article"])] == ["delete"]
    code, out, err = cli("article", "show", office_team["article"], "--library", library_path)
    assert code == 2


def test_a_profile_with_a_password_needs_it(office_team, cli, library_path, monkeypatch):
    art = office_team["article"]
    monkeypatch.setenv("WARTA_USER", "Agus Editor")
    code, out, err = cli("article", "submit", art, "--library", library_path, "--json")
    assert code == 2 and "WARTA_PASSWORD" in err
    assert json.loads(out)["ok"] is False
    monkeypatch.setenv("WARTA_PASSWORD", "teh-manis")
    code, out, err = cli("article", "submit", art, "--library", library_path)
    assert code == 2 and "salah" in err
    assert _audit(library_path, art) == []

    # On a terminal it is asked for.
    import getpass
    import sys

    monkeypatch.delenv("WARTA_PASSWORD")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    asked = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "kopi-pahit")
    code, out, err = cli("article", "submit", art, "--library", library_path)
    assert code == 0, err
    assert asked and "Agus Editor" in asked[0]
    assert [s[0] for s in _audit(library_path, art)] == ["submit"]


def test_export_of_an_article_with_a_newer_draft_warns(office_team, cli, library_path, monkeypatch, tmp_path):
    from desktop.library import Library

    lib = Library.open(library_path)
    art = office_team["article"]
    lib.store.staff_id = office_team["writer"]
    articles.transition(lib, art, "submit")
    lib.store.staff_id = office_team["editor"]
    articles.approve(lib, art)
    lib.store.staff_id = office_team["writer"]
    articles.start_new_draft(lib, art)
    articles.save(lib, art, ArticleDoc(title="Bawaslu Jember Buka Posko Aduan Pemilih", body="Posko buka sampai 17.00."))
    lib.close()
    monkeypatch.setenv("WARTA_USER", "Dewi Penulis")
    target = tmp_path / "rilis.md"
    code, out, err = cli("article", "export", art, "--format", "md", "-o", target, "--library", library_path, "--json")
    assert code == 0, err
    assert "draf" in err.lower() and json.loads(out)["warnings"]
    written = target.read_text(encoding="utf-8")
    assert "Posko buka 24 jam." in written and "17.00" not in written
