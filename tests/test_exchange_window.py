"""The Exchange section in the real window: import a style pack (diff first, then Apply) and a
report from a member office, by clicking the buttons."""

from __future__ import annotations

from exchange_support import PERIOD, open_copy


def _click_when_shown(qtbot, section, attr: str, button: str) -> None:
    from PySide6.QtCore import Qt, QTimer

    def click() -> None:
        dialog = getattr(section, attr, None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, click)
            return
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, click)


def test_import_style_pack_and_report_by_clicking(main_window, qtbot, library, template_library, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    province = open_copy(template_library, tmp_path / "prov", "Bawaslu Provinsi Jawa Timur", "Bawaslu Jatim")
    try:
        articles.save_glossary(province, articles.load_glossary(province)
                               + [articles.Rule("pemutakhiran", ["pemuktahiran"], "KBBI")])
        pack = tmp_path / "pack.wartabundle"
        exchange.export_style_pack(province, pack)
        prov_key = exchange.public_key_file(province, tmp_path / "prov.wartakey")
    finally:
        province.close()

    section = main_window.show_section("exchange")
    # Trust the province's key: the fingerprint typed as read out over the phone.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "prov.wartakey"), ""))

    def type_fingerprint() -> None:
        from PySide6.QtCore import QTimer

        dialog = getattr(section, "trust_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, type_fingerprint)
            return
        qtbot.keyClicks(dialog.fingerprint, prov_key.fingerprint.lower())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, type_fingerprint)
    qtbot.mouseClick(section.trust_button, Qt.MouseButton.LeftButton)
    assert [o.name for o in exchange.trusted_offices(library)] == ["Bawaslu Provinsi Jawa Timur"]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
    _click_when_shown(qtbot, section, "preview_dialog", "apply_button")
    qtbot.mouseClick(section.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemutakhiran" in [r.preferred for r in articles.load_glossary(library)], timeout=20_000)
    assert any("pemutakhiran" in line for line in section.preview_dialog.changes.toPlainText().splitlines())
    main_window.ctx.tasks.wait_all()


def test_member_reports_fill_the_province_list(main_window, qtbot, library, template_library, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from desktop.exchange import api as exchange
    from kits_support import article

    kab = open_copy(template_library, tmp_path / "kab", "Bawaslu Kabupaten Jember", "Bawaslu Jember")
    try:
        from desktop.articles import api as articles

        doc = article("Patroli Pengawasan Masa Tenang", status="published")
        doc.publication_date = PERIOD[0]
        articles.create_article(kab, doc)
        key = exchange.public_key_file(kab, tmp_path / "kab.wartakey")
        report = tmp_path / "report.wartabundle"
        exchange.export_report(kab, report, *PERIOD)
    finally:
        kab.close()
    exchange.trust(library, tmp_path / "kab.wartakey", key.fingerprint)

    section = main_window.show_section("exchange")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(report), ""))
    _click_when_shown(qtbot, section, "preview_dialog", "apply_button")
    qtbot.mouseClick(section.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=20_000)
    assert section.model.data(section.model.index(0, 0)) == "Bawaslu Kabupaten Jember"
    assert "Patroli" in section.model.data(section.model.index(0, 2))
    assert "Bawaslu Kabupaten Jember" in section.summary.text()
    # Double-click opens what the office sent.
    rect = section.table.visualRect(section.model.index(0, 2))
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Patroli Pengawasan Masa Tenang" in section.item_dialog.windowTitle()
    assert section.item_dialog.text.toPlainText().strip()
    section.item_dialog.close()
    section.section_filter.setCurrentIndex(section.section_filter.findData("coverage"))
    assert section.model.rowCount() == 0
    section.section_filter.setCurrentIndex(section.section_filter.findData("releases"))
    assert section.model.rowCount() == 1
    qtbot.keyClicks(section.search, "tidakada")
    assert section.model.rowCount() == 0
    main_window.ctx.tasks.wait_all()


def test_export_buttons_write_signed_bundles(main_window, qtbot, library, tmp_path, monkeypatch):
    import zipfile

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.sections import exchange as view

    section = main_window.show_section("exchange")
    assert "-" in section.key_label.text()  # the fingerprint to read out
    pack = tmp_path / "pack.wartabundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pack), view.BUNDLE_FILTER))
    qtbot.mouseClick(section.export_pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pack.exists, timeout=20_000)
    main_window.ctx.tasks.wait_all()

    report = tmp_path / "report.wartabundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), view.BUNDLE_FILTER))
    monkeypatch.setattr(view.PeriodDialog, "exec", lambda self: view.QDialog.DialogCode.Accepted)
    qtbot.mouseClick(section.export_report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(report.exists, timeout=20_000)
    main_window.ctx.tasks.wait_all()
    for path in (pack, report):
        with zipfile.ZipFile(path) as zf:
            assert {"manifest.json", "manifest.sig", "content.json"} <= set(zf.namelist())
