"""Small widgets every section uses (one of each, shared)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget


def shortcut(keys: QKeySequence | QKeySequence.StandardKey | str, parent: QWidget, slot,  # noqa: ANN001
             context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    """A shortcut limited to ``parent`` (and its children, by default).

    (PySide's ``QShortcut(keys, parent, slot, context=…)`` overload ignores
    ``context`` and makes a window-wide shortcut that clashes with others.)
    """
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(context)
    sc.activated.connect(slot)
    return sc


def date_edit() -> QDateEdit:
    """A date field in the Indonesian day/month/year order with a calendar popup."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate.currentDate())
    return edit


class OptionalDate(QWidget):
    """A date that may be left empty: a check box in front of a date field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox()
        self.edit = date_edit()
        self.edit.setEnabled(False)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.enabled.isChecked() else None  # type: ignore[return-value]

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def search_box(object_name: str, placeholder: str) -> QLineEdit:
    """The search field at the top of a list section."""
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def count_label(object_name: str) -> QLabel:
    """"1.234 artikel" beside a list's search field."""
    label = QLabel()
    label.setObjectName(object_name)
    return label
