"""Settings → Style glossary: the office's preferred terms and the variants the editor flags.

Rules are edited in a table (one row per preferred term, variants separated
by ``|``), tried out on sample text, exported to and imported from the CSV
file offices share (:mod:`desktop.articles.glossary`). Saved with the
Settings dialog's Save button; Penulis see the rules but do not change them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import WartaError, os_reason
from desktop.i18n import _
from desktop.ui.widgets import text_box
from desktop.ui import file_dialogs

COLUMNS = ("preferred", "variants", "note")
CSV_FILTER = "CSV (*.csv)"


class GlossaryPage(QWidget):
    """The Style glossary tab of the Settings dialog."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        from desktop.articles import api as articles

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("glossary-page")
        self.editable = ctx.role != "writer"
        self.modified = False
        layout = QVBoxLayout(self)

        intro = QLabel(
            _(
                "The editor flags the variants of each preferred term as you type and replaces them in one click. "
                "Export the list to share it with other offices; separate several variants with |."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("glossary-table")
        self.table.setHorizontalHeaderLabels([_("Preferred term"), _("Variants to flag"), _("Note")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        if not self.editable:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, "glossary-add", _("Add rule"), self.add_rule)
        self.remove_button = self._button(buttons, "glossary-remove", _("Remove"), self.remove_selected)
        self.defaults_button = self._button(buttons, "glossary-defaults", _("Restore defaults"), self.restore_defaults)
        buttons.addStretch(1)
        self.import_button = self._button(buttons, "glossary-import", _("Import…"), self.import_dialog)
        self.export_button = self._button(buttons, "glossary-export", _("Export…"), self.export_dialog)
        for button in (self.add_button, self.remove_button, self.defaults_button, self.import_button):
            button.setEnabled(self.editable)
        layout.addLayout(buttons)

        layout.addWidget(QLabel(_("Try it: type or paste text to see what the glossary flags")))
        self.sample = text_box()
        self.sample.setObjectName("glossary-sample")
        self.sample.setPlaceholderText(_("Example: BAWASLU mengawasi tahapan pemilu secara online."))
        self.sample.setMaximumHeight(90)
        self.sample.textChanged.connect(self.check_sample)
        layout.addWidget(self.sample)
        self.findings = QLabel()
        self.findings.setObjectName("glossary-findings")
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings)

        self.set_rules(articles.load_glossary(ctx.library))
        self.modified = False
        self.table.itemChanged.connect(self._changed)

    @staticmethod
    def title() -> str:
        return _("Style glossary")

    def _button(self, row: QHBoxLayout, name: str, text: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- rows <-> rules -------------------------------------------------------------

    def set_rules(self, rules) -> None:  # noqa: ANN001 - list[glossary.Rule]
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for rule in rules:
            self._append(rule.preferred, " | ".join(rule.variants), rule.note)
        self.table.blockSignals(False)
        self._changed()

    def _append(self, preferred: str, variants: str, note: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in enumerate((preferred, variants, note)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        return row

    def rules(self):  # noqa: ANN201 - list[glossary.Rule]
        """The rules as typed (not yet validated); empty rows are skipped."""
        from desktop.articles.api import VARIANT_SEPARATOR, Rule

        rules = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text() if self.table.item(row, c) else "").strip() for c in range(3)]
            if not any(cells):
                continue
            variants = [v.strip() for v in cells[1].split(VARIANT_SEPARATOR) if v.strip()]
            rules.append(Rule(cells[0], variants, cells[2]))
        return rules

    def _changed(self, *_args) -> None:  # noqa: ANN002
        self.modified = True
        self.check_sample()

    # -- actions -------------------------------------------------------------------

    def add_rule(self) -> None:
        row = self._append("", "", "")
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self._changed()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._changed()

    def restore_defaults(self) -> None:
        from desktop.articles.api import DEFAULT_RULES

        answer = QMessageBox.question(
            self, self.title(), _("Replace the rules in the table with Warta's default glossary?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_rules(DEFAULT_RULES)

    def import_dialog(self) -> None:
        path = file_dialogs.open_file(self.ctx.settings, self, "import-glossary", _("Import glossary"), CSV_FILTER)
        if path:
            self.import_path(path)

    def import_path(self, path: str, *, merge: bool | None = None) -> bool:
        """Load a glossary file into the table; ``merge`` None asks whether to add or replace."""
        from desktop.articles import api as articles

        try:
            incoming = articles.import_glossary(path)
            if merge is None:
                box = QMessageBox(self)
                box.setWindowTitle(_("Import glossary"))
                box.setText(_("{count} rules read. Add them to the current rules or replace the current rules?").format(
                    count=len(incoming)))
                add = box.addButton(_("Add"), QMessageBox.ButtonRole.AcceptRole)
                box.addButton(_("Replace"), QMessageBox.ButtonRole.DestructiveRole)
                box.addButton(QMessageBox.StandardButton.Cancel)
                box.exec()
                if box.clickedButton() is None or box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.RejectRole:
                    return False
                merge = box.clickedButton() is add
            rules = articles.merge_glossary(articles.clean_glossary(self.rules()), incoming) if merge else incoming
        except WartaError as exc:
            QMessageBox.warning(self, _("Import glossary"), str(exc))
            return False
        self.set_rules(rules)
        return True

    def export_dialog(self) -> None:
        path, _f = file_dialogs.save_file(self.ctx.settings, self, "export", _("Export glossary"), "glosarium.csv",
                                          CSV_FILTER)
        if path:
            self.export_path(path)

    def export_path(self, path: str) -> bool:
        from desktop.articles import api as articles

        try:
            articles.export_glossary(articles.clean_glossary(self.rules()), path)
        except WartaError as exc:
            QMessageBox.warning(self, _("Export glossary"), str(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(self, _("Export glossary"), _("Cannot write {path}: {error}. Choose another folder.").format(
                path=path, error=os_reason(exc)))
            return False
        return True

    def check_sample(self) -> None:
        """Highlight what the rules in the table (saved or not) flag in the sample text."""
        from desktop.articles.api import Checker, Rule

        text = self.sample.toPlainText()
        rules = [r for r in self.rules() if r.preferred and r.variants]
        try:
            found = Checker([Rule(r.preferred, r.variants, r.note) for r in rules]).check(text)
        except Exception:  # noqa: BLE001 - a half-typed rule must not break typing
            found = []
        selections = []
        for match in found:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffe08a"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#c0392b"))
            selection.format = fmt
            cursor = QTextCursor(self.sample.document())
            cursor.setPosition(match.start)
            cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.sample.setExtraSelections(selections)
        if not text.strip():
            self.findings.setText("")
        elif found:
            self.findings.setText(
                "; ".join(_("'{found}' → '{preferred}'").format(found=m.found, preferred=m.preferred) for m in found)
            )
        else:
            self.findings.setText(_("Nothing to correct."))

    def apply(self) -> None:
        """Save the rules (Settings → Save); a :class:`ValidationError` keeps the dialog open."""
        if not (self.editable and self.modified):
            return
        from desktop.articles import api as articles

        self.set_rules(articles.save_glossary(self.ctx.library, self.rules()))
        self.modified = False

