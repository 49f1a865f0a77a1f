"""The editor and approval, clicked in the real window: the approved text locked with a plain banner, "Ubah",
the approval sheet, separation of duties in the workflow buttons, the 5W1H hints beside the lead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from approval_support import approved, submitted, team  # noqa: F401 - team is a fixture
from desktop.articles import api as articles
from desktop.articles import store
from desktop.articles.document import ArticleDoc
from kits_support import pdf_text, squash

LEAD = "Bawaslu Kabupaten Contoh mengawasi rapat pleno rekapitulasi di Gedung Serbaguna, Rabu (4/12/2024)."


@pytest.fixture
def window_as(qtbot, library, monkeypatch):
    """``window_as(staff_id)``: the real main window signed in as that profile, showing the articles section."""
    from desktop.ui.app import create_main_window

    windows = []
    shown: list[BaseException] = []

    def open_as(staff_id: int):  # noqa: ANN202
        library.store.staff_id = staff_id
        window = create_main_window(library, staff_id=staff_id)
        window.ctx.show_error = lambda _parent, exc: shown.append(exc)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        window.errors = shown
        return window.show_section("articles")

    yield open_as
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    for window in windows:
        window.close()
        window.deleteLater()


def _doc() -> ArticleDoc:
    return ArticleDoc(title="Bawaslu Awasi Rapat Pleno", dateline_city="Contoh", lead=LEAD, body="Pengawas hadir.",
                      writer="Dewi Penulis")


def _submitted(library, team) -> int:
    return submitted(library, team, _doc())


def _approved(library, team) -> int:
    return approved(library, team, _doc())[0]


def _buttons(editor) -> dict:  # noqa: ANN001
    """The workflow buttons shown now (those being replaced are hidden, then deleted)."""
    from PySide6.QtWidgets import QPushButton

    return {b.objectName(): b for b in editor.workflow_box.findChildren(QPushButton) if not b.isHidden()}


def test_editor_approves_by_clicking_and_the_text_opens_locked(window_as, library, team, qtbot):
    art_id = _submitted(library, team)
    section = window_as(team["editor"])
    section.open_article(art_id)
    editor = section.editor
    qtbot.waitUntil(lambda: "article-action-approve" in _buttons(editor))
    qtbot.mouseClick(_buttons(editor)["article-action-approve"], Qt.MouseButton.LeftButton)
    record = articles.approved_revision(library, art_id)
    assert record is not None and record.approver_name == "Agus Editor"
    text = editor.approval_bar.label.text()
    assert editor.approval_bar.isVisible()
    assert text.startswith("Disetujui oleh Agus Editor pada ") and text.endswith("Teks ini terkunci.")
    assert f"nomor {record.release_number}" in text
    assert editor.title_edit.isReadOnly() and editor.lead_edit.isReadOnly() and editor.body.isReadOnly()
    assert not editor.save_action.isEnabled()
    editor.grab().save(str(library.path.parent / "approved-banner.png"))
    assert section.window().errors == []


def test_the_writer_sees_no_approve_on_their_own_text(window_as, library, team, qtbot):
    library.store.staff_id = team["writer"]
    art_id = _submitted(library, team)
    section = window_as(team["writer"])
    section.open_article(art_id)
    qtbot.waitUntil(lambda: "article-action-return" not in _buttons(section.editor))
    assert "article-action-approve" not in _buttons(section.editor)
    assert store.load(library, art_id).doc.status == "review"


def test_ubah_asks_then_starts_a_new_draft_that_needs_approval_again(window_as, library, team, qtbot, monkeypatch):
    art_id = _approved(library, team)
    section = window_as(team["writer"])
    section.open_article(art_id)
    editor = section.editor
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(editor.approval_bar.edit_button, Qt.MouseButton.LeftButton)
    assert "harus disetujui lagi" in asked[0]
    assert editor.title_edit.isReadOnly() and store.load(library, art_id).doc.status == "approved"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(editor.approval_bar.edit_button, Qt.MouseButton.LeftButton)
    loaded = store.load(library, art_id)
    assert loaded.doc.status == "draft" and loaded.revision == 2
    assert not editor.approval_bar.isVisible() and not editor.title_edit.isReadOnly()
    assert editor.save_action.isEnabled()
    # The approved text stays what outputs print until the new draft is approved.
    assert articles.document_for_output(library, art_id).approval.revision_number == 1
    assert section.window().errors == []


def test_secretariat_gets_no_ubah(window_as, library, team):
    art_id = _approved(library, team)
    section = window_as(team["secretariat"])
    section.open_article(art_id)
    assert section.editor.approval_bar.isVisible()
    assert not section.editor.approval_bar.edit_button.isVisible()
    assert section.editor.title_edit.isReadOnly()


def test_approval_sheet_saved_from_the_menu_and_the_banner(window_as, library, team, tmp_path, monkeypatch):
    art_id = _approved(library, team)
    record = articles.approved_revision(library, art_id)
    section = window_as(team["secretariat"])
    section.open_article(art_id)
    editor = section.editor
    target = tmp_path / "lembar.pdf"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, start, *a: asked.append(start) or (str(target), ""))
    editor.findChild(QAction, "article-sheet").trigger()
    assert asked[0].endswith(".pdf")
    text = squash(pdf_text(target.read_bytes())[0])
    assert "LEMBAR PERSETUJUAN" in text and record.release_number in text
    assert record.content_sha256 in text.replace(" ", "")
    target.unlink()
    editor.approval_bar.sheet_button.click()
    assert target.exists()
    inside = library.path / "lembar.pdf"
    warned = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(inside), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    editor.findChild(QAction, "article-sheet").trigger()
    assert warned and "di dalam pustaka" in warned[0] and not inside.exists()
    assert section.window().errors == []


def test_lead_hints_name_what_the_lead_leaves_out(window_as, library, team, qtbot):
    library.store.staff_id = team["writer"]
    art_id = store.create_article(library, ArticleDoc(title="Rapat", dateline_city="Contoh", lead=""))
    section = window_as(team["writer"])
    section.open_article(art_id)
    editor = section.editor
    editor.lead_edit.setFocus()
    qtbot.keyClicks(editor.lead_edit, "Bawaslu Contoh menggelar rapat.")
    qtbot.waitUntil(lambda: editor.lead_hints.isVisible() and "Kapan?" in editor.lead_hints.text(), timeout=3000)
    hints = editor.lead_hints.text().splitlines()
    assert hints[0].startswith("⚠ Kapan?") and hints[1].startswith("⚠ Di mana?")
    assert any(h.startswith("• Mengapa?") for h in hints)
    warnings = [editor.warnings_list.item(i).text() for i in range(editor.warnings_list.count())]
    assert any("Kapan?" in w for w in warnings)
    editor.grab().save(str(library.path.parent / "lead-hints.png"))
    editor.lead_edit.selectAll()
    qtbot.keyClicks(editor.lead_edit, "Bawaslu Contoh menggelar rapat koordinasi di Aula Sekretariat, Senin (3/11/2025), "
                                      "untuk membahas pengawasan dengan partai politik.")
    qtbot.waitUntil(lambda: not editor.lead_hints.isVisible(), timeout=3000)


def test_an_editor_approves_own_text_only_when_the_office_allows_it(window_as, library, team, qtbot):
    from desktop import office

    library.store.staff_id = team["editor"]
    art_id = store.create_article(library, ArticleDoc(title="Rilis Editor", dateline_city="Contoh", lead=LEAD))
    store.submit(library, art_id)
    section = window_as(team["editor"])
    section.open_article(art_id)
    editor = section.editor
    qtbot.waitUntil(lambda: "article-action-return" in _buttons(editor))
    assert "article-action-approve" not in _buttons(editor)
    editor.request_close()

    library.store.staff_id = team["admin"]  # only an Admin turns self-approval on
    profile = office.load(library)
    profile.allow_self_approval = True
    office.save(library, profile)
    library.store.staff_id = team["editor"]
    section.open_article(art_id)
    qtbot.waitUntil(lambda: "article-action-approve" in _buttons(editor))
    qtbot.mouseClick(_buttons(editor)["article-action-approve"], Qt.MouseButton.LeftButton)
    record = articles.approved_revision(library, art_id)
    assert record is not None and record.self_approved
    assert "Teks ini terkunci." in editor.approval_bar.label.text()
    assert section.window().errors == []


def test_an_article_approved_before_approvals_were_recorded_opens_locked_with_ubah(window_as, library, team, qtbot,
                                                                                 monkeypatch):
    from sqlalchemy import text

    library.store.staff_id = team["writer"]
    art_id = store.create_article(library, ArticleDoc(title="Rilis Lama", dateline_city="Contoh", lead=LEAD))
    with library.store.write() as tx:  # as an older Warta left it: approved, no approval record
        tx.session.execute(text("UPDATE articles SET status = 'approved' WHERE id = :id"), {"id": art_id})
    section = window_as(team["writer"])
    section.open_article(art_id)
    editor = section.editor
    assert editor.approval_bar.isVisible() and editor.title_edit.isReadOnly()
    assert editor.approval_bar.label.text() == "Disetujui sebelum Warta mencatat persetujuan. Teks ini terkunci."
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(editor.approval_bar.edit_button, Qt.MouseButton.LeftButton)
    assert store.load(library, art_id).doc.status == "draft" and not editor.title_edit.isReadOnly()
    assert section.window().errors == []
