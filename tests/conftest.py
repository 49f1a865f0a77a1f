"""Shared fixtures: a migrated template library copied per test, the CLI, the real window."""

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


@pytest.fixture(scope="session")
def template_library(tmp_path_factory) -> Path:
    """One migrated library with an office profile and an admin, built once per run."""
    from desktop import office, staff
    from desktop.library import Library

    path = tmp_path_factory.mktemp("template") / "lib"
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


@pytest.fixture
def library_path(template_library, tmp_path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(template_library, target)
    return target


@pytest.fixture
def library(library_path):
    from desktop import staff
    from desktop.library import Library

    lib = Library.open(library_path)
    lib.store.staff_id = staff.list_staff(lib)[0].id
    yield lib
    lib.close()


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


