"""Isu & Hoaks in the window: record a claim with a screenshot, make the klarifikasi, copy its texts — by clicking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from claims_support import LEAD, POSTPONED, screenshot


def _fill_dialog(qtbot, shot, monkeypatch):  # noqa: ANN001
    """Answer the modal claim form once it is shown: type the claim, add the screenshot, Save."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    from desktop.ui.claim_dialog import ClaimDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(shot)], ""))
    done = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ClaimDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.text_edit.setPlainText(POSTPONED)
        dialog.links_edit.setPlainText("https://chat.whatsapp.com/forward/abc\nhttps://www.tiktok.com/@a/video/1")
        dialog.platform.setCurrentText("WhatsApp")
        dialog.seen.setDateTime(dt.datetime.now() - dt.timedelta(hours=4))
        dialog.reach.setText("12.000")
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("hoaks"))
        dialog.category.setCurrentIndex(dialog.category.findData("fabricated"))
        dialog.facts.setPlainText("Pemungutan suara tetap Rabu, 14 Februari 2024.")
        dialog.sources.setPlainText("Keputusan KPU Nomor 21 Tahun 2022")
        qtbot.mouseClick(dialog.add_shot, Qt.MouseButton.LeftButton)
        assert dialog.shots.count() == 1
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        done.append(True)

    QTimer.singleShot(0, answer)
    return done


def test_from_sighting_to_copied_whatsapp_text_and_claimreview_by_clicking(main_window, qtbot, library, tmp_path,
                                                                           monkeypatch, warnings):
    from desktop import staff
    from desktop.articles import api as articles
    from desktop.claims import api as claims

    section = main_window.show_section("claims")
    assert section.title() == "Isu & Hoaks"
    assert section.clarify_button.text() == "Buat klarifikasi"
    assert section.whatsapp_button.text() == "Salin teks WhatsApp"
    assert section.review_button.text() == "Salin ClaimReview"
    shot = screenshot(tmp_path / "forward.png")
    done = _fill_dialog(qtbot, shot, monkeypatch)
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    assert done == [True] and not warnings
    assert section.model.rowCount() == 1
    [row] = claims.list_claims(library)
    info = claims.get_claim(library, row.id)
    assert info.reach == 12000 and len(info.links) == 2 and info.verdict == "hoaks"
    assert info.reporter_id == library.store.staff_id  # whoever records it, unless changed
    assert (library.path / info.screenshots[0].path).read_bytes() == shot.read_bytes()
    assert section.table.currentIndex().row() == 0  # the new claim is selected
    assert section.model.index(0, 0).data() == "HOAKS"

    # Before any clarification the copy buttons say why there is nothing to copy.
    qtbot.mouseClick(section.whatsapp_button, Qt.MouseButton.LeftButton)
    assert warnings and "belum punya klarifikasi" in warnings[-1]

    qtbot.mouseClick(section.clarify_button, Qt.MouseButton.LeftButton)
    article_id = claims.get_claim(library, row.id).clarification.article_id
    assert main_window.current_section().key == "articles"  # the draft opened for writing
    assert articles.load_doc(library, article_id).kind == "klarifikasi"

    section = main_window.show_section("claims")
    section.select(row.id)
    assert not section.clarify_button.isEnabled()  # one clarification per claim
    qtbot.mouseClick(section.review_button, Qt.MouseButton.LeftButton)
    assert "belum disetujui" in warnings[-1]

    # The writer (the admin here) fills the lead and submits; an editor approves and publishes.
    editor = staff.create(library, staff.StaffInput(name="Ketua Uji", role="editor"))
    me = library.store.staff_id
    doc = articles.load_doc(library, article_id)
    doc.lead = LEAD
    articles.save(library, article_id, doc)
    articles.transition(library, article_id, "submit")
    library.store.staff_id = editor
    try:
        articles.transition(library, article_id, "approve")
        articles.transition(library, article_id, "publish", source_url="https://contoh.example/klarifikasi-1")
    finally:
        library.store.staff_id = me
    qtbot.waitUntil(lambda: section.model.index(0, 5).data() not in ("–", None))
    assert section.model.index(0, 4).data() == "Diterbitkan"
    assert section.model.index(0, 5).data().startswith("4 jam")
    assert section.median.text().startswith("Median waktu dari pertama terlihat sampai klarifikasi terbit: 4 jam")

    section.select(row.id)
    before = len(warnings)
    qtbot.mouseClick(section.whatsapp_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert len(warnings) == before
    assert copied.startswith("*[HOAKS]*") and LEAD in copied and "https://contoh.example/klarifikasi-1" in copied
    assert len(copied) <= 700 and "disalin" in section.status.text()
    qtbot.mouseClick(section.review_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith('<script type="application/ld+json">') and '"alternateName": "HOAKS"' in copied


def test_edit_claim_removes_a_screenshot_and_search_opens_the_register(main_window, qtbot, library, tmp_path,
                                                                       monkeypatch, warnings):
    from PySide6.QtWidgets import QDialogButtonBox

    from claims_support import claim_input
    from desktop.claims import api as claims
    from desktop.ui.claim_dialog import ClaimDialog

    claim_id = claims.create_claim(library, claim_input(), screenshots=[screenshot(tmp_path / "a.png")])
    section = main_window.show_section("claims")
    section.select(claim_id)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ClaimDialog):
            QTimer.singleShot(50, answer)
            return
        assert dialog.text_edit.toPlainText() == POSTPONED and dialog.shots.count() == 1
        dialog.shots.setCurrentRow(0)
        qtbot.mouseClick(dialog.remove_shot, Qt.MouseButton.LeftButton)
        dialog.facts.setPlainText("Fakta baru: tanggal tetap.")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(section.edit_button, Qt.MouseButton.LeftButton)
    info = claims.get_claim(library, claim_id)
    assert info.screenshots == [] and info.facts == "Fakta baru: tanggal tetap." and not warnings

    main_window.show_section("home")
    main_window.open_item("claim", claim_id)  # what a global-search hit does
    assert main_window.current_section().key == "claims" and section.selected_id() == claim_id


def test_beranda_shows_the_waiting_klarifikasi_first_and_opens_it(main_window, qtbot, library):
    from claims_support import claim_input, people
    from desktop.articles import api as articles
    from desktop.claims import api as claims

    approver = library.store.staff_id
    writer, _admin = people(library)
    library.store.staff_id = writer
    article_id = claims.make_klarifikasi(library, claims.create_claim(library, claim_input(hours_ago=5)))
    articles.transition(library, article_id, "submit")
    library.store.staff_id = approver
    home = main_window.show_section("home")
    home.refresh()
    first = home.cards.itemAtPosition(0, 0).widget()
    from PySide6.QtWidgets import QLabel

    assert "Klarifikasi menunggu persetujuan (1)" in first.findChildren(QLabel)[0].text()
    lst = home.card_lists[0]
    assert lst.item(0).text().startswith("Terlihat 5 jam 0 mnt lalu")
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Return)  # opens the entry, like a double-click
    assert main_window.current_section().key == "articles"
