"""Pertukaran (exchange): this office's fingerprint, bundles in and out, and what member offices reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop import dates
from desktop.exchange import api as exchange
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.sections.base import Section

WATCHED = {"exchange_items", "exchange_offices", "exchange_bundles", "ExchangeItem", "ExchangeOffice", "ExchangeBundle"}
BUNDLE_FILTER = "Warta (*.wartabundle)"
KEY_FILTER = "Warta (*.wartakey *.wartabundle)"


class MemberItemsModel(PagedTableModel):
    """Member offices' reported items from SQL, newest first, filtered by the search words."""

    columns = [
        ("office", lambda: _("Office")),
        ("section", lambda: _("Kind")),
        ("title", lambda: _("Title")),
        ("date", lambda: _("Date")),
        ("photos", lambda: _("Photos")),
    ]

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.query = exchange.ItemQuery()
        self.refresh()

    def set_filter(self, text: str, section: str = "") -> None:
        self.query = exchange.ItemQuery(search=text, section=section)
        self.refresh()

    def count(self) -> int:
        return exchange.count_items(self.library, self.query)

    def fetch_page(self, offset: int, limit: int) -> list:
        return exchange.list_items(self.library, self.query, offset=offset, limit=limit)

    def apply_sort(self, key: str, descending: bool) -> None:
        """One order: newest first."""

    def display(self, item: Any, key: str) -> str:
        if key == "section":
            return exchange.section_title(item.section)
        if key == "date":
            return dates.plain_date(item.date) if item.date else ""
        return super().display(item, key)


