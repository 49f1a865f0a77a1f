"""The audit log (Admin only): who changed what, when — newest first, paged from SQL."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtWidgets import QDialog, QHeaderView, QTableView, QVBoxLayout, QWidget
from sqlalchemy import func, select

from desktop.dates import short_datetime
from desktop.i18n import _
from desktop.ui.paged_model import PagedTableModel


class AuditRow(NamedTuple):
    id: int
    at: Any
    who: str
    action: str
    entity: str
    entity_id: str
    summary: str


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
        self.refresh()

    def count(self) -> int:
        from database.models import AuditLog

        with self.library.store.read() as s:
            return int(s.scalar(select(func.count()).select_from(AuditLog)) or 0)

    def fetch_page(self, offset: int, limit: int) -> list:
        from database.models import AuditLog, Staff

        q = (
            select(AuditLog.id, AuditLog.at, Staff.name, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.summary)
            .outerjoin(Staff, Staff.id == AuditLog.staff_id)
            .order_by(AuditLog.id.desc())
            .offset(offset)
            .limit(limit)
        )
        with self.library.store.read() as s:
            return [AuditRow(r[0], r[1], r[2] or "—", *r[3:]) for r in s.execute(q)]

    def apply_sort(self, key: str, descending: bool) -> None:
        """The log is always newest first."""

    def display(self, item: AuditRow, key: str) -> str:
        if key == "at":
            return short_datetime(item.at)
        return super().display(item, key)


class AuditLogDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("audit-log")
        self.setWindowTitle(_("Audit log"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.model = AuditModel(ctx.library, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view)
