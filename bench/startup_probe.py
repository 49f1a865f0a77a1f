"""Start the real window the way ``warta`` does, stop once it has painted.

``python -m bench.startup_probe LIBRARY`` (the library must be set up).
``python -m bench.startup_probe --bare`` is the baseline: a bare PySide6
window plus ``import sqlalchemy.orm`` (the floor any Warta start pays).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    if sys.argv[1] == "--bare":
        import sqlalchemy.orm  # noqa: F401
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1200, 780)
        window.show()
        app.processEvents()
        window.grab()
        os._exit(0)
    if sys.argv[1] == "--bare-qt":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.show()
        app.processEvents()
        window.grab()
        return 0
    from desktop import staff
    from desktop.library import Library
    from desktop.ui.app import _application, create_main_window

    app = _application()
    lib = Library.open(sys.argv[1])
    rows = staff.list_staff(lib)
    window = create_main_window(lib, rows[0].id if rows else None)
    window.show()
    app.processEvents()  # runs the deferred first section
    app.processEvents()
    window.grab()  # forces a full paint
    # Shown and painted: that is the moment measured. Background work the
    # window started (Beranda's cards) is not waited for.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