class PreviewDialog(QDialog):
    """What a bundle would change, shown before anything is applied."""

    def __init__(self, preview, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(_("Import bundle"))
        layout = QVBoxLayout(self)
        kind = _("Style pack") if preview.kind == exchange.STYLE_PACK else _("Report")
        layout.addWidget(QLabel(_("{kind} number {sequence} from {office}, signed with the trusted key {fingerprint}.")
                                .format(kind=kind, sequence=preview.sequence, office=preview.office,
                                        fingerprint=preview.fingerprint)))
        if preview.kind == exchange.STYLE_PACK:
            lines = preview.changes or [_("Nothing changes.")]
        else:
            lines = [f"{exchange.section_title(k)}: {n}" for k, n in sorted(preview.counts.items())]
        self.changes = QPlainTextEdit("\n".join(lines))
        self.changes.setReadOnly(True)
        layout.addWidget(self.changes)
        if preview.kind == exchange.STYLE_PACK and preview.changes:
            note = QLabel(_("Apply makes these take effect at once: new articles, release PDFs, "
                            "press kits and approval sheets follow the pack."))
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(_("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ItemDialog(QDialog):
    """One reported item as the member office sent it: its text, public fields and captioned photos."""

    def __init__(self, detail: dict, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(detail["title"] or exchange.section_title(detail["section"]))
        layout = QVBoxLayout(self)
        when = dates.plain_date(detail["date"]) if detail["date"] else ""
        layout.addWidget(QLabel("{} · {} · {}".format(detail["office"], exchange.section_title(detail["section"]), when)))
        lines = [detail["text"], ""] + ["{}: {}".format(k, v) for k, v in sorted(detail["fields"].items())
                                        if v not in ("", None, [])]
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        self.photos = []
        for photo in detail["photos"]:
            picture = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(photo["data"])
            picture.setPixmap(pixmap.scaledToWidth(min(480, max(1, pixmap.width()))))
            layout.addWidget(picture)
            caption = QLabel("{} ({})".format(photo["caption"], photo["credit"]) if photo["credit"] else photo["caption"])
            caption.setWordWrap(True)
            layout.addWidget(caption)
            self.photos.append(caption)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PeriodDialog(QDialog):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(_("Export report"))
        form = QFormLayout(self)
        today = dt.date.today()
        first = today.replace(day=1)
        self.date_from = QDateEdit(first)
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        form.addRow(_("From"), self.date_from)
        form.addRow(_("To"), self.date_to)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()


class TrustDialog(QDialog):
    def __init__(self, key, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(_("Trust a key"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("Call {office} and ask them to read out their fingerprint. Type it here; "
                             "it must match the key in the file.").format(office=key.name or _("the office"))))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        form.addRow(_("Fingerprint"), self.fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ExchangeSection(Section):
    key = "exchange"

    @classmethod
    def title(cls) -> str:
        return _("Exchange")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self.library = ctx.library
        layout = QVBoxLayout(self)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(self.key_label.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(self.key_label)
        row = QHBoxLayout()
        self.import_button = QPushButton(_("Import bundle…"))
        self.export_pack_button = QPushButton(_("Export style pack…"))
        self.export_report_button = QPushButton(_("Export report…"))
        self.trust_button = QPushButton(_("Trust a key…"))
        self.export_key_button = QPushButton(_("Save public key…"))
        for button, slot in ((self.import_button, self.import_bundle), (self.export_pack_button, self.export_pack),
                             (self.export_report_button, self.export_report), (self.trust_button, self.trust_key),
                             (self.export_key_button, self.export_key)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search what member offices reported"))
        self.search.textChanged.connect(self.apply_filter)
        filters.addWidget(self.search, 1)
        self.section_filter = QComboBox()
        self.section_filter.addItem(_("Everything"), "")
        for key, title in exchange.report_sections():
            self.section_filter.addItem(title, key)
        self.section_filter.currentIndexChanged.connect(self.apply_filter)
        filters.addWidget(self.section_filter)
        layout.addLayout(filters)
        self.model = MemberItemsModel(self.library, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(self.model.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self.show_item)
        layout.addWidget(self.table, 1)
        self.refresh_summary()

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), self.section_filter.currentData() or "")

    def show_item(self, index) -> None:  # noqa: ANN001 - QModelIndex
        item_id = self.model.id_at(index.row())
        if item_id is None:
            return
        self.item_dialog = ItemDialog(exchange.item_detail(self.library, item_id), self)
        self.item_dialog.show()

    def on_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self.model.refresh()
            self.refresh_summary()

    def refresh_summary(self) -> None:
        try:
            key = exchange.own_key(self.library)
            self.key_label.setText(_("This office: {office} · fingerprint {fingerprint}").format(
                office=key.name, fingerprint=key.fingerprint))
        except exchange.ExchangeError as exc:
            self.key_label.setText(str(exc))
        counts = exchange.member_counts(self.library)
        offices = exchange.trusted_offices(self.library)
        lines = [_("{count} trusted office(s).").format(count=len(offices))]
        for office, sections in counts.items():
            parts = ", ".join(f"{exchange.section_title(k)} {n}" for k, n in sorted(sections.items()))
            lines.append(f"{office}: {parts}")
        self.summary.setText("\n".join(lines))

    # -- actions ----------------------------------------------------------------------------

    def import_bundle(self) -> None:
        path = file_dialogs.open_file(self.ctx.settings, self, "exchange", _("Import bundle"), BUNDLE_FILTER)
        if not path:
            return
        self.ctx.tasks.start(lambda p: exchange.preview(self.library, Path(path), p), title=_("Checking the bundle…"),
                             on_done=lambda preview: self._confirm(path, preview), parent=self)

    def _confirm(self, path: str, preview) -> None:  # noqa: ANN001
        self.preview_dialog = PreviewDialog(preview, self)
        if self.preview_dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.tasks.start(lambda p: exchange.import_bundle(self.library, Path(path), p),
                             title=_("Importing the bundle…"), on_done=self._imported, parent=self)

    def _imported(self, result) -> None:  # noqa: ANN001 - a Preview (style pack) or an ImportResult (report)
        self.refresh_summary()
        window = self.ctx.main_window
        if window is not None and getattr(result, "kind", "") == exchange.STYLE_PACK:
            window.statusBar().showMessage(_("Style pack {version} from {office} applied: it is now in force.").format(
                version=result.sequence, office=result.office), 10_000)

    def export_pack(self) -> None:
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "exchange", _("Export style pack"),
                                              "style-pack" + exchange.SUFFIX, BUNDLE_FILTER)
        if path:
            self.ctx.tasks.start(lambda p: exchange.export_style_pack(self.library, Path(path), p),
                                 title=_("Writing the style pack…"), parent=self)

    def export_report(self) -> None:
        dialog = PeriodDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        date_from, date_to = dialog.period()
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "exchange", _("Export report"),
                                              f"report-{date_from.isoformat()}{exchange.SUFFIX}", BUNDLE_FILTER)
        if path:
            self.ctx.tasks.start(lambda p: exchange.export_report(self.library, Path(path), date_from, date_to, p),
                                 title=_("Writing the report…"), parent=self)

    def export_key(self) -> None:
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "exchange", _("Save public key"),
                                              "office" + exchange.PUBLIC_SUFFIX, "Warta (*.wartakey)")
        if path:
            try:
                exchange.public_key_file(self.library, Path(path))
            except exchange.ExchangeError as exc:
                self.ctx.show_error(self, exc)

    def trust_key(self) -> None:
        path = file_dialogs.open_file(self.ctx.settings, self, "exchange", _("Trust a key"), KEY_FILTER)
        if not path:
            return
        try:
            key = exchange.key_in_file(Path(path))
        except exchange.ExchangeError as exc:
            self.ctx.show_error(self, exc)
            return
        self.trust_dialog = TrustDialog(key, self)
        if self.trust_dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            exchange.trust(self.library, Path(path), self.trust_dialog.fingerprint.text())
        except exchange.ExchangeError as exc:
            self.ctx.show_error(self, exc)
            return
        self.refresh_summary()
