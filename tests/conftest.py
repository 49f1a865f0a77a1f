"""Shared fixtures: a migrated template library copied per test, the CLI, the real window.

The suite runs on one engine per run: SQLite by default, PostgreSQL with
``WARTA_TEST_ENGINE=postgresql`` (``python tests/run.py`` runs both, as CI does).
In the PostgreSQL run every library a test creates is a shared-office
library on a throw-away server (``tests/pgtest.py``), so every test exercises
the server code paths; tests about the SQLite file itself carry the
``sqlite_file`` marker and keep their SQLite library in both runs.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests explore new examples on a developer's machine, but CI runs a
# fixed, reproducible set: a submission must not pass or fail by luck.
# (Run `CI=true pytest` to see exactly what CI will run.)
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


ENGINE = os.environ.get("WARTA_TEST_ENGINE", "sqlite")
if ENGINE not in ("sqlite", "postgresql"):
    raise SystemExit(f"WARTA_TEST_ENGINE must be sqlite or postgresql, not {ENGINE!r}")

_server = None  # tests/pgtest.py Server, started on first use
_server_libraries = True  # False inside a sqlite_file test


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_file: about the SQLite file itself; a SQLite library in both runs")


def pytest_report_header(config):
    return f"warta engine: {ENGINE}"


def pg_server():
    """The suite's PostgreSQL server (started once, on first use, in either run)."""
    global _server
    if _server is None:
        import pgtest

        _server = pgtest.from_environment()
    return _server


def pytest_sessionfinish(session, exitstatus):
    if _server is not None:
        _server.destroy()


def _install_server_libraries() -> None:
    """New libraries are created on the server, as an office in shared-office mode would."""
    from desktop.library import DB_NAME, SERVER_FILE, Library

    original = Library.open.__func__

    def open_(cls, path, *, create=True, server=None, allow_network_share=False, **kwargs):  # noqa: ANN001
        p = Path(path).expanduser().absolute()
        try:
            fresh = not (p / DB_NAME).exists() and not (p / SERVER_FILE).exists() and (
                not p.exists() or (p.is_dir() and not any(p.iterdir()))
            )
        except OSError:  # a name the system refuses: Library.open says so
            fresh = False
        if server is None and create and fresh and _server_libraries:
            server = pg_server().new_database()
        return original(cls, path, create=create, server=server, allow_network_share=allow_network_share, **kwargs)

    Library.open = classmethod(open_)


if ENGINE == "postgresql":
    _install_server_libraries()


@pytest.fixture(autouse=True)
def _engine_for_test(request):
    global _server_libraries
    _server_libraries = request.node.get_closest_marker("sqlite_file") is None
    yield
    _server_libraries = True


@pytest.fixture
def server():
    """The PostgreSQL server (for tests of shared-office mode, in both runs)."""
    return pg_server()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Settings and the default library never touch the real user folders."""
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("WARTA_CONFIG_DIR", str(cfg))
    monkeypatch.delenv("WARTA_LIBRARY", raising=False)
    monkeypatch.delenv("WARTA_USER", raising=False)
    monkeypatch.setenv("WARTA_LANG", "id")
    from desktop import i18n

    i18n.set_language("id")
    yield cfg


@pytest.fixture
def english():
    """The program in English (ask for it before the window fixture, as ``--lang en`` comes before the window)."""
    from desktop import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("id")


def _build_template(path: Path) -> Path:
    from desktop import office, staff
    from desktop.library import Library

    lib = Library.open(path)
    office.save(
        lib,
        office.OfficeProfile(
            name="Badan Pengawas Pemilihan Umum Kabupaten Contoh",
            short_name="Bawaslu Contoh",
            unit="Humas",
            address="Jl. Merdeka No. 1, Contoh",
            phone="(0331) 000000",
            email="humas@contoh.example",
            website="https://contoh.example",
            city="Contoh",
            boilerplate="Bawaslu Kabupaten Contoh mengawasi setiap tahapan pemilu.",
        ),
    )
    staff.create(lib, staff.StaffInput(name="Admin Uji", position="Kasubbag", role="admin"))
    lib.close()
    return path


_templates: dict[str, Path] = {}


@pytest.fixture
def template_library(tmp_path_factory, request) -> Path:
    """One migrated library with an office profile and an admin, built once per run and engine.

    Never change it: copy it (:func:`copy_library`). A ``sqlite_file`` test
    gets the SQLite one in the PostgreSQL run too.
    """
    global _server_libraries
    kind = "sqlite" if ENGINE == "sqlite" or request.node.get_closest_marker("sqlite_file") else "server"
    if kind not in _templates:
        saved = _server_libraries
        _server_libraries = kind == "server"
        try:
            _templates[kind] = _build_template(tmp_path_factory.mktemp(f"template-{kind}") / "lib")
        finally:
            _server_libraries = saved
    return _templates[kind]


def copy_library(source: Path, target: Path) -> Path:
    """A copy of a closed library folder; in shared-office mode with a copy of its database."""
    shutil.copytree(source, target)
    server_file = target / "server.json"
    if server_file.exists():
        import json

        from sqlalchemy.engine import make_url

        data = json.loads(server_file.read_text(encoding="utf-8"))
        data["url"] = pg_server().new_database(template=make_url(data["url"]).database)
        server_file.write_text(json.dumps(data), encoding="utf-8")
    return target


@pytest.fixture
def library_path(template_library, tmp_path) -> Path:
    return copy_library(template_library, tmp_path / "library")


@pytest.fixture
def library(library_path):
    from desktop import staff
    from desktop.library import Library

    lib = Library.open(library_path)
    lib.store.staff_id = staff.list_staff(lib)[0].id
    yield lib
    lib.close()


@pytest.fixture
def warnings(monkeypatch):
    """The texts of the warnings the window would show in a (modal) message box, answered OK."""
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):  # noqa: ANN001
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


@pytest.fixture
def kip_clock(monkeypatch):
    """The KIP register's calendar held at ``kip_clock.day``: its deadlines are judged against today."""
    import datetime as dt

    class Clock:
        day = dt.date.today()

    held = Clock()
    monkeypatch.setattr("desktop.kip.store.current_day", lambda: held.day)
    return held


@pytest.fixture
def cli():
    """Run the command line in-process: ``code, out, err = cli("info", "--json")``."""
    from desktop.cli import run

    def invoke(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run([str(a) for a in argv])
        return code, out.getvalue(), err.getvalue()

    return invoke


@pytest.fixture
def main_window(qtbot, library):
    """The real main window on ``library``, signed in as its admin, shown."""
    from desktop.ui.app import create_main_window

    window = create_main_window(library, staff_id=library.store.staff_id)
    # Not qtbot.addWidget(): pytest-qt would close it before this fixture's
    # teardown, where the close is made safe below.
    window.show()
    qtbot.waitExposed(window)
    yield window
    # A test may leave an editor with unsaved text; closing must not block
    # the suite on a "save changes?" question nobody can answer.
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.question
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)  # type: ignore[method-assign]
    try:
        window.close()
        window.deleteLater()
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]


