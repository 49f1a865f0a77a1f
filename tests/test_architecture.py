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


# -- areas talk through their public api -----------------------------------------

AREA_PACKAGES = ("articles", "contacts", "photos", "kits", "safety", "claims", "social", "reports")
# database/models/<file>.py -> the area owning those tables. Core models (staff,
# office, audit log, meta) are the shared foundation every area may join to.
MODEL_FILE_AREA = {"articles_io": "articles"}
# Files that may still reach into an area until their owner changes them: (file, area).
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _model_owners() -> dict[str, str]:
    from database import models

    owners = {}
    for module, names in models._WHERE.items():
        area = MODEL_FILE_AREA.get(module, module)
        if area in AREA_PACKAGES:
            owners.update(dict.fromkeys(names, area))
    return owners


def _source_files(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _area_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "desktop" and parts[1] in AREA_PACKAGES else None


def _imports(path: Path):  # noqa: ANN202 - yields (line, imported module, names)
    """Every import in ``path`` as absolute module names (relative ones resolved)."""
    import ast

    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield node.lineno, module, tuple(alias.name for alias in node.names)


def cross_area_violations(paths: list[Path]) -> list[str]:
    """Imports of another area's non-api modules or of another area's model classes."""
    owners = _model_owners()
    found = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        mine = _area_of(_module_name(path))
        for line, module, names in _imports(path):
            target = _area_of(module)
            if target and target != mine and (rel, target) not in KNOWN_EXCEPTIONS:
                parts = module.split(".")
                if len(parts) > 2:  # from desktop.photos.store import x
                    inner = [module] if parts[2] != "api" else []
                else:  # from desktop.photos import store, api
                    inner = [f"{module}.{n}" for n in names if n != "api"]
                for name in inner:
                    found.append(f"{rel}:{line}: imports {name} (use desktop.{target}.api)")
            if module == "database.models" or module.startswith("database.models."):
                file_owner = module.split(".")[2] if module.count(".") >= 2 else None
                file_owner = MODEL_FILE_AREA.get(file_owner, file_owner)
                used = {owners[n] for n in names if n in owners}
                if file_owner in AREA_PACKAGES:
                    used.add(file_owner)
                for owner in sorted(used - {mine}):
                    found.append(f"{rel}:{line}: uses the {owner} area's models ({module}) (use desktop.{owner}.api)")
    return found


def ui_sql_violations(paths: list[Path]) -> list[str]:
    """SQL in the window: sqlalchemy or database imports, store.read()/write()/engine/session use."""
    import ast

    found = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        for line, module, _names in _imports(path):
            if module.split(".")[0] in ("sqlalchemy", "database"):
                found.append(f"{rel}:{line}: imports {module} (call the area's api)")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("read", "write", "engine", "session", "connection"):
                owner = node.value
                named = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                if named == "store" or node.attr in ("session", "connection"):
                    found.append(f"{rel}:{node.lineno}: uses .{node.attr} (call the area's api)")
    return found


def test_areas_import_each_other_only_through_their_api():
    problems = cross_area_violations(_source_files("desktop"))
    assert problems == [], "\n".join(problems)


def test_window_runs_no_sql():
    problems = ui_sql_violations(_source_files("desktop/ui"))
    assert problems == [], "\n".join(problems)


def test_the_rules_catch_bad_imports(tmp_path, monkeypatch):
    """The two rules above are real: a deliberately bad module trips each."""
    bad = ROOT / "desktop" / "ui" / "_architecture_probe.py"
    kit = ROOT / "desktop" / "kits" / "_architecture_probe.py"
    try:
        bad.write_text(
            "from sqlalchemy import select\n"
            "from desktop.contacts import store\n"
            "def rows(library):\n"
            "    with library.store.read() as s:\n"
            "        return s.execute(select(1))\n",
            encoding="utf-8",
        )
        kit.write_text(
            "from database.models import Article, Kit\n"
            "from desktop.photos.store import get_photo\n"
            "from desktop.articles import api\n"
            "from . import store\n",
            encoding="utf-8",
        )
        cross = cross_area_violations([bad, kit])
        assert len(cross) == 3, cross
        assert any("desktop.contacts.store" in p for p in cross)
        assert any("articles area's models" in p for p in cross)
        assert any("desktop.photos.store" in p for p in cross)
        sql = ui_sql_violations([bad])
        assert len(sql) == 2 and "sqlalchemy" in sql[0] and ".read" in sql[1], sql
    finally:
        bad.unlink(missing_ok=True)
        kit.unlink(missing_ok=True)
