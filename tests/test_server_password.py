"""Shared-office mode with a real password: asked once per PC, kept in its keyring, never in the folder.

The suite's private server trusts its own ``postgres`` account; these tests
add a role that must log in with a SCRAM password (a line in the cluster's
``pg_hba.conf``), as an office server would require.
"""

from __future__ import annotations

import json
import uuid

import pytest

PASSWORD = "Rahasia-Kantor-2025"


class MemoryKeyring:
    """A keyring backend holding passwords in memory (stands for Windows Credential Manager)."""

    def __new__(cls):  # noqa: ANN204 - built lazily so keyring is imported only here
        from keyring.backend import KeyringBackend

        class _Memory(KeyringBackend):
            priority = 1

            def __init__(self) -> None:
                super().__init__()
                self.kept: dict[tuple[str, str], str] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.kept.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.kept[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.kept.pop((service, username), None)

        return _Memory()


@pytest.fixture
def keyring_memory(monkeypatch):
    import keyring

    from desktop import credentials

    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.setattr(credentials, "_session", {})
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def password_url(server):
    """An empty database owned by a role that needs ``PASSWORD`` to log in."""
    if not server.is_private:
        pytest.skip("needs the suite's own cluster to require a password (pg_hba.conf)")
    hba = server.data_dir / "pg_hba.conf"
    rule = "host all +warta_password_users 127.0.0.1/32 scram-sha-256\n"
    text = hba.read_text(encoding="utf-8")
    if rule not in text:
        server.execute("CREATE ROLE warta_password_users NOLOGIN")
        hba.write_text(rule + text, encoding="utf-8")
        server.execute("SELECT pg_reload_conf()")
    role = f"humas_{uuid.uuid4().hex[:8]}"
    server.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}' IN ROLE warta_password_users")
    url = server.new_database()
    name = url.rsplit("/", 1)[1]
    server.execute(f"ALTER DATABASE {name} OWNER TO {role}")
    server.execute(f"GRANT ALL ON SCHEMA public TO {role}")
    url = url.replace("postgres@", f"{role}@", 1)
    _wait_until_password_required(url)
    return url


def _wait_until_password_required(url: str) -> None:
    """pg_reload_conf() only signals the server; wait until the new rule is in force."""
    import time

    import psycopg

    deadline = time.monotonic() + 10
    while True:
        try:
            psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=5,
                            passfile="/nonexistent/pgpass", password="").close()
        except psycopg.OperationalError as exc:
            if "password" in str(exc):
                return
            raise
        if time.monotonic() > deadline:
            raise AssertionError("the server never started asking for a password")
        time.sleep(0.1)


def test_the_command_line_says_how_to_give_a_password_and_uses_pgpassword(
    password_url, keyring_memory, tmp_path, cli, monkeypatch
):
    folder = tmp_path / "kantor"
    code, _out, err = cli("library", "create", folder, "--server", password_url)
    assert code == 2
    assert "PGPASSWORD" in err and "Traceback" not in err
    assert not folder.exists()

    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    code, _out, err = cli("library", "create", folder, "--server", password_url, "--json")
    assert code == 0, err
    assert PASSWORD not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                   for p in folder.rglob("*") if p.is_file())

    monkeypatch.delenv("PGPASSWORD")
    code, _out, err = cli("info", "--library", folder, "--json")
    assert code == 2 and "PGPASSWORD" in err


def _server_library(folder, url, monkeypatch) -> None:  # noqa: ANN001
    """A set-up server library (office and one user), made with the password from the environment."""
    from desktop import office, staff
    from desktop.library import Library

    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    lib = Library.open(folder, server=url)
    office.save(lib, office.OfficeProfile(name="Bawaslu Kabupaten Contoh", short_name="Bawaslu Contoh", city="Contoh"))
    staff.create(lib, staff.StaffInput(name="Admin Kantor", role="admin"))
    lib.close()
    monkeypatch.delenv("PGPASSWORD")


def test_the_window_asks_once_per_pc_and_keeps_the_password_in_the_keyring(
    password_url, keyring_memory, tmp_path, main_window, qtbot, monkeypatch
):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QInputDialog

    from desktop import credentials
    from desktop.ui import app, file_dialogs

    folder = tmp_path / "kantor"
    _server_library(folder, password_url, monkeypatch)
    asked: list[str] = []
    answers = iter(["salah-ketik", PASSWORD])

    def get_text(_parent, _title, prompt, *_args, **_kwargs):  # noqa: ANN001, ANN202
        asked.append(prompt)
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: str(folder))
    before = len(app._windows)
    main_window.findChild(QAction, "action-open-library").trigger()

    # A wrong password is asked again, saying so; the right one opens the library.
    assert len(asked) == 2
    assert "tidak menerima" in asked[1]
    opened = app._windows[before]
    assert opened.ctx.library.is_server
    assert "basis data kantor" in opened.library_label.text()  # the status bar says the data is shared
    assert keyring_memory.kept[(credentials.SERVICE, credentials._key(password_url))] == PASSWORD
    assert "salah" not in json.dumps(json.loads((folder / "server.json").read_text(encoding="utf-8")))

    # Next start on this PC: the keyring answers, nobody is asked.
    opened.close()
    opened.ctx.library.close()
    monkeypatch.setattr(credentials, "_session", {})
    again = app._open_with_recovery(str(folder))
    try:
        assert again is not None and again.is_server
        assert len(asked) == 2
    finally:
        again.close()


def test_without_a_keyring_the_password_is_asked_once_per_start(
    password_url, tmp_path, qtbot, monkeypatch
):
    import keyring
    from keyring.backends import fail

    from desktop import credentials
    from desktop.ui import app
    from PySide6.QtWidgets import QInputDialog

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(credentials, "_session", {})
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    try:
        folder = tmp_path / "kantor"
        _server_library(folder, password_url, monkeypatch)
        asked: list[str] = []
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (asked.append(a[2]) or PASSWORD, True))
        first = app._open_with_recovery(str(folder))
        assert first is not None and len(asked) == 1
        first.close()
        second = app._open_with_recovery(str(folder))  # same run: not asked again
        assert second is not None and len(asked) == 1
        second.close()
    finally:
        keyring.set_keyring(before)
