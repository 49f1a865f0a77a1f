"""Packaging: the PyInstaller bundle, the icon set, the Linux desktop entry and metainfo."""

from __future__ import annotations

import ast
import configparser
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "id.go.warta.Warta"
DESKTOP_FILE = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _spec_constant(name: str):  # noqa: ANN202
    tree = ast.parse((PACKAGING / "warta.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in warta.spec")


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive (Name, Name[id])
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_spec_bundles_every_resource_folder():
    folders = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())
    assert {"fonts", "icons", "translations"} <= set(folders)
    assert sorted(_spec_constant("RESOURCE_DIRS")) == folders


def test_icon_pngs_have_the_sizes_their_folders_promise():
    from PIL import Image

    for size in PNG_SIZES:
        path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "warta.png"
        with Image.open(path) as image:
            assert image.size == (size, size), path
            assert image.mode == "RGBA"
            # Transparent rounded corners, opaque middle: a real rendering, not a blank.
            assert image.getpixel((0, 0))[3] < 128
            assert image.getpixel((size // 2, size // 2))[3] == 255
        assert path.stat().st_size < 40_000
    with Image.open(ICONS / "warta.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    ET.parse(ICONS / "warta.svg")  # well-formed


def test_desktop_entry_names_an_installed_icon_and_the_program():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "warta"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Name"] == "Warta" and entry["Comment[id]"]
    icon = entry["Icon"]
    for size in PNG_SIZES:
        assert (ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").is_file()
    # The install script copies the icons under the name the entry uses.
    assert f"apps/{icon}.png" in (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")


def test_metainfo_matches_desktop_entry_and_version():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("icon") == _desktop_entry()["Icon"]
    assert root.findtext("provides/binary") == "warta"
    assert __version__ in [r.get("version") for r in root.iter("release")]


@pytest.mark.parametrize(
    "argv",
    [["appstreamcli", "validate", "--no-net", str(METAINFO)], ["desktop-file-validate", str(DESKTOP_FILE)]],
    ids=["metainfo", "desktop-entry"],
)
def test_linux_files_pass_the_freedesktop_validators(argv):
    if not shutil.which(argv[0]):
        pytest.skip(f"{argv[0]} not installed")
    result = subprocess.run(argv, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_window_uses_the_desktop_entry_id():
    # Wayland matches windows to their menu entry by this id; a mismatch shows a generic icon.
    tree = ast.parse((ROOT / "desktop" / "ui" / "app.py").read_text(encoding="utf-8"))
    ids = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "setDesktopFileName"
    ]
    assert ids == [APP_ID]


def test_windows_installer_uses_the_built_program_and_icon():
    iss = (PACKAGING / "windows" / "warta.iss").read_text(encoding="utf-8")
    assert "SetupIconFile=..\\..\\resources\\icons\\warta.ico" in iss
    assert '{autoprograms}' in iss and '{autodesktop}' in iss
    assert 'Filename: "{app}\\Warta.exe"' in iss
    assert '_exe("Warta", console=False)' in (PACKAGING / "warta.spec").read_text(encoding="utf-8")


def _run(argv: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)


@pytest.mark.slow
def test_built_bundle_runs(tmp_path):
    """Build dist/Warta with the spec, then run the frozen program as a user would."""
    pytest.importorskip("PyInstaller")
    from database.schema import head_revisions

    # Taken before building: the tree the spec saw.
    expected_heads = head_revisions()
    resource_files = {p.relative_to(ROOT) for p in (ROOT / "resources").rglob("*") if p.is_file()}
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "warta.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = dist / "Warta"
    exe = bundle / ("Warta.exe" if sys.platform == "win32" else "warta")
    assert exe.is_file()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "WARTA_"))}
    env.update(WARTA_CONFIG_DIR=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    if sys.platform == "win32":
        exe = bundle / "warta-cli.exe"  # Warta.exe has no console to print to

    version = _run([str(exe), "--version"], env)
    assert version.returncode == 0 and version.stdout.strip() == f"Warta {__version__}"

    # A new library is created and migrated by the bundled Alembic revisions.
    library = tmp_path / "library"
    info = _run([str(exe), "info", "--library", str(library), "--json"], env)
    assert info.returncode == 0, info.stderr
    payload = json.loads(info.stdout)
    assert set(payload["schema"].split("+")) == expected_heads
    assert payload["articles"] == 0 and (library / "warta.db").is_file()

    # Bundled translations: the default language is Indonesian.
    from desktop.i18n import load_catalog

    text = _run([str(exe), "--lang", "id", "info", "--library", str(library)], env)
    assert text.returncode == 0, text.stderr
    assert load_catalog("id")["Library"] in text.stdout

    # Every resource file made it into the bundle.
    bundled = {p.relative_to(bundle / "_internal") for p in (bundle / "_internal" / "resources").rglob("*")
               if p.is_file()}
    assert resource_files - bundled == set()

    # Libraries imported lazily inside functions work frozen: Pillow and
    # pillow_heif (HEIC from phones), python-docx, openpyxl, vobject,
    # reportlab with the bundled fonts, Babel dates.
    _exercise_heavy_libraries(exe, library, tmp_path, env)

    # The window opens offscreen on that library and closes itself.
    window_env = dict(env, WARTA_SMOKE_EXIT="1")
    gui = _run([str(exe if sys.platform != "win32" else bundle / "Warta.exe"), "--library", str(library)],
               window_env)
    assert gui.returncode == 0, gui.stderr
    if shutil.which("xvfb-run") and sys.platform.startswith("linux"):
        # The real X11 plugin, as on an office desktop: its xcb libraries must be
        # in the bundle (or on every target PC); see packaging/README.md.
        x11 = _run(["xvfb-run", "-a", str(exe), "--library", str(library)],
                   dict(window_env, QT_QPA_PLATFORM="xcb"))
        assert x11.returncode == 0, x11.stderr[-2000:]

    if sys.platform.startswith("linux"):
        prefix = tmp_path / "prefix"
        install = _run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix)], env)
        assert install.returncode == 0, install.stderr
        installed = prefix / "lib" / "warta" / "warta"
        assert _run([str(prefix / "bin" / "warta"), "--version"], env).stdout.strip() == f"Warta {__version__}"
        entry = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
        assert f'Exec="{installed}"' in entry
        for size in PNG_SIZES:
            assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "warta.png").is_file()
        assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()


