"""The article list: a :class:`~desktop.ui.paged_model.PagedTableModel` over
``desktop.articles.store.list_articles`` (sorting and filtering in SQL)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop import dates
from desktop.articles import api as articles
from desktop.i18n import _
from desktop.ui.paged_model import ID_ROLE, PagedTableModel

COLUMNS = [
    ("title", lambda: _("Title")),
    ("kind", lambda: _("Kind")),
    ("status", lambda: _("Status")),
    ("writer", lambda: _("Writer")),
    ("event_date", lambda: _("Event date")),
    ("publication_date", lambda: _("Published")),
    ("updated_at", lambda: _("Changed")),
]
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
__all__ = ["ArticlesModel", "COLUMNS", "ID_ROLE", "STATUS_ROLE"]


class ArticlesModel(PagedTableModel):
    columns = COLUMNS

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.query = articles.ListQuery()
        self.refresh()

    def set_query(self, query: articles.ListQuery) -> None:
        self.query = query
        self.refresh()

    def count(self) -> int:
        return articles.count_articles(self.library, self.query)

    def fetch_page(self, offset: int, limit: int) -> list:
        # ``total`` lets the store read a late page from the other end.
        return articles.list_articles(self.library, self.query, offset=offset, limit=limit, total=self.total)

    def apply_sort(self, key: str, descending: bool) -> None:
        self.query.sort = key
        self.query.descending = descending

    def article_id(self, row: int) -> int | None:
        return self.id_at(row)

    def display(self, item: Any, key: str) -> str:
        if key == "kind":
            return articles.kind_label(item.kind)
        if key == "status":
            return articles.status_label(item.status)
        if key in ("event_date", "publication_date"):
            value = getattr(item, key)
            return value.strftime("%d/%m/%Y") if value else ""
        if key == "updated_at":
            return dates.short_datetime(item.updated_at)
        return super().display(item, key)

    def extra_data(self, item: Any, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return item.title
        if role == STATUS_ROLE:
            return item.status
        return None


def bench_open_and_scroll(library) -> None:  # noqa: ANN001
    """Benchmark helper: build the list view on ``library`` and jump to its last row."""
    from desktop.ui import paged_model

    paged_model.bench_open_and_scroll(ArticlesModel(library))


def bench_open_editor(library, article_id: int):  # noqa: ANN001, ANN201
    """Benchmark helper: a callable opening ``article_id`` in a real editor (offscreen)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.article_editor import ArticleEditor
    from desktop.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(library, library.store.staff_id)
    editor = ArticleEditor(ctx)
    editor.resize(1100, 760)
    editor.show()

    def open_once() -> None:
        editor.open_article(article_id)
        app.processEvents()
        editor.release_lock()

    return open_once
