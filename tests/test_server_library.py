"""Shared-office mode: a library folder whose database is on a PostgreSQL server.

These run in both runs of the suite (they make their own server libraries).
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from desktop.errors import LibraryError
from desktop.library import Library


def _new_server_library(server, path):  # noqa: ANN001
    from desktop import office, staff

    lib = Library.open(path, server=server.new_database())
    office.save(lib, office.OfficeProfile(name="Bawaslu Kabupaten Contoh", short_name="Bawaslu Contoh", city="Contoh"))
    staff.create(lib, staff.StaffInput(name="Admin Uji", role="admin"))
    lib.store.staff_id = staff.list_staff(lib)[0].id
    return lib


def test_create_keeps_only_the_address_in_the_folder(server, tmp_path, cli):
    url = server.new_database()
    code, out, err = cli("library", "create", tmp_path / "kantor", "--server", url, "--json")
    assert code == 0, err
    folder = tmp_path / "kantor"
    data = json.loads((folder / "server.json").read_text(encoding="utf-8"))
    assert data["url"] == url and "password" not in json.dumps(data)
    assert not (folder / "warta.db").exists()
    for name in ("photos", "backups", "exports"):
        assert (folder / name).is_dir()
    code, out, err = cli("info", "--library", folder, "--json")
    assert code == 0, err
    from database.schema import head_revision

    assert json.loads(out)["schema"] == head_revision()


def test_a_password_in_the_address_or_a_busy_database_is_refused(server, tmp_path, cli):
    url = server.new_database().replace("postgres@", "postgres:geheim@")
    code, _out, err = cli("library", "create", tmp_path / "a", "--server", url)
    assert code == 2 and ("password" in err.lower() or "sandi" in err.lower())
    assert not (tmp_path / "a").exists()
    lib = _new_server_library(server, tmp_path / "b")
    busy = lib.server_url
    lib.close()
    code, _out, err = cli("library", "create", tmp_path / "c", "--server", busy)
    assert code == 2 and not (tmp_path / "c").exists()


def test_an_unreachable_server_is_one_sentence(tmp_path, cli):
    code, _out, err = cli("library", "create", tmp_path / "x", "--server", "postgresql://warta@127.0.0.1:9/kantor")
    assert code == 2
    assert "Traceback" not in err and "127.0.0.1" in err
    assert not (tmp_path / "x").exists()


@pytest.mark.sqlite_file
def test_migrate_moves_every_row_and_keeps_the_old_database(server, tmp_path, cli):
    from desktop import demo

    path = tmp_path / "lib"
    lib = Library.open(path)
    assert not lib.is_server
    from desktop import office, staff

    office.save(lib, office.OfficeProfile(name="Bawaslu Kabupaten Contoh", city="Contoh"))
    staff.create(lib, staff.StaffInput(name="Admin Uji", role="admin"))
    demo.generate(lib, {"articles": 30, "contacts": 40, "photos": 3, "kits": 2}, seed=7)
    before = {k: v for k, v in _counts(lib).items()}
    # Ranking differs between engines (bm25, ts_rank); the hits must not.
    hits_before = sorted((h.type, h.id) for h in _search(lib, "pengawasan"))
    assert hits_before
    lib.close()
    url = server.new_database()
    code, out, err = cli("library", "migrate", path, "--to-server", url, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["rows"] > 100
    assert not (path / "warta.db").exists()
    assert list((path / "backups").glob("warta-before-server-*.db"))
    moved = Library.open(path)
    try:
        assert moved.is_server
        assert _counts(moved) == before
        assert sorted((h.type, h.id) for h in _search(moved, "pengawasan")) == hits_before
        assert not [p for p in _check(moved) if "foreign" in p.lower()]
    finally:
        moved.close()
    code, _out, err = cli("library", "migrate", path, "--to-server", server.new_database())
    assert code == 2 and "server" in err


def _counts(lib):  # noqa: ANN001
    from desktop import stats

    return stats.counts(lib)


def _search(lib, q):  # noqa: ANN001
    from desktop import search

    return search.search(lib, q, limit=1000)


def _check(lib):  # noqa: ANN001
    from desktop import check

    return check.run_checks(lib)


def test_two_pcs_see_each_others_changes(server, tmp_path, monkeypatch):
    """Two opens of one folder stand for two PCs: a commit on one reaches the other's watcher."""
    from desktop.articles import api as articles

    first = _new_server_library(server, tmp_path / "kantor")
    second = Library.open(tmp_path / "kantor")
    second.store.staff_id = first.store.staff_id
    seen: list[frozenset[str]] = []
    got = threading.Event()

    def on_change(tables: frozenset[str]) -> None:
        seen.append(tables)
        got.set()

    second.store.watch(on_change)
    try:
        assert second.store._watcher.connected.wait(5)
        started = time.monotonic()
        article_id = articles.create_article(first, articles.ArticleDoc(title="Rapat koordinasi pengawasan"))
        assert got.wait(2.0), "no notification within 2 s"
        assert time.monotonic() - started < 2.0
        assert any("articles" in t for t in seen)
        assert articles.load_doc(second, article_id).title == "Rapat koordinasi pengawasan"
        # Its own writes are not echoed back as a colleague's.
        got.clear()
        seen.clear()
        articles.create_article(second, articles.ArticleDoc(title="Dari PC kedua"))
        assert not got.wait(0.7)
    finally:
        second.close()
        first.close()


