"""The article editor: every field of an article, autosave, workflow, review, history.

What the writer types is never lost: it is autosaved about two seconds after
a pause (and at least every five seconds while typing on), a failed save
leaves the text in place with the reason shown, and autosaved text that was
never saved is offered back when the article is opened again.
"""

from __future__ import annotations

import datetime as dt
import html
import time

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.articles import api as articles
from desktop.articles.api import KINDS, TIMEZONES, ArticleDoc
from desktop.errors import WartaError
from desktop.i18n import N_, _
from desktop.ui import file_dialogs
from desktop.ui.article_widgets import ApprovalBar, BodyEdit, LeadHints, QuotesTable
from desktop.ui.social_card_dialog import open_for_editor as open_social_card
from desktop.ui.widgets import OptionalDate, shortcut, text_box

AUTOSAVE_PAUSE_MS = 2000
AUTOSAVE_MAX_S = 5.0
EXPORT_FORMATS = [("pdf", "PDF (.pdf)"), ("docx", "Word (.docx)"), ("md", "Markdown (.md)"), ("txt", N_("Text (.txt)")),
                  ("whatsapp", "WhatsApp (.txt)")]


def _local(value: dt.datetime) -> str:
    return dates.short_datetime(value.replace(tzinfo=dt.timezone.utc).astimezone())

LOCK_RETRY_SECONDS = 30
# An article in these states shows its approved text, locked until "Ubah" starts a new draft.
LOCKED_STATUSES = ("approved", "published")