def _exercise_heavy_libraries(exe: Path, library: Path, tmp_path: Path, env: dict[str, str]) -> None:
    import pillow_heif
    from PIL import Image

    def cli(*args: str) -> str:
        result = _run([str(exe), *args, "--library", str(library)], env)
        assert result.returncode == 0, f"warta {' '.join(args)}: {result.stderr}"
        return result.stdout

    cli("demo", "--articles", "3", "--contacts", "5", "--photos", "2")
    photo = tmp_path / "kegiatan.heic"
    pillow_heif.from_pillow(Image.new("RGB", (320, 240), (30, 90, 160))).save(photo)
    imported = json.loads(cli("photos", "import", str(photo), "--json"))
    assert len(imported["added"]) == 1, imported

    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("xlsx", "vcf"):
        cli("contacts", "export", "--format", fmt, "-o", str(out / f"contacts.{fmt}"))
        assert (out / f"contacts.{fmt}").stat().st_size > 0
    article = json.loads(cli("article", "list", "--json"))["articles"][0]["id"]
    cli("article", "export", str(article), "-f", "docx", "-o", str(out / "article.docx"))
    assert (out / "article.docx").read_bytes()[:2] == b"PK"
    kit = json.loads(cli("kit", "list", "--json"))["kits"][0]["id"]
    cli("kit", "export", str(kit), "-o", str(out / "kit.pdf"))
    pdf = (out / "kit.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"Noto" in pdf
