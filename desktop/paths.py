"""Where Warta's read-only resources live, in a checkout and in a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES = ROOT / "resources"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
TRANSLATIONS = RESOURCES / "translations"
HELP = RESOURCES / "help"
# The README's screenshots, shown in the user guide too; the PyInstaller spec bundles
# them at the same relative place, so one path works in a checkout and frozen.
SCREENSHOTS = ROOT / "docs" / "screenshots"
MIGRATIONS = ROOT / "database" / "migrations"
