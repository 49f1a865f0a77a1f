"""Kalender: the editorial calendar by month or by week; clicking an item opens it, "Ekspor .ics…" saves it for phones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import _
from desktop.planner import api as planner
from desktop.ui.sections.base import Section

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
# The tables the calendar's items come from: a change to any of them may move an item.
WATCHED = {"collaborations", "collaboration_people", "collaboration_organizations", "organizations", "people",
           "articles", "kip_requests"}
# One colour per kind, the same in both views and the legend (deadlines warm, plans cool).
KIND_COLOURS = {
    "kip_answer": "#c0392b",
    "kip_objection": "#e67e22",
    "embargo": "#8e44ad",
    "release": "#1f4e79",
    "mou": "#b7950b",
    "activity": "#1e8449",
}
TODAY_STYLE = "QFrame#planner-day-today { border: 2px solid #1f4e79; border-radius: 3px; background: #eaf1f8; }"
MONTH_WEEKS = 6  # every month fits six Monday-first rows


def _babel(value: dt.date, pattern: str) -> str:
    from babel.dates import format_date

    return format_date(value, pattern, locale=i18n.current_language())


def event_text(event: planner.Event) -> str:
    if event.all_day:
        return event.title
    return "{time} {zone} {title}".format(time=event.start.strftime("%H.%M"), zone=event.start.tzname(), title=event.title)


class DayEventsModel(QAbstractListModel):
    """The items of one day, in calendar order (deadlines first, then by time)."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.events: list[planner.Event] = []

    def set_events(self, events: list[planner.Event]) -> None:
        self.beginResetModel()
        self.events = list(events)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.events)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: ANN401
        if not index.isValid() or not 0 <= index.row() < len(self.events):
            return None
        event = self.events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return event_text(event)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [planner.kind_label(event.kind), event_text(event)]
            if event.detail:
                lines.append(event.detail)
            if event.item_type:
                lines.append(_("Click to open it."))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(KIND_COLOURS.get(event.kind, "#7f8c8d"))
        if role == EVENT_ROLE:
            return event
        return None


class DayCell(QFrame):
    """One day: its number (or weekday and date in the week view) over the list of its items."""

    def __init__(self, section: PlannerSection, *, wrap: bool) -> None:
        super().__init__()
        self.day: dt.date | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(self)
        v.setContentsMargins(3, 2, 3, 2)
        v.setSpacing(1)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.header)
        self.model = DayEventsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setStyleSheet("QListView { background: transparent; }")
        self.view.setIconSize(QSize(10, 10))  # the kind's colour as a small swatch before the text
        if wrap:
            self.view.setWordWrap(True)
            self.view.setSpacing(2)
        else:
            self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
            self.view.setUniformItemSizes(True)
        self.view.clicked.connect(lambda index: section.open_event(index.data(EVENT_ROLE)))
        v.addWidget(self.view, 1)

    def show_day(self, day: dt.date, events: list[planner.Event], *, header: str, today: bool, outside: bool) -> None:
        self.day = day
        self.header.setText(header)
        self.setObjectName("planner-day-today" if today else "planner-day")
        self.setStyleSheet(TODAY_STYLE if today else "")
        font = self.header.font()
        font.setBold(today)
        self.header.setFont(font)
        # Days of the neighbouring months are drawn faded: they belong to the grid, not to the month shown.
        self.header.setEnabled(not outside)
        self.model.set_events(events)


