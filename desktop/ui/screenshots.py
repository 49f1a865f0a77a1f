"""Render each section of the real window to PNG: ``python -m desktop.ui.screenshots``.

Used for the README's pictures and to look at what we build. Runs offscreen
(or under Xvfb when DISPLAY is set). ``--demo`` fills a fresh library first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


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
    for key, _spec, _icon in sections.SECTIONS:
        window.show_section(key)
        for _ in range(20):
            app.processEvents()
        window.ctx.tasks.wait_all(20_000)
        for _ in range(20):
            app.processEvents()
        path = out / f"section-{key}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
