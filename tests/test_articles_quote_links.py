"""A quote's speaker linked to a contact, in the real main window: pick, fill, save, edit, unlink."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.articles import store
from desktop.articles.document import Quote
from desktop.contacts import store as contacts

NAME = "Dr. H. Ahmad Fauzi, M.Si."


@pytest.fixture
def section(main_window, qtbot, monkeypatch):
    shown: list[BaseException] = []
    main_window.ctx.show_error = lambda _parent, exc: shown.append(exc)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.wait(20)  # the window shows its remembered section on the next event-loop turn
    yield main_window.show_section("articles")
    assert shown == []


@pytest.fixture
def people(main_window):
    lib = main_window.ctx.library
    chair = contacts.create_person(lib, contacts.PersonInput(
        full_name=NAME, position="Ketua", organization_name="Bawaslu Jember"))
    other = contacts.create_person(lib, contacts.PersonInput(
        full_name="Siti Rahma", position="Wartawan", organization_name="Radar Jember"))
    return chair, other


def _pick(qtbot, quotes, search: str | None, *, choose: bool = True) -> list[int]:
    """Click "Link to contact…" and, in the dialog it opens, search and choose the first hit."""
    seen: list[int] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "contact-picker":
            QTimer.singleShot(20, drive)
            return
        if search is not None:
            dialog.search.setText(search)
            dialog.refresh()
        seen.extend(dialog.model.id_at(r) for r in range(dialog.model.rowCount()))
        if choose:
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(quotes.findChild(QPushButton, "quote-link"), Qt.MouseButton.LeftButton)
    return seen


def test_link_quote_speaker_to_contact_and_save(section, qtbot, main_window, people):
    lib = main_window.ctx.library
    chair, other = people
    art_id = store.create_article(lib, store.ArticleDoc(
        title="Rapat koordinasi", body="Isi.", quotes=[Quote("Pak Ahmad", text="Awasi bersama.")]))
    section.open_article(art_id)
    editor = section.editor
    quotes = editor.quotes
    quotes.table.selectRow(0)
    assert not quotes.findChild(QPushButton, "quote-unlink").isEnabled()

    # The search narrows the people list in SQL: only the chair matches "fauzi".
    assert _pick(qtbot, quotes, "fauzi") == [chair]
    assert editor.dirty  # `changed` reached the editor, so autosave and Save see the link
    speaker = quotes.table.item(0, 0)
    assert speaker.text() == NAME
    assert quotes.table.item(0, 1).text() == "Ketua, Bawaslu Jember"
    assert quotes.table.item(0, 2).text() == "Awasi bersama."
    assert NAME in speaker.toolTip() and not speaker.icon().isNull()
    assert quotes.findChild(QPushButton, "quote-unlink").isEnabled()

    assert editor.save()
    saved = store.load_doc(lib, art_id).quotes[0]
    assert saved.person_id == chair
    assert (saved.speaker, saved.position, saved.text) == (NAME, "Ketua, Bawaslu Jember", "Awasi bersama.")

    # Opened again, the saved link still shows.
    editor.request_close()
    section.open_article(art_id)
    quotes = section.editor.quotes
    assert quotes.person_id(0) == chair and NAME in quotes.table.item(0, 0).toolTip()
    assert other not in {quotes.person_id(r) for r in range(quotes.table.rowCount())}


def test_cancel_keeps_the_quote_as_it_was(section, qtbot, main_window, people):
    lib = main_window.ctx.library
    art_id = store.create_article(lib, store.ArticleDoc(title="Batal", quotes=[Quote("Pak Ahmad", text="Tetap.")]))
    section.open_article(art_id)
    quotes = section.editor.quotes
    quotes.table.selectRow(0)
    # The picker opens on the speaker typed so far; no match, nothing linked.
    assert _pick(qtbot, quotes, None, choose=False) == []
    assert quotes.quotes() == [Quote("Pak Ahmad", text="Tetap.")]
    assert not section.editor.dirty


def test_editing_the_name_by_hand_drops_the_link_and_unlink_keeps_the_text(section, qtbot, main_window, people):
    lib = main_window.ctx.library
    chair, other = people
    art_id = store.create_article(lib, store.ArticleDoc(title="Sunting", quotes=[
        Quote(NAME, "Ketua, Bawaslu Jember", "Satu.", person_id=chair),
        Quote("Siti Rahma", "Wartawan, Radar Jember", "Dua.", person_id=other),
    ]))
    section.open_article(art_id)
    editor = section.editor
    quotes = editor.quotes
    # Retyping the contact's own name keeps the link; another name is another speaker.
    quotes.table.item(0, 0).setText(NAME)
    assert quotes.person_id(0) == chair
    quotes.table.item(0, 0).setText("Ahmad Fauzi")
    assert quotes.person_id(0) is None and quotes.table.item(0, 0).toolTip() == ""
    assert editor.dirty

    quotes.table.selectRow(1)
    qtbot.mouseClick(quotes.findChild(QPushButton, "quote-unlink"), Qt.MouseButton.LeftButton)
    assert quotes.person_id(1) is None

    assert editor.save()
    saved = store.load_doc(lib, art_id).quotes
    assert [(q.speaker, q.person_id) for q in saved] == [("Ahmad Fauzi", None), ("Siti Rahma", None)]
    assert saved[1].position == "Wartawan, Radar Jember"


def test_link_with_no_quote_selected_adds_a_linked_quote(section, qtbot, main_window, people):
    lib = main_window.ctx.library
    _chair, other = people
    art_id = store.create_article(lib, store.ArticleDoc(title="Baru"))
    section.open_article(art_id)
    quotes = section.editor.quotes
    assert _pick(qtbot, quotes, "radar") == [other]
    assert section.editor.save()
    saved = store.load_doc(lib, art_id).quotes
    assert [(q.speaker, q.position, q.person_id) for q in saved] == [("Siti Rahma", "Wartawan, Radar Jember", other)]
