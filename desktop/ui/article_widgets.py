"""Small widgets of the article editor: the rich body editor and the quotes table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat, QTextListFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.articles.document import Quote
from desktop.i18n import _


class BodyEdit(QTextEdit):
    """Rich text stored as Markdown: bold, italic, headings, lists, block quotes, links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # pasted Word HTML would bring fonts and colours along
        self.setTabChangesFocus(False)
        self._markdown = ""
        # Ctrl+Y is redo on Windows only by default; writers expect it everywhere.
        QShortcut(QKeySequence("Ctrl+Y"), self, self.redo, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Bold, self, self.toggle_bold, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Italic, self, self.toggle_italic, context=Qt.ShortcutContext.WidgetShortcut)

    def set_markdown(self, text: str) -> None:
        self._markdown = text
        self.setMarkdown(text)
        self.document().setModified(False)
        self.document().clearUndoRedoStacks()

    def markdown(self) -> str:
        """The body as Markdown; the loaded text itself while nothing was edited."""
        if not self.document().isModified():
            return self._markdown
        text = self.toMarkdown()
        try:
            from desktop.articles.io.markup import canonical_markdown
        except ImportError:  # the importers' canonical form is optional here
            return _unwrap(text).strip()
        return canonical_markdown(text).strip()

    # -- formatting --------------------------------------------------------

    def _merge(self, fmt: QTextCharFormat) -> None:
        # One call: it formats the selection (one undo step) or what is typed next.
        self.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self._merge(fmt)

    def toggle_heading(self) -> None:
        cursor = self.textCursor()
        level = 0 if cursor.blockFormat().headingLevel() else 2
        block = QTextBlockFormat()
        block.setHeadingLevel(level)
        cursor.beginEditBlock()
        cursor.mergeBlockFormat(block)
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold if level else QFont.Weight.Normal)
        char.setProperty(QTextFormat.Property.FontSizeAdjustment, 1 if level else 0)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char)
        cursor.endEditBlock()

    def toggle_list(self, numbered: bool) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        style = QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            for i in reversed(range(current.count())):
                current.remove(current.item(i))
            block = QTextBlockFormat()
            block.setIndent(0)
            cursor.mergeBlockFormat(block)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            cursor.createList(fmt)
        cursor.endEditBlock()

    def toggle_quote(self) -> None:
        cursor = self.textCursor()
        level = cursor.blockFormat().property(QTextFormat.Property.BlockQuoteLevel) or 0
        block = QTextBlockFormat()
        block.setProperty(QTextFormat.Property.BlockQuoteLevel, 0 if level else 1)
        block.setLeftMargin(0 if level else 24)
        cursor.mergeBlockFormat(block)

    def insert_link(self) -> None:
        url, ok = QInputDialog.getText(self, _("Link"), _("Address (https://…):"))
        if not ok or not url.strip():
            return
        cursor = self.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url.strip())
        fmt.setFontUnderline(True)
        fmt.setForeground(self.palette().link())
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(url.strip(), fmt)


def _unwrap(markdown: str) -> str:
    """Join the soft line breaks Qt's Markdown writer puts into long paragraphs."""
    out: list[str] = []
    for line in markdown.splitlines():
        starts_block = not line.strip() or line.lstrip().startswith(("#", ">", "-", "*", "+")) or line[:3].rstrip(".").isdigit()
        if out and out[-1].strip() and not starts_block and not out[-1].lstrip().startswith("#"):
            out[-1] = out[-1] + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


class QuotesTable(QWidget):
    """Quotes: speaker, position (jabatan), the quote."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("article-quotes")
        self.table.setHorizontalHeaderLabels([_("Speaker"), _("Position"), _("Quote")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 170)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        buttons = QHBoxLayout()
        add = QPushButton(_("Add quote"))
        add.setObjectName("quote-add")
        add.clicked.connect(lambda: self.add(Quote("")))
        remove = QPushButton(_("Remove quote"))
        remove.clicked.connect(self.remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add(self, quote: Quote) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in enumerate((quote.speaker, quote.position, quote.text)):
            item = QTableWidgetItem(value)
            if col == 0:
                item.setData(Qt.ItemDataRole.UserRole, quote.person_id)
            self.table.setItem(row, col, item)
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for q in quotes:
            self.add(q)
        self.table.blockSignals(False)

    def quotes(self) -> list[Quote]:
        result = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            speaker, position, text = (c.text() if c else "" for c in cells)
            person = cells[0].data(Qt.ItemDataRole.UserRole) if cells[0] else None
            result.append(Quote(speaker=speaker, position=position, text=text, person_id=person))
        return result
