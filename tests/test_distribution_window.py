"""Kirim / Distribusi in the real window: from the article's menu, .eml and SMTP with the buttons, WhatsApp ticks,
the send log on the person's and organisation's pages, SMTP settings saved from Settings."""

from __future__ import annotations

import email
import email.policy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QTabWidget

from distribution_support import media_list, people, release, start_smtp


@pytest.fixture
def errors(main_window):
    shown: list[BaseException] = []
    main_window.ctx.show_error = lambda _parent, exc: shown.append(exc)
    return shown


@pytest.fixture
def dialog(main_window, qtbot, errors, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    lib = main_window.ctx.library
    p = people(lib)
    media_list(lib, [p["ani"], p["budi"], p["citra"], p["dedi"]])
    article = release(lib)
    qtbot.wait(20)
    section = main_window.show_section("articles")
    section.open_article(article)
    action = section.editor.findChild(type(section.editor.save_action), "article-distribute")
    action.trigger()
    from desktop.ui.distribution_dialog import DistributionDialog

    found = section.editor.findChild(DistributionDialog)
    assert found is not None and found.isVisible()
    yield found, p, article
    import shiboken6

    if shiboken6.isValid(found):  # closed dialogs delete themselves
        found.close()
    assert errors == []


def _wait_idle(main_window, qtbot) -> None:
    qtbot.waitUntil(lambda: not main_window.ctx.tasks.active, timeout=30_000)


def test_write_eml_with_the_button_after_a_preview_of_who_is_skipped(dialog, main_window, qtbot, tmp_path, monkeypatch):
    found, p, article = dialog
    rows = {found.preview_model.item(r, 0).text(): found.preview_model.item(r, 3).text()
            for r in range(found.preview_model.rowCount())}
    assert rows["Citra Lestari"] == "belum setuju untuk dihubungi" and rows["Ani Wartawati"] == "akan dikirim"
    assert found.summary.text().startswith("2 dari 4 akan menerima surel")
    out = tmp_path / "eml"
    out.mkdir()
    monkeypatch.setattr("desktop.ui.file_dialogs.QFileDialog.getExistingDirectory", lambda *a, **k: str(out))
    qtbot.mouseClick(found.eml_button, Qt.MouseButton.LeftButton)
    _wait_idle(main_window, qtbot)
    files = sorted(out.glob("*.eml"))
    assert len(files) == 2
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg.get_body(("plain",)).get_content().startswith("Yth. Bapak/Ibu Ani Wartawati,")
    assert "2 berkas .eml ditulis." in found.result_label.text()
    assert found.log_model.total == 2
    assert "Menjangkau 2 orang" in found.reach_label.text()


def test_smtp_settings_page_then_send_with_the_button(dialog, main_window, qtbot):
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.smtp_page import SmtpPage

    found, p, article = dialog
    controller, box, port = start_smtp()
    try:
        settings = SettingsDialog(main_window.ctx, main_window)
        qtbot.addWidget(settings)
        page = settings.findChild(SmtpPage)
        settings.findChild(QTabWidget).setCurrentWidget(page)
        settings.show()
        qtbot.keyClicks(page.host, "127.0.0.1")
        page.port.setValue(port)
        page.security.setCurrentIndex(page.security.findData("none"))
        qtbot.keyClicks(page.sender, "humas@contoh.example")
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert "menjawab" in page.status.text()
        settings.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        from desktop.distribution import api as distribution
        from desktop import settings as settings_mod

        assert distribution.load_config(settings_mod.load()).port == port  # kept after the window saved its settings

        # Left in the outbox by an earlier send that was cancelled: the button sends it too, once.
        only_ani = media_list(main_window.ctx.library, [p["ani"]], name="Ani saja")
        distribution.queue_email(main_window.ctx.library, only_ani, mode="smtp", sender="humas@contoh.example",
                                 article_id=article)
        qtbot.mouseClick(found.smtp_button, Qt.MouseButton.LeftButton)
        _wait_idle(main_window, qtbot)
        assert box.to() == ["ani@radar.example", "dedi@suara.example"]
        assert "2 surel terkirim." in found.result_label.text()
    finally:
        controller.stop()


def test_whatsapp_links_open_and_ticks_go_to_the_person_and_org_pages(dialog, main_window, qtbot, monkeypatch):
    found, p, article = dialog
    opened = []
    monkeypatch.setattr("desktop.ui.distribution_dialog.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    found.tabs.setCurrentIndex(1)
    qtbot.mouseClick(found.wa_prepare, Qt.MouseButton.LeftButton)
    assert found.wa_view.verticalHeader().count() == 2  # rows the view shows, not only the model's
    assert found.wa_text.toPlainText().startswith("*Bawaslu Contoh Ajak Warga Awasi Kampanye*")
    assert "Citra Lestari: belum setuju untuk dihubungi" in found.wa_skipped.text()
    found.wa_view.setCurrentIndex(found.wa_model.index(0, 1))
    qtbot.mouseClick(found.wa_open, Qt.MouseButton.LeftButton)
    assert opened and opened[0].startswith("https://wa.me/6281234567801?text=")
    # Tick the first recipient the way a user does: select its box and press Space.
    found.wa_view.setCurrentIndex(found.wa_model.index(0, 0))
    found.wa_view.setFocus()
    qtbot.keyClick(found.wa_view, Qt.Key.Key_Space)
    assert found.wa_model.item(0, 0).checkState() == Qt.CheckState.Checked
    assert found.log_model.total == 1
    found.close()

    contacts_section = main_window.show_section("contacts")
    contacts_section.open_person(p["ani"])
    log = contacts_section.person_page.send_log
    assert log.model.total == 1 and log.model.item(0).channel == "whatsapp"
    contacts_section.open_org(p["radar"])
    assert contacts_section.org_page.send_log.model.total == 1
    contacts_section.open_org(p["suara"])
    assert contacts_section.org_page.send_log.model.total == 0
    QApplication.processEvents()


def test_link_coverage_to_a_send_from_the_distribution_tab(dialog, main_window, qtbot, monkeypatch):
    import datetime as dt

    from PySide6.QtWidgets import QInputDialog, QPushButton

    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution

    found, p, article = dialog
    lib = main_window.ctx.library
    distribution.record_handed_out(lib, [p["ani"]], article_id=article)
    contacts.add_coverage(lib, p["radar"], dt.date(2025, 11, 5), "Warga Diajak Awasi Kampanye", article_id=article)
    found.tabs.setCurrentIndex(2)
    found.refresh_log()
    found.log_view.setCurrentIndex(found.log_model.index(0, 0))
    offered = []

    def choose(_parent, _title, _label, items, *_a, **_k):  # noqa: ANN001, ANN202
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    qtbot.mouseClick(found.findChild(QPushButton, "dist-link-coverage"), Qt.MouseButton.LeftButton)
    assert offered == ["05/11/2025 — Warga Diajak Awasi Kampanye"]
    assert distribution.reach(lib, article).coverage_linked == 1
    assert "(1 ditautkan ke pengiriman)" in found.reach_label.text()
