"""The main window: sidebar of sections, global search, menus, status bar."""

from __future__ import annotations

import base64

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop import __version__, staff as staff_mod
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui import sections as section_registry
from desktop.ui.sections.base import Section
from desktop.ui.widgets import bundled_icon, fit_to_screen

# Sections that open a given item type (search hits, Beranda cards).
ITEM_SECTIONS = {"article": "articles", "contact": "contacts", "organization": "contacts", "photo": "photos", "kit": "kits",
                 "claim": "claims", "kip_request": "kip"}


class MainWindow(QMainWindow):
    def __init__(self, ctx) -> None:  # noqa: ANN001 - AppContext
        super().__init__()
        self.ctx = ctx
        ctx.main_window = self
        self.setObjectName("main-window")
        self.setWindowTitle(_("Warta"))
        self.setAcceptDrops(True)
        self._sections: dict[str, Section] = {}
        self._specs = {key: spec for key, spec, _icon in section_registry.SECTIONS}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setMaximumWidth(220)
        self.sidebar.setMinimumWidth(160)
        # A calm, readable sidebar on every platform style (Fusion on Linux,
        # Windows 10/11 style), without shipping a whole theme.
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { border: none; background: palette(window); font-size: 11pt; }"
            "QListWidget#sidebar::item { padding: 9px 12px; border-radius: 4px; margin: 1px 6px; }"
            "QListWidget#sidebar::item:selected { background: #1f4e79; color: white; }"
            "QListWidget#sidebar::item:hover:!selected { background: palette(midlight); }"
        )
        self.stack = QStackedWidget()
        self._placeholders: dict[str, QWidget] = {}
        for index, (key, spec, icon) in enumerate(section_registry.SECTIONS):
            cls_title = self._title_for(key, spec)
            item = QListWidgetItem(bundled_icon(icon), cls_title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            # Ctrl+1 … Ctrl+9 only: a tenth section has no digit key of its own.
            item.setToolTip("{} (Ctrl+{})".format(cls_title, index + 1) if index < 9 else cls_title)
            self.sidebar.addItem(item)
            holder = QWidget()
            self._placeholders[key] = holder
            self.stack.addWidget(holder)
        self.sidebar.currentRowChanged.connect(self._row_changed)

        splitter = QSplitter()
        splitter.setObjectName("main-splitter")
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.splitter = splitter

        self.search_box = QLineEdit()
        self.search_box.setObjectName("global-search")
        self.search_box.setPlaceholderText(_("Search articles, contacts, photos… (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(420)
        self.search_box.returnPressed.connect(self.run_search)
        toolbar = QToolBar(_("Search"))
        toolbar.setObjectName("search-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

        self._build_menus()
        self.library_label = QLabel()
        self.user_label = QLabel()
        for label in (self.library_label, self.user_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # paths and names are user text
        self.statusBar().addWidget(self.library_label, 1)
        self.connection_label = QLabel()
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.connection_label.setWordWrap(True)
        self.connection_label.setObjectName("connection-label")
        self.connection_label.hide()
        self.statusBar().addWidget(self.connection_label, 2)
        self.statusBar().addPermanentWidget(self.user_label)
        self.ctx.connection_message.connect(self._show_connection)
        self.update_status()
        ctx.changed.connect(self._on_changed)
        self._restore_layout()
        from desktop.ui import backup_page  # daily snapshot and leftovers sweep while open

        backup_page.start_background(ctx)

    # -- sections ---------------------------------------------------------

    def _title_for(self, key: str, spec: str) -> str:
        # Titles come from classes, but importing every section module at
        # start would cost time; the placeholder module knows all titles.
        from desktop.ui.sections import placeholder

        titles = {
            "home": _("Home"),
            "articles": placeholder.ArticlesPlaceholder.title(),
            "contacts": placeholder.ContactsPlaceholder.title(),
            "photos": placeholder.PhotosPlaceholder.title(),
            "kits": placeholder.KitsPlaceholder.title(),
            "claims": _("Issues & Hoaxes"),
            "exchange": _("Exchange"),
            "kip": _("Public Information"),
            "planner": _("Calendar"),
        }
        return titles.get(key, key)

    def section(self, key: str) -> Section:
        """The section widget for ``key``, created on first use."""
        if key not in self._sections:
            cls = section_registry.load(self._specs[key])
            widget: Section = cls(self.ctx)
            if hasattr(widget, "open_requested"):
                widget.open_requested.connect(self.open_item)  # type: ignore[attr-defined]
            holder = self._placeholders[key]
            index = self.stack.indexOf(holder)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self._placeholders[key] = widget
            self._sections[key] = widget
        return self._sections[key]

    def show_section(self, key: str) -> Section:
        self._initial_pending = False  # an explicit choice wins over the remembered one
        keys = [k for k, _s, _i in section_registry.SECTIONS]
        row = keys.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # triggers _row_changed
        elif self.stack.currentWidget() is not self._sections.get(key):
            self._row_changed(row)
        return self.section(key)

    def current_section(self) -> Section | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Section) else None

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
        widget = self.section(key)
        self.stack.setCurrentWidget(widget)
        widget.activate()
        self.ctx.settings.last_section = key

    def open_item(self, item_type: str, item_id: int) -> None:
        key = ITEM_SECTIONS.get(item_type)
        if key is None or key not in self._specs:
            return
        self.show_section(key).open_item(item_type, item_id)

    # -- menus --------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self._action(_("&Import…"), self.import_dialog, "Ctrl+I", "action-import"))
        file_menu.addAction(self._action(_("Public relations &report…"), self.open_report, None, "action-report"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Open library…"), self.open_library_dialog, "Ctrl+O", "action-open-library"))
        file_menu.addAction(self._action(_("&New library…"), self.new_library_dialog, None, "action-new-library"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences, "action-settings"))
        file_menu.addAction(self._action(_("Switch &user…"), self.switch_user, None, "action-switch-user"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit, "action-quit"))

        edit_menu = bar.addMenu(_("&Edit"))
        # Act on whichever field has the focus; the keys themselves are handled
        # by that field (it claims them first), the menu makes them findable.
        self.edit_actions: dict[str, QAction] = {}
        for text, method, key in (
            (_("&Undo"), "undo", QKeySequence.StandardKey.Undo), (_("&Redo"), "redo", QKeySequence.StandardKey.Redo),
            (None, "", None),
            (_("Cu&t"), "cut", QKeySequence.StandardKey.Cut), (_("&Copy"), "copy", QKeySequence.StandardKey.Copy),
            (_("&Paste"), "paste", QKeySequence.StandardKey.Paste),
            (_("Select &all"), "selectAll", QKeySequence.StandardKey.SelectAll),
            (None, "", None),
        ):
            if text is None:
                edit_menu.addSeparator()
                continue
            action = self._action(text, lambda _c=False, m=method: self._edit_focused(m), key, f"action-{method.lower()}")
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the menu shows the key; the field acts on it
            edit_menu.addAction(action)
            self.edit_actions[method] = action
        edit_menu.aboutToShow.connect(self._update_edit_actions)
        edit_menu.addAction(self._action(_("&Find…"), self.focus_search, QKeySequence.StandardKey.Find, "action-find"))

        view_menu = bar.addMenu(_("&View"))
        for index, (key, spec, _icon) in enumerate(section_registry.SECTIONS):
            view_menu.addAction(
                self._action(self._title_for(key, spec), lambda _c=False, k=key: self.show_section(k),
                             f"Ctrl+{index + 1}" if index < 9 else None, f"action-section-{key}")
            )

        self.admin_menu = bar.addMenu(_("&Admin"))
        self.admin_menu.addAction(self._action(_("&Audit log…"), self.open_audit_log, None, "action-audit-log"))

        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&Guide"), self.open_help, "F1", "action-help"))
        help_menu.addAction(self._action(_("&About Warta"), self.about, None, "action-about"))

    def update_status(self) -> None:
        who = self.ctx.staff
        lib = self.ctx.library
        if lib.is_server:
            from desktop.server import display_url

            # Who shares the data is worth seeing at a glance: an office database, not this PC's file.
            self.library_label.setText(_("Library: {path} · office database {server}").format(
                path=lib.path, server=display_url(lib.server_url)))
        else:
            self.library_label.setText(_("Library: {path}").format(path=lib.path))
        self.user_label.setText(
            _("User: {name} ({role})").format(name=who.name, role=staff_mod.role_label(who.role)) if who else _("No user")
        )
        self.admin_menu.menuAction().setVisible(bool(who and who.role == "admin"))

    def _show_connection(self, text: str) -> None:
        self.connection_label.setText(text)
        self.connection_label.setVisible(bool(text))
        if text and not self.ctx.offline:  # "connected again" fades after a while
            # The label as context: a window closed within the 8 s cancels the timer (found by the window walk).
            QTimer.singleShot(8000, self.connection_label, lambda: self.connection_label.setVisible(self.ctx.offline))

    def _on_changed(self, tables: frozenset[str]) -> None:
        if "staff" in tables:
            self.update_status()

    # -- actions --------------------------------------------------------------

    def _focused_editor(self) -> QWidget | None:
        from PySide6.QtWidgets import QApplication, QComboBox

        widget = QApplication.focusWidget()
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget = widget.lineEdit()
        return widget

    def _edit_focused(self, method: str) -> None:
        """Sunting → Undo/Redo/Cut/Copy/Paste/Select all on the focused field."""
        slot = getattr(self._focused_editor(), method, None)
        if callable(slot):
            slot()

    def _update_edit_actions(self) -> None:
        from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

        widget = self._focused_editor()
        text_field = isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit))
        read_only = text_field and widget.isReadOnly()  # type: ignore[union-attr]
        for method, action in self.edit_actions.items():
            if method == "selectAll":
                action.setEnabled(callable(getattr(widget, "selectAll", None)))
            elif method == "copy":
                action.setEnabled(text_field)
            else:
                action.setEnabled(text_field and not read_only)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self) -> None:
        from desktop.ui.search_results import SearchResults

        query = self.search_box.text().strip()
        if not query:
            return
        popup = getattr(self, "_search_popup", None)
        if popup is None:
            popup = SearchResults(self.ctx, self)
            popup.open_requested.connect(self.open_item)
            self._search_popup = popup
        popup.search(query)
        popup.show()
        popup.raise_()

    def import_dialog(self) -> None:
        section = self.current_section()
        if section is None or not section.import_filter():
            QMessageBox.information(
                self, _("Import"), _("Open Articles, Partners & Contacts or Photos to import into them.")
            )
            return
        paths = file_dialogs.open_files(self.ctx.settings, self, "import", _("Import"), section.import_filter())
        if paths:
            section.import_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        section = self.current_section()
        if event.mimeData().hasUrls() and section is not None and section.import_filter():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        section = self.current_section()
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if section is not None and paths and section.import_files(paths):
            event.acceptProposedAction()

    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()
        self.update_status()

    def open_report(self) -> None:
        from desktop.ui.report_dialog import ReportDialog

        ReportDialog(self.ctx, self).exec()

    def open_audit_log(self) -> None:
        from desktop.ui.audit_view import AuditLogDialog

        AuditLogDialog(self.ctx, self).exec()

    def switch_user(self) -> None:
        from desktop.ui.user_picker import pick_user

        chosen = pick_user(self.ctx.library, self, remembered=self.ctx.staff_id)
        if chosen is not None:
            self.ctx.staff_id = chosen
            self.ctx.library.store.staff_id = chosen
            self.ctx.settings.users[self.ctx.library.library_id] = chosen
            self.ctx.save_settings()
            self.update_status()
            self.ctx.changed.emit(frozenset({"session"}))

    def open_library_dialog(self) -> None:
        path = file_dialogs.folder(self.ctx.settings, self, "library", _("Open library"))
        if path:
            from desktop.ui.app import switch_library

            switch_library(self, path)

    def new_library_dialog(self) -> None:
        path = file_dialogs.folder(self.ctx.settings, self, "library", _("Choose an empty folder for the new library"))
        if path:
            from desktop.ui.app import switch_library

            switch_library(self, path)

    def open_help(self) -> None:
        """The user guide, at the page about the section in front (F1 anywhere in the window)."""
        from desktop import help as guide
        from desktop.ui.help_dialog import HelpDialog

        dialog = self.findChild(HelpDialog, "help-dialog") or HelpDialog(self)
        section = self.current_section()
        dialog.show_page(guide.page_for_section(section.key if section is not None else None))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Warta"),
            "<h3>Warta {}</h3><p>{}</p>".format(
                __version__, _("An offline workstation for government public-relations offices.")
            ),
        )

    # -- layout persistence ------------------------------------------------------

    def _restore_layout(self) -> None:
        s = self.ctx.settings
        if s.window_geometry:
            self.restoreGeometry(base64.b64decode(s.window_geometry))
            # Remembered on a bigger monitor, opened on the laptop: never larger than its screen.
            if not self.isMaximized():
                fit_to_screen(self, self.width(), self.height())
        else:
            fit_to_screen(self, 1200, 780)
        if s.window_state:
            self.splitter.restoreState(base64.b64decode(s.window_state))
        else:
            self.splitter.setSizes([210, max(self.width() - 210, 400)])
        keys = [k for k, _s, _i in section_registry.SECTIONS]
        start = s.last_section if s.last_section in keys else "home"
        # Showing the remembered section is deferred so the window paints
        # first; a section shown explicitly before then (search hit, test)
        # takes precedence.
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(keys.index(start))
        self.sidebar.blockSignals(False)
        self._initial_pending = True
        QTimer.singleShot(0, lambda: self._show_initial(keys.index(start)))

    def _show_initial(self, row: int) -> None:
        if self._initial_pending:
            self._initial_pending = False
            self._row_changed(row)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for section in self._sections.values():
            can_close = getattr(section, "can_close", None)
            if can_close is not None and not can_close():
                event.ignore()
                return
        s = self.ctx.settings
        s.window_geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        s.window_state = base64.b64encode(bytes(self.splitter.saveState())).decode()
        self.ctx.save_settings()
        self.ctx.tasks.wait_all(10_000)
        from desktop.ui import backup_page

        backup_page.on_close(self.ctx)  # the automatic backup on close
        event.accept()
