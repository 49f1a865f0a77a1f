"""Isu & Hoaks: the register of circulating claims, their clarifications and how fast they came."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop import dates
from desktop.claims import api as claims
from desktop.i18n import _
from desktop.ui.paged_model import ID_ROLE, SearchedListModel
from desktop.ui.sections.base import Section
from desktop.ui.widgets import EmptyHint, count_label, search_box

# A claim's row shows its klarifikasi's status and times, so article changes refresh it too.
WATCHED = {"claims", "claim_links", "claim_screenshots", "articles", "article_comments", "article_approvals"}


def _status_text(row: claims.ClaimRow) -> str:
    from desktop.articles import api as articles

    c = row.clarification
    if c is None:
        return _("none yet")
    return articles.status_label(c.status)


class ClaimListModel(SearchedListModel):
    """The register from SQL, newest sighting first, a page at a time (see PagedTableModel)."""

    columns = [
        ("verdict", lambda: _("Verdict")),
        ("text", lambda: _("Claim")),
        ("platform", lambda: _("Platform")),
        ("first_seen", lambda: _("First seen")),
        ("clarification", lambda: _("Clarification")),
        ("took", lambda: _("Time to clarification")),
    ]

    count_rows = staticmethod(claims.count_claims)
    list_rows = staticmethod(claims.list_claims)

    def display(self, item: Any, key: str) -> str:
        if key == "verdict":
            return claims.verdict_label(item.verdict) if item.verdict else "–"
        if key == "text":
            return claims.short_text(item.text, 140)
        if key == "first_seen":
            return dates.short_datetime(claims.local_time(item.first_seen))
        if key == "clarification":
            return _status_text(item)
        if key == "took":
            return claims.duration(item.to_clarification)
        return super().display(item, key)

    def extra_data(self, item: Any, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "text":
            return item.text
        if role == Qt.ItemDataRole.ToolTipRole and key == "verdict" and item.verdict:
            return claims.verdict_explanation(item.verdict)
        return None


class ClaimsSection(Section):
    key = "claims"

    @classmethod
    def title(cls) -> str:
        return _("Issues & Hoaxes")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 10, 12, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<h2>{}</h2>".format(_("Issues & Hoaxes"))))
        bar.addStretch(1)
        self.count = count_label("claims-count")
        bar.addWidget(self.count)
        self.search = search_box("claims-search", _("Search claims: text, facts, sources, links"))
        self.search.setMinimumWidth(260)
        bar.addWidget(self.search)
        self.new_button = QPushButton(_("Record claim"))
        self.new_button.setObjectName("claims-new")
        self.new_button.clicked.connect(self.new_claim)
        bar.addWidget(self.new_button)
        v.addLayout(bar)
        self.median = QLabel()
        self.median.setObjectName("claims-median")
        v.addWidget(self.median)
        self.model = ClaimListModel(ctx.library, self)
        self.table = QTableView()
        self.table.setObjectName("claims-table")
        self.table.setModel(self.model)
        EmptyHint(self.table, self._empty_text)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col in range(len(ClaimListModel.columns)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda idx: self.edit_claim(idx.data(ID_ROLE)))
        v.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.edit_button = QPushButton(_("Edit claim"))
        self.edit_button.setObjectName("claims-edit")
        self.edit_button.clicked.connect(lambda: self._with_selected(self.edit_claim))
        self.clarify_button = QPushButton(_("Make clarification"))
        self.clarify_button.setObjectName("claims-clarify")
        self.clarify_button.setToolTip(_("A klarifikasi draft article pre-filled with the claim, its facts and sources"))
        self.clarify_button.clicked.connect(lambda: self._with_selected(self.make_clarification))
        self.whatsapp_button = QPushButton(_("Copy WhatsApp text"))
        self.whatsapp_button.setObjectName("claims-whatsapp")
        self.whatsapp_button.setToolTip(_("The short clarification for WhatsApp groups, from the approved text"))
        self.whatsapp_button.clicked.connect(lambda: self._with_selected(self.copy_whatsapp))
        self.review_button = QPushButton(_("Copy ClaimReview"))
        self.review_button.setObjectName("claims-claimreview")
        self.review_button.setToolTip(_("The schema.org ClaimReview block for the office website, from the approved text"))
        self.review_button.clicked.connect(lambda: self._with_selected(self.copy_claim_review))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("claims-delete")
        self.delete_button.clicked.connect(lambda: self._with_selected(self.delete_claim))
        for b in (self.edit_button, self.clarify_button, self.whatsapp_button, self.review_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        v.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("claims-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.status)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_summary()
        self._update_buttons()

    # -- list -------------------------------------------------------------------------

    def _empty_text(self) -> str:
        if self.search.text():
            return _("No claim matches this search.")
        return _("No claims yet. When a hoax about the office circulates, choose Record claim.")

    def reload(self) -> None:
        selected = self.selected_id()
        self.model.set_search(self.search.text())
        if selected is not None:
            self.select(selected)
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        pace = claims.timing(self.ctx.library)
        self.count.setText(_("{count} claims").format(count=pace.total))
        if pace.median is None:
            self.median.setText(_("No clarification published yet: the time from first sighting is shown once one is."))
        else:
            self.median.setText(_(
                "Median time from first sighting to published clarification: {median} ({count} of {total} claims)."
            ).format(median=claims.duration(pace.median), count=pace.clarified, total=pace.total))

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, claim_id: int) -> None:
        for r in range(min(self.model.rowCount(), self.model.page_size)):
            if self.model.id_at(r) == claim_id:
                self.table.selectRow(r)
                return

    def _selected_row(self) -> claims.ClaimRow | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        for b in (self.edit_button, self.delete_button, self.whatsapp_button, self.review_button):
            b.setEnabled(row is not None)
        # One clarification per claim; the copy buttons stay clickable and say why when it is not approved.
        self.clarify_button.setEnabled(row is not None and row.clarification is None)

    def _with_selected(self, fn) -> None:  # noqa: ANN001
        claim_id = self.selected_id()
        if claim_id is not None:
            fn(claim_id)

    # -- actions ------------------------------------------------------------------------

    def new_claim(self) -> None:
        from desktop.ui.claim_dialog import ClaimDialog

        dialog = ClaimDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.reload()
            self.select(dialog.saved_id)

    def edit_claim(self, claim_id: int) -> None:
        from desktop.ui.claim_dialog import ClaimDialog

        try:
            dialog = ClaimDialog(self.ctx, claim_id, self)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        if dialog.exec():
            self.reload()

    def make_clarification(self, claim_id: int) -> None:
        try:
            article_id = claims.make_klarifikasi(self.ctx.library, claim_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.status.setText(_("Clarification draft created: article {id}. Edit it, then submit it for approval.").format(
            id=article_id))
        window = self.ctx.main_window
        if window is not None:
            window.open_item("article", article_id)

    def _copy(self, text: str, done: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.status.setText(done)

    def copy_whatsapp(self, claim_id: int) -> None:
        try:
            text = claims.whatsapp(self.ctx.library, claim_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self._copy(text, _("WhatsApp text copied ({count} characters).").format(count=len(text)))

    def copy_claim_review(self, claim_id: int) -> None:
        try:
            block = claims.json_ld_block(claims.claim_review(self.ctx.library, claim_id))
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self._copy(block, _("ClaimReview copied: paste it into the clarification's page on the office website."))

    def delete_claim(self, claim_id: int) -> None:
        answer = QMessageBox.question(self, _("Delete claim"),
                                      _("Delete this claim and its screenshots from the register? "
                                        "Its clarification article stays in Articles."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            claims.delete_claim(self.ctx.library, claim_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)

    # -- hooks --------------------------------------------------------------------------

    def on_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self.reload()

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type != "claim":
            return False
        self.search.clear()
        self.reload()
        self.select(item_id)
        return True
