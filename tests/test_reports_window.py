"""Berkas → Laporan kehumasan… in the window: choose the period, write a narrative, export, see the file — by clicking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog


def test_report_dialog_saves_a_narrative_and_exports_the_pdf(main_window, qtbot, library, tmp_path, monkeypatch):
    import subprocess

    from desktop.reports import api as reports
    from desktop.ui.report_dialog import ReportDialog

    year = dt.date.today().year
    target = tmp_path / "laporan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    seen: dict = {}

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReportDialog):
            QTimer.singleShot(50, drive)
            return
        try:
            assert dialog.windowTitle() == "Laporan kehumasan"
            dialog.kind.setCurrentIndex(dialog.kind.findData("semester"))
            dialog.part.setCurrentIndex(dialog.part.findData("S2"))
            assert dialog.period_code() == f"{year}-S2"
            assert dialog.span.text().startswith(f"Semester II Tahun {year}")
            qtbot.keyClicks(dialog.edits["pendahuluan"], "Laporan semester kedua bagian humas.")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            seen["saved"] = reports.narratives(library, f"{year}-S2")["pendahuluan"]
            dialog.edits["kendala"].setPlainText("Sinyal lemah di kecamatan terpencil.")
            qtbot.mouseClick(dialog.export_buttons["pdf"], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: target.exists() and not main_window.ctx.tasks.active, timeout=60_000)
            qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10_000)
            seen["status"] = dialog.status.text()
            # Typed text is kept when another period is chosen: saved for the period it was written for.
            dialog.edits["rencana"].setPlainText("Pelatihan juru bicara.")
            dialog.kind.setCurrentIndex(dialog.kind.findData("year"))
            seen["year_text"] = dialog.edits["rencana"].toPlainText()
            dialog.grab().save(str(tmp_path / "dialog.png"))
        finally:
            dialog.findChild(type(dialog.save_button), "report-close").click()

    QTimer.singleShot(0, drive)
    action = main_window.findChild(QAction, "action-report")
    assert action.text() == "&Laporan kehumasan…"
    action.trigger()

    assert seen["saved"] == "Laporan semester kedua bagian humas."
    assert str(target) in seen["status"] and "Laporan kehumasan Semester II Tahun" in seen["status"]
    assert seen["year_text"] == ""  # the year's own (empty) narrative is shown
    assert reports.narratives(library, f"{year}-S2")["rencana"] == "Pelatihan juru bicara."
    # Exporting saved the narrative typed since the last save.
    assert reports.narratives(library, f"{year}-S2")["kendala"] == "Sinyal lemah di kecamatan terpencil."
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True).stdout.decode()
    assert "Laporan semester kedua bagian humas." in text and "Sinyal lemah di kecamatan terpencil." in text
    assert "LAPORAN KEHUMASAN" in text
