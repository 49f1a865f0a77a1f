"""Artikel: the article list (filter, sort, search in SQL) and the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import numbers
from desktop.articles import api as articles
from desktop.articles.api import KINDS, STATUSES
from desktop.i18n import _
from desktop.ui.widgets import EmptyHint, OptionalDate, count_label, search_box
from desktop.ui.articles_model import ArticlesModel
from desktop.ui.sections.base import Section

IMPORT_FILTER = "Artikel (*.docx *.md *.markdown *.txt *.html *.htm *.xhtml *.mhtml *.mht)"


class ArticlesSection(Section):
    key = "articles"
    open_requested = Signal(str, int)

    @classmethod
    def title(cls) -> str:
        return _("Articles")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self._stale = False
        self._recovery_offered = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list_page = self._build_list()
        self.stack.addWidget(self.list_page)
        self._editor = None
        self.setAcceptDrops(True)

    # -- list page ----------------------------------------------------------------

    def _build_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 6)
        bar = QHBoxLayout()
        new = QToolButton()
        new.setObjectName("article-new")
        new.setText(_("New article"))
        new.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        new.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(new)
        for kind in KINDS:
            menu.addAction(articles.kind_label(kind), lambda k=kind: self.new_article(k))
        new.setMenu(menu)
        new.clicked.connect(lambda: self.new_article("siaran_pers"))
        bar.addWidget(new)
        imp = QPushButton(_("Import…"))
        # The same dialog as File → Import (it asks this section for its filter).
        imp.clicked.connect(lambda: self.ctx.main_window.import_dialog())
        bar.addWidget(imp)
        paste = QPushButton(_("Paste as new article"))
        paste.setObjectName("article-paste")
        paste.setToolTip(_("A new draft from the article copied from a web page, Word or an e-mail"))
        paste.clicked.connect(self.paste_as_new)
        bar.addWidget(paste)
        self.search_edit = search_box("article-search", _('Search: words, "a phrase", prefix*'))
        bar.addWidget(self.search_edit, 1)
        self.count_label = count_label("article-count")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        filters = QHBoxLayout()
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("filter-status")
        self.status_combo.addItem(_("All but archived"), None)
        for status in STATUSES:
            self.status_combo.addItem(articles.status_label(status), status)
        self.status_combo.addItem(_("Everything"), "all")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("filter-kind")
        self.kind_combo.addItem(_("All kinds"), None)
        for kind in KINDS:
            self.kind_combo.addItem(articles.kind_label(kind), kind)
        self.author_combo = QComboBox()
        self.author_combo.setObjectName("filter-author")
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("filter-tag")
        self.date_field = QComboBox()
        for key, label in (("updated_at", _("Changed")), ("publication_date", _("Published")),
                           ("event_date", _("Event date")), ("created_at", _("Created"))):
            self.date_field.addItem(label, key)
        self.date_from = OptionalDate()
        self.date_to = OptionalDate()
        # The combos' first entries ("All kinds", "Everyone" …) already say what they filter.
        for label, widget in ((_("Status"), self.status_combo), (_("Kind"), self.kind_combo),
                              (_("Author"), self.author_combo), (_("Tag"), self.tag_combo)):
            widget.setToolTip(label)
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.date_field)
        filters.addWidget(QLabel(_("from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.model = ArticlesModel(self.ctx.library, self)
        self.view = QTableView()
        self.view.setObjectName("article-list")
        self.view.setModel(self.model)
        EmptyHint(self.view, lambda: _("No articles to show. Clear the search and filters, or start one with New article."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 120), (2, 100), (3, 150), (4, 125), (5, 100), (6, 130)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(lambda idx: self.open_article(self.model.article_id(idx.row())))
        self.view.activated.connect(lambda idx: self.open_article(self.model.article_id(idx.row())))
        layout.addWidget(self.view, 1)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self.search_timer.start())
        for combo in (self.status_combo, self.kind_combo, self.author_combo, self.tag_combo, self.date_field):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)
        self._fill_choices()
        self._update_count()
        return page

    def _fill_choices(self) -> None:
        for combo, items, all_label in (
            (self.author_combo, articles.authors(self.ctx.library), _("Everyone")),
            (self.tag_combo, [(t, t) for t in articles.all_tags(self.ctx.library)], _("All tags")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for value, label in items:
                combo.addItem(label, value)
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

    def current_query(self) -> articles.ListQuery:
        return articles.ListQuery(
            status=self.status_combo.currentData(),
            kind=self.kind_combo.currentData(),
            author_id=self.author_combo.currentData(),
            tag=self.tag_combo.currentData(),
            date_field=self.date_field.currentData(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            search=self.search_edit.text().strip(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.model.set_query(self.current_query())
        self._update_count()

    def show_filtered(self, filters: dict) -> None:
        """The list with ``status`` / ``author_id`` chosen and every other filter cleared."""
        if self.editor_open():
            self._editor.request_close()  # asks about unsaved text; Cancel keeps the editor
            if self.editor_open():
                return
        self.search_edit.clear()
        for combo in (self.kind_combo, self.tag_combo):
            combo.setCurrentIndex(0)
        for combo, key in ((self.status_combo, "status"), (self.author_combo, "author_id")):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(filters.get(key))))
            combo.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        self.count_label.setText(_("{count} articles").format(count=numbers.integer(self.model.total)))

    def refresh_list(self) -> None:
        self._stale = False
        self._fill_choices()
        self.model.refresh()
        self._update_count()

    # -- editor ------------------------------------------------------------------

    @property
    def editor(self):  # noqa: ANN201 - ArticleEditor, built on first use
        if self._editor is None:
            from desktop.ui.article_editor import ArticleEditor

            self._editor = ArticleEditor(self.ctx)
            self._editor.closed.connect(self.show_list)
            self.stack.addWidget(self._editor)
        return self._editor

    def editor_open(self) -> bool:
        return self._editor is not None and self.stack.currentWidget() is self._editor and self._editor.article_id is not None

    def open_article(self, article_id: int | None) -> None:
        if article_id is None:
            return
        if self.editor_open():
            if self._editor.article_id == article_id:
                return
            if not self._editor.can_close():
                return
        try:
            self.editor.open_article(article_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.stack.setCurrentWidget(self.editor)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        if self._stale:
            self.refresh_list()
        self.view.setFocus()

    def new_article(self, kind: str) -> int | None:
        who = self.ctx.staff
        # The style pack's template of this kind when one is in force, else the built-in one.
        doc = articles.new_doc(self.ctx.library, kind, writer=who.name if who else "")
        doc.title = _("New {kind}").format(kind=articles.kind_label(kind))
        try:
            article_id = articles.create_article(self.ctx.library, doc)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return None
        self.open_article(article_id)
        self.editor.unsaved_new = article_id
        self.editor.title_edit.selectAll()
        return article_id

    def paste_as_new(self) -> int | None:
        """A new article from the clipboard: its HTML (read as a saved page is), else its text."""
        from PySide6.QtWidgets import QApplication

        mime = QApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        # Firefox names the page the selection came from.
        url = ""
        if mime is not None and mime.hasFormat("text/x-moz-url-priv"):
            url = bytes(mime.data("text/x-moz-url-priv")).decode("utf-16-le", "ignore").split("\n")[0].strip("\x00 ")
        try:
            article_id = articles.paste_article(self.ctx.library, html=html, text=text, url=url)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return None
        self.refresh_list()
        self.open_article(article_id)
        return article_id

    # -- Section hooks -----------------------------------------------------------

    def on_changed(self, tables: frozenset[str]) -> None:
        if self._editor is not None and tables & {"glossary", "warta_meta"}:
            self._editor.reload_glossary()
        if not tables & {"articles", "article_tags", "session"}:
            return
        if self.stack.currentWidget() is self.list_page and self.isVisible():
            self.refresh_list()
        else:
            self._stale = True

    def activate(self) -> None:
        if self._stale and self.stack.currentWidget() is self.list_page:
            self.refresh_list()
        if not self._recovery_offered:
            self._recovery_offered = True
            QTimer.singleShot(0, self.offer_recovery)

    def offer_recovery(self) -> None:
        """After a crash: name the articles with unsaved text and open the newest."""
        found = articles.recoveries(self.ctx.library, self.ctx.staff_id)
        if not found or self.editor_open():
            return
        titles = "\n".join(f"• {r.title}" for r in found[:8])
        answer = QMessageBox.question(
            self,
            _("Unsaved text found"),
            _("Warta stopped before this text was saved:\n{titles}\n\nOpen '{first}' to get it back?").format(
                titles=titles, first=found[0].title
            ),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Ignore,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            self.open_article(found[0].article_id)

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type != "article":
            return False
        self.open_article(item_id)
        return True

    def import_filter(self) -> str:
        return IMPORT_FILTER

    def import_files(self, paths: list[str]) -> bool:
        from desktop.articles.api import import_files, is_importable

        paths = [p for p in paths if is_importable(p)]
        if not paths:
            QMessageBox.information(self, _("Import"), _("Articles can be imported from .docx, .md and .txt files and saved web pages (.html, .mhtml)."))
            return True
        library = self.ctx.library

        def done(result) -> None:  # noqa: ANN001
            lines = [_("{count} article(s) imported.").format(count=len(result.added))]
            # What each file gave back, in the command line's words (warta article import).
            lines += ["• " + line.replace("\t", " — ") for line in articles.import_summary(result)]
            lines += [f"• {r['source']}: {r['reason']}" for r in result.rejected]
            box = QMessageBox.information if not result.rejected else QMessageBox.warning
            box(self, _("Import"), "\n".join(lines))
            self.refresh_list()

        self.ctx.tasks.start(lambda progress: import_files(library, paths, progress), title=_("Importing articles"),
                             on_done=done, parent=self)
        return True

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self.import_files(paths):
            event.acceptProposedAction()

    def can_close(self) -> bool:
        if self._editor is None:
            return True
        if self.editor_open() and not self._editor.can_close():
            return False
        self._editor.release_lock()
        return True
