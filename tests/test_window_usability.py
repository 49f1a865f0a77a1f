"""The window used the way people use it: keys, menus, dialogs, texts (issue 12).

Buttons are clicked (``qtbot.mouseClick``) and menu items triggered
(``QAction.trigger``); file and print dialogs are answered by patching the
dialog, never by passing a path to the slot.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def window(main_window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.wait(20)  # the remembered section is shown on the next event-loop turn
    yield main_window
    main_window.ctx.tasks.wait_all(30_000)


def test_editor_shortcuts_act_only_where_the_focus_is(window, qtbot):
    from PySide6.QtGui import QShortcut

    section = window.show_section("articles")
    section.new_article("siaran_pers")
    editor = section.editor
    editor.body.setPlainText("kata")
    editor.title_edit.setFocus()
    editor.title_edit.selectAll()
    editor.body.selectAll()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "**" not in editor.body.markdown()  # Ctrl+B in the title does not bold the body
    editor.body.setFocus()
    editor.body.selectAll()
    qtbot.keyClick(editor.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "**kata**" in editor.body.markdown()
    # Ctrl+I is also File → Import: in the body it is italic, and Qt must not see two matching shortcuts.
    qtbot.keyClick(editor.body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "***kata***" in editor.body.markdown() or "_**kata**_" in editor.body.markdown(), editor.body.markdown()
    # No shortcut anywhere in the window is window-wide except the menus' own.
    wide = [s.key().toString() for s in window.findChildren(QShortcut)
            if s.context() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)]
    assert wide == []


def test_numbers_sizes_phones_and_file_names_read_as_indonesian():
    from desktop import i18n, numbers
    from desktop.contacts.normalize import format_phone, format_phone_for_spreadsheet
    from desktop.photos.export import slug
    from desktop.stats import human_size

    assert human_size(552 * 1024) == "552,0 KB" and human_size(int(4.5 * 1024 * 1024)) == "4,5 MB"
    assert human_size(900) == "900 B" and numbers.integer(1234567) == "1.234.567"
    i18n.set_language("en")
    try:
        assert human_size(552 * 1024) == "552.0 KB" and numbers.integer(1234) == "1,234"
    finally:
        i18n.set_language("id")
    # One phone style in lists, spreadsheets and printed kits.
    assert format_phone("+6285328353029") == "0853-2835-3029" == format_phone_for_spreadsheet("+6285328353029")
    assert format_phone("+62331330224") == "(0331) 330224"
    assert format_phone_for_spreadsheet("+31201234567") == "0031 20 123 4567"
    name = slug("Rapat Koordinasi Pengawasan Partisipatif Pemilu Serentak 2025 Kabupaten Jember")
    assert name == "rapat-koordinasi-pengawasan-partisipatif-pemilu-serentak"  # not "…-2025-ka"


def test_a_printed_kit_writes_phone_numbers_as_the_lists_do(library):
    from desktop.contacts import store as contacts
    from desktop.contacts.record import Phone

    pid = contacts.create_person(library, contacts.PersonInput(
        full_name="Siti Aminah", phones=[Phone("+6285328353029", public=True)]))
    assert contacts.public_contact(library, pid).phones == ["0853-2835-3029"]


def _run_modal(monkeypatch, cls):  # noqa: ANN001, ANN202
    """Make ``cls.exec`` return at once and hand back the dialog, so the test can use it like a person."""
    opened = []
    monkeypatch.setattr(cls, "exec", lambda self: opened.append(self) or 0)
    return opened


def test_audit_log_speaks_words_filters_and_exports(window, qtbot, monkeypatch, tmp_path):
    import csv

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from desktop import staff
    from desktop.ui.audit_view import AuditLogDialog

    library = window.ctx.library
    staff.create(library, staff.StaffInput(name="Rudi Penulis", role="writer"))
    section = window.show_section("articles")
    section.new_article("siaran_pers")
    section.editor.title_edit.setText("Rilis Uji Log")
    section.editor.save()
    opened = _run_modal(monkeypatch, AuditLogDialog)
    window.findChild(QAction, "action-audit-log").trigger()
    dialog = opened[0]
    model = dialog.model
    actions = {model.index(r, 2).data() for r in range(model.rowCount())}
    entities = {model.index(r, 3).data() for r in range(model.rowCount())}
    assert "dibuat" in actions and "create" not in actions and "update" not in actions
    assert "artikel" in entities and "profil staf" in entities and "articles" not in entities

    dialog.entity.setCurrentIndex(dialog.entity.findData("staff"))
    assert model.rowCount() >= 1 and {model.index(r, 3).data() for r in range(model.rowCount())} == {"profil staf"}
    qtbot.keyClicks(dialog.text, "Rudi")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert "1 entri" in dialog.count_label.text()

    target = tmp_path / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and not window.ctx.tasks.active, timeout=10_000)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Waktu", "Oleh", "Tindakan"] and len(rows) == 2 and rows[1][3] == "profil staf"


def test_file_dialogs_open_in_documents_and_remember_the_folder_per_purpose(window, qtbot, monkeypatch, tmp_path):
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from desktop import settings

    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda _p, _t, start, *a, **k: starts.append(start) or ([], ""))
    photos = window.show_section("photos")
    qtbot.mouseClick(_button(photos, "photos-import"), Qt.MouseButton.LeftButton)
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    assert starts[-1] == (pictures if Path(pictures).is_dir() else str(Path.home()))
    assert starts[-1] != str(Path.cwd())

    chosen = tmp_path / "foto-rakor"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    monkeypatch.setattr(photos, "import_files", lambda paths: True)
    qtbot.mouseClick(_button(photos, "photos-import-folder"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(photos, "photos-import"), Qt.MouseButton.LeftButton)
    assert starts[-1] == str(chosen)  # the same purpose starts where it left off
    assert settings.load().last_folders["import-photos"] == str(chosen)

    contacts = window.show_section("contacts")
    qtbot.mouseClick(_button(contacts, "contacts-import"), Qt.MouseButton.LeftButton)
    assert starts[-1] != str(chosen)  # another purpose keeps its own folder


def _button(widget, name: str):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QAbstractButton

    button = widget.findChild(QAbstractButton, name)
    assert button is not None, name
    return button


def test_tab_leaves_the_address_field(window, qtbot, monkeypatch):
    from PySide6.QtGui import QAction

    from desktop.ui.settings_dialog import SettingsDialog

    opened = _run_modal(monkeypatch, SettingsDialog)
    window.findChild(QAction, "action-settings").trigger()
    dialog = opened[0]
    dialog.show()
    qtbot.waitExposed(dialog)
    address = dialog.office_form.fields["address"]
    before = address.toPlainText()
    address.setFocus()
    qtbot.keyClick(address, Qt.Key.Key_Tab)
    assert address.toPlainText() == before and "\t" not in address.toPlainText()
    assert not address.hasFocus()
    dialog.close()


def test_new_article_starts_at_the_title_and_leaves_nothing_when_backed_out(window, qtbot):
    from desktop.articles import api as articles

    library = window.ctx.library
    section = window.show_section("articles")
    before = articles.count_articles(library, articles.ListQuery(status="all"))
    new_button = _button(section, "article-new")
    qtbot.mouseClick(new_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    editor.form_scroll.verticalScrollBar().setValue(editor.form_scroll.verticalScrollBar().maximum())
    editor.back_action.trigger()
    assert section.stack.currentWidget() is section.list_page
    assert articles.count_articles(library, articles.ListQuery(status="all")) == before  # no stray draft

    qtbot.mouseClick(new_button, Qt.MouseButton.LeftButton)
    assert editor.form_scroll.verticalScrollBar().value() == 0  # the title is in view again
    qtbot.keyClicks(editor.title_edit, "Rilis yang disimpan")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    editor.back_action.trigger()
    assert articles.count_articles(library, articles.ListQuery(status="all")) == before + 1  # a saved one stays


def test_a_search_hit_opens_its_page_and_the_results_step_aside(window, qtbot):
    from desktop.articles import api as articles
    from kits_support import article

    articles.create_article(window.ctx.library, article("Apel Siaga Pengawasan Masa Tenang"))
    qtbot.keyClicks(window.search_box, "Apel Siaga")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    popup = window._search_popup
    assert popup.isVisible() and popup.model.rowCount() >= 1
    popup.view.setFocus()
    popup.view.setCurrentIndex(popup.model.index(0))
    qtbot.keyClick(popup.view, Qt.Key.Key_Return)
    assert not popup.isVisible()
    section = window.current_section()
    assert section.key == "articles" and section.editor.title_edit.text() == "Apel Siaga Pengawasan Masa Tenang"


def test_beranda_counters_and_see_all_open_the_lists(window, qtbot):
    from PySide6.QtWidgets import QPushButton

    from desktop.articles import api as articles
    from kits_support import article

    for n in range(8):
        articles.create_article(window.ctx.library, article(f"Rilis menunggu {n}", status="review"))
    home = window.show_section("home")
    home.refresh()
    qtbot.mouseClick(home.findChild(QPushButton, "count-articles"), Qt.MouseButton.LeftButton)
    assert window.current_section().key == "articles"

    window.show_section("home")
    qtbot.mouseClick(home.findChild(QPushButton, "count-organizations"), Qt.MouseButton.LeftButton)
    contacts = window.current_section()
    assert contacts.key == "contacts" and contacts.kind_tabs.currentIndex() == 1

    window.show_section("home")
    window.ctx.tasks.wait_all(10_000)
    qtbot.wait(50)  # cards replaced by a refresh are deleted on the next event-loop turn
    links = home.findChildren(QPushButton, "card-see-all")
    assert len(links) == 1 and links[0].text() == "Lihat semua"
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    section = window.current_section()
    assert section.key == "articles" and section.status_combo.currentData() == "review"
    assert section.model.rowCount() == 8


def test_empty_lists_say_why(window, qtbot):
    from PySide6.QtWidgets import QLabel

    for key, view_name in (("articles", "view"), ("kits", "table"), ("photos", "grid")):
        section = window.show_section(key)
        view = getattr(section, view_name)
        if key == "articles":
            qtbot.keyClicks(section.search_edit, "tidakadayangcocok")
            section.apply_filters()
        hint = view.viewport().findChild(QLabel, "empty-hint")
        qtbot.waitUntil(lambda h=hint: h.isVisible(), timeout=2000)
        assert "Tidak ada" in hint.text() or "Belum ada" in hint.text()
    section = window.show_section("articles")
    section.search_edit.clear()
    section.apply_filters()


def test_edit_menu_acts_on_the_focused_field(window, qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    window.search_box.setText("Bawaslu")
    window.search_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box, timeout=2000)
    window.findChild(QAction, "action-selectall").trigger()
    assert window.search_box.selectedText() == "Bawaslu"
    window.findChild(QAction, "action-cut").trigger()
    assert window.search_box.text() == "" and QApplication.clipboard().text() == "Bawaslu"
    window.findChild(QAction, "action-undo").trigger()
    assert window.search_box.text() == "Bawaslu"
    menu = window.findChild(QAction, "action-paste").associatedObjects()[-1]
    menu.aboutToShow.emit()
    assert window.findChild(QAction, "action-paste").isEnabled()


def test_no_button_or_menu_slot_takes_an_optional_argument():
    """``clicked``/``triggered`` pass ``checked`` into an optional first parameter (``save_pdf(path=None)``
    got ``False``): every slot connected to them by name takes no positional arguments."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "desktop" / "ui"
    connected = re.compile(r"(?:clicked|triggered|toggled)\.connect\(self\.(\w+)\)|addAction\([^()]*(?:\([^()]*\))?[^()]*,\s*self\.(\w+)\)")
    bad = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        methods = {node.name: node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)}
        for match in connected.finditer(source):
            name = match.group(1) or match.group(2)
            node = methods.get(name)
            if node is not None and "toggled" not in match.group(0) and len(node.args.args) > 1:
                bad.append(f"{path.name}: {name}({', '.join(a.arg for a in node.args.args[1:])})")
    assert bad == [], bad


