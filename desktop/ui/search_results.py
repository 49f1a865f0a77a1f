"""Global search results (Ctrl+F): hits from every area, ranked, with snippets."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QListView, QVBoxLayout, QWidget

from desktop import search as search_mod
from desktop.i18n import N_, _
from desktop.ui.widgets import fit_to_screen

TYPE_LABELS = {
    "article": N_("Article"),
    "contact": N_("Contact"),
    "organization": N_("Organisation"),
    "photo": N_("Photo"),
    "kit": N_("Press kit"),
    "claim": N_("Claim"),
}
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """Escape a snippet and turn the match markers of global search into bold.

    The markers are private-use characters, so brackets or tags the user
    wrote stay literal text.
    """
    from desktop.search import mark_snippet

    return mark_snippet(html.escape(snippet), "<b>", "</b>")


class HitModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[search_mod.Hit] = []

    def set_hits(self, hits: list[search_mod.Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = _(TYPE_LABELS.get(hit.type, hit.type))
            return f"[{kind}] {hit.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return snippet_html(hit.snippet)
        if role == HIT_ROLE:
            return hit
        return None


class SearchResults(QDialog):
    open_requested = Signal(str, int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("search-results")
        self.setWindowTitle(_("Search results"))
        fit_to_screen(self, 640, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # the query is escaped
        layout.addWidget(self.summary)
        self.view = QListView()
        self.model = HitModel(self)
        self.view.setModel(self.model)
        # activated is a double click or Enter (a single click on styles that want it);
        # doubleClicked as well would open the hit twice.
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view)
        self.snippet = QLabel()
        self.snippet.setWordWrap(True)
        self.snippet.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.snippet)
        self.view.selectionModel().currentChanged.connect(self._current)

    def search(self, query: str) -> None:
        hits = search_mod.search(self.ctx.library, query, limit=100)
        self.model.set_hits(hits)
        self.summary.setText(
            _("{count} results for “{query}”").format(count=len(hits), query=html.escape(query))
            if hits
            else _("Nothing found for “{query}”.").format(query=html.escape(query))
        )
        if hits:
            self.view.setCurrentIndex(self.model.index(0))

    def _current(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        self.snippet.setText(snippet_html(hit.snippet) if hit else "")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hide()  # out of the way of the page it opens; the next search shows it again
            self.open_requested.emit(hit.type, int(hit.id))
