"""The forms of the KIP register: record a request, answer, extend, objection, DIP entries, the semester.

Every deadline shown here comes from ``desktop.kip.api``; the forms only
collect what the user types and hand it to the api, which refuses bad input
with a sentence (shown with ``ctx.show_error``, the form stays open).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.kip import api as kip
from desktop.ui.widgets import date_edit, fit_to_screen, text_box


def _day(edit) -> dt.date:  # noqa: ANN001 - QDateEdit
    return edit.date().toPython()  # type: ignore[return-value]


class _FormDialog(QDialog):
    """A form with Save/Cancel: Save calls :meth:`apply`; a refusal is shown and the form stays open."""

    def __init__(self, ctx, title: str, name: str, parent: QWidget | None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def finish_layout(self, width: int, height: int) -> None:
        self.layout_.addWidget(self.buttons)
        fit_to_screen(self, width, height)

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def apply(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.apply()
        except (WartaError, OSError) as exc:
            self.ctx.show_error(self, exc)
            return
        self.accept()


def _request_heading(row: kip.RequestRow) -> QLabel:
    label = QLabel("<b>{number}</b> · {requester}<br>{subject}".format(
        number=_escape(row.number), requester=_escape(row.requester), subject=_escape(row.subject)))
    label.setWordWrap(True)
    return label


def _escape(text: str) -> str:
    import html

    return html.escape(text)


class RequestDialog(_FormDialog):
    """Record a request as received, or correct one (``row``); the answer deadline is shown as the date changes."""

    def __init__(self, ctx, parent: QWidget | None = None, row: kip.RequestRow | None = None) -> None:  # noqa: ANN001
        title = _("Correct request {number}").format(number=row.number) if row else _("Record an information request")
        super().__init__(ctx, title, "kip-request-dialog", parent)
        self.saved_id: int | None = None
        self.row = row
        self.requester = QLineEdit()
        self.requester.setObjectName("kip-requester")
        self.requester.setPlaceholderText(_("name of the person or organisation asking"))
        self.contact = QLineEdit()
        self.contact.setObjectName("kip-contact")
        self.contact.setPlaceholderText(_("address, telephone or email"))
        self.channel = QComboBox()
        self.channel.setObjectName("kip-channel")
        self.channel.addItem("–", "")
        for code in kip.CHANNELS:
            self.channel.addItem(kip.channel_label(code), code)
        self.subject = text_box()
        self.subject.setObjectName("kip-subject")
        self.subject.setPlaceholderText(_("the information asked for, as the requester wrote it"))
        self.received = date_edit()
        self.received.setObjectName("kip-received")
        self.received.setMaximumDate(QDate.currentDate())
        self.number = QLineEdit()
        self.number.setObjectName("kip-number")
        self.number.setPlaceholderText(_("empty: the next number of the year"))
        self.due = QLabel()
        self.due.setObjectName("kip-due-preview")
        self.form.addRow(_("Requester"), self.requester)
        self.form.addRow(_("Contact"), self.contact)
        self.form.addRow(_("Channel"), self.channel)
        self.form.addRow(_("Information asked for"), self.subject)
        self.form.addRow(_("Received"), self.received)
        self.form.addRow(_("Register number"), self.number)
        self.form.addRow(_("Answer due"), self.due)
        self.received.dateChanged.connect(lambda _d: self._show_due())
        if row is not None:
            self._fill(row)
        self._show_due()
        self.finish_layout(620, 440)

    def _fill(self, row: kip.RequestRow) -> None:
        self.requester.setText(row.requester)
        self.contact.setText(row.contact)
        self.channel.setCurrentIndex(max(0, self.channel.findData(row.channel)))
        self.subject.setPlainText(row.subject)
        self.received.setDate(QDate(row.received_on.year, row.received_on.month, row.received_on.day))
        # The number is the register's reference, told to the requester: it is not corrected here.
        self.number.setText(row.number)
        self.number.setEnabled(False)
        if not row.can_change_received:
            self.received.setEnabled(False)
            self.received.setToolTip(_(
                "The request is already {state}: the day it was received set a deadline that was acted on."
            ).format(state=kip.state_label(row.state)))

    def _show_due(self) -> None:
        if self.row is not None and not self.row.can_change_received:
            # Extended or closed: the deadline in force is the recorded one, not 10 days from receipt.
            self.due.setText(dates.long_date(self.row.due_on))
            return
        due = kip.answer_due(_day(self.received))
        self.due.setText(_("{date} ({days} working days after receipt)").format(
            date=dates.long_date(due), days=kip.ANSWER_DAYS))

    def apply(self) -> None:
        if self.row is not None:
            self.row = kip.update_request(
                self.ctx.library, self.row.id, requester=self.requester.text(), contact=self.contact.text(),
                channel=self.channel.currentData() or "", subject=self.subject.toPlainText(),
                received_on=_day(self.received) if self.row.can_change_received else None)
            self.saved_id = self.row.id
            return
        self.saved_id = kip.add_request(self.ctx.library, kip.RequestInput(
            requester=self.requester.text(), subject=self.subject.toPlainText(), received_on=_day(self.received),
            contact=self.contact.text(), channel=self.channel.currentData() or "", number=self.number.text()))


class AnswerDialog(_FormDialog):
    """The written answer, or the refusal with its reason."""

    def __init__(self, ctx, row: kip.RequestRow, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, _("Answer request {number}").format(number=row.number), "kip-answer-dialog", parent)
        self.row = row
        self.answered = date_edit()
        self.answered.setObjectName("kip-answered")
        self.answered.setMaximumDate(QDate.currentDate())
        self.refused = QCheckBox(_("The information is refused"))
        self.refused.setObjectName("kip-refused")
        self.note = text_box()
        self.note.setObjectName("kip-answer-note")
        self.note.setPlaceholderText(_("what was given and how, or why it is refused"))
        self.form.addRow(_request_heading(row))
        self.form.addRow(_("Answer due"), QLabel(dates.long_date(row.due_on)))
        self.form.addRow(_("Answered on"), self.answered)
        self.form.addRow("", self.refused)
        self.form.addRow(_("Answer given"), self.note)
        self.finish_layout(560, 360)

    def apply(self) -> None:
        self.row = kip.answer_request(self.ctx.library, self.row.id, _day(self.answered), self.note.toPlainText(),
                                      reject=self.refused.isChecked())


class ExtendDialog(_FormDialog):
    """The one extension of 7 working days, with the reason the requester is told."""

    def __init__(self, ctx, row: kip.RequestRow, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, _("Extend request {number}").format(number=row.number), "kip-extend-dialog", parent)
        self.row = row
        self.reason = text_box()
        self.reason.setObjectName("kip-extension-reason")
        self.reason.setPlaceholderText(_("why more time is needed; the requester is told this reason"))
        new_due = kip.answer_due(row.received_on, extended=True)
        self.form.addRow(_request_heading(row))
        self.form.addRow(_("Answer due"), QLabel(dates.long_date(row.due_on)))
        self.new_due = QLabel(_("{date} (+{days} working days, allowed once)").format(
            date=dates.long_date(new_due), days=kip.EXTENSION_DAYS))
        self.new_due.setObjectName("kip-new-due")
        self.form.addRow(_("New deadline"), self.new_due)
        self.form.addRow(_("Reason"), self.reason)
        self.finish_layout(560, 320)

    def apply(self) -> None:
        self.row = kip.extend_request(self.ctx.library, self.row.id, self.reason.toPlainText())


class ObjectionDialog(_FormDialog):
    """The day the requester filed a keberatan."""

    def __init__(self, ctx, row: kip.RequestRow, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, _("Objection to request {number}").format(number=row.number), "kip-objection-dialog",
                         parent)
        self.row = row
        self.filed = date_edit()
        self.filed.setObjectName("kip-objected")
        self.filed.setMaximumDate(QDate.currentDate())
        self.form.addRow(_request_heading(row))
        self.form.addRow(_("Objections until"), QLabel(dates.long_date(row.objection_due())))
        self.form.addRow(_("Filed on"), self.filed)
        self.finish_layout(520, 220)

    def apply(self) -> None:
        self.row = kip.object_request(self.ctx.library, self.row.id, _day(self.filed))


class DipEntryDialog(_FormDialog):
    """One entry added by hand: the only way to list information as dikecualikan."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(ctx, _("Add to the Daftar Informasi Publik"), "kip-dip-dialog", parent)
        self.saved_id: int | None = None
        self.category = QComboBox()
        self.category.setObjectName("kip-dip-category")
        for code in kip.CATEGORIES:
            self.category.addItem(kip.category_label(code), code)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("kip-dip-title")
        self.summary = text_box()
        self.summary.setObjectName("kip-dip-summary")
        self.summary.setMaximumHeight(90)
        self.unit = QLineEdit()
        self.unit.setObjectName("kip-dip-unit")
        self.unit.setPlaceholderText(_("the unit responsible for the information"))
        self.retention = QLineEdit()
        self.retention.setObjectName("kip-dip-retention")
        self.retention.setPlaceholderText(_("e.g. 5 years"))
        self.form.addRow(_("Category"), self.category)
        self.form.addRow(_("Title"), self.title_edit)
        self.form.addRow(_("Summary"), self.summary)
        self.form.addRow(_("Unit"), self.unit)
        self.form.addRow(_("Kept for"), self.retention)
        self.finish_layout(560, 340)

    def apply(self) -> None:
        self.saved_id = kip.add_dip(self.ctx.library, self.category.currentData(), self.title_edit.text(),
                                    summary=self.summary.toPlainText(), unit=self.unit.text(),
                                    retention=self.retention.text())


