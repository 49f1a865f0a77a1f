"""The real main window, driven with qtbot: first run, sections, users, search, settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop import office, settings, staff
from desktop.library import Library
from desktop.ui import sections


def test_first_run_wizard_creates_office_and_admin(qtbot, tmp_path):
    from desktop.ui.wizard import FirstRunWizard

    lib = Library.open(tmp_path / "new")
    try:
        assert lib.needs_setup
        wizard = FirstRunWizard(lib)
        qtbot.addWidget(wizard)
        wizard.show()
        form = wizard.office_page.form
        assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
        qtbot.keyClicks(form.fields["name"], "Komisi Pemilihan Umum Kabupaten Jember")
        qtbot.keyClicks(form.fields["short_name"], "KPU Jember")
        qtbot.keyClicks(form.fields["city"], "Jember")
        assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
        wizard.next()
        qtbot.keyClicks(wizard.staff_page.name, "Siti Aminah")
        qtbot.keyClicks(wizard.staff_page.position, "Kasubbag Humas")
        wizard.button(wizard.WizardButton.FinishButton).click()
        assert wizard.result() == wizard.DialogCode.Accepted
        assert not lib.needs_setup
        profile = office.load(lib)
        assert profile.name == "Komisi Pemilihan Umum Kabupaten Jember" and profile.city == "Jember"
        (person,) = staff.list_staff(lib)
        assert person.name == "Siti Aminah" and person.role == "admin" and wizard.staff_id == person.id
    finally:
        lib.close()


def test_wizard_refuses_a_bad_email(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.wizard import FirstRunWizard

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    lib = Library.open(tmp_path / "new")
    try:
        wizard = FirstRunWizard(lib)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.keyClicks(wizard.office_page.form.fields["name"], "Bawaslu")
        qtbot.keyClicks(wizard.office_page.form.fields["email"], "humas@@")
        wizard.next()
        assert wizard.currentPage() is wizard.office_page
        assert warnings and "surel" in warnings[0]
    finally:
        lib.close()


def test_every_section_opens(main_window, qtbot):
    for index, (key, _spec, _icon) in enumerate(sections.SECTIONS):
        qtbot.keyClick(main_window, Qt.Key.Key_1 + index, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda k=key: main_window.current_section() is not None and main_window.current_section().key == k)
        assert main_window.sidebar.currentRow() == index
    main_window.show_section("home")
    assert main_window.current_section().key == "home"


def test_home_shows_counts_and_user(main_window, qtbot):
    home = main_window.show_section("home")
    assert "Admin Uji" in home.greeting.text()
    assert main_window.user_label.text().startswith("Pengguna: Admin Uji")
    assert "Pustaka" in main_window.library_label.text()


def test_ctrl_f_focuses_global_search(main_window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    find = main_window.findChild(QAction, "action-find")
    assert find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find) == QKeySequence("Ctrl+F")
    main_window.activateWindow()
    main_window.focus_search()
    qtbot.waitUntil(lambda: main_window.search_box.hasFocus())
    qtbot.keyClicks(main_window.search_box, "pemilu")
    qtbot.keyClick(main_window.search_box, Qt.Key.Key_Return)
    popup = main_window._search_popup
    assert popup.isVisible()
    assert "pemilu" in popup.summary.text()


def test_choosing_a_user_with_a_password(qtbot, library):
    from desktop.ui.user_picker import UserPicker, needs_picking

    sid = staff.create(library, staff.StaffInput(name="Zaenal Editor", role="editor", password="kopi"))
    assert needs_picking(library, remembered=None)
    assert needs_picking(library, remembered=sid)  # a password is always asked
    picker = UserPicker(library, remembered=sid)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.password, "teh")
    picker.accept()
    assert picker.chosen is None and "salah" in picker.message.text()
    picker.password.clear()
    qtbot.keyClicks(picker.password, "kopi")
    picker.accept()
    assert picker.chosen == sid


def test_sign_in_remembers_the_user_per_pc(qtbot, library, monkeypatch):
    from desktop.ui import app

    sid = staff.create(library, staff.StaffInput(name="Yuni Penulis", role="writer"))
    monkeypatch.setattr("desktop.ui.user_picker.pick_user", lambda lib, parent=None, remembered=None: sid)
    assert app._sign_in(library) == sid
    assert settings.load().user_for(library.library_id) == sid
    # Next start: remembered, no password, nobody is asked.
    monkeypatch.setattr("desktop.ui.user_picker.pick_user", lambda *a, **k: pytest.fail("asked again"))
    assert app._sign_in(library) == sid


def test_settings_dialog_saves_the_office_profile(main_window, qtbot):
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    city = dialog.office_form.fields["city"]
    city.clear()
    qtbot.keyClicks(city, "Situbondo")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert office.load(main_window.ctx.library).city == "Situbondo"


def test_audit_log_is_for_admins_only(main_window, qtbot):
    from desktop.ui.audit_view import AuditLogDialog

    assert main_window.admin_menu.menuAction().isVisible()
    staff.create(main_window.ctx.library, staff.StaffInput(name="Rudi", role="writer"))
    dialog = AuditLogDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    texts = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
    assert "Rudi" in texts
    writer = staff.create(main_window.ctx.library, staff.StaffInput(name="Penulis Baru", role="writer"))
    main_window.ctx.staff_id = writer
    main_window.update_status()
    assert not main_window.admin_menu.menuAction().isVisible()


def test_window_layout_is_remembered(main_window, qtbot):
    main_window.resize(1000, 700)
    main_window.show_section("photos")
    main_window.close()
    saved = settings.load()
    assert saved.window_geometry and saved.last_section == "photos"


def test_background_task_reports_back_on_the_ui_thread(main_window, qtbot):
    import threading

    results = []
    ui_thread = threading.get_ident()

    def job(progress):
        for i in range(3):
            progress.report(i + 1, 3, f"item {i}")
        return threading.get_ident()

    handle = main_window.ctx.tasks.start(job, title="Uji", on_done=lambda r: results.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    worker, callback_thread = results[0]
    assert worker != ui_thread and callback_thread == ui_thread


def test_cancelling_a_task_stops_it(main_window, qtbot):
    import time

    seen = []

    def job(progress):
        for i in range(1000):
            progress.check()
            seen.append(i)
            time.sleep(0.005)
        return "finished"

    handle = main_window.ctx.tasks.start(job, title="Uji", on_done=lambda r: seen.append(r))
    qtbot.waitUntil(lambda: len(seen) > 3, timeout=5000)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert "finished" not in seen and len(seen) < 1000


def test_qt_standard_buttons_speak_indonesian(qapp, qtbot):
    from desktop.ui import qt_translation

    translator = qt_translation.install(qapp)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"Simpan", "Batal"}
    finally:
        qapp.removeTranslator(translator)


def test_user_text_is_never_read_as_markup(main_window, qtbot):
    sid = staff.create(main_window.ctx.library, staff.StaffInput(name="Budi <b>Tebal</b>", role="writer"))
    main_window.ctx.staff_id = sid
    main_window.update_status()
    home = main_window.show_section("home")
    home.refresh()
    assert "&lt;b&gt;Tebal" in home.greeting.text()
    assert main_window.user_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Tebal</b>" in main_window.user_label.text()


def test_search_snippets_bold_only_real_matches():
    from database.fts import MARK_END, MARK_START
    from desktop.search import Hit
    from desktop.ui.search_results import snippet_html

    snippet = f"catatan [x] <i>miring</i> {MARK_START}pemilu{MARK_END}"
    assert snippet_html(snippet) == "catatan [x] &lt;i&gt;miring&lt;/i&gt; <b>pemilu</b>"
    assert Hit("article", 1, "t", snippet).to_json()["snippet"] == "catatan [x] <i>miring</i> [pemilu]"


def test_global_search_interleaves_kinds(library, monkeypatch):
    from desktop import search

    def articles(lib, q, limit):
        return [search.Hit("article", i, f"a{i}", rank=-1.0 - i / 10) for i in range(5)]

    def contacts(lib, q, limit):
        return [search.Hit("contact", i, f"c{i}", rank=-50.0 - i) for i in range(5)]

    import types

    fake = types.ModuleType("fake_providers")
    fake.articles, fake.contacts = articles, contacts
    monkeypatch.setitem(__import__("sys").modules, "fake_providers", fake)
    from desktop import areas

    monkeypatch.setattr(areas, "AREAS", (areas.Area("a", search=("fake_providers:articles",)),
                                         areas.Area("c", search=("fake_providers:contacts",))))
    hits = search.search(library, "x", limit=4)
    assert [h.type for h in hits] == ["article", "contact", "article", "contact"]
    assert hits[0].title == "a4"  # best (lowest) bm25 first within a kind
