"""Walk the whole window as a curious new user would, on a demo library.

Every section, every item page reachable from it, every menu and every
dialog they open; every enabled button and action is pressed once. Modal
dialogs are answered automatically (looked at, their own buttons pressed,
then closed); file dialogs return a temporary path or cancel; the print
dialog prints to a PDF file. The walk fails on any exception (pytest-qt
captures them from slots and virtual methods), any Qt warning
(``qt_log_level_fail`` is WARNING), any traceback on stderr and any "something
went wrong" message shown to the user.

A second test repeats the walk's page visits on a 1366×768 screen (a child
pytest with the offscreen platform's screen configured) and fails if the
window or any dialog is larger than the screen's free area.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = (1366, 768)
CHILD = "WARTA_WALK_LAPTOP_SCREEN"  # set in the child run that has the 1366×768 screen

# Never pressed, and why:
EXCLUDED_ACTIONS = {
    "action-quit",  # closes the window (and would end the walk); closing is covered by the fixture's teardown
}
# Item pages the walk opens: (item type in ITEM_SECTIONS, how to find one on the demo library).
ITEMS = ("article", "contact", "organization", "photo", "kit")


# -- the library and the window ----------------------------------------------------------


@pytest.fixture
def demo_window(qtbot, qapp, tmp_path, monkeypatch):
    """The real main window, in Indonesian, on a small demo library; the admin signed in."""
    from desktop import demo, staff
    from desktop.library import Library
    from desktop.ui import qt_translation
    from desktop.ui.app import create_main_window

    library = Library.open(tmp_path / "demo")
    demo.generate(library, {"articles": 12, "contacts": 15, "photos": 4, "kits": 2})
    admin = next(s.id for s in staff.list_staff(library) if s.role == "admin")
    translator = qt_translation.install(qapp)  # Qt's own texts in Indonesian, as in the app
    window = create_main_window(library, staff_id=admin)
    window.show()
    qtbot.waitExposed(window)
    yield window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.ctx.tasks.wait_all(60_000)
    window.close()
    window.deleteLater()
    qtbot.wait(20)
    qapp.removeTranslator(translator)
    library.close()


class Answers(QObject):
    """Stands in for the user in front of every modal dialog, file dialog and print dialog."""

    def __init__(self, monkeypatch, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
        super().__init__()
        self.tmp_path = tmp_path
        self.qtbot = qtbot
        self.messages: list[str] = []  # every message box text the user would have read
        self.dialogs: list[QWidget] = []  # every modal dialog that appeared (for the size check)
        self.sizes: list[tuple[str, tuple[int, int, int, int]]] = []
        self.opened_urls: list[str] = []
        self.exploring: set[int] = set()
        self.saves = 0
        self.depth = 0
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save_name)
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        # Opening a file in the system viewer or file manager leaves the test: recorded instead.
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: self.opened_urls.append(url.toString()) or True)

        def print_to_pdf(dialog):  # noqa: ANN001, ANN202
            printer = dialog.printer()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp_path / "printed.pdf"))
            printer.setResolution(72)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(QPrintDialog, "exec", print_to_pdf)
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _save_name(self, _parent, _title, start="", file_filter="", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        import re

        self.saves += 1
        found = re.search(r"\*(\.[A-Za-z0-9]+)", file_filter or "") or re.search(r"(\.[A-Za-z0-9]+)$", start or "")
        return str(self.tmp_path / f"walk-{self.saves}{found.group(1) if found else '.bin'}"), file_filter

    def _answer(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or id(widget) in self.exploring:
            return
        self.exploring.add(id(widget))
        try:
            self.sizes.append((widget.objectName() or type(widget).__name__, widget.frameGeometry().getRect()))
            if isinstance(widget, QMessageBox):
                self.messages.append(widget.text())
            elif isinstance(widget, QDialog) and self.depth < 2 and type(widget).__name__ not in SEEN_DIALOGS:
                # A dialog seen for the first time: press its own buttons once, then close it.
                SEEN_DIALOGS.add(type(widget).__name__)
                self.depth += 1
                try:
                    press_everything(lambda w=widget: w, self.qtbot, self, stop=lambda w=widget: not w.isVisible())
                finally:
                    self.depth -= 1
            if widget.isVisible():
                if isinstance(widget, QDialog):
                    widget.reject()
                else:
                    widget.close()
        finally:
            self.exploring.discard(id(widget))


SEEN_DIALOGS: set[str] = set()


# -- pressing things ------------------------------------------------------------------------


def _identity(obj: QObject, index: int) -> str:
    text = obj.text() if hasattr(obj, "text") else ""
    return f"{type(obj).__name__}:{obj.objectName()}:{text}:{index}"


def _controls(root: QWidget) -> Iterator[tuple[str, QObject]]:
    """Visible, enabled buttons and actions under ``root``: tool-button menus and toolbars included."""
    seen: dict[str, int] = {}

    def key(obj: QObject) -> str:
        base = _identity(obj, 0)[:-2]
        seen[base] = seen.get(base, -1) + 1
        return f"{base}:{seen[base]}"

    for button in root.findChildren(QAbstractButton):
        if not (button.isVisibleTo(root) and button.isEnabled()):
            continue
        box = button.parent()
        if isinstance(box, QDialogButtonBox) and box.buttonRole(button) in (
            QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.RejectRole,
            QDialogButtonBox.ButtonRole.DestructiveRole, QDialogButtonBox.ButtonRole.YesRole,
            QDialogButtonBox.ButtonRole.NoRole,
        ):
            continue  # closes the dialog: the walk closes it itself afterwards
        menu = button.menu() if isinstance(button, QToolButton) else None
        if menu is not None:
            for action in menu.actions():
                if not action.isSeparator() and action.isEnabled() and action.objectName() not in EXCLUDED_ACTIONS:
                    yield key(action), action
            if button.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup:
                continue  # pressing it only opens the menu, whose actions were just listed
        yield key(button), button
    # (A toolbar shows each action as a QToolButton child: found above.)


def settle(qtbot, window: QWidget | None = None) -> None:  # noqa: ANN001
    ctx = getattr(window, "ctx", None)
    for _ in range(3):
        qtbot.wait(15)
        if ctx is not None:
            ctx.tasks.wait_all(30_000)
    qtbot.wait(15)


def press_everything(open_page: Callable[[], QWidget | None], qtbot, answers: Answers,  # noqa: ANN001
                     stop: Callable[[], bool] = lambda: False, window: QWidget | None = None) -> int:
    """Open the page, list its controls, then for each: open the page again and press it. Returns how many."""
    page = open_page()
    if page is None:
        return 0
    names = [name for name, _obj in _controls(page)]
    pressed = 0
    for name in names:
        if stop():
            break
        page = open_page()
        if page is None:
            break
        found = dict(_controls(page)).get(name)
        if found is None:
            continue  # gone after an earlier press (a state changed): nothing to press
        if isinstance(found, QAction):
            found.trigger()
        elif found.isVisible():
            qtbot.mouseClick(found, Qt.MouseButton.LeftButton)
        else:
            found.click()
        pressed += 1
        settle(qtbot, window)
    return pressed


def _first(window, item_type: str) -> int | None:  # noqa: ANN001
    from desktop.ui.screenshots import _first_id

    if item_type == "organization":
        from desktop.contacts import api as contacts

        rows = contacts.orgs_page(window.ctx.library, contacts.OrgFilter(), limit=1)
        return rows[0].id if rows else None
    return _first_id(window.ctx.library, item_type)


def walk(window, qtbot, answers: Answers, on_page: Callable[[QWidget], None] = lambda _w: None) -> dict[str, int]:  # noqa: ANN001
    """Every section, every item page and every menu action; ``on_page`` looks at each page shown."""
    from desktop.ui import sections
    from desktop.ui.main_window import ITEM_SECTIONS

    pressed: dict[str, int] = {}

    def section_page(key: str) -> Callable[[], QWidget]:
        def show() -> QWidget:
            sec = window.show_section(key)
            sec.show_filtered({})  # the section's own list page, whatever was open before
            for name in ("view", "table", "grid"):  # a first row selected, as a user would before pressing
                view = getattr(sec, name, None)
                if view is not None and view.model() is not None and view.model().rowCount():
                    view.setCurrentIndex(view.model().index(0, 0))
                    break
            settle(qtbot, window)
            on_page(window)
            return sec

        return show

    def item_page(item_type: str, item_id: int) -> Callable[[], QWidget]:
        def show() -> QWidget:
            window.open_item(item_type, item_id)
            settle(qtbot, window)
            on_page(window)
            sec = window.current_section()
            return sec.stack.currentWidget() if sec is not None and hasattr(sec, "stack") else sec

        return show

    for key, _spec, _icon in sections.SECTIONS:
        pressed[f"section {key}"] = press_everything(section_page(key), qtbot, answers, window=window)
    for item_type in ITEMS:
        if ITEM_SECTIONS.get(item_type) is None:
            continue
        item_id = _first(window, item_type)
        if item_id is not None:
            pressed[item_type] = press_everything(item_page(item_type, item_id), qtbot, answers, window=window)
    menus = 0
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu) or not top.isVisible():
            continue
        menu.aboutToShow.emit()
        for action in menu.actions():
            if action.isSeparator() or not action.isEnabled() or action.objectName() in EXCLUDED_ACTIONS:
                continue
            window.show_section("home")
            action.trigger()
            menus += 1
            settle(qtbot, window)
            on_page(window)
    pressed["menus"] = menus
    return pressed


# -- the tests ---------------------------------------------------------------------------------


def test_walk_every_section_and_dialog_and_press_everything(demo_window, qtbot, tmp_path, monkeypatch, capfd):
    SEEN_DIALOGS.clear()
    answers = Answers(monkeypatch, tmp_path, qtbot)
    # "Save changes?" is answered Discard, so moving between pages never stalls on an editor.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    hooks: list[str] = []
    previous = sys.excepthook
    sys.excepthook = lambda *exc: (hooks.append(repr(exc[1])), previous(*exc))  # noqa: E731 - also pytest-qt's
    try:
        pressed = walk(demo_window, qtbot, answers)
    finally:
        sys.excepthook = previous
        answers.timer.stop()
    err = capfd.readouterr().err
    if os.environ.get("WARTA_WALK_REPORT"):  # what the walk did, for whoever extends it
        Path(os.environ["WARTA_WALK_REPORT"]).write_text(json.dumps(
            {"pressed": pressed, "dialogs": sorted(SEEN_DIALOGS), "messages": answers.messages,
             "urls": answers.opened_urls, "sizes": answers.sizes}, indent=1, ensure_ascii=False))
    assert hooks == []
    assert "Traceback" not in err, err[-4000:]
    unexpected = [m for m in answers.messages if "Terjadi kesalahan" in m or "Something went wrong" in m]
    assert unexpected == [], unexpected
    # Two window-wide shortcuts with the same keys make Qt run neither ("Ambiguous shortcut overload").
    keys: dict[str, list[str]] = {}
    for action in demo_window.findChildren(QAction):
        if action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
            for sequence in action.shortcuts():
                keys.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    # The walk really went everywhere: every section and item page had something to press.
    assert all(n > 0 for n in pressed.values()), pressed
    assert pressed["menus"] >= 10 and len(SEEN_DIALOGS) >= 5, (pressed, SEEN_DIALOGS)


def _screen_config(tmp_path: Path) -> Path:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": LAPTOP[0], "height": LAPTOP[1],
        "logicalDpi": 96, "physicalWidth": 310, "physicalHeight": 174,
    }]}))
    return config


def test_every_window_and_dialog_fits_a_1366x768_laptop(tmp_path, request):
    """Runs the size check in a child pytest whose offscreen screen is 1366×768."""
    if os.environ.get(CHILD):
        pytest.skip("the child run checks sizes in test_sizes_on_this_screen")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={_screen_config(tmp_path)}", **{CHILD: "1"})
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         f"{Path(__file__)}::test_sizes_on_this_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout[-6000:] + result.stderr[-3000:]


def test_sizes_on_this_screen(demo_window, qtbot, tmp_path, monkeypatch):
    if not os.environ.get(CHILD):
        pytest.skip("run by test_every_window_and_dialog_fits_a_1366x768_laptop on a 1366×768 screen")
    screen = demo_window.screen()
    free = screen.availableGeometry()
    assert (free.width(), free.height()) == LAPTOP
    SEEN_DIALOGS.clear()
    answers = Answers(monkeypatch, tmp_path, qtbot)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    too_big: list[str] = []

    def look(window: QWidget) -> None:
        frame = window.frameGeometry()
        if frame.width() > free.width() or frame.height() > free.height():
            too_big.append(f"main window {frame.width()}×{frame.height()}")

    try:
        walk(demo_window, qtbot, answers, on_page=look)
    finally:
        answers.timer.stop()
    for name, (_x, _y, width, height) in answers.sizes:
        if width > free.width() or height > free.height():
            too_big.append(f"{name} {width}×{height}")
    assert too_big == [], f"larger than the {free.width()}×{free.height()} free screen area: {too_big}"
    assert len(answers.sizes) >= 5