class ProposalsDialog(_FormDialog):
    """Published articles not yet in the list, ticked; the user may untick one or change its category."""

    def __init__(self, ctx, proposals: list[kip.DipProposal], parent: QWidget | None = None) -> None:  # noqa: ANN001
        from desktop.articles import api as articles

        super().__init__(ctx, _("Propose from published material"), "kip-proposals-dialog", parent)
        self.proposals = proposals
        self.added: list[int] = []
        self.layout_.insertWidget(0, QLabel(_(
            "Published articles not yet in the Daftar Informasi Publik, with the category their kind suggests. "
            "Untick what should not be listed; exempted information is only added by hand.")))
        self.layout_.itemAt(0).widget().setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("kip-proposals")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Title"), _("Kind"), _("Published on"), _("Category")])
        self.combos: list[QComboBox] = []
        for p in proposals:
            item = QTreeWidgetItem([p.title, articles.kind_label(p.kind),
                                    dates.plain_date(p.publication_date) if p.publication_date else "–", ""])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, p.title)
            self.tree.addTopLevelItem(item)
            combo = QComboBox()
            for code in kip.CATEGORIES:
                if code != "dikecualikan":  # exempting needs the PPID's consequence test, recorded by hand
                    combo.addItem(kip.category_label(code), code)
            combo.setCurrentIndex(max(0, combo.findData(p.category)))
            self.tree.setItemWidget(item, 3, combo)
            self.combos.append(combo)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.layout_.insertWidget(1, self.tree, 1)
        row = QHBoxLayout()
        self.all_button = QPushButton(_("Tick all"))
        self.all_button.setObjectName("kip-proposals-all")
        self.all_button.clicked.connect(lambda: self._tick(Qt.CheckState.Checked))
        self.none_button = QPushButton(_("Untick all"))
        self.none_button.setObjectName("kip-proposals-none")
        self.none_button.clicked.connect(lambda: self._tick(Qt.CheckState.Unchecked))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        self.layout_.insertLayout(2, row)
        self.unit = QLineEdit()
        self.unit.setObjectName("kip-proposals-unit")
        self.unit.setPlaceholderText(_("the unit responsible for the information"))
        self.retention = QLineEdit()
        self.retention.setObjectName("kip-proposals-retention")
        self.retention.setPlaceholderText(_("e.g. 5 years"))
        self.form.addRow(_("Unit"), self.unit)
        self.form.addRow(_("Kept for"), self.retention)
        self.save_button().setText(_("Add ticked"))
        self.finish_layout(900, 560)

    def _tick(self, state: Qt.CheckState) -> None:
        for i in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(i).setCheckState(0, state)

    def chosen(self) -> list[kip.DipProposal]:
        import dataclasses

        return [dataclasses.replace(p, category=self.combos[i].currentData())
                for i, p in enumerate(self.proposals)
                if self.tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked]

    def apply(self) -> None:
        self.added = kip.add_proposals(self.ctx.library, self.chosen(), unit=self.unit.text(),
                                       retention=self.retention.text())


class SemesterDialog(QDialog):
    """Which semester the report covers: a year and January–June or July–December."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        today = today or dt.date.today()
        self.setObjectName("kip-semester-dialog")
        self.setWindowTitle(_("Semester report"))
        self.year = QSpinBox()
        self.year.setObjectName("kip-semester-year")
        self.year.setRange(2008, today.year)  # UU 14/2008
        self.year.setValue(today.year)
        self.half = QComboBox()
        self.half.setObjectName("kip-semester-half")
        self.half.addItem(_("semester 1 (January–June)"), "S1")
        self.half.addItem(_("semester 2 (July–December)"), "S2")
        self.half.setCurrentIndex(0 if today.month <= 6 else 1)
        form = QFormLayout()
        form.addRow(_("Year"), self.year)
        form.addRow(_("Semester"), self.half)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def semester(self) -> str:
        return "{year}-{half}".format(year=self.year.value(), half=self.half.currentData())  # 2026-S2, as reports write it
