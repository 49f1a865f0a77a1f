"""Informasi Publik: the KIP register (information requests with their legal deadlines) and the DIP.

Deadlines, working days left and which action a request allows all come
from ``desktop.kip.api``; this view only shows them and opens the forms
of ``desktop.ui.kip_dialogs``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.i18n import _
from desktop.kip import api as kip
from desktop.ui import file_dialogs, kip_dialogs
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.sections.base import Section
from desktop.ui.widgets import EmptyHint, count_label

REQUEST_TABLES = {"kip_requests"}
DIP_TABLES = {"kip_dip_entries"}
XLSX_FILTER = "Excel (*.xlsx)"
OVERDUE = QColor("#b3261e")



class RequestListModel(PagedTableModel):
    """Requests from SQL in the register's order (open ones first by deadline), narrowed by state."""

    columns = [
        ("number", lambda: _("Number")),
        ("requester", lambda: _("Requester")),
        ("subject", lambda: _("Information asked for")),
        ("received_on", lambda: _("Received")),
        ("state", lambda: _("State")),
        ("due_on", lambda: _("Answer due")),
        ("left", lambda: _("Working days left")),
    ]

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.state: str = ""  # "", "open" or one of kip.STATES
        self.today = kip.current_day()
        self.refresh()

    def set_state(self, state: str) -> None:
        self.state = state
        self.refresh()

    def refresh(self) -> None:
        self.today = kip.current_day()  # the days left change at midnight, not only when data does
        super().refresh()

    def count(self) -> int:
        return kip.count_requests(self.library, self.state or None)

    def fetch_page(self, offset: int, limit: int) -> list:
        return kip.list_requests(self.library, self.state or None, offset=offset, limit=limit)

    def apply_sort(self, key: str, descending: bool) -> None:
        """The register's order only (what is due first)."""

    def display(self, item: Any, key: str) -> str:
        if key in ("subject", "requester"):
            # One line, and a long name must not squeeze the information asked for out of sight.
            text = " ".join(getattr(item, key).split())
            limit = 120 if key == "subject" else 40
            return text if len(text) <= limit else text[:limit - 1] + "…"
        if key in ("received_on", "due_on"):
            return dates.plain_date(getattr(item, key))
        if key == "state":
            return kip.state_label(item.state)
        if key == "left":
            return item.deadline_text(self.today)
        return super().display(item, key)

    def extra_data(self, item: Any, key: str, role: int) -> Any:
        overdue = item.is_open and item.due_on < self.today
        if role == Qt.ItemDataRole.ForegroundRole and overdue and key in ("due_on", "left"):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and overdue and key == "left":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key in ("subject", "requester"):
            return getattr(item, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "due_on" and item.extension_reason:
            return _("Extended: {reason}").format(reason=item.extension_reason)
        return None


class DipListModel(PagedTableModel):
    """The Daftar Informasi Publik from SQL, by category then title."""

    columns = [
        ("category", lambda: _("Category")),
        ("title", lambda: _("Title")),
        ("unit", lambda: _("Unit")),
        ("retention", lambda: _("Kept for")),
        ("source", lambda: _("Origin")),
    ]

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.category: str = ""
        self.refresh()

    def set_category(self, category: str) -> None:
        self.category = category
        self.refresh()

    def count(self) -> int:
        return kip.count_dip(self.library, self.category or None)

    def fetch_page(self, offset: int, limit: int) -> list:
        return kip.list_dip(self.library, self.category or None, offset=offset, limit=limit)

    def apply_sort(self, key: str, descending: bool) -> None:
        """The list's order only (by category, as it is published)."""

    def display(self, item: Any, key: str) -> str:
        if key == "category":
            return kip.category_label(item.category)
        if key == "source":
            return _("article {id}").format(id=item.article_id) if item.article_id is not None else _("by hand")
        return super().display(item, key) or "–"

    def extra_data(self, item: Any, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return "\n\n".join(t for t in (item.title, item.summary) if t)
        return None


def _table(name: str, model: PagedTableModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    for col in range(len(model.columns)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _button(text: str, name: str, slot, tip: str = "") -> QPushButton:  # noqa: ANN001
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    if tip:
        button.setToolTip(tip)
    return button


class KipSection(Section):
    key = "kip"

    @classmethod
    def title(cls) -> str:
        return _("Public Information")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 10, 12, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<h2>{}</h2>".format(_("Public Information (KIP)"))))
        bar.addStretch(1)
        self.report_button = _button(_("Semester report…"), "kip-report", self.semester_report,
                                     _("The report of information services for a semester, as a spreadsheet"))
        bar.addWidget(self.report_button)
        v.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("kip-tabs")
        self.tabs.addTab(self._requests_tab(), _("Information requests"))
        self.tabs.addTab(self._dip_tab(), _("Daftar Informasi Publik (DIP)"))
        v.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setObjectName("kip-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self._update_counts()
        self._update_buttons()

    # -- building ------------------------------------------------------------------------

    def _requests_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Show")))
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("kip-state-filter")
        self.state_filter.addItem(_("all requests"), "")
        self.state_filter.addItem(_("open (not answered yet)"), "open")
        for code in kip.STATES:
            self.state_filter.addItem(kip.state_label(code), code)
        self.state_filter.currentIndexChanged.connect(lambda _i: self._state_chosen())
        bar.addWidget(self.state_filter)
        bar.addStretch(1)
        self.request_count = count_label("kip-request-count")
        bar.addWidget(self.request_count)
        v.addLayout(bar)
        self.requests = RequestListModel(self.ctx.library, self)
        self.request_table = _table("kip-requests", self.requests, 2)
        EmptyHint(self.request_table, self._empty_requests)
        self.request_table.doubleClicked.connect(lambda _i: self.edit_button.isEnabled() and self.edit())
        v.addWidget(self.request_table, 1)
        self.detail = QLabel()
        self.detail.setObjectName("kip-request-detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        v.addWidget(self.detail)
        row = QHBoxLayout()
        self.new_button = _button(_("Record request"), "kip-new", self.new_request,
                                  _("A request received in person, by letter, email, website or telephone"))
        self.answer_button = _button(_("Answer"), "kip-answer", self.answer,
                                     _("Record the written answer, or the refusal with its reason"))
        self.extend_button = _button(_("Extend"), "kip-extend", self.extend,
                                     _("Extend the deadline once by {days} working days, giving the reason").format(
                                         days=kip.EXTENSION_DAYS))
        self.object_button = _button(_("Objection"), "kip-object", self.objection,
                                     _("The requester filed an objection (keberatan): after the answer or a missed "
                                       "deadline"))
        self.edit_button = _button(_("Edit"), "kip-edit", self.edit,
                                   _("Correct the requester, contact, channel, subject or the day received"))
        self.delete_button = _button(_("Delete"), "kip-delete", self.delete,
                                     _("Remove a request recorded by mistake (Admin only; not once answered)"))
        self.extend_tip, self.object_tip = self.extend_button.toolTip(), self.object_button.toolTip()
        self.delete_tip = self.delete_button.toolTip()
        for b in (self.new_button, self.answer_button, self.extend_button, self.object_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        v.addLayout(row)
        self.request_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        return page

    def _dip_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Category")))
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("kip-category-filter")
        self.category_filter.addItem(_("all categories"), "")
        for code in kip.CATEGORIES:
            self.category_filter.addItem(kip.category_label(code), code)
        self.category_filter.currentIndexChanged.connect(
            lambda _i: self.dip.set_category(self.category_filter.currentData() or ""))
        self.category_filter.currentIndexChanged.connect(lambda _i: self._update_counts())
        bar.addWidget(self.category_filter)
        bar.addStretch(1)
        self.dip_count = count_label("kip-dip-count")
        bar.addWidget(self.dip_count)
        v.addLayout(bar)
        self.dip = DipListModel(self.ctx.library, self)
        self.dip_table = _table("kip-dip", self.dip, 1)
        EmptyHint(self.dip_table, self._empty_dip)
        v.addWidget(self.dip_table, 1)
        row = QHBoxLayout()
        self.propose_button = _button(_("Propose from published material"), "kip-propose", self.propose,
                                      _("Published articles not yet listed, each with the category its kind suggests"))
        self.add_dip_button = _button(_("Add entry"), "kip-dip-add", self.add_dip_entry,
                                      _("An entry by hand: the only way to list exempted information"))
        row.addWidget(self.propose_button)
        row.addWidget(self.add_dip_button)
        row.addStretch(1)
        v.addLayout(row)
        return page

    # -- requests ------------------------------------------------------------------------

    def _empty_requests(self) -> str:
        if self.requests.state:
            return _("No request in this state.")
        return _("No information requests yet. When someone asks the office for information, choose Record request.")

    def _empty_dip(self) -> str:
        if self.dip.category:
            return _("Nothing listed in this category.")
        return _("The Daftar Informasi Publik is empty. Choose Propose from published material to start it.")

    def _state_chosen(self) -> None:
        selected = self.selected_id()
        self.requests.set_state(self.state_filter.currentData() or "")
        if selected is not None:
            self.select(selected)
        self._update_counts()
        self._update_buttons()

    def reload(self) -> None:
        selected = self.selected_id()
        self.requests.refresh()
        self.dip.refresh()
        if selected is not None:
            self.select(selected)
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        self.request_count.setText(_("{count} requests").format(count=self.requests.total))
        self.dip_count.setText(_("{count} entries").format(count=self.dip.total))

    def selected_row(self) -> kip.RequestRow | None:
        index = self.request_table.currentIndex()
        return self.requests.item(index.row()) if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select(self, request_id: int) -> bool:
        row = self.requests.row_of(request_id)
        if row is None:
            for r in range(min(self.requests.rowCount(), self.requests.page_size)):
                if self.requests.id_at(r) == request_id:
                    row = r
                    break
        if row is None:
            return False
        self.request_table.selectRow(row)
        return True

    def _update_buttons(self) -> None:
        row = self.selected_row()
        today = kip.current_day()
        self.answer_button.setEnabled(row is not None and row.is_open)
        self.extend_button.setEnabled(row is not None and row.can_extend(today))
        self.object_button.setEnabled(row is not None and row.can_object(today))
        self.edit_button.setEnabled(row is not None)
        is_admin = self.ctx.role == "admin"
        self.delete_button.setEnabled(row is not None and row.can_delete and is_admin)
        delete_tip = self.delete_tip
        if row is not None and not is_admin:
            delete_tip = _("Only an Admin can remove an information request.")
        elif row is not None and not row.can_delete:
            delete_tip = _("A request with an answer or an objection stays in the register.")
        self.delete_button.setToolTip(delete_tip)
        # A disabled button says why when the calendar, not the state, closed it.
        extend_tip = self.extend_tip
        if row is not None and row.state == "received" and not row.can_extend(today):
            extend_tip = _("The deadline was {date}; an extension can only be given before it passes.").format(
                date=dates.plain_date(row.due_on))
        self.extend_button.setToolTip(extend_tip)
        object_tip = self.object_tip
        if row is not None and row.state != "objected" and today > row.objection_due():
            object_tip = _("The objection period ended on {date}.").format(date=dates.plain_date(row.objection_due()))
        self.object_button.setToolTip(object_tip)
        self.detail.setText(self._detail_text(row, today) if row is not None else "")

    def _detail_text(self, row: kip.RequestRow, today: dt.date) -> str:
        parts = [row.subject.strip()]
        if row.contact or row.channel:
            parts.append(" · ".join(t for t in (kip.channel_label(row.channel) if row.channel else "", row.contact) if t))
        if row.extension_reason:
            parts.append(_("Extended: {reason}").format(reason=row.extension_reason))
        if row.answer:
            parts.append(_("Answer: {text}").format(text=row.answer))
        if row.objected_on is not None:
            parts.append(_("Objection filed {date}.").format(date=dates.plain_date(row.objected_on)))
        elif today > row.objection_due():
            parts.append(_("The objection period ended on {date}.").format(date=dates.plain_date(row.objection_due())))
        elif not row.is_open or today > row.due_on:
            parts.append(_("An objection may be filed until {date}.").format(date=dates.plain_date(row.objection_due())))
        return "\n".join(parts)

    def _after_change(self, request_id: int, text: str) -> None:
        self.reload()
        self.select(request_id)
        self.status.setText(text)

    def new_request(self) -> None:
        dialog = kip_dialogs.RequestDialog(self.ctx, self)
        if dialog.exec() and dialog.saved_id is not None:
            row = kip.get_request(self.ctx.library, dialog.saved_id)
            if self.requests.state not in ("", "open", "received"):
                self.state_filter.setCurrentIndex(0)  # the new request must be seen
            self._after_change(row.id, _("Request {number} recorded; answer by {date}.").format(
                number=row.number, date=dates.long_date(row.due_on)))

    def _fresh_selected(self):  # noqa: ANN202 - kip.RequestRow | None
        """The selected request as stored now: another PC may have changed it since the list loaded."""
        row = self.selected_row()
        if row is None:
            return None
        try:
            return kip.get_request(self.ctx.library, row.id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return None

    def _open_form(self, form_class: type, done_text) -> None:  # noqa: ANN001 - (RequestRow) -> str
        row = self._fresh_selected()
        if row is None:
            return
        dialog = form_class(self.ctx, row, self)
        if dialog.exec():
            self._after_change(dialog.row.id, done_text(dialog.row))

    def answer(self) -> None:
        self._open_form(kip_dialogs.AnswerDialog, lambda r: _(
            "Request {number}: {state} on {date}; an objection may be filed until {until}.").format(
            number=r.number, state=kip.state_label(r.state), date=dates.plain_date(r.answered_on),
            until=dates.plain_date(r.objection_due())))

    def extend(self) -> None:
        self._open_form(kip_dialogs.ExtendDialog, lambda r: _("Request {number} extended; answer by {date}.").format(
            number=r.number, date=dates.long_date(r.due_on)))

    def objection(self) -> None:
        self._open_form(kip_dialogs.ObjectionDialog, lambda r: _("Objection to request {number} recorded.").format(
            number=r.number))

    def edit(self) -> None:
        row = self._fresh_selected()
        if row is None:
            return
        dialog = kip_dialogs.RequestDialog(self.ctx, self, row=row)
        if dialog.exec() and dialog.row is not None:
            self._after_change(dialog.row.id, _("Request {number} corrected; answer by {date}.").format(
                number=dialog.row.number, date=dates.long_date(dialog.row.due_on)))

    def delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, _("Delete request"),
            _("Remove request {number} from {requester} from the register? The audit log keeps that it was "
              "removed.").format(number=row.number, requester=row.requester))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            kip.delete_request(self.ctx.library, row.id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.reload()
        self.status.setText(_("Request {number} removed from the register.").format(number=row.number))

    # -- DIP ---------------------------------------------------------------------------

    def propose(self) -> None:
        try:
            proposals = kip.propose_dip(self.ctx.library)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        if not proposals:
            self.status.setText(_("Every published article is already in the Daftar Informasi Publik."))
            return
        dialog = kip_dialogs.ProposalsDialog(self.ctx, proposals, self)
        if dialog.exec():
            self.reload()
            self.status.setText(_("{count} entries added.").format(count=len(dialog.added)))

    def add_dip_entry(self) -> None:
        dialog = kip_dialogs.DipEntryDialog(self.ctx, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.reload()
            self.status.setText(_("Entry {id} added to the Daftar Informasi Publik.").format(id=dialog.saved_id))

    # -- report ------------------------------------------------------------------------

    def semester_report(self) -> None:
        dialog = kip_dialogs.SemesterDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        semester = dialog.semester()
        path, _chosen = file_dialogs.save_file(
            self.ctx.settings, self, "kip-report", _("Save the semester report"),
            _("information-services-{semester}.xlsx").format(semester=semester), XLSX_FILTER)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        library = self.ctx.library
        self.report_task = self.ctx.tasks.start(
            lambda progress: kip.export_semester(library, semester, Path(path), progress),
            title=_("Writing the semester report…"), parent=self,
            on_done=lambda report: self._report_written(report, path))

    def _report_written(self, report: kip.SemesterReport, path: str) -> None:
        text = _("Semester {semester}: {count} requests, {on_time} answered on time. Written to {path}.").format(
            semester=report.semester, count=report.received, on_time=report.on_time, path=path)
        self.status.setText(text)
        window = self.ctx.main_window
        if window is not None:
            window.statusBar().showMessage(text, 10_000)

    # -- hooks -------------------------------------------------------------------------

    def on_changed(self, tables: frozenset[str]) -> None:
        if tables & (REQUEST_TABLES | DIP_TABLES):
            self.reload()

    def activate(self) -> None:
        self.reload()  # the working days left move with the calendar

    def show_filtered(self, filters: dict) -> None:
        self.tabs.setCurrentIndex(0)
        state = filters.get("state", "")
        index = self.state_filter.findData(state)
        self.state_filter.setCurrentIndex(max(0, index))

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type != "kip_request":
            return False
        self.tabs.setCurrentIndex(0)
        if not self.select(item_id):
            self.state_filter.setCurrentIndex(0)
            self.select(item_id)
        return True
