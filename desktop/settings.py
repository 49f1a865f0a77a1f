"""Per-PC settings: typed options with defaults, stored as JSON, with versioned upgrades.

Settings are the only thing Warta writes outside a library. The folder is the
platform's config folder for Warta, or ``WARTA_CONFIG_DIR`` (tests, portable
installs).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from desktop.fsutil import atomic_write_bytes

VERSION = 1


@dataclass
class Settings:
    version: int = VERSION
    language: str = "id"
    last_library: str = ""
    # library_id -> staff id chosen on this PC ("who am I")
    users: dict[str, int] = field(default_factory=dict)
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    last_section: str = "home"
    # Free-form per-area options (column widths, last export folder …),
    # namespaced by area: {"photos": {"grid_size": 160}}.
    ui: dict[str, dict] = field(default_factory=dict)
    # purpose ("import-photos", "export" …) -> the folder a file dialog for it last used
    last_folders: dict[str, str] = field(default_factory=dict)

    def user_for(self, library_id: str) -> int | None:
        return self.users.get(library_id)


def config_dir() -> Path:
    env = os.environ.get("WARTA_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("Warta", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def _upgrade(data: dict) -> dict:
    """Bring older settings files to the current version, step by step."""
    version = int(data.get("version", 0) or 0)
    if version < 1:
        # Version 0 (never released) stored the language as "locale".
        if "locale" in data and "language" not in data:
            data["language"] = data.pop("locale")
        version = 1
    data["version"] = version
    return data


def load() -> Settings:
    """Read settings; a missing or unreadable file gives the defaults."""
    try:
        raw = json.loads(settings_path().read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError
    except (OSError, ValueError):
        return Settings()
    raw = _upgrade(raw)
    known = {f.name: f for f in fields(Settings)}
    values = {}
    defaults = Settings()
    for name, value in raw.items():
        if name in known and isinstance(value, type(getattr(defaults, name))):
            values[name] = value
    return Settings(**values)


def save(settings: Settings) -> None:
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    try:
        atomic_write_bytes(settings_path(), data)
    except OSError:
        # Settings are a convenience; failing to remember them must never
        # stop the user's work.
        pass
