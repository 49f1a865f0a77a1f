"""Contact import: column mapping (for unknown spreadsheets), preview, decisions, then one transaction.

Nothing is written until the user presses Import. Reading and matching run
in ``ctx.tasks`` (progress with Cancel); so does the import itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.i18n import _
from desktop.ui.widgets import fit_to_screen

NAME_FIELDS = {"full_name", "given_name", "family_name"}
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".xlsx", ".xlsm"}
SHOWN = 2000  # rows listed per tab; the counts always cover everything


def _phones(rec) -> str:  # noqa: ANN001
    from desktop.contacts.api import format_phone

    return ", ".join(format_phone(p.number) for p in rec.phones)


def _emails(rec) -> str:  # noqa: ANN001
    return ", ".join(e.address for e in rec.emails)


def _unmapped_table(paths: list[str], progress) -> tuple[str, object] | None:  # noqa: ANN001 - Progress
    """The first spreadsheet whose columns hold no recognised name, with its top rows; else None."""
    from desktop.errors import WartaError

    tables = [p for p in paths if Path(p).suffix.lower() in TABLE_SUFFIXES]
    for n, path in enumerate(tables):
        progress.check()
        progress.report(n, len(tables), Path(path).name)
        try:
            table = contacts.preview_rows(contacts.read_limited(path), n=8)
        except WartaError:
            continue  # the preview reports the file with its reason
        except Exception:  # noqa: BLE001 - unreadable spreadsheets are reported by the preview
            continue
        if not NAME_FIELDS & set(table.mapping.values()):
            return path, table
    return None


class ContactImportDialog(QDialog):
    def __init__(self, ctx, paths: list[str], parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent or ctx.main_window)
        self.ctx = ctx
        self.paths = [str(p) for p in paths]
        self.preview: contacts.Preview | None = None
        self.result = None
        self.mapping: dict[str, str] | None = None
        self.decision_boxes: dict[int, QComboBox] = {}
        self.setObjectName("contact-import-dialog")
        self.setWindowTitle(_("Import contacts"))
        fit_to_screen(self, 1180, 640)
        layout = QVBoxLayout(self)
        self.files_label = QLabel(", ".join(Path(p).name for p in self.paths))
        self.files_label.setWordWrap(True)
        layout.addWidget(self.files_label)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.mapping_page = self._build_mapping()
        self.preview_page = self._build_preview()
        self.stack.addWidget(self.mapping_page)
        self.stack.addWidget(self.preview_page)
        self.buttons = QDialogButtonBox()
        self.next_button = self.buttons.addButton(_("Show preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.setObjectName("import-show-preview")
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import-commit")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.next_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.import_button.setEnabled(False)
        self.stack.setCurrentWidget(self.preview_page)
        self.next_button.hide()
        self.checking = None  # the task looking at the spreadsheets' columns, while it runs
        if any(Path(p).suffix.lower() in TABLE_SUFFIXES for p in self.paths):
            self._check_columns()

    # -- column mapping ---------------------------------------------------------------

    def _build_mapping(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.mapping_help = QLabel()
        self.mapping_help.setWordWrap(True)
        v.addWidget(self.mapping_help)
        self.mapping_table = QTableWidget()
        self.mapping_table.setObjectName("import-mapping")
        v.addWidget(self.mapping_table, 1)
        self.mapping_combos: list[QComboBox] = []
        self.table_preview = None
        return page

    def _check_columns(self) -> None:
        """Read the top rows of each spreadsheet on a worker; ask for the columns if no name column is known."""
        paths = self.paths

        def done(found) -> None:  # noqa: ANN001 - (path, TablePreview) or None
            self.checking = None
            if found is None:
                if self.isVisible():
                    self.run_preview()
                return
            self._show_mapping(*found)
            self.stack.setCurrentWidget(self.mapping_page)
            self.next_button.show()

        self.checking = self.ctx.tasks.start(
            lambda progress: _unmapped_table(paths, progress), title=_("Reading contacts"), on_done=done,
            parent=self,
        )
        # Cancelled or failed (the error was shown): there is nothing to import.
        handle = self.checking
        handle.finished.connect(lambda: handle.error is not None and self.reject())

    def _show_mapping(self, path: str, table) -> None:  # noqa: ANN001
        from desktop.contacts.api import IMPORT_FIELDS as FIELDS

        self.table_preview = table
        self.mapping_help.setText(_(
            "Warta does not recognise the columns of {file}. Choose what each column holds "
            "(at least the name); the rows below show the file's first lines."
        ).format(file=Path(path).name))
        t = self.mapping_table
        t.setColumnCount(len(table.headers))
        t.setRowCount(len(table.rows) + 1)
        t.setHorizontalHeaderLabels(table.headers)
        self.mapping_combos = []
        for col, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setObjectName(f"mapping-{col}")
            combo.addItem(_("(ignore)"), "")
            for key, label in FIELDS.items():
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(table.mapping.get(header, ""))))
            t.setCellWidget(0, col, combo)
            self.mapping_combos.append(combo)
            for row, cells in enumerate(table.rows, start=1):
                t.setItem(row, col, QTableWidgetItem(cells[col] if col < len(cells) else ""))
        t.resizeColumnsToContents()

    def chosen_mapping(self) -> dict[str, str] | None:
        if self.table_preview is None:
            return None
        return {h: c.currentData() for h, c in zip(self.table_preview.headers, self.mapping_combos) if c.currentData()}

    # -- preview -----------------------------------------------------------------------

    def _build_preview(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.summary = QLabel(_("Reading the files…"))
        self.summary.setObjectName("import-summary")
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("import-tabs")
        v.addWidget(self.tabs, 1)
        return page

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if (self.stack.currentWidget() is self.preview_page and self.preview is None and self.checking is None
                and not getattr(self, "_started", False)):
            self.run_preview()

    def run_preview(self) -> None:
        self._started = True
        mapping = self.chosen_mapping()
        if self.table_preview is not None and not (NAME_FIELDS & set((mapping or {}).values())):
            QMessageBox.warning(self, _("Import contacts"), _("Choose the column that holds the name."))
            return
        self.mapping = mapping
        self.stack.setCurrentWidget(self.preview_page)
        self.next_button.hide()
        library, paths = self.ctx.library, self.paths
        handle = self.ctx.tasks.start(
            lambda progress: contacts.preview_import(library, paths, mapping, progress=progress),
            title=_("Reading contacts"),
            on_done=self.show_preview,
            parent=self,
        )
        # Cancelled or failed (the error was shown): there is nothing to decide on.
        handle.finished.connect(lambda: handle.error is not None and self.reject())

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        t = QTableWidget()
        t.setObjectName(f"import-{name}")
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setStretchLastSection(True)
        return t

    def show_preview(self, preview: contacts.Preview) -> None:
        self.preview = preview
        counts = preview.counts()
        self.summary.setText(_(
            "{new} new, {merge} to merge with existing contacts, {existing} already present, "
            "{fuzzy} possible duplicates to check, {invalid} problems. Nothing has been written yet."
        ).format(**{**counts, "invalid": counts["invalid"] + counts["warnings"]}) + (
            " " + _("{within} of those to merge are the same contact twice in this import (see To merge).").format(
                within=counts["within"]) if counts["within"] else ""))
        self.tabs.clear()
        self.decision_boxes.clear()
        cols = [_("Source"), _("Name"), _("Organisation"), _("Phones"), _("E-mails")]
        groups = [
            ("new", _("New ({count})"), preview.of("new"), None),
            ("merge", _("To merge ({count})"), preview.of("merge"), _("Matches")),
            ("fuzzy", _("Possible duplicates ({count})"), preview.of("fuzzy"), _("Similar to")),
            ("same", _("Already present ({count})"), preview.of("same"), _("Matches")),
        ]
        position = {id(item): n for n, item in enumerate(preview.items)}
        for key, title, items, extra in groups:
            headers = cols + ([_("Decision"), extra] if extra else [])
            t = self._table(key, headers)
            shown = items[:SHOWN]
            t.setRowCount(len(shown))
            for row, item in enumerate(shown):
                rec = item.record
                for col, value in enumerate((contacts.display_source(rec.source), rec.full_name, rec.organization, _phones(rec), _emails(rec))):
                    t.setItem(row, col, QTableWidgetItem(value))
                if extra:
                    t.setItem(row, 6, QTableWidgetItem(self._match_text(item)))
                    if key in ("merge", "fuzzy"):
                        t.setCellWidget(row, 5, self._decision_box(position[id(item)], item))
                    else:
                        t.setItem(row, 5, QTableWidgetItem(_("Skip (already present)")))
            t.resizeColumnsToContents()
            for col in range(t.columnCount() - 1):
                t.setColumnWidth(col, min(t.columnWidth(col), 180))
            self.tabs.addTab(t, title.format(count=len(items)))
        # Entries left out first (red), then values left out of contacts that are imported.
        problems = [(r, True) for r in preview.rejected] + [(r, False) for r in preview.warnings]
        bad = self._table("invalid", [_("Source"), _("Reason"), _("Result")])
        bad.setRowCount(len(problems[:SHOWN]))
        for row, (r, left_out) in enumerate(problems[:SHOWN]):
            bad.setItem(row, 0, QTableWidgetItem(contacts.display_source(r.source)))
            item = QTableWidgetItem(r.reason)
            if left_out:
                item.setForeground(Qt.GlobalColor.darkRed)
            bad.setItem(row, 1, item)
            bad.setItem(row, 2, QTableWidgetItem(
                _("Not imported") if left_out else _("Contact imported without this value")))
        bad.resizeColumnsToContents()
        self.tabs.addTab(bad, _("Problems ({count})").format(count=len(problems)))
        # Open where the user has something to decide: possible duplicates first.
        order = {"fuzzy": 0, "merge": 1, "new": 2}
        wanted = sorted((order[k], i) for i, (k, _t, items, _e) in enumerate(groups) if items and k in order)
        if wanted:
            self.tabs.setCurrentIndex(wanted[0][1])
        self.import_button.setEnabled(any(i.status != "same" for i in preview.items))

    def _match_text(self, item: contacts.PreviewItem) -> str:
        if item.candidates:
            return "; ".join(f"{c.name} ({c.organization or '-'}, {c.score:.0f}%)" for c in item.candidates)
        return item.reason

    def _decision_box(self, position: int, item: contacts.PreviewItem) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"decision-{position}")
        if item.status == "merge":
            box.addItem(_("Merge"), contacts.MERGE)
        box.addItem(_("Add as new"), contacts.ADD)
        for c in item.candidates:
            box.addItem(_("Merge into {name}").format(name=c.name), c.person_id)
        box.addItem(_("Skip"), contacts.SKIP)
        self.decision_boxes[position] = box
        return box

    def decisions(self) -> dict[int, str | int]:
        return {pos: box.currentData() for pos, box in self.decision_boxes.items()}

    # -- import ---------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.preview is None:
            return
        preview, decisions, library = self.preview, self.decisions(), self.ctx.library
        self.import_button.setEnabled(False)
        self.ctx.tasks.start(
            lambda progress: contacts.commit_import(library, preview, decisions, progress=progress),
            title=_("Importing contacts"),
            on_done=self._imported,
            on_error=self._failed,
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.ctx.show_error(self, exc)

    def _imported(self, result) -> None:  # noqa: ANN001
        self.result = result
        # Counted per entry read, as the preview counted them (an entry merged into another
        # entry of the same file is "merged", not missing).
        text = contacts.entries_sentence(result.tally())
        if result.warnings:
            text += "\n\n" + _("{count} warnings: values left out of imported contacts, or kept as written "
                                 "and marked not verified.").format(count=len(result.warnings))
        QMessageBox.information(self, _("Import contacts"), text)
        self.accept()

