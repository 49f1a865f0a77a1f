"""Small widgets of the article editor: the rich body editor, the quotes table, the lead hints, the approval bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.articles.api import Quote
from desktop.i18n import _


class BodyEdit(QTextEdit):
    """Rich text stored as Markdown: bold, italic, headings, lists, block quotes, links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # pasted Word HTML would bring fonts and colours along
        self.setTabChangesFocus(False)
        self._markdown = ""
        # The body claims its formatting keys before any shortcut sees them
        # (ShortcutOverride): Ctrl+I is also File → Import, and two matching
        # shortcuts would make Qt run neither. Ctrl+Y is redo on Windows only
        # by default; writers expect it everywhere.
        self._keys = ((QKeySequence(QKeySequence.StandardKey.Bold), self.toggle_bold),
                      (QKeySequence(QKeySequence.StandardKey.Italic), self.toggle_italic),
                      (QKeySequence("Ctrl+Y"), self.redo))

    def _own_key(self, event: QKeyEvent):  # noqa: ANN202 - the slot for the key, or None
        pressed = QKeySequence(event.keyCombination())
        return next((slot for keys, slot in self._keys if keys.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event) is not None:  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        slot = self._own_key(event)
        if slot is None:
            super().keyPressEvent(event)
            return
        slot()
        event.accept()

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
            from desktop.articles.api import canonical_markdown
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


PERSON_ROLE = Qt.ItemDataRole.UserRole  # the linked contact's id (people.id) on the speaker cell
LINKED_NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the speaker text the link was made with


class QuotesTable(QWidget):
    """Quotes: speaker, position (jabatan), the quote; a speaker may be linked to a contact."""

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
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        add = QPushButton(_("Add quote"))
        add.setObjectName("quote-add")
        add.clicked.connect(lambda: self.add(Quote("")))
        remove = QPushButton(_("Remove quote"))
        remove.clicked.connect(self.remove_selected)
        self.link_button = QPushButton(_("Link to contact…"))
        self.link_button.setObjectName("quote-link")
        self.link_button.setToolTip(_("Fill the selected quote's speaker and position from a contact."))
        self.link_button.clicked.connect(self.link_selected)
        self.unlink_button = QPushButton(_("Unlink"))
        self.unlink_button.setObjectName("quote-unlink")
        self.unlink_button.setToolTip(_("Keep the speaker's text but no longer link it to the contact."))
        self.unlink_button.clicked.connect(self.unlink_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    def add(self, quote: Quote) -> None:
        row = self.table.rowCount()
        blocked = self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, value in enumerate((quote.speaker, quote.position, quote.text)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        # A saved link was made with the saved speaker text; that text is what it keeps.
        self._set_link(row, quote.person_id, quote.speaker if quote.person_id is not None else None)
        self.table.blockSignals(blocked)
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
        self._update_buttons()

    def quotes(self) -> list[Quote]:
        result = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            speaker, position, text = (c.text() if c else "" for c in cells)
            person = cells[0].data(PERSON_ROLE) if cells[0] else None
            result.append(Quote(speaker=speaker, position=position, text=text, person_id=person))
        return result

    # -- links to contacts ---------------------------------------------------

    def person_id(self, row: int) -> int | None:
        cell = self.table.item(row, 0)
        return cell.data(PERSON_ROLE) if cell is not None else None

    def _selected_row(self) -> int | None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return rows[0] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        # With no quote selected, linking starts a new quote for the chosen person.
        self.link_button.setEnabled(row is not None or not self.table.selectedIndexes())
        self.unlink_button.setEnabled(row is not None and self.person_id(row) is not None)

    def _library(self):  # noqa: ANN202
        # The table is built without arguments by the editor; the library comes
        # from the nearest parent holding the window's AppContext.
        widget = self.parentWidget()
        while widget is not None:
            ctx = getattr(widget, "ctx", None)
            if ctx is not None and getattr(ctx, "library", None) is not None:
                return ctx.library
            widget = widget.parentWidget()
        return None

    def link_selected(self) -> None:
        """Ask for a contact and make it the selected quote's speaker (name, position, link)."""
        library = self._library()
        if library is None:
            return
        from desktop.ui.contact_picker import pick_contact, speaker_position

        row = self._selected_row()
        speaker = self.table.item(row, 0) if row is not None else None
        query = speaker.text().strip() if speaker is not None and self.person_id(row) is None else ""
        picked = pick_contact(library, query, self)
        if picked is None:
            return
        person_id, contact = picked
        blocked = self.table.blockSignals(True)
        if row is None:
            self.add(Quote(""))
            row = self.table.rowCount() - 1
        for col, value in ((0, contact.name), (1, speaker_position(contact))):
            cell = self.table.item(row, col)
            if cell is None:
                cell = QTableWidgetItem()
                self.table.setItem(row, col, cell)
            cell.setText(value)
        self._set_link(row, person_id, contact.name)
        self.table.blockSignals(blocked)
        self.table.selectRow(row)
        self._update_buttons()
        self.changed.emit()

    def unlink_selected(self) -> None:
        row = self._selected_row()
        if row is None or self.person_id(row) is None:
            return
        blocked = self.table.blockSignals(True)
        self._set_link(row, None, None)
        self.table.blockSignals(blocked)
        self._update_buttons()
        self.changed.emit()

    def _set_link(self, row: int, person_id: int | None, name: str | None) -> None:
        """Store (or drop) the link on the speaker cell and show it: link icon, colour, tooltip."""
        cell = self.table.item(row, 0)
        if cell is None:
            return
        cell.setData(PERSON_ROLE, person_id)
        cell.setData(LINKED_NAME_ROLE, name)
        if person_id is None:
            cell.setIcon(QIcon())
            cell.setToolTip("")
            cell.setData(Qt.ItemDataRole.ForegroundRole, None)
            return
        cell.setIcon(_link_icon(self.palette().link().color()))
        cell.setToolTip(_("Linked to contact: {name}").format(name=name or cell.text()))
        cell.setForeground(self.palette().link())

    def _item_changed(self, item: QTableWidgetItem) -> None:
        # Editing the speaker by hand keeps the link only while the text is still
        # the contact's name (e.g. retyped or a stray space): any other text is a
        # different speaker, and a quote must never point at the wrong person in
        # Contacts. The check needs no database, so it works offline and at once.
        if item.column() == 0 and item.data(PERSON_ROLE) is not None:
            linked = item.data(LINKED_NAME_ROLE) or ""
            if item.text().strip() != linked.strip():
                blocked = self.table.blockSignals(True)
                self._set_link(item.row(), None, None)
                self.table.blockSignals(blocked)
                self._update_buttons()
        self.changed.emit()


def _link_icon(color) -> QIcon:  # noqa: ANN001 - QColor
    """Two chain links, drawn so no icon file or icon theme is needed."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 3.5))
    painter.translate(16, 16)
    painter.rotate(-45)
    painter.drawRoundedRect(QRectF(-14, -5, 16, 10), 5, 5)
    painter.drawRoundedRect(QRectF(-2, -5, 16, 10), 5, 5)
    painter.end()
    return QIcon(pixmap)


class LeadHints(QLabel):
    """The 5W1H check under the lead: what it leaves out (⚠) and what could be added (•)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article-lead-hints")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color:#6b4e00;padding:2px 0 4px 0;")
        self.hide()

    def set_hints(self, missing: list[str], suggestions: list[str]) -> None:
        lines = ["⚠ " + h for h in missing] + ["• " + h for h in suggestions]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))


class ApprovalBar(QFrame):
    """Says plainly that the approved text is locked, with "Ubah" (a new draft) and the approval sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article-approval")
        self.setStyleSheet("#article-approval{background:#e6f4ea;border-bottom:1px solid #8cc5a0;}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("article-approval-text")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.sheet_button = QPushButton(_("Approval sheet…"))
        self.sheet_button.setObjectName("article-approval-sheet")
        layout.addWidget(self.sheet_button)
        self.edit_button = QPushButton(_("Edit text"))
        self.edit_button.setObjectName("article-new-draft")
        self.edit_button.setToolTip(_("Start a new draft of this text; it needs approval again"))
        layout.addWidget(self.edit_button)
        self.hide()
