"""The audit log (Admin only): who changed what, when — newest first, filtered and paged from SQL.

The queries are in ``desktop.audit``; this module only shows them, with the
actions and record kinds in words (``diubah``, ``komentar artikel``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import audit, numbers
from desktop.dates import short_datetime
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.widgets import EmptyHint, OptionalDate, count_label, fit_to_screen, search_box


class AuditModel(PagedTableModel):
    columns = [
        ("at", lambda: _("When")),
        ("who", lambda: _("Who")),
        ("action", lambda: _("Action")),
        ("entity", lambda: _("Record")),
        ("entity_id", lambda: _("Id")),
        ("summary", lambda: _("Summary")),
    ]
    page_size = 500

    def __init__(self, library, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.filter = audit.AuditFilter()
        self.refresh()

    def set_filter(self, f: audit.AuditFilter) -> None:
        self.filter = f
        self.refresh()

    def count(self) -> int:
        return audit.count(self.library, self.filter)

    def fetch_page(self, offset: int, limit: int) -> list:
        return audit.page(self.library, self.filter, offset, limit)

    def apply_sort(self, key: str, descending: bool) -> None:
        """The log is always newest first."""

    def display(self, item: audit.AuditRow, key: str) -> str:
        if key == "at":
            return short_datetime(item.at)
        if key == "action":
            return audit.action_label(item.action)
        if key == "entity":
            return audit.entity_label(item.entity)
        return super().display(item, key)


class AuditLogDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("audit-log")
        self.setWindowTitle(_("Audit log"))
        fit_to_screen(self, 900, 520)
        layout = QVBoxLayout(self)

        people, actions, entities = audit.choices(ctx.library)
        self.who = QComboBox()
        self.who.setObjectName("audit-who")
        self.who.addItem(_("Everyone"), None)
        for staff_id, name in people:
            self.who.addItem(name, staff_id)
        self.action = QComboBox()
        self.action.setObjectName("audit-action")
        self.action.addItem(_("All actions"), "")
        for action in actions:
            self.action.addItem(audit.action_label(action), action)
        self.entity = QComboBox()
        self.entity.setObjectName("audit-entity")
        self.entity.addItem(_("All records"), "")
        for entity in entities:
            self.entity.addItem(audit.entity_label(entity), entity)
        self.since = OptionalDate()
        self.until = OptionalDate()
        self.text = search_box("audit-search", _("Search the summary or id"))
        row = QHBoxLayout()
        for widget in (self.who, self.action, self.entity):
            row.addWidget(widget)
        row.addWidget(QLabel(_("From")))
        row.addWidget(self.since)
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.until)
        layout.addLayout(row)
        search_row = QHBoxLayout()
        search_row.addWidget(self.text, 1)
        self.count_label = count_label("audit-count")
        search_row.addWidget(self.count_label)
        layout.addLayout(search_row)

        self.model = AuditModel(ctx.library, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        EmptyHint(self.view, lambda: _("No entries match these filters."))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(_("Export CSV…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("audit-export")
        self.export_button.clicked.connect(self.export_csv)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._timer = QTimer(self, singleShot=True, interval=250)  # typing pauses before the query runs
        self._timer.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(self._timer.start)
        for combo in (self.who, self.action, self.entity):
            combo.currentIndexChanged.connect(self.apply_filter)
        for date in (self.since, self.until):
            date.changed.connect(self.apply_filter)
        self._show_count()

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            staff_id=self.who.currentData(), action=self.action.currentData() or "",
            entity=self.entity.currentData() or "", since=self.since.value(), until=self.until.value(),
            text=self.text.text(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(_("{count} entries").format(count=numbers.integer(self.model.total)))

    def export_csv(self) -> None:
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "export", _("Export the audit log"),
                                               "log-audit.csv", _("CSV (*.csv)"))
        if not path:
            return
        f, library = self.current_filter(), self.ctx.library
        self.ctx.tasks.start(
            lambda p: audit.export_csv(library, f, path, p), title=_("Exporting the audit log"), parent=self,
            on_done=lambda n: self.count_label.setText(
                _("{count} entries exported to {path}.").format(count=numbers.integer(n), path=path)),
        )