def test_no_section_makes_the_window_wider_than_a_1280_pixel_screen(main_window, qtbot):
    """Common office screens are 1280 (or 1366) pixels wide: a section whose bars need more widens the window
    past the screen and clips the sidebar (the contacts filter row did, with Cari duplikat…)."""
    from desktop.ui import sections

    for key, _spec, _icon in sections.SECTIONS:
        main_window.show_section(key)
        qtbot.wait(10)
        assert main_window.minimumSizeHint().width() <= 1280, key


def test_beranda_counters_are_named_in_indonesian_and_claims_open_the_register(window, qtbot):
    import datetime as dt

    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.claims import api as claims

    home = window.show_section("home")
    home.refresh()
    names = {b.objectName() for b in home.findChildren(QPushButton) if b.objectName().startswith("count-")}
    # An office with no member-office reports and no KIP requests sees only its main lists.
    assert names == {"count-articles", "count-contacts", "count-organizations", "count-photos", "count-kits",
                     "count-claims"}

    claims.create_claim(window.ctx.library, claims.ClaimInput(
        text="Pemungutan suara diundur satu minggu.", first_seen=dt.datetime(2026, 12, 1, 9, 0)))
    home.refresh()
    qtbot.wait(50)  # the replaced counters are deleted on the next event-loop turn
    counter = home.findChild(QPushButton, "count-claims")
    texts = [label.text() for label in counter.findChildren(QLabel)]
    assert any(">1<" in t and "Isu" in t for t in texts), texts
    for button in home.findChildren(QPushButton):
        if button.objectName().startswith("count-"):
            label = button.findChildren(QLabel)[0].text()
            assert "_" not in label, label  # a raw key such as information_requests, never a name
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert window.current_section().key == "claims"
