"""The articles section in the real main window: create, type, autosave, workflow, history, search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop import staff
from desktop.articles import store


@pytest.fixture
def errors(main_window):
    """Errors the window would show in a (modal) message box."""
    shown: list[BaseException] = []
    main_window.ctx.show_error = lambda _parent, exc: shown.append(exc)
    return shown


@pytest.fixture
def section(main_window, qtbot, errors, monkeypatch):
    # A test must never block on a question; unsaved changes at the end are discarded.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: main_window.summaries.append(text))
    main_window.summaries = []
    qtbot.wait(20)  # the window shows its remembered section on the next event-loop turn
    sec = main_window.show_section("articles")
    yield sec
    assert errors == []


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_new_article_type_autosave_and_save(section, qtbot, main_window):
    lib = main_window.ctx.library
    art_id = section.new_article("siaran_pers")
    editor = section.editor
    assert section.stack.currentWidget() is editor
    assert editor.city_edit.text() == "Contoh"  # dateline default from the office profile
    editor.title_edit.selectAll()
    _type(qtbot, editor.title_edit, "Bawaslu Ajak Warga Awasi Kampanye")
    editor.body.selectAll()
    _type(qtbot, editor.body, "Warga diajak melapor.")
    # Typing pauses: the text is autosaved within a few seconds, before any save.
    qtbot.waitUntil(lambda: bool(store.recoveries(lib, main_window.ctx.staff_id)), timeout=5000)
    rec = store.recoveries(lib, main_window.ctx.staff_id)[0]
    assert rec.doc.title == "Bawaslu Ajak Warga Awasi Kampanye" and "Warga diajak melapor." in rec.doc.body
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = store.load(lib, art_id)
    assert saved.revision == 2 and saved.doc.body == "Warga diajak melapor."
    assert store.recoveries(lib, main_window.ctx.staff_id) == []
    assert not editor.dirty


def test_bold_is_stored_as_markdown_and_undo_works(section, qtbot, main_window):
    art_id = store.create_article(main_window.ctx.library, store.ArticleDoc(title="Format", body="awal"))
    section.open_article(art_id)
    editor = section.editor
    editor.body.selectAll()
    _type(qtbot, editor.body, "tebal")
    editor.body.selectAll()
    qtbot.keyClick(editor.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.save()
    assert store.load_doc(main_window.ctx.library, art_id).body == "**tebal**"
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "**" not in editor.collect().body
    qtbot.keyClick(editor.body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.collect().body == "**tebal**"


def _buttons(editor) -> set[str]:
    return {b.objectName() for b in editor.workflow_box.findChildren(QPushButton) if not b.isHidden()}


def test_submit_and_approve_by_role(section, qtbot, main_window):
    ctx = main_window.ctx
    lib = ctx.library
    writer = staff.create(lib, staff.StaffInput(name="Dewi Penulis", role="writer"))
    editor_id = staff.create(lib, staff.StaffInput(name="Agus Editor", role="editor"))
    ctx.staff_id = lib.store.staff_id = writer
    art_id = section.new_article("berita_kegiatan")
    editor = section.editor
    qtbot.waitUntil(lambda: "article-action-submit" in _buttons(editor))
    assert "article-action-approve" not in _buttons(editor)
    qtbot.mouseClick(editor.workflow_box.findChild(QPushButton, "article-action-submit"), Qt.MouseButton.LeftButton)
    assert store.load_doc(lib, art_id).status == "review"
    qtbot.waitUntil(lambda: "article-action-submit" not in _buttons(editor))
    assert "article-action-approve" not in _buttons(editor)
    editor.request_close()

    ctx.staff_id = lib.store.staff_id = editor_id
    section.open_article(art_id)
    qtbot.waitUntil(lambda: "article-action-approve" in _buttons(editor))
    qtbot.mouseClick(editor.workflow_box.findChild(QPushButton, "article-action-approve"), Qt.MouseButton.LeftButton)
    assert store.load_doc(lib, art_id).status == "approved"
    # What was approved is not saved over (a new draft is started with Ubah).
    with pytest.raises(store.NotAllowed):
        store.save(lib, art_id, store.ArticleDoc(title="Ralat", lead="Ralat."))
    assert store.load_doc(lib, art_id).status == "approved"


def test_history_diff_and_restore(section, qtbot, main_window):
    lib = main_window.ctx.library
    art_id = store.create_article(lib, store.ArticleDoc(title="Riwayat", body="Versi pertama."))
    section.open_article(art_id)
    editor = section.editor
    editor.body.selectAll()
    _type(qtbot, editor.body, "Versi kedua.")
    assert editor.save()
    assert editor.history_list.count() == 2
    editor.history_list.item(0).setSelected(True)  # newest: compared with the one before
    html = editor.diff_view.toPlainText()
    assert "-Versi pertama." in html and "+Versi kedua." in html
    editor.history_list.clearSelection()
    editor.history_list.item(1).setSelected(True)
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert store.load_doc(lib, art_id).body == "Versi pertama."
    assert editor.collect().body == "Versi pertama."
    assert editor.history_list.count() == 3


def test_recovery_offered_when_reopened(section, qtbot, main_window, monkeypatch):
    lib = main_window.ctx.library
    art_id = store.create_article(lib, store.ArticleDoc(title="Listrik padam", body="Tersimpan."))
    doc = store.load_doc(lib, art_id)
    doc.body = "Tersimpan. Lalu diketik lagi sebelum listrik padam."
    store.autosave(lib, art_id, doc, base_revision=1)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    section.open_article(art_id)
    assert asked
    assert section.editor.collect().body == doc.body and section.editor.dirty
    assert section.editor.save()
    assert store.load_doc(lib, art_id).body == doc.body


def test_glossary_warning_one_click_replace(section, qtbot, main_window):
    art_id = store.create_article(main_window.ctx.library, store.ArticleDoc(title="Glosarium", body="Isi."))
    section.open_article(art_id)
    editor = section.editor
    editor.body.selectAll()
    _type(qtbot, editor.body, "Kantor BAWASLU Contoh.")
    editor.update_aids()
    items = [editor.glossary_list.item(i) for i in range(editor.glossary_list.count())]
    hit = [i for i in items if i.data(Qt.ItemDataRole.UserRole) and i.data(Qt.ItemDataRole.UserRole)[0] == "BAWASLU"]
    assert hit, [i.text() for i in items]
    editor.glossary_list.itemActivated.emit(hit[0])
    assert "Kantor Bawaslu Contoh." in editor.body.toPlainText()
    assert editor.save()


def test_list_filters_and_search_box(section, qtbot, main_window):
    lib = main_window.ctx.library
    a = store.create_article(lib, store.ArticleDoc(title="Kolaborasi media", body="kerja sama"))
    store.create_article(lib, store.ArticleDoc(title="Rapat anggaran", kind="pengumuman"))
    store.submit(lib, a)
    qtbot.waitUntil(lambda: section.model.total == 2)
    qtbot.keyClicks(section.search_edit, "kolabor*")
    qtbot.waitUntil(lambda: section.model.total == 1, timeout=2000)
    assert section.model.article_id(0) == a
    section.search_edit.clear()
    section.status_combo.setCurrentIndex(section.status_combo.findData("review"))
    assert section.model.total == 1
    section.status_combo.setCurrentIndex(0)
    section.kind_combo.setCurrentIndex(section.kind_combo.findData("pengumuman"))
    qtbot.waitUntil(lambda: section.model.total == 1)
    assert section.model.data(section.model.index(0, 0)) == "Rapat anggaran"
    # The global search opens the article in the editor.
    main_window.open_item("article", a)
    assert section.stack.currentWidget() is section.editor and section.editor.article_id == a


def test_import_files_into_the_list(section, qtbot, main_window, tmp_path):
    good = tmp_path / "rilis.md"
    good.write_text("# Bawaslu Buka Posko Pengaduan\n\nJember – Bawaslu membuka posko **pengaduan** warga.\n", encoding="utf-8")
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    assert section.import_files([str(good), str(empty)])
    qtbot.waitUntil(lambda: bool(main_window.summaries), timeout=10000)
    summary = main_window.summaries[0]
    assert "1 artikel diimpor" in summary and "kosong.txt" in summary
    qtbot.waitUntil(lambda: section.model.total == 1)
    assert section.model.data(section.model.index(0, 0)) == "Bawaslu Buka Posko Pengaduan"


def test_duplicate_and_whatsapp_copy(section, qtbot, main_window):
    from PySide6.QtWidgets import QApplication

    lib = main_window.ctx.library
    art_id = store.create_article(lib, store.ArticleDoc(title="Rilis asli", body="Isi **penting**.", dateline_city="Jember"))
    section.open_article(art_id)
    section.editor.copy_whatsapp()
    text = QApplication.clipboard().text()
    assert "Rilis asli" in text and "*penting*" in text
    assert text.startswith("*DRAF — belum disetujui*")  # a draft goes to the group marked as one
    section.editor.duplicate()
    copy_id = section.editor.article_id
    assert copy_id != art_id
    assert store.load_doc(lib, copy_id).body == "Isi **penting**." and store.load_doc(lib, copy_id).status == "draft"


def test_a_locked_article_becomes_editable_when_the_colleague_closes_it(section, main_window):
    from desktop.safety import locks

    lib = main_window.ctx.library
    dewi = staff.create(lib, staff.StaffInput(name="Dewi Lestari", role="writer"))
    art_id = store.create_article(lib, store.ArticleDoc(title="Dikunci", body="isi lama"))
    theirs = locks.acquire(lib, "article", art_id, dewi)
    section.open_article(art_id)
    editor = section.editor
    assert editor.read_only and editor.lock_retry_timer.isActive()
    store.save(lib, art_id, store.ArticleDoc(title="Dikunci", body="isi baru dari Dewi"))
    editor.retry_lock()
    assert editor.read_only  # still theirs
    locks.release(lib, theirs)
    editor.retry_lock()
    assert not editor.read_only and editor.lock is not None and not editor.lock_retry_timer.isActive()
    assert "isi baru dari Dewi" in editor.body.toPlainText()


def test_a_saved_web_page_keeps_its_source_site_through_the_editor(section, qtbot, main_window):
    lib = main_window.ctx.library
    art_id = store.create_article(lib, store.ArticleDoc(
        title="Bawaslu Awasi Rekapitulasi", body="Isi berita.", source_url="https://portal.example/berita/1",
        source_site="Portal Berita Jember"))
    main_window.open_item("article", art_id)
    editor = section.editor
    assert editor.site_edit.text() == "Portal Berita Jember"
    _type(qtbot, editor.title_edit, " Kecamatan")
    editor.save_action.trigger()
    saved = store.load(lib, art_id)
    assert "Kecamatan" in saved.doc.title and saved.doc.source_site == "Portal Berita Jember"
