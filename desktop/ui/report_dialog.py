"""Berkas → Laporan kehumasan…: choose a period, write its narratives, export PDF, DOCX or XLSX.

The figures are gathered and the file written off the UI thread
(``ctx.tasks.start``); the narratives are saved when asked, before every
export (so the file holds what is on screen) and when the period changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.i18n import _
from desktop.reports import api as reports
from desktop.ui import file_dialogs
from desktop.ui.widgets import fit_to_screen, text_box

FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "xlsx": "Excel (*.xlsx)"}


class ReportDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.library = ctx.library
        self.setObjectName("report-dialog")
        self.setWindowTitle(_("Public relations report"))
        today = today or dt.date.today()
        self.last_written: str = ""
        self._loaded_code = ""
        self._saved: dict[str, str] = {}

        self.kind = QComboBox(objectName="report-kind")
        self.kind.addItem(_("Year"), "year")
        self.kind.addItem(_("Semester"), "semester")
        self.kind.addItem(_("Month"), "month")
        self.year = QSpinBox(objectName="report-year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.part = QComboBox(objectName="report-part")
        self.span = QLabel(objectName="report-span")
        row = QHBoxLayout()
        for w in (self.kind, self.year, self.part):
            row.addWidget(w)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Period"), row)
        form.addRow("", self.span)

        self.edits = {}
        narratives = QGroupBox(_("Narrative sections"))
        nlay = QVBoxLayout(narratives)
        for key in reports.SECTIONS:
            label = QLabel(reports.section_label(key))
            edit = text_box()
            edit.setObjectName(f"report-narrative-{key}")
            edit.setMinimumHeight(70)
            label.setBuddy(edit)
            nlay.addWidget(label)
            nlay.addWidget(edit, 1)
            self.edits[key] = edit

        self.save_button = QPushButton(_("&Save narratives"), objectName="report-save")
        self.export_buttons = {
            "pdf": QPushButton(_("Export &PDF…"), objectName="report-export-pdf"),
            "docx": QPushButton(_("Export &DOCX…"), objectName="report-export-docx"),
            "xlsx": QPushButton(_("Export &XLSX…"), objectName="report-export-xlsx"),
        }
        self.open_button = QPushButton(_("&Open file"), objectName="report-open")
        self.open_button.setEnabled(False)
        close = QPushButton(_("Close"), objectName="report-close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        for b in self.export_buttons.values():
            buttons.addWidget(b)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        self.status = QLabel(objectName="report-status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(narratives, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._fill_parts(today)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.year.valueChanged.connect(lambda _v: self._period_changed())
        self.part.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.save_button.clicked.connect(self.save)
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _c=False, f=fmt: self.export(f))
        self.open_button.clicked.connect(self.open_file)
        close.clicked.connect(self.accept)
        self._period_changed()
        fit_to_screen(self, 760, 640)

    # -- the period --------------------------------------------------------------------

    def _fill_parts(self, today: dt.date | None = None) -> None:
        kind = self.kind.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        if kind == "semester":
            self.part.addItem(_("I (January–June)"), "S1")
            self.part.addItem(_("II (July–December)"), "S2")
            if today is not None and today.month > 6:
                self.part.setCurrentIndex(1)
        elif kind == "month":
            for month in range(1, 13):
                self.part.addItem(dates.month_year(dt.date(2000, month, 1)).split(" ")[0], f"{month:02d}")
            if today is not None:
                self.part.setCurrentIndex(today.month - 1)
        self.part.setVisible(kind != "year")
        self.part.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_parts(dt.date.today())
        self._period_changed()

    def period_code(self) -> str:
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "year":
            return str(year)
        return "{}-{}".format(year, self.part.currentData())

    def _period_changed(self) -> None:
        if self._loaded_code and self._dirty():
            self._save_quietly(self._loaded_code)
        period = reports.parse(self.period_code())
        self.span.setText("{} · {}".format(period.label(), period.span()))
        try:
            texts = reports.narratives(self.library, period.code)
        except Exception as exc:  # noqa: BLE001 - a lost server is said by show_error
            self.ctx.show_error(self, exc)
            texts = dict.fromkeys(reports.SECTIONS, "")
        for key, edit in self.edits.items():
            edit.setPlainText(texts.get(key, ""))
        self._saved = dict(texts)
        self._loaded_code = period.code

    # -- narratives -------------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def _dirty(self) -> bool:
        return any(self._saved.get(k, "").strip() != v.strip() for k, v in self.texts().items())

    def _save_quietly(self, code: str) -> bool:
        try:
            reports.set_narratives(self.library, code, self.texts())
        except Exception as exc:  # noqa: BLE001 - WartaError sentences and lost servers alike
            self.ctx.show_error(self, exc)
            return False
        self._saved = reports.narratives(self.library, code)
        return True

    def save(self) -> bool:
        if self._save_quietly(self._loaded_code):
            self.status.setText(_("Narratives of {period} saved.").format(period=reports.parse(self._loaded_code).label()))
            return True
        return False

    # -- export ---------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        if not self._save_quietly(self._loaded_code):
            return
        period = reports.parse(self._loaded_code)
        name = "laporan-kehumasan-{}.{}".format(period.code.lower(), fmt)
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "report", _("Export the report"), name,
                                               FILTERS[fmt])
        if not path:
            return
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        library, code = self.library, period.code
        self.status.setText(_("Writing the report…"))
        self.ctx.tasks.start(lambda p: reports.export(library, code, fmt, Path(path), progress=p),
                             title=_("Writing the report"), parent=self, on_done=self._written,
                             on_error=self._failed)

    def _written(self, written) -> None:  # noqa: ANN001 - reports.Written
        counts = written.report.counts
        self.last_written = written.path
        self.open_button.setEnabled(True)
        self.status.setText(_(
            "{title} written to {path}. Releases: {releases}; coverage: {coverage}; photos: {photos}; "
            "recipients reached: {recipients}."
        ).format(title=written.report.title, path=written.path, releases=counts["releases"]["total"],
                 coverage=counts["coverage"]["total"], photos=counts["photos"]["total"],
                 recipients=counts["distribution"]["recipients"]))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_("The report was not written."))
        self.ctx.show_error(self, exc)

    def open_file(self) -> None:
        if self.last_written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.last_written))

    def accept(self) -> None:
        if self._dirty() and not self._save_quietly(self._loaded_code):
            return
        super().accept()

    def reject(self) -> None:  # Esc keeps what was written too: nothing typed is lost
        if self._dirty():
            self._save_quietly(self._loaded_code)
        super().reject()
