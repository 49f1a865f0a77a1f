"""Small widgets every section uses (one of each, shared)."""

from __future__ import annotations

import datetime as dt

from typing import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def bundled_icon(name: str, sizes: tuple[int, ...] = (20, 24, 40, 48)) -> QIcon:
    """An icon drawn for Warta (``resources/icons/sections/<name>.svg``), white when its row is selected.

    Icon themes exist on Linux desktops only; a bundled set looks the same on
    Windows and in every theme.
    """
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    from desktop.paths import ICONS

    path = ICONS / "sections" / f"{name}.svg"
    icon = QIcon()
    if not path.is_file():
        return icon
    svg = path.read_text(encoding="utf-8")
    for mode, text in ((QIcon.Mode.Normal, svg), (QIcon.Mode.Selected, svg.replace("#1f4e79", "#ffffff"))):
        renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
        for size in sizes:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            icon.addPixmap(pixmap, mode)
    return icon


# Room for the window's title bar and frame, which ``resize()`` does not count.
WINDOW_FRAME = (16, 48)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, made smaller where the screen's free area is smaller.

    A 1366×768 laptop with a taskbar has about 1366×728 free: a fixed
    1200×780 window would reach under the taskbar and off the screen.
    """
    from PySide6.QtGui import QGuiApplication

    screen = (widget.parentWidget() or widget).screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - WINDOW_FRAME[0])
        height = min(height, free.height() - WINDOW_FRAME[1])
    widget.resize(width, height)


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


def text_box(text: str = "") -> QPlainTextEdit:
    """A multi-line field (address, notes, lead): Tab moves to the next field, as in every other field.

    A typed tab means nothing in these texts and would trap keyboard users;
    only the article body (``BodyEdit``) keeps Tab for indenting lists.
    """
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    return edit


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


class EmptyHint(QObject):
    """A sentence in the middle of an item view while its model has no rows ("No photos yet …").

    An empty list with no words looks broken; the sentence says why it is
    empty and what to do. ``text`` is a callable so it can depend on the
    filters (nothing yet / nothing matches).
    """

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]) -> None:
        super().__init__(view)
        self.view = view
        self.text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("empty-hint")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()
        self._model = None
        view.viewport().installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.view.viewport().rect())
        elif event.type() == QEvent.Type.Paint and self.view.model() is not self._model:
            QTimer.singleShot(0, self.update)  # the view got another model (contacts: people / organisations)
        return False

    def update(self) -> None:
        from shiboken6 import isValid

        if not isValid(self.view):
            return
        model = self.view.model()
        if model is not self._model:
            if self._model is not None and isValid(self._model):
                for signal in (self._model.modelReset, self._model.rowsInserted, self._model.rowsRemoved,
                               self._model.layoutChanged):
                    signal.disconnect(self.update)
            self._model = model
            if model is not None:
                for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                    signal.connect(self.update)
        empty = model is None or model.rowCount() == 0
        if empty:
            self.label.setText(self.text())
            self.label.setGeometry(self.view.viewport().rect())
        self.label.setVisible(empty)


def count_label(object_name: str) -> QLabel:
    """"1.234 artikel" beside a list's search field."""
    label = QLabel()
    label.setObjectName(object_name)
    return label