class ArticleEditor(QWidget):
    """Edits one article; ``closed`` asks the section to show the list again."""

    closed = Signal()
    saved = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("article-editor")
        self.article_id: int | None = None
        self.revision = 0
        # An article created by "New article" and never saved: removed again when the user backs out.
        self.unsaved_new: int | None = None
        self.status = "draft"
        self.author_id: int | None = None
        self.lock = None
        self.read_only = False  # someone else holds the edit lock
        # An approved or published article's text is locked (see "Ubah"); ``approval`` is its record, None
        # for one approved before Warta recorded approvals.
        self.text_locked = False
        self.approval = None
        self._places: tuple[str, ...] | None = None  # the office's city, for the lead check
        self._checker = None  # the office's style glossary, loaded on first check
        self._loading = False
        self._dirty = False  # differs from the saved revision
        self._unsaved_since: float | None = None  # first change not yet autosaved
        self._save_when_back = False  # a save failed because the office server was gone
        ctx.reconnected.connect(self._retry_save)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_PAUSE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.aids_timer = QTimer(self)
        self.aids_timer.setSingleShot(True)
        self.aids_timer.setInterval(400)
        self.aids_timer.timeout.connect(self.update_aids)
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.timeout.connect(self._heartbeat)
        self.lock_retry_timer = QTimer(self)
        self.lock_retry_timer.timeout.connect(self.retry_lock)
        self._build()

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("article-toolbar")
        # Let the toolbar shrink behind its overflow arrow instead of widening the window.
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.toolbar)
        self.back_action = self.toolbar.addAction(_("← List"), self.request_close)
        self.save_action = self.toolbar.addAction(_("Save"), self.save)
        self.save_action.setObjectName("article-save")
        self.save_action.setToolTip(_("Save a new revision (Ctrl+S)"))
        self.toolbar.addSeparator()
        self.undo_action = self.toolbar.addAction(_("Undo"), self._undo)
        self.undo_action.setToolTip(_("Undo (Ctrl+Z)"))
        self.redo_action = self.toolbar.addAction(_("Redo"), self._redo)
        self.redo_action.setToolTip(_("Redo (Ctrl+Y)"))
        self.toolbar.addSeparator()
        self.format_actions = []
        for label, tip, slot in [
            ("B", _("Bold (Ctrl+B)"), lambda: self.body.toggle_bold()),
            ("I", _("Italic (Ctrl+I)"), lambda: self.body.toggle_italic()),
            ("H", _("Heading"), lambda: self.body.toggle_heading()),
            ("•", _("Bulleted list"), lambda: self.body.toggle_list(False)),
            ("1.", _("Numbered list"), lambda: self.body.toggle_list(True)),
            ("❝", _("Block quote"), lambda: self.body.toggle_quote()),
            (_("Link"), _("Insert a link"), lambda: self.body.insert_link()),
        ]:
            act = self.toolbar.addAction(label, slot)
            act.setToolTip(tip)
            self.format_actions.append(act)
        self.toolbar.addSeparator()
        self.workflow_box = QWidget()
        self.workflow_layout = QHBoxLayout(self.workflow_box)
        self.workflow_layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar.addWidget(self.workflow_box)
        self.toolbar.addSeparator()
        more = QToolButton()
        more.setText(_("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addAction(_("Duplicate as new draft"), self.duplicate).setObjectName("article-duplicate")
        export_menu = menu.addMenu(_("Export"))
        for fmt, label in EXPORT_FORMATS:
            export_menu.addAction(_(label), lambda f=fmt: self.export(f)).setObjectName(f"article-export-{fmt}")
        menu.addAction(_("Print…"), self.print_release).setObjectName("article-print")
        self.sheet_action = menu.addAction(_("Approval sheet…"), self.save_sheet)
        self.sheet_action.setObjectName("article-sheet")
        menu.addAction(_("Copy as WhatsApp text"), self.copy_whatsapp)
        menu.addAction(_("Send / Distribute…"), self.distribute).setObjectName("article-distribute")
        menu.addAction(_("Social media card…"), lambda: open_social_card(self)).setObjectName("article-social-card")
        more.setMenu(menu)
        self.toolbar.addWidget(more)

        self.banner = QLabel()
        self.banner.setObjectName("article-banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff4ce;padding:6px 10px;border-bottom:1px solid #e0c870;")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.approval_bar = ApprovalBar()
        self.approval_bar.edit_button.clicked.connect(self.start_new_draft)
        self.approval_bar.sheet_button.clicked.connect(self.save_sheet)
        outer.addWidget(self.approval_bar)

        splitter = QSplitter()
        outer.addWidget(splitter, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll = scroll
        form_host = QWidget()
        scroll.setWidget(form_host)
        splitter.addWidget(scroll)
        form_layout = QVBoxLayout(form_host)
        form_layout.setContentsMargins(16, 12, 16, 12)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("article-title")
        self.title_edit.setPlaceholderText(_("Title"))
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_edit.setFont(font)
        form_layout.addWidget(self.title_edit)
        self.subtitle_edit = QLineEdit()
        self.subtitle_edit.setPlaceholderText(_("Subtitle (optional)"))
        form_layout.addWidget(self.subtitle_edit)

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row1 = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("article-kind")
        for kind in KINDS:
            self.kind_combo.addItem(articles.kind_label(kind), kind)
        self.city_edit = QLineEdit()
        self.city_edit.setObjectName("article-city")
        self.city_edit.setPlaceholderText(_("City"))
        row1.addWidget(self.kind_combo)
        row1.addWidget(QLabel(_("Dateline")))
        row1.addWidget(self.city_edit, 1)
        top.addRow(_("Kind"), row1)
        row2 = QHBoxLayout()
        self.event_date = OptionalDate()
        self.pub_date = OptionalDate()
        row2.addWidget(self.event_date, 1)
        row2.addWidget(QLabel(_("Published")))
        row2.addWidget(self.pub_date, 1)
        top.addRow(_("Event date"), row2)
        row3 = QHBoxLayout()
        self.release_combo = QComboBox()
        self.release_combo.setObjectName("article-release")
        self.release_combo.addItem(_("For immediate release"), "now")
        self.release_combo.addItem(_("Embargo until…"), "embargo")
        self.embargo_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.embargo_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.embargo_edit.setCalendarPopup(True)
        self.tz_combo = QComboBox()
        self.tz_combo.addItems(list(TIMEZONES))
        row3.addWidget(self.release_combo)
        row3.addWidget(self.embargo_edit, 1)
        row3.addWidget(self.tz_combo)
        top.addRow(_("Release"), row3)
        form_layout.addLayout(top)

        form_layout.addWidget(self._heading(_("Lead")))
        self.lead_edit = text_box()
        self.lead_edit.setObjectName("article-lead")
        self.lead_edit.setMaximumHeight(90)
        self.lead_edit.setPlaceholderText(_("What, who, when, where, why and how — in about 40 words."))
        form_layout.addWidget(self.lead_edit)
        self.lead_hints = LeadHints()
        form_layout.addWidget(self.lead_hints)
        form_layout.addWidget(self._heading(_("Body")))
        self.body = BodyEdit()
        self.body.setObjectName("article-body")
        self.body.setMinimumHeight(260)
        form_layout.addWidget(self.body, 1)
        form_layout.addWidget(self._heading(_("Quotes")))
        self.quotes = QuotesTable()
        form_layout.addWidget(self.quotes)

        form_layout.addWidget(self._heading(_("Credits and closing")))
        credits = QFormLayout()
        self.writer_edit = QLineEdit()
        self.writer_edit.setObjectName("article-writer")
        self.editor_edit = QLineEdit()
        self.photo_edit = QLineEdit()
        credit_row = QHBoxLayout()
        for label, widget in ((_("Writer"), self.writer_edit), (_("Editor"), self.editor_edit), (_("Photo"), self.photo_edit)):
            credit_row.addWidget(QLabel(label))
            credit_row.addWidget(widget, 1)
        credits.addRow(credit_row)
        self.contact_edit = text_box()
        self.contact_edit.setMaximumHeight(54)
        credits.addRow(_("Contact person"), self.contact_edit)
        self.boilerplate_edit = text_box()
        self.boilerplate_edit.setMaximumHeight(64)
        credits.addRow(_("About the office"), self.boilerplate_edit)
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("article-tags")
        self.tags_edit.setPlaceholderText(_("comma-separated, e.g. pengawasan, pemilih pemula"))
        credits.addRow(_("Tags"), self.tags_edit)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        credits.addRow(_("Source URL"), self.url_edit)
        # Where an imported web page came from (its site's name); kept on every save.
        self.site_edit = QLineEdit()
        self.site_edit.setObjectName("article-source-site")
        credits.addRow(_("Source site"), self.site_edit)
        form_layout.addLayout(credits)

        self.side = QTabWidget()
        self.side.setObjectName("article-side")
        self.side.setMinimumWidth(250)
        self.side.addTab(self._build_aids(), _("Writing aids"))
        self.side.addTab(self._build_review(), _("Review"))
        self.side.addTab(self._build_history(), _("History"))
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 320])

        self.state_label = QLabel()
        self.state_label.setObjectName("article-state")
        self.state_label.setContentsMargins(10, 2, 10, 2)
        outer.addWidget(self.state_label)

        for widget in (self.title_edit, self.subtitle_edit, self.city_edit, self.writer_edit, self.editor_edit,
                       self.photo_edit, self.tags_edit, self.url_edit, self.site_edit):
            widget.textEdited.connect(self._changed)
        for widget in (self.lead_edit, self.contact_edit, self.boilerplate_edit, self.body):
            widget.textChanged.connect(self._changed)
        for combo in (self.kind_combo, self.release_combo, self.tz_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.release_combo.currentIndexChanged.connect(self._release_changed)
        self.kind_combo.currentIndexChanged.connect(self._release_changed)
        self.embargo_edit.dateTimeChanged.connect(self._changed)
        self.event_date.changed.connect(self._changed)
        self.pub_date.changed.connect(self._changed)
        self.quotes.changed.connect(self._changed)

        shortcut(QKeySequence.StandardKey.Save, self, self.save)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight:600;margin-top:8px;")
        return label

    def _build_aids(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("article-counts")
        self.counts_label.setWordWrap(True)
        layout.addWidget(self.counts_label)
        self.warnings_list = QListWidget()
        self.warnings_list.setObjectName("article-warnings")
        self.warnings_list.setWordWrap(True)
        layout.addWidget(QLabel(_("Check before submitting")))
        layout.addWidget(self.warnings_list, 1)
        self.glossary_list = QListWidget()
        self.glossary_list.setObjectName("article-glossary")
        self.glossary_list.setWordWrap(True)
        self.glossary_list.itemActivated.connect(self._apply_glossary_item)
        glossary_label = QLabel(_("Style glossary (double-click to replace)"))
        glossary_label.setWordWrap(True)  # a long translation must not widen or clip the side panel
        layout.addWidget(glossary_label)
        layout.addWidget(self.glossary_list, 1)
        return page

    def _build_review(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.comments_view = QTextBrowser()
        self.comments_view.setObjectName("article-comments")
        layout.addWidget(self.comments_view, 1)
        self.comment_edit = text_box()
        self.comment_edit.setPlaceholderText(_("Write a comment for the writer or the editor…"))
        self.comment_edit.setMaximumHeight(80)
        layout.addWidget(self.comment_edit)
        add = QPushButton(_("Add comment"))
        add.setObjectName("article-add-comment")
        add.clicked.connect(self.add_comment)
        layout.addWidget(add)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(_("Select one revision to compare it with the one before, or two to compare them."))
        hint.setWordWrap(True)  # the side panel is ~300 px wide at 1366 px
        layout.addWidget(hint)
        self.history_list = QListWidget()
        self.history_list.setObjectName("article-history")
        self.history_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.history_list.itemSelectionChanged.connect(self.show_diff)
        layout.addWidget(self.history_list, 1)
        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("article-diff")
        layout.addWidget(self.diff_view, 2)
        self.restore_button = QPushButton(_("Restore this revision"))
        self.restore_button.setObjectName("article-restore")
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addWidget(self.restore_button)
        return page

    # -- loading ------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        """Show ``article_id``; offers back autosaved text that was never saved."""
        self.release_lock()
        self._drop_unsaved_new()
        loaded = articles.load(self.ctx.library, article_id)
        self.article_id = article_id
        self.author_id = loaded.author_id
        self.text_locked = loaded.doc.status in LOCKED_STATUSES
        self.approval = articles.approved_revision(self.ctx.library, article_id) if self.text_locked else None
        self._show_doc(loaded.doc, loaded.revision)
        self._take_lock()
        recovered = [r for r in articles.recoveries(self.ctx.library, self.ctx.staff_id) if r.article_id == article_id]
        if recovered and self.editable:
            rec = recovered[0]
            answer = QMessageBox.question(
                self,
                _("Unsaved text found"),
                _(
                    "Text you typed in '{title}' at {when} was never saved (Warta or the computer stopped). "
                    "Put it back in the editor?"
                ).format(title=rec.title, when=_local(rec.updated_at)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._show_doc(rec.doc, loaded.revision, keep_status=True)
                self._mark_dirty()
                self.set_state(_("Recovered text restored — save to keep it."))
            else:
                articles.discard_autosave(self.ctx.library, article_id)
        self._show_approval()
        self.refresh_side()
        self.form_scroll.verticalScrollBar().setValue(0)  # a new article starts at its title, not where the last one was left
        self.title_edit.setFocus()

    def _show_doc(self, doc: ArticleDoc, revision: int, keep_status: bool = False) -> None:
        self._loading = True
        try:
            self.revision = revision
            if not keep_status:
                self.status = doc.status
            self.title_edit.setText(doc.title)
            self.title_edit.setCursorPosition(0)
            self.subtitle_edit.setText(doc.subtitle)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(doc.kind)))
            self.city_edit.setText(doc.dateline_city)
            self.event_date.set_value(doc.event_date)
            self.pub_date.set_value(doc.publication_date)
            self.release_combo.setCurrentIndex(1 if doc.embargo_at else 0)
            if doc.embargo_at:
                self.embargo_edit.setDateTime(QDateTime(doc.embargo_at))
            self.tz_combo.setCurrentText(doc.embargo_tz)
            self.lead_edit.setPlainText(doc.lead)
            self.body.set_markdown(doc.body)
            self.quotes.set_quotes(doc.quotes)
            self.writer_edit.setText(doc.writer)
            self.editor_edit.setText(doc.editor)
            self.photo_edit.setText(doc.photographer)
            self.contact_edit.setPlainText(doc.contact_block)
            self.boilerplate_edit.setPlainText(doc.boilerplate)
            self.tags_edit.setText(", ".join(doc.tags))
            self.url_edit.setText(doc.source_url)
            self.site_edit.setText(doc.source_site)
            self._release_changed()
        finally:
            self._loading = False
        self._dirty = False
        self._unsaved_since = None
        self.autosave_timer.stop()
        self.update_aids()
        self._update_state()

    def collect(self) -> ArticleDoc:
        """The article as typed in the editor now."""
        embargo = None
        if self.release_combo.currentData() == "embargo":
            embargo = self.embargo_edit.dateTime().toPython().replace(second=0, microsecond=0)  # type: ignore[union-attr]
        return ArticleDoc(
            title=self.title_edit.text(),
            kind=self.kind_combo.currentData(),
            subtitle=self.subtitle_edit.text(),
            dateline_city=self.city_edit.text(),
            event_date=self.event_date.value(),
            publication_date=self.pub_date.value(),
            embargo_at=embargo,
            embargo_tz=self.tz_combo.currentText(),
            lead=self.lead_edit.toPlainText(),
            body=self.body.markdown(),
            quotes=self.quotes.quotes(),
            writer=self.writer_edit.text(),
            editor=self.editor_edit.text(),
            photographer=self.photo_edit.text(),
            boilerplate=self.boilerplate_edit.toPlainText(),
            contact_block=self.contact_edit.toPlainText(),
            tags=[t.strip() for t in self.tags_edit.text().split(",") if t.strip()],
            source_url=self.url_edit.text(),
            source_site=self.site_edit.text(),
            status=self.status,
        )

    # -- changes, autosave, save ------------------------------------------------

    def _release_changed(self) -> None:
        # Only press releases and announcements print a release line (aids.release_line);
        # for other kinds the choice is kept but greyed out, as it would not be printed.
        carries = self.kind_combo.currentData() in articles.RELEASE_KINDS
        embargo = carries and self.release_combo.currentData() == "embargo"
        self.release_combo.setEnabled(carries)
        self.release_combo.setToolTip("" if carries else _("This kind of article has no release line."))
        self.embargo_edit.setEnabled(embargo)
        self.tz_combo.setEnabled(embargo)

    def _changed(self, *_args) -> None:  # noqa: ANN002
        if self._loading or self.article_id is None:
            return
        self._mark_dirty()
        self.aids_timer.start()

    def _mark_dirty(self) -> None:
        self._dirty = True
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        if now - self._unsaved_since >= AUTOSAVE_MAX_S:
            # Typing without a pause: do not wait for one.
            self.autosave_now()
        else:
            self.autosave_timer.start()
        self._update_state()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def autosave_now(self) -> None:
        self.autosave_timer.stop()
        if not self._dirty or self.article_id is None or not self.editable:
            return
        try:
            articles.autosave(self.ctx.library, self.article_id, self.collect(), base_revision=self.revision)
        except Exception as exc:  # noqa: BLE001 - autosave must never interrupt typing
            self.set_state(_("Autosave failed: {error}").format(error=exc))
            return
        self._unsaved_since = None
        self.set_state(_("Autosaved at {time} — not saved as a revision yet.").format(time=time.strftime("%H:%M:%S")))

    def _retry_save(self) -> None:
        if self._save_when_back and self._dirty:
            self._save_when_back = False
            self.save()

    def save(self) -> bool:
        """Store a new revision; on failure the text stays and the reason is shown.

        If the office server was unreachable, the save is tried again by itself
        once the server answers (``ctx.reconnected``).
        """
        if self.article_id is None or not self.editable:
            return False
        doc = self.collect()
        try:
            result = articles.save(self.ctx.library, self.article_id, doc, base_revision=self.revision)
        except WartaError as exc:
            from desktop.server import ServerUnavailable

            self._save_when_back = isinstance(exc, ServerUnavailable)
            self.ctx.show_error(self, exc)
            return False
        except Exception as exc:  # noqa: BLE001 - keep the text, tell the user
            self.ctx.show_error(self, exc)
            return False
        self.revision = result.revision
        self.status = result.status
        self._dirty = False
        self.unsaved_new = None
        self._unsaved_since = None
        self.autosave_timer.stop()
        self.body.document().setModified(False)
        self.body._markdown = doc.body  # noqa: SLF001 - the saved text is the new baseline
        if result.reopened:
            self.set_state(_("Saved. The article was approved or published, so it is a draft again and needs a new approval."))
        elif result.changed:
            self.set_state(_("Saved as revision {number}.").format(number=result.revision))
        else:
            self.set_state(_("Nothing changed since the last save."))
        self.refresh_side()
        self.saved.emit(self.article_id)
        return True

    def set_state(self, text: str) -> None:
        self.state_label.setText(text)

    def _update_state(self) -> None:
        who = ""
        self.save_action.setEnabled(self.editable)
        label = articles.status_label(self.status)
        text = _("Status: {status} · revision {number}").format(status=label, number=self.revision)
        if self._dirty:
            text += " · " + _("unsaved changes")
        self.setWindowTitle(self.title_edit.text() + who)
        self.status_text = text
        self.state_label.setText(text)

    # -- side panels -------------------------------------------------------------

    def update_aids(self) -> None:
        doc = self.collect()
        if self._places is None:
            from desktop import office

            city = office.load(self.ctx.library).city.strip()
            self._places = (city,) if city else ()
        result = articles.analyse(doc, places=self._places)
        missing = len(result.lead_missing)
        if self.editable:
            self.lead_hints.set_hints(result.lead_hints[:missing], result.lead_hints[missing:])
        else:  # an approved or someone else's text: nothing to act on here
            self.lead_hints.set_hints([], [])
        self.counts_label.setText(
            _("{words} words · {chars} characters · about {minutes} min reading · lead {lead} words").format(
                words=result.words, chars=result.characters, minutes=result.reading_minutes, lead=result.lead_words
            )
        )
        self.warnings_list.clear()
        for warning in result.warnings:
            self.warnings_list.addItem(QListWidgetItem("⚠ " + warning))
        if not result.warnings:
            self.warnings_list.addItem(_("Nothing to check."))
        self._update_glossary(doc)

    def _update_glossary(self, doc: ArticleDoc) -> None:
        self.glossary_list.clear()
        if self._checker is None:
            from desktop.articles import api as articles

            self._checker = articles.Checker(articles.load_glossary(self.ctx.library))
        counts: dict[tuple[str, str], int] = {}
        for text in (doc.title, doc.subtitle, doc.lead, self.body.toPlainText(), *(q.text for q in doc.quotes)):
            for match in self._checker.check(text):
                key = (match.found, match.preferred)
                counts[key] = counts.get(key, 0) + 1
        for (found, preferred), count in counts.items():
            item = QListWidgetItem(
                _("'{found}' → '{preferred}' ({count}×)").format(found=found, preferred=preferred, count=count)
            )
            item.setData(Qt.ItemDataRole.UserRole, (found, preferred))
            self.glossary_list.addItem(item)
        if not counts:
            self.glossary_list.addItem(_("The text follows the style glossary."))

    def reload_glossary(self) -> None:
        """The office changed its glossary in Settings: check against the new rules."""
        self._checker = None
        if self.article_id is not None:
            self.update_aids()

    def _apply_glossary_item(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data and self.editable:
            self.replace_everywhere(*data)

    def replace_everywhere(self, found: str, preferred: str) -> None:
        """Replace a glossary variant in the title, lead, body and quotes (one undo step in the body)."""
        from desktop.articles.api import Checker, Rule

        checker = Checker([Rule(preferred, [found])])
        for line_edit in (self.title_edit, self.subtitle_edit):
            fixed = checker.replace_all(line_edit.text())
            if fixed != line_edit.text():
                line_edit.setText(fixed)
        lead = self.lead_edit.toPlainText()
        if checker.replace_all(lead) != lead:
            self.lead_edit.setPlainText(checker.replace_all(lead))
        cursor = self.body.textCursor()
        cursor.beginEditBlock()
        plain = self.body.toPlainText()
        for match in reversed(checker.check(plain)):
            edit = self.body.textCursor()
            edit.setPosition(match.start)
            edit.setPosition(match.end, edit.MoveMode.KeepAnchor)
            if edit.selectedText() == match.found:
                edit.insertText(preferred)
        cursor.endEditBlock()
        quotes = self.quotes.quotes()
        for q in quotes:
            q.text = checker.replace_all(q.text)
        self.quotes.set_quotes(quotes)
        self._mark_dirty()
        self.update_aids()

    def refresh_side(self) -> None:
        if self.article_id is None:
            return
        self._refresh_workflow()
        self._refresh_comments()
        self._refresh_history()

    def _refresh_workflow(self) -> None:
        while self.workflow_layout.count():
            item = self.workflow_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if self.read_only:
            return
        # Who wrote the text and the office's self-approval setting decide, as on the command line.
        for action in articles.workflow_actions(self.ctx.library, self.article_id, self.ctx.staff_id):
            button = QPushButton(articles.action_label(action))
            button.setObjectName(f"article-action-{action}")
            button.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            self.workflow_layout.addWidget(button)

    def _refresh_comments(self) -> None:
        parts = []
        for c in articles.comments(self.ctx.library, self.article_id):
            head = f"<b>{html.escape(c.staff_name or '?')}</b> · {_local(c.created_at)} · <i>{html.escape(articles.action_label(c.action))}</i>"
            body = f"<br>{html.escape(c.text)}" if c.text else ""
            parts.append(f"<p>{head}{body}</p>")
        self.comments_view.setHtml("".join(parts) or "<p><i>{}</i></p>".format(html.escape(_("No comments yet."))))

    def _refresh_history(self) -> None:
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for rev in articles.revisions(self.ctx.library, self.article_id):
            text = _("Revision {number} · {when} · {who}").format(
                number=rev.number, when=_local(rev.created_at), who=rev.staff_name or "?"
            )
            if rev.note:
                text += f"\n{rev.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rev.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, rev.number)
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        self.diff_view.clear()
        self.restore_button.setEnabled(False)

    def show_diff(self) -> None:
        items = self.history_list.selectedItems()
        self.restore_button.setEnabled(len(items) == 1 and self.editable)
        if not items:
            self.diff_view.clear()
            return
        rows = sorted(self.history_list.row(i) for i in items)
        newer = self.history_list.item(rows[0])
        if len(rows) >= 2:
            older = self.history_list.item(rows[-1])
        elif rows[0] + 1 < self.history_list.count():
            older = self.history_list.item(rows[0] + 1)
        else:
            older = None
        lib = self.ctx.library
        new_doc = articles.revision_doc(lib, newer.data(Qt.ItemDataRole.UserRole))
        old_doc = articles.revision_doc(lib, older.data(Qt.ItemDataRole.UserRole)) if older else ArticleDoc(title="")
        old_label = _("revision {number}").format(number=older.data(Qt.ItemDataRole.UserRole + 1)) if older else ""
        new_label = _("revision {number}").format(number=newer.data(Qt.ItemDataRole.UserRole + 1))
        lines = articles.diff(old_doc, new_doc, old_label=old_label, new_label=new_label)
        self.diff_view.setHtml(_diff_html(lines) or "<i>{}</i>".format(html.escape(_("No differences."))))

    def restore_selected(self) -> None:
        items = self.history_list.selectedItems()
        if len(items) != 1 or self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        try:
            articles.restore(self.ctx.library, self.article_id, items[0].data(Qt.ItemDataRole.UserRole), base_revision=self.revision)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.open_article(self.article_id)
        self.set_state(_("Revision restored; it is now the newest revision."))

    # -- workflow and comments ------------------------------------------------------

    def run_action(self, action: str) -> None:
        if self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        comment = ""
        source_url = None
        if action == "return":
            comment, ok = QInputDialog.getMultiLineText(self, articles.action_label(action), _("What should the writer change?"))
            if not ok:
                return
        elif action == "publish":
            source_url, ok = QInputDialog.getText(
                self, articles.action_label(action), _("Address where it was published (optional):"), text=self.url_edit.text()
            )
            if not ok:
                return
        try:
            # Approving names the revision the approver read: a save by someone else meanwhile is refused.
            expected = self.revision if action == "approve" else None
            self.status = articles.transition(self.ctx.library, self.article_id, action, comment=comment,
                                              source_url=source_url, expected_revision=expected)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.open_article(self.article_id)
        self.set_state(_("Status is now {status}.").format(status=articles.status_label(self.status)))

    def add_comment(self) -> None:
        text = self.comment_edit.toPlainText()
        try:
            articles.add_comment(self.ctx.library, self.article_id, text)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.comment_edit.clear()
        self._refresh_comments()

    # -- more ---------------------------------------------------------------------

    def duplicate(self) -> None:
        if self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        new_id = articles.duplicate(self.ctx.library, self.article_id)
        self.open_article(new_id)
        self.set_state(_("This is a copy, saved as a new draft."))

    def export(self, fmt: str) -> None:
        from desktop.articles.api import default_file_name, export_article

        if self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        path, _f = file_dialogs.save_file(self.ctx.settings, self, "export", _("Export"),
                                          default_file_name(self.collect(), fmt))
        if not path:
            return
        try:
            export_article(self.ctx.library, self.article_id, fmt, path)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.set_state(_("Exported to {path}.").format(path=path))

    def print_release(self) -> None:
        """The release on the letterhead — the very PDF Export → PDF writes — through the print dialog."""
        from desktop.articles.api import release_pdf
        from desktop.ui.pdf_print import load_pdf, print_document

        if self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        try:
            data = release_pdf(self.ctx.library, self.article_id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        document = load_pdf(data, self)
        try:
            printed = print_document(self, document, title=self.title_edit.text() or _("Press release"))
        finally:
            document.deleteLater()
        if printed:
            self.set_state(_("{pages} page(s) sent to the printer.").format(pages=printed))

    def copy_whatsapp(self) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.articles.api import whatsapp_text
        from desktop.articles.api import about_name

        doc = self.collect()
        # The editor's text is the approved one only while the article is approved (it is read-only then).
        draft = doc.status not in ("approved", "published")
        QApplication.clipboard().setText(whatsapp_text(doc, about_name=about_name(self.ctx.library), draft=draft))
        self.set_state(_("WhatsApp text copied; paste it into the group."))

    def distribute(self) -> None:
        if self.article_id is not None:
            from desktop.ui.distribution_dialog import open_for_article

            open_for_article(self.ctx, self.article_id, self)

    def _undo(self) -> None:
        widget = self.focusWidget()
        if hasattr(widget, "undo"):
            widget.undo()

    def _redo(self) -> None:
        widget = self.focusWidget()
        if hasattr(widget, "redo"):
            widget.redo()

    # -- locks and closing ----------------------------------------------------------

    def _take_lock(self) -> None:
        from desktop.safety import api as safety

        got = safety.acquire(self.ctx.library, "article", self.article_id, self.ctx.staff_id)
        if isinstance(got, safety.LockedBy):
            self.lock = None
            self._set_read_only(True, got.message())
            # Keep asking: when the colleague closes the article (or their
            # lock goes stale) it becomes editable here without reopening.
            self.lock_retry_timer.start(LOCK_RETRY_SECONDS * 1000)
        else:
            self.lock = got
            self.lock_retry_timer.stop()
            self._set_read_only(False, "")
            self.heartbeat_timer.start(safety.HEARTBEAT_SECONDS * 1000)

    def retry_lock(self) -> None:
        """Try again for an article someone else was editing; reload it when free."""
        from desktop.safety import api as safety

        if self.article_id is None or self.lock is not None:
            self.lock_retry_timer.stop()
            return
        got = safety.acquire(self.ctx.library, "article", self.article_id, self.ctx.staff_id)
        if isinstance(got, safety.Lock):
            safety.release(self.ctx.library, got)
            self.lock_retry_timer.stop()
            self.open_article(self.article_id)  # their saved text, now editable

    def _heartbeat(self) -> None:
        from desktop.safety import api as safety

        if self.lock is not None and not safety.heartbeat(self.ctx.library, self.lock):
            self.lock = None
            self.heartbeat_timer.stop()
            # Someone took the article over: keep the text visible, stop saving it.
            self.autosave_now()
            self._set_read_only(True, _("Someone else took over this article. Your text is still shown; copy what you need."))

    def release_lock(self) -> None:
        from desktop.safety import api as safety

        self.heartbeat_timer.stop()
        self.lock_retry_timer.stop()
        if self.lock is not None:
            try:
                safety.release(self.ctx.library, self.lock)
            finally:
                self.lock = None

    @property
    def editable(self) -> bool:
        """Neither locked by a colleague nor an approved text."""
        return not self.read_only and not self.text_locked

    def _set_read_only(self, read_only: bool, message: str) -> None:
        self.read_only = read_only
        self.banner.setText(message)
        self.banner.setVisible(bool(message))
        self._lock_fields()

    def _lock_fields(self) -> None:
        read_only = not self.editable
        for w in (self.title_edit, self.subtitle_edit, self.city_edit, self.writer_edit, self.editor_edit,
                  self.photo_edit, self.tags_edit, self.url_edit, self.site_edit):
            w.setReadOnly(read_only)
        for w in (self.lead_edit, self.contact_edit, self.boilerplate_edit, self.body):
            w.setReadOnly(read_only)
        for w in (self.kind_combo, self.release_combo, self.event_date, self.pub_date, self.quotes):
            w.setEnabled(not read_only)
        for act in (*self.format_actions, self.undo_action, self.redo_action):
            act.setEnabled(not read_only)
        self._update_state()

    # -- approval -------------------------------------------------------------------

    def _show_approval(self) -> None:
        """The approved text opens locked, and says by whom, when and under which number."""
        record = self.approval
        self.approval_bar.setVisible(self.text_locked)
        if self.text_locked:
            if record is not None:
                who = record.approver_name or _("an approver not recorded")
                text = _("Approved by {name} on {when}; number {number}. This text is locked.").format(
                    name=who, when=_local(record.approved_at), number=record.release_number or "—")
            else:
                text = _("Approved before Warta recorded approvals. This text is locked.")
            self.approval_bar.label.setText(text)
            # Secretariat prints and distributes; it does not change approved text (nor does nobody).
            self.approval_bar.edit_button.setVisible(self.ctx.role in ("writer", "editor", "admin"))
        self._lock_fields()

    def start_new_draft(self) -> None:
        """"Ubah": after a plain warning, a new draft of the approved text that needs approval again."""
        record = self.approval
        if self.article_id is None or not self.text_locked:
            return
        answer = QMessageBox.question(
            self,
            _("Start a new draft?"),
            _(
                "'{title}' was approved as {number} (revision {revision}). Changing it starts a new draft that must "
                "be approved again. Until then, exports, kits and the approval sheet keep the approved text."
            ).format(title=self.title_edit.text(), number=(record.release_number if record else "") or "—",
                     revision=record.revision_number if record else self.revision),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            articles.start_new_draft(self.ctx.library, self.article_id, base_revision=self.revision)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.open_article(self.article_id)
        self.set_state(_("New draft started; it needs approval again."))
        self.saved.emit(self.article_id)

    def save_sheet(self) -> None:
        """The Lembar Persetujuan as a PDF (marked DRAF while the article is not approved)."""
        from desktop.articles.api import default_file_name

        if self.article_id is None:
            return
        if self._dirty and not self.save():
            return
        name = default_file_name(self.collect(), "pdf").removesuffix(".pdf") + "-" + _("approval-sheet") + ".pdf"
        path, _f = file_dialogs.save_file(self.ctx.settings, self, "export", _("Approval sheet"), name,
                                          "PDF (*.pdf)")
        if not path:
            return
        try:
            articles.write_sheet(self.ctx.library, self.article_id, path)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.set_state(_("Approval sheet saved to {path}.").format(path=path))

    def can_close(self) -> bool:
        """Ask about unsaved changes; False keeps the editor open."""
        if not self._dirty or not self.editable:
            return True
        from desktop.articles import api as articles

        if articles.same_content(self.collect(), articles.load_doc(self.ctx.library, self.article_id)):
            return True  # edited and undone back to what is saved
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to '{title}'?").format(title=self.title_edit.text() or _("(untitled)")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            articles.discard_autosave(self.ctx.library, self.article_id)
            self._dirty = False
            return True
        return False

    def request_close(self) -> None:
        if self.can_close():
            self.release_lock()
            self._drop_unsaved_new()
            self.article_id = None
            self.closed.emit()

    def _drop_unsaved_new(self) -> None:
        """Delete the article "New article" made if it was never saved (no stray revision-1 drafts)."""
        new_id, self.unsaved_new = self.unsaved_new, None
        if new_id is None or new_id != self.article_id:
            return
        try:
            articles.discard_autosave(self.ctx.library, new_id)
            articles.delete_article(self.ctx.library, new_id)
        except WartaError:
            pass  # someone linked it meanwhile (a kit, a quote): it stays, as any draft would


def _diff_html(lines: list[str]) -> str:
    out = []
    for line in lines:
        text = html.escape(line)
        if line.startswith(("+++", "---")):
            out.append(f"<div style='color:#666'><b>{text}</b></div>")
        elif line.startswith("@@"):
            out.append("<div style='color:#888'>…</div>")
        elif line.startswith("+"):
            out.append(f"<div style='background:#e6ffec;color:#0a4d1c'>{text}</div>")
        elif line.startswith("-"):
            out.append(f"<div style='background:#ffebe9;color:#82071e;text-decoration:line-through'>{text}</div>")
        else:
            out.append(f"<div>{text}</div>")
    return "".join(out)