class PlannerSection(Section):
    key = "planner"

    @classmethod
    def title(cls) -> str:
        return _("Calendar")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self.mode = "month"
        self.anchor = dt.date.today()  # a day of the month or week shown
        self.events: list[planner.Event] = []
        self._stale = False
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 10, 12, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<h2>{}</h2>".format(_("Calendar"))))
        self.prev_button = self._button("planner-prev", "‹", _("Previous month"), lambda: self.step(-1))
        self.today_button = self._button("planner-today", _("Today"), _("Show today"), self.go_today)
        self.next_button = self._button("planner-next", "›", _("Next month"), lambda: self.step(1))
        for b in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(b)
        self.period = QLabel()
        self.period.setObjectName("planner-period")
        self.period.setTextFormat(Qt.TextFormat.PlainText)
        font = self.period.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.period.setFont(font)
        bar.addSpacing(12)
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.month_button = self._button("planner-month", _("Month"), _("Show a whole month"), lambda: self.set_mode("month"))
        self.week_button = self._button("planner-week", _("Week"), _("Show one week, Monday to Sunday"),
                                        lambda: self.set_mode("week"))
        self.modes = QButtonGroup(self)
        for b in (self.month_button, self.week_button):
            b.setCheckable(True)
            self.modes.addButton(b)
            bar.addWidget(b)
        self.month_button.setChecked(True)
        bar.addSpacing(12)
        self.export_button = self._button("planner-export", _("Export .ics…"),
                                          _("Save the items shown as a calendar file for phones (iCalendar)"), self.export)
        bar.addWidget(self.export_button)
        v.addLayout(bar)

        self.stack = QStackedWidget()
        self.month_page, self.month_cells = self._grid(MONTH_WEEKS, wrap=False)
        self.week_page, self.week_cells = self._grid(1, wrap=True)
        self.stack.addWidget(self.month_page)
        self.stack.addWidget(self.week_page)
        v.addWidget(self.stack, 1)

        legend = QHBoxLayout()
        for kind, colour in KIND_COLOURS.items():
            swatch = QLabel("■ {}".format(planner.kind_label(kind)))
            swatch.setStyleSheet("QLabel {{ color: {}; }}".format(colour))
            legend.addWidget(swatch)
        legend.addStretch(1)
        v.addLayout(legend)
        self.status = QLabel()
        self.status.setObjectName("planner-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.status)
        self.reload()

    def _button(self, name: str, text: str, tip: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _grid(self, rows: int, *, wrap: bool) -> tuple[QWidget, list[DayCell]]:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(3)
        monday = planner.week_of(dt.date.today())[0]
        if rows > 1:  # the week view names the day in each cell instead
            for col in range(7):
                name = QLabel(_babel(monday + dt.timedelta(days=col), "EEEE"))
                name.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(name, 0, col)
        cells = []
        for row in range(rows):
            for col in range(7):
                cell = DayCell(self, wrap=wrap)
                grid.addWidget(cell, row + 1, col)
                cells.append(cell)
            grid.setRowStretch(row + 1, 1)
        for col in range(7):
            grid.setColumnStretch(col, 1)
        return page, cells

    # -- what is shown ------------------------------------------------------------------

    def span(self) -> tuple[dt.date, dt.date]:
        """The days of the grid shown (a month view includes the neighbouring months' days in its rows)."""
        if self.mode == "week":
            return planner.week_of(self.anchor)
        first, _last = planner.month_of(self.anchor)
        start = planner.week_of(first)[0]
        return start, start + dt.timedelta(days=7 * MONTH_WEEKS - 1)

    def shown_month(self) -> tuple[int, int]:
        return self.anchor.year, self.anchor.month

    def reload(self) -> None:
        self._stale = False
        start, end = self.span()
        try:
            self.events = planner.events(self.ctx.library, start, end)
        except Exception as exc:  # noqa: BLE001 - shown to the user, the section stays usable
            self.events = []
            self.ctx.show_error(self, exc)
        today = dt.date.today()
        by_day: dict[dt.date, list[planner.Event]] = {}
        for e in self.events:
            by_day.setdefault(e.day, []).append(e)
        if self.mode == "week":
            self.stack.setCurrentWidget(self.week_page)
            for i, cell in enumerate(self.week_cells):
                day = start + dt.timedelta(days=i)
                cell.show_day(day, by_day.get(day, []), header=_babel(day, "EEEE, d MMMM"), today=day == today,
                              outside=False)
            first, last = start, end
            self.period.setText("{} – {}".format(_babel(first, "d MMMM"), _babel(last, "d MMMM y")))
            previous, following = _("Previous week"), _("Next week")
        else:
            self.stack.setCurrentWidget(self.month_page)
            for i, cell in enumerate(self.month_cells):
                day = start + dt.timedelta(days=i)
                cell.show_day(day, by_day.get(day, []), header=str(day.day), today=day == today,
                              outside=day.month != self.anchor.month)
            first, last = planner.month_of(self.anchor)
            self.period.setText(_babel(self.anchor, "LLLL y"))
            previous, following = _("Previous month"), _("Next month")
        self.prev_button.setToolTip(previous)
        self.next_button.setToolTip(following)
        count = sum(1 for e in self.events if first <= e.day <= last)
        self.status.setText(_("{count} items in this period.").format(count=count) if count
                            else _("Nothing on the calendar in this period."))

    def day_cell(self, day: dt.date) -> DayCell | None:
        cells = self.week_cells if self.mode == "week" else self.month_cells
        return next((c for c in cells if c.day == day), None)

    # -- navigation -----------------------------------------------------------------

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.anchor += dt.timedelta(days=7 * direction)
        else:
            first = self.anchor.replace(day=1)
            self.anchor = (first + dt.timedelta(days=32)).replace(day=1) if direction > 0 \
                else (first - dt.timedelta(days=1)).replace(day=1)
        self.reload()

    def go_today(self) -> None:
        self.anchor = dt.date.today()
        self.reload()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.week_button if mode == "week" else self.month_button).setChecked(True)
        self.reload()

    def show_filtered(self, filters: dict) -> None:
        """Beranda's "See all": this week (or month) around today."""
        self.anchor = dt.date.today()
        self.set_mode(filters.get("view", "month"))

    def on_changed(self, tables: frozenset[str]) -> None:
        if not WATCHED & set(tables):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def activate(self) -> None:
        if self._stale:
            self.reload()

    # -- actions --------------------------------------------------------------------

    def open_event(self, event: planner.Event | None) -> None:
        window = self.ctx.main_window
        if event is None or not event.item_type or event.item_id is None or window is None:
            return
        window.open_item(event.item_type, event.item_id)

    def export(self) -> None:
        from desktop.errors import WartaError
        from desktop.ui import file_dialogs

        if self.mode == "week":
            start, end = self.span()
            name = "kalender-{}.ics".format(start.isoformat())
        else:
            start, end = planner.month_of(self.anchor)
            name = "kalender-{}.ics".format(start.strftime("%Y-%m"))
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "export-calendar", _("Export calendar"), name,
                                               _("iCalendar files (*.ics)"))
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        try:
            count = planner.write_ics(self.ctx.library, path, start, end)
        except (WartaError, OSError) as exc:
            self.ctx.show_error(self, exc)
            return
        self.status.setText(_("{count} items saved to {path}; open the file on a phone to add them to its calendar.").format(
            count=count, path=path))
