"""Only desktop.ui imports PySide6: everything else must run headless."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _headless_modules() -> list[str]:
    names = []
    for package in ("database", "desktop"):
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            if info.name.startswith("desktop.ui") or ".migrations" in info.name:
                continue
            names.append(info.name)
    return sorted(names)


def test_headless_modules_never_import_qt():
    modules = _headless_modules()
    assert "desktop.library" in modules and "database.session" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported by headless code: {result.stdout}"


def test_version_and_info_do_not_import_heavy_libraries(tmp_path):
    """Startup cost: headless commands leave Qt, reportlab, Pillow and importers alone."""
    code = (
        "import sys\n"
        "from desktop.cli import run\n"
        f"run(['info', '--library', {str(tmp_path / 'lib')!r}])\n"
        "heavy = ('PySide6', 'reportlab', 'PIL', 'docx', 'vobject', 'openpyxl', 'alembic')\n"
        "print('HEAVY:' + ','.join(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})))\n"
    )
    # First run creates the library (Alembic needed); the second must not need it.
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:", result.stdout