def test_a_server_library_backs_up_into_a_plain_folder_and_moves_back(server, tmp_path, cli):
    from desktop.articles import api as articles

    lib = _new_server_library(server, tmp_path / "kantor")
    article_id = articles.create_article(lib, articles.ArticleDoc(title="Sosialisasi pengawasan partisipatif"))
    lib.close()
    (tmp_path / "cadangan").mkdir()
    code, out, err = cli("backup", "--library", tmp_path / "kantor", "--to", tmp_path / "cadangan", "--json")
    assert code == 0, err
    backup_file = json.loads(out)["path"]
    code, out, err = cli("restore", backup_file, "--to", tmp_path / "pulih", "--json")
    assert code == 0, err
    restored = Library.open(tmp_path / "pulih")
    try:
        assert not restored.is_server and (tmp_path / "pulih" / "warta.db").exists()
        assert articles.load_doc(restored, article_id).title == "Sosialisasi pengawasan partisipatif"
        assert [h.id for h in _search(restored, "mengawasi")] == [article_id]
    finally:
        restored.close()
    code, out, err = cli("library", "migrate", tmp_path / "pulih", "--to-server", server.new_database())
    assert code == 0, err


def test_network_share_is_detected(tmp_path):
    from desktop import netfs

    info = (
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"90 22 0:50 / {tmp_path}/share rw,relatime shared:2 - cifs //nas/humas rw,vers=3.0\n"
    )
    (tmp_path / "share").mkdir()
    assert netfs.network_filesystem(tmp_path / "share" / "Library", info) == "cifs"
    assert netfs.network_filesystem(tmp_path / "local", info) is None


@pytest.mark.sqlite_file
def test_a_library_on_a_network_share_is_refused_with_advice(tmp_path, monkeypatch):
    from desktop import netfs

    monkeypatch.setattr(netfs, "network_filesystem", lambda path, mountinfo=None: "cifs")
    with pytest.raises(LibraryError) as err:
        Library.open(tmp_path / "lib")
    assert "PostgreSQL" in str(err.value) and "migrate" in str(err.value)
    assert not (tmp_path / "lib").exists()


@pytest.mark.sqlite_file
def test_settings_moves_the_open_library_to_the_server(server, library_path, qtbot, monkeypatch):
    """Pengaturan → Basis data bersama, clicked as a person would: the window reopens on the server."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

    from desktop import staff
    from desktop.articles import api as articles
    from desktop.ui import app
    from desktop.ui.app import create_main_window
    from desktop.ui.settings_dialog import SettingsDialog

    lib = Library.open(library_path)
    lib.store.staff_id = staff.list_staff(lib)[0].id
    article_id = articles.create_article(lib, articles.ArticleDoc(title="Sebelum pindah"))
    window = create_main_window(lib, staff_id=lib.store.staff_id)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(app, "_sign_in", lambda library, parent=None: library.store.staff_id or 1)
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.findChild(QWidget, "server-page")
    assert "warta.db" in page.where.text()
    page.findChild(QLineEdit, "server-url").setText(server.new_database())
    before = list(app._windows)
    qtbot.mouseClick(page.findChild(QPushButton, "server-move"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(app._windows) > len(before), timeout=30000)
    new_window = app._windows[-1]
    try:
        assert new_window.ctx.library.is_server
        assert articles.load_doc(new_window.ctx.library, article_id).title == "Sebelum pindah"
        assert not (library_path / "warta.db").exists()
    finally:
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
        for w in (new_window, window):
            w.close()
            w.deleteLater()
        new_window.ctx.library.close()
        lib.close()
        app._windows.remove(new_window)
