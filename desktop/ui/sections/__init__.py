"""The sidebar's sections, in order: (key, "module:Class", icon theme name).

Each area replaces its placeholder entry with its own section class.
Modules are imported only when the section is first shown.
"""

from __future__ import annotations

SECTIONS: list[tuple[str, str, str]] = [
    ("home", "desktop.ui.sections.home:HomeSection", "go-home"),
    ("articles", "desktop.ui.sections.articles:ArticlesSection", "document-edit"),
    ("contacts", "desktop.ui.sections.contacts:ContactsSection", "x-office-address-book"),
    ("photos", "desktop.ui.sections.photos:PhotosSection", "image-x-generic"),
    ("kits", "desktop.ui.sections.kits:KitsSection", "x-office-document"),
]


def load(spec: str) -> type:
    import importlib

    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)
