"""The audit log (Admin only): who changed what, when, fetched page by page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QTableView, QVBoxLayout, QWidget
from sqlalchemy import select

from desktop.dates import short_datetime
from desktop.i18n import _

PAGE = 500


class AuditModel(QAbstractTableModel):
    def __init__(self, library, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.rows: list[tuple] = []
        self.exhausted = False
        self.headers = [_("When"), _("Who"), _("Action"), _("Record"), _("Id"), _("Summary")]
        self._names = {}

    def _page(self, offset: int) -> list[tuple]:
        from database.models import AuditLog, Staff

        with self.library.store.read() as s:
            if not self._names:
                self._names = dict(s.execute(select(Staff.id, Staff.name)).all())
            q = (
                select(AuditLog.at, AuditLog.staff_id, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.summary)
                .order_by(AuditLog.id.desc())
                .offset(offset)
                .limit(PAGE)
            )
            return [tuple(r) for r in s.execute(q)]

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        page = self._page(len(self.rows))
        if len(page) < PAGE:
            self.exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        at, staff_id, action, entity, entity_id, summary = self.rows[index.row()]
        return [
            short_datetime(at),
            self._names.get(staff_id, "—"),
            action,
            entity,
            entity_id,
            summary,
        ][index.column()]


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
        self.model.fetchMore()
