"""The one translation system for the window, the command line and the PDFs.

Source strings are English; Indonesian is the default language. Catalogs are
gettext ``.po`` files under ``resources/translations/<lang>/`` (one file per
area of the app so that areas can be translated independently); all files of
a language are merged. ``tests/test_i18n.py`` extracts every ``_()`` string
with Babel and fails when the Indonesian catalog misses one.

Catalogs are read with a small parser rather than Babel's ``read_po`` because
importing Babel's catalog machinery costs ~80 ms at every start; the test
suite checks that both readers agree.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from desktop.paths import TRANSLATIONS

DEFAULT_LANGUAGE = "id"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

_lock = threading.Lock()
_language = DEFAULT_LANGUAGE
_catalog: dict[str, str] | None = None


def _unquote(chunk: str) -> str:
    # PO strings use C escapes, which Python string literals share; most
    # strings have none, and skipping the parser for them halves start-up
    # cost of loading the catalog.
    if "\\" not in chunk and chunk.startswith('"') and chunk.endswith('"'):
        return chunk[1:-1]
    return ast.literal_eval(chunk)


def parse_po(text: str) -> dict[str, str]:
    """Return ``{msgid: msgstr}`` for the translated, non-fuzzy entries of a PO file."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    target: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgid, msgstr, target, fuzzy
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value and not fuzzy:
                entries[key] = value
        msgid = msgstr = target = None
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            keep_fuzzy = fuzzy
            flush()
            fuzzy = keep_fuzzy
            msgid = [_unquote(line[6:])]
            target = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:])]
            target = msgstr
        elif line.startswith('"') and target is not None:
            target.append(_unquote(line))
    flush()
    return entries


def load_catalog(language: str, root: Path = TRANSLATIONS) -> dict[str, str]:
    catalog: dict[str, str] = {}
    folder = root / language
    if folder.is_dir():
        for po in sorted(folder.glob("*.po")):
            catalog.update(parse_po(po.read_text(encoding="utf-8")))
    return catalog


def set_language(language: str) -> None:
    """Switch the language for everything translated from now on."""
    global _language, _catalog
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    with _lock:
        _language = language
        _catalog = None


def current_language() -> str:
    return _language


def gettext(message: str) -> str:
    global _catalog
    catalog = _catalog
    if catalog is None:
        with _lock:
            if _catalog is None:
                _catalog = load_catalog(_language) if _language != "en" else {}
            catalog = _catalog
    return catalog.get(message, message)


_ = gettext

_fixed: dict[str, dict[str, str]] = {}


def gettext_for(language: str):  # noqa: ANN201 - Callable[[str], str]
    """A translation function for one language, whatever the interface language.

    For documents that must not change with the reader's UI setting (a press
    kit PDF is Indonesian, and exported twice it must give the same bytes).
    Thread-safe: it never touches the current language.
    """
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    with _lock:
        if language not in _fixed:
            _fixed[language] = load_catalog(language) if language != "en" else {}
        catalog = _fixed[language]
    return lambda message: catalog.get(message, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module-level constants)."""
    return message
