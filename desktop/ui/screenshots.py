"""Render each section of the real window to PNG: ``python -m desktop.ui.screenshots``.

Used for the README's pictures and to look at what we build. Runs offscreen
(or under Xvfb when DISPLAY is set). ``--demo`` fills a fresh library first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


SECTION_SHOTS = {
    "home": "home",
    "articles": "articles-list",
    "contacts": "contacts-list",
    "photos": "photos-grid",
    "kits": "kits-list",
    "claims": "claims-list",
    "kip": "kip-requests",
    "planner": "calendar-month",
}
ITEM_SHOTS = [
    ("article", "article-editor"),
    ("contact", "person-page"),
    ("photo", "photo-detail"),
    ("kit", "kit-composer"),
    # A published release in the editor: the approval banner (revision, hash, approver, number).
    ("published_article", "article-approved"),
]


def _first_id(lib, item_type: str) -> int | None:  # noqa: ANN001
    """The item at the top of its section's list (the one a newcomer sees first), or None."""
    from desktop.articles import api as articles
    from desktop.contacts import api as contacts
    from desktop.kits import api as kits
    from desktop.photos import api as photos

    found = {
        "article": lambda: [r.id for r in articles.list_articles(lib, limit=1)],
        "contact": lambda: [r.id for r in contacts.people_page(lib, contacts.PeopleFilter(), limit=1)],
        "photo": lambda: photos.photo_ids(lib)[:1],
        "kit": lambda: [r.id for r in kits.list_kits(lib, limit=1)],
        "published_article": lambda: [
            r.id for r in articles.list_articles(lib, articles.ListQuery(status="published"), limit=1)],
    }[item_type]()
    return found[0] if found else None


def _pdf_pages(pdf_bytes: bytes, out: Path, name: str, pages: int) -> None:
    """The first ``pages`` pages of a PDF as ``name-N.png``, through pdftoppm when installed."""
    import shutil
    import subprocess
    import tempfile

    if not shutil.which("pdftoppm"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "document.pdf"
        pdf.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(pdf), str(Path(tmp) / "page")],
                       check=True)
        for number, page in enumerate(sorted(Path(tmp).glob("page-*.png")), start=1):
            target = out / f"{name}-{number}.png"
            shutil.copy(page, target)
            print(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.ui.screenshots")
    parser.add_argument("--library", required=True)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--demo", action="store_true", help="fill the library with demo data first")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if "DISPLAY" not in os.environ:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from desktop import demo, staff
    from desktop.library import Library
    from desktop.ui import sections
    from desktop.ui.app import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    lib = Library.open(args.library)
    if args.demo:
        demo.generate(lib, {"articles": 300, "contacts": 300, "photos": 40})
    rows = staff.list_staff(lib)
    window = create_main_window(lib, rows[0].id if rows else None)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        import time

        # Views debounce their work (the kit preview waits for a pause, then
        # renders on a worker): keep the event loop turning until idle.
        for _ in range(4):
            deadline = time.monotonic() + 0.4
            while time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            window.ctx.tasks.wait_all(20_000)
        for _ in range(20):
            app.processEvents()

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)

    # One picture per section, then one item opened in each (the README's set).
    for key, _spec, _icon in sections.SECTIONS:
        if key in SECTION_SHOTS:  # the README's set; a section without one is not pictured
            window.show_section(key)
            shot(SECTION_SHOTS[key])
    for item_type, name in ITEM_SHOTS:
        first = _first_id(lib, item_type)
        if first is not None:
            window.open_item(item_type.removeprefix("published_"), first)
            shot(name)
    from desktop.articles import api as articles
    from desktop.kits import api as kits

    first_kit = _first_id(lib, "kit")
    if first_kit is not None:
        _pdf_pages(kits.render_pdf(lib, first_kit), out, "kit-page", 2)
    first_article = _first_id(lib, "article")
    if first_article is not None:
        _pdf_pages(articles.release_pdf(lib, first_article), out, "release-page", 1)
    from desktop.reports import api as reports

    this_year = reports.current()
    _pdf_pages(reports.render(lib, reports.build(lib, this_year), "pdf"), out, "report-page", 1)
    window.close()
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
