"""The user guide: Markdown pages under ``resources/help/<language>/``, as HTML for the help window.

Written for humas staff, in Indonesian and English; the language follows the
interface (a page missing in one language falls back to Indonesian). Pages
link to each other by file name (``[Foto](photos.md)``) and show the
screenshots the project renders for its README (``screenshots/<name>.png``,
resolved in :data:`desktop.paths.SCREENSHOTS`). Headless: the window only
displays what this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop import i18n, paths

# The guide's pages in reading order (file stems, the same in every language).
PAGES = ("start", "articles", "approval", "contacts", "photos", "kits", "backups")
# The page F1 opens in each sidebar section.
SECTION_PAGES = {"home": "start", "articles": "articles", "contacts": "contacts", "photos": "photos",
                 "kits": "kits"}
SCREENSHOT_PREFIX = "screenshots/"
# Screenshots are full-window captures: shown at a readable width, not at their pixel size.
IMAGE_WIDTH = 600


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    path: Path


def _language(language: str | None) -> str:
    return language or i18n.current_language()


def page_path(key: str, language: str | None = None) -> Path:
    """The Markdown file of page ``key``; Indonesian when the language has no such page."""
    path = paths.HELP / _language(language) / f"{key}.md"
    return path if path.is_file() else paths.HELP / i18n.DEFAULT_LANGUAGE / f"{key}.md"


def pages(language: str | None = None) -> list[Page]:
    """Every page with its title (its first ``#`` heading), in reading order."""
    out = []
    for key in PAGES:
        path = page_path(key, language)
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^#\s+(.+)$", text, re.M)
        out.append(Page(key, match.group(1).strip() if match else key, path))
    return out


def page_for_section(section_key: str | None) -> str:
    """The page about a sidebar section (the first page for anything else)."""
    return SECTION_PAGES.get(section_key or "", PAGES[0])


def image_file(src: str) -> Path | None:
    """Where an image a page names lives; None for a source the guide does not ship."""
    if src.startswith(SCREENSHOT_PREFIX):
        return paths.SCREENSHOTS / src[len(SCREENSHOT_PREFIX):]
    return None


def _parser():  # noqa: ANN202
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def images(key: str, language: str | None = None) -> list[str]:
    """The image sources page ``key`` names, in order."""
    tokens = _parser().parse(page_path(key, language).read_text(encoding="utf-8"))
    return [child.attrs.get("src", "") for tok in tokens if tok.type == "inline"
            for child in tok.children or [] if child.type == "image"]


def html(key: str, language: str | None = None) -> str:
    """Page ``key`` as HTML: images as file URLs at a readable width, links to pages kept as ``<key>.md``."""
    md = _parser()
    tokens = md.parse(page_path(key, language).read_text(encoding="utf-8"))
    for tok in tokens:
        for child in tok.children or []:
            if child.type == "image":
                found = image_file(str(child.attrs.get("src", "")))
                child.attrSet("src", found.as_uri() if found is not None else "")
                child.attrSet("width", str(IMAGE_WIDTH))
    return md.renderer.render(tokens, md.options, {})


def linked_page(href: str) -> str | None:
    """The page a link inside the guide points at (``photos.md``), None for any other link."""
    stem = href.rsplit("/", 1)[-1].split("#", 1)[0]
    if stem.endswith(".md") and stem[:-3] in PAGES:
        return stem[:-3]
    return None
