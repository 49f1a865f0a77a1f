"""Mitra & Kontak: people and organisations (SQL-sorted, filtered, searched lists), pages, lists, import, export."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import numbers
from desktop.contacts import api as contacts
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui.contacts_models import OrgsModel, PeopleModel
from desktop.ui.sections.base import Section
from desktop.ui.widgets import EmptyHint, count_label, search_box

CONTACT_TABLES = frozenset({
    "people", "organizations", "person_phones", "person_emails", "affiliations", "distribution_lists",
    "list_members", "organization_types", "collaborations", "coverage",
})
PEOPLE, ORGS = 0, 1


class ContactsSection(Section):
    key = "contacts"
    open_requested = Signal(str, int)

    @classmethod
    def title(cls) -> str:
        return _("Partners & Contacts")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        self._stale = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list_page = self._build_list()
        self.stack.addWidget(self.list_page)
        self._person_page = None
        self._org_page = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())

    # -- list page -----------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 6)
        bar = QHBoxLayout()
        self.kind_tabs = QTabBar()
        self.kind_tabs.setObjectName("contacts-kind")
        self.kind_tabs.addTab(_("People"))
        self.kind_tabs.addTab(_("Organisations"))
        self.kind_tabs.currentChanged.connect(self._kind_changed)
        bar.addWidget(self.kind_tabs)
        new = QToolButton()
        new.setObjectName("contacts-new")
        new.setText(_("New contact"))
        new.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(new)
        menu.addAction(_("New contact"), self.new_person)
        menu.addAction(_("New organisation"), self.new_org)
        new.setMenu(menu)
        new.clicked.connect(lambda: self.new_person() if self.kind == PEOPLE else self.new_org())
        self.new_button = new
        bar.addWidget(new)
        imp = QPushButton(_("Import…"))
        imp.setObjectName("contacts-import")
        imp.clicked.connect(self._import_dialog)
        bar.addWidget(imp)
        exp = QPushButton(_("Export…"))
        exp.setObjectName("contacts-export")
        exp.clicked.connect(self._export_dialog)
        bar.addWidget(exp)
        # In the top row, where the search box gives way: the filter row is full at 1280 pixels.
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.setObjectName("contacts-merge")
        self.merge_button.setToolTip(_("Select two contacts that are the same person, then merge them."))
        self.merge_button.clicked.connect(self.merge_selected)
        bar.addWidget(self.merge_button)
        self.duplicates_button = QPushButton(_("Find duplicates…"))
        self.duplicates_button.setObjectName("contacts-duplicates")
        self.duplicates_button.setToolTip(_("List contacts of the library that may be the same person."))
        self.duplicates_button.clicked.connect(self.find_duplicates)
        bar.addWidget(self.duplicates_button)
        self.search_edit = search_box("contacts-search", _("Search names, positions, organisations, notes, phones…"))
        bar.addWidget(self.search_edit, 1)
        self.count_label = count_label("contacts-count")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        filters = QHBoxLayout()
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("contacts-filter-type")
        self.region_combo = QComboBox()
        self.region_combo.setObjectName("contacts-filter-region")
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("contacts-filter-tag")
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("contacts-filter-list")
        self.list_label = QLabel(_("List"))
        for combo in (self.type_combo, self.region_combo, self.tag_combo, self.list_combo):
            # Long region or list names must not make the window wider than
            # a 1280-pixel office screen; the popup still shows them whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        for label, widget in ((_("Type"), self.type_combo), (_("Region"), self.region_combo),
                              (_("Tag"), self.tag_combo)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.list_label)
        filters.addWidget(self.list_combo)
        self.lists_button = QToolButton()
        self.lists_button.setText(_("Lists"))
        self.lists_button.setObjectName("contacts-lists")
        self.lists_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        lists_menu = QMenu(self.lists_button)
        lists_menu.addAction(_("New list…"), self.new_list)
        lists_menu.addAction(_("Save this filter as a list…"), self.save_filter_as_list)
        lists_menu.addAction(_("Add selected to a list…"), self.add_selected_to_list)
        lists_menu.addAction(_("Remove selected from this list"), self.remove_selected_from_list)
        lists_menu.addAction(_("Delete this list"), self.delete_current_list)
        lists_menu.addSeparator()
        lists_menu.addAction(_("Log an activity with the selected…"), self.log_activity_for_selected)
        self.lists_button.setMenu(lists_menu)
        # Room for the menu arrow, which InstantPopup draws over the text otherwise.
        self.lists_button.setMinimumWidth(self.lists_button.sizeHint().width() + 18)
        filters.addWidget(self.lists_button)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.people_model = PeopleModel(self.ctx.library, self)
        self.orgs_model = OrgsModel(self.ctx.library, self)
        self.view = QTableView()
        self.view.setObjectName("contacts-table")
        EmptyHint(self.view, lambda: _("No contacts to show. Clear the search and filters, or import an address book.")
                  if self.kind == PEOPLE else _("No organisations to show. Clear the search and filters, or add one."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_row)
        self.view.activated.connect(self._open_row)
        layout.addWidget(self.view, 1)
        self._fill_filters()
        for combo in (self.type_combo, self.region_combo, self.tag_combo, self.list_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self._set_model(PEOPLE)
        return page

    def _set_model(self, kind: int) -> None:
        model = self.people_model if kind == PEOPLE else self.orgs_model
        self.view.setModel(model)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        widths = [260, 200, 240, 160, 150, 220] if kind == PEOPLE else [300, 160, 150, 150, 70, 110]
        for col, width in enumerate(widths):
            self.view.setColumnWidth(col, width)
        for w in (self.list_label, self.list_combo, self.merge_button, self.lists_button):
            w.setVisible(kind == PEOPLE)
        self.new_button.setText(_("New contact") if kind == PEOPLE else _("New organisation"))
        self._update_count()

    def _kind_changed(self, kind: int) -> None:
        self._set_model(kind)
        self.apply_filters()

    @property
    def kind(self) -> int:
        return self.kind_tabs.currentIndex()

    def _fill_filters(self) -> None:
        lib = self.ctx.library
        keep = {c: c.currentData() for c in (self.type_combo, self.region_combo, self.tag_combo, self.list_combo)}
        for combo in keep:
            combo.blockSignals(True)
            combo.clear()
        self.type_combo.addItem(_("All types"), None)
        for tid, name in contacts.org_types(lib):
            self.type_combo.addItem(name, tid)
        self.region_combo.addItem(_("All regions"), "")
        for region in contacts.regions(lib):
            self.region_combo.addItem(region, region)
        self.tag_combo.addItem(_("All tags"), "")
        for tag in contacts.tags_in_use(lib):
            self.tag_combo.addItem(tag, tag)
        self.list_combo.addItem(_("Everyone"), None)
        for lid, name, is_filter, count in contacts.lists(lib):
            label = _("{name} (saved filter)").format(name=name) if is_filter else f"{name} ({count})"
            self.list_combo.addItem(label, lid)
        for combo, value in keep.items():
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def people_filter(self) -> contacts.PeopleFilter:
        return contacts.PeopleFilter(
            search=self.search_edit.text().strip(),
            type_id=self.type_combo.currentData(),
            region=self.region_combo.currentData() or "",
            tag=self.tag_combo.currentData() or "",
            list_id=self.list_combo.currentData(),
        )

    def apply_filters(self) -> None:
        if self.kind == PEOPLE:
            self.people_model.set_query(self.people_filter())
        else:
            f = self.people_filter()
            self.orgs_model.set_query(contacts.OrgFilter(search=f.search, type_id=f.type_id, region=f.region, tag=f.tag))
        self._update_count()

    def _update_count(self) -> None:
        model = self.view.model()
        text = _("{count} people") if self.kind == PEOPLE else _("{count} organisations")
        self.count_label.setText(text.format(count=numbers.integer(model.total)))

    def refresh(self) -> None:
        self._stale = False
        self._fill_filters()
        self.people_model.refresh()
        self.orgs_model.refresh()
        self._update_count()

    def on_changed(self, tables: frozenset[str]) -> None:
        if not (tables & CONTACT_TABLES):
            return
        if self.isVisible() and self.stack.currentWidget() is self.list_page:
            self.refresh()
        else:
            self._stale = True

    def activate(self) -> None:
        if self._stale and self.stack.currentWidget() is self.list_page:
            self.refresh()

    def selected_ids(self) -> list[int]:
        model = self.view.model()
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [i for i in (model.id_at(r) for r in rows) if i is not None]

    def _open_row(self, index) -> None:  # noqa: ANN001
        ident = self.view.model().id_at(index.row())
        if ident is None:
            return
        if self.kind == PEOPLE:
            self.open_person(ident)
        else:
            self.open_org(ident)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        if self._stale:
            self.refresh()

    def show_filtered(self, filters: dict) -> None:
        """People or organisations (``kind``), from a Beranda counter."""
        self.show_list()  # as the pages' own "← List" does
        self.kind_tabs.setCurrentIndex(ORGS if filters.get("kind") == "organizations" else PEOPLE)

    # -- pages ------------------------------------------------------------------------------

    @property
    def person_page(self):  # noqa: ANN201
        if self._person_page is None:
            from desktop.ui.person_page import PersonPage

            page = PersonPage(self.ctx, self)
            page.back.connect(self.show_list)
            page.merge_requested.connect(self.merge_with)
            self.stack.addWidget(page)
            self._person_page = page
        return self._person_page

    @property
    def org_page(self):  # noqa: ANN201
        if self._org_page is None:
            from desktop.ui.org_page import OrgPage

            page = OrgPage(self.ctx, self)
            page.back.connect(self.show_list)
            page.open_person.connect(self.open_person)
            page.new_person.connect(self.new_person_in)
            self.stack.addWidget(page)
            self._org_page = page
        return self._org_page

    def open_person(self, person_id: int) -> None:
        try:
            self.person_page.load(person_id)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.stack.setCurrentWidget(self.person_page)

    def open_org(self, org_id: int) -> None:
        try:
            self.org_page.load(org_id)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.stack.setCurrentWidget(self.org_page)

    def new_person(self) -> None:
        self.new_person_in("")

    def new_person_in(self, organization: str) -> None:
        self.person_page.new(organization)
        self.stack.setCurrentWidget(self.person_page)

    def new_org(self) -> None:
        self.org_page.new()
        self.stack.setCurrentWidget(self.org_page)

    def open_item(self, item_type: str, item_id: int) -> bool:
        if item_type == "contact":
            self.open_person(item_id)
            return True
        if item_type == "organization":
            self.open_org(item_id)
            return True
        return False

    # -- lists ---------------------------------------------------------------------------------

    def new_list(self) -> None:
        name, ok = QInputDialog.getText(self, _("New list"), _("Name of the distribution list:"))
        if ok and name.strip():
            try:
                contacts.create_list(self.ctx.library, name)
            except WartaError as exc:
                self.ctx.show_error(self, exc)

    def save_filter_as_list(self) -> None:
        f = self.people_filter()
        f.list_id = None
        name, ok = QInputDialog.getText(self, _("Save filter"), _("Name of the list (its members follow the filter):"))
        if ok and name.strip():
            try:
                contacts.create_list(self.ctx.library, name, saved_filter=f)
            except WartaError as exc:
                self.ctx.show_error(self, exc)

    def _static_lists(self) -> list[tuple[int, str]]:
        return [(lid, name) for lid, name, is_filter, _c in contacts.lists(self.ctx.library) if not is_filter]

    def add_selected_to_list(self) -> None:
        ids = self.selected_ids() if self.kind == PEOPLE else []
        static = self._static_lists()
        if not ids or not static:
            QMessageBox.information(self, _("Lists"), _("Select people first, and create a list if there is none."))
            return
        names = [n for _i, n in static]
        name, ok = QInputDialog.getItem(self, _("Add to list"), _("List:"), names, 0, False)
        if ok:
            try:
                contacts.add_to_list(self.ctx.library, static[names.index(name)][0], ids)
            except WartaError as exc:
                self.ctx.show_error(self, exc)

    def remove_selected_from_list(self) -> None:
        lid = self.list_combo.currentData()
        ids = self.selected_ids()
        if lid is None or not ids:
            return
        contacts.remove_from_list(self.ctx.library, lid, ids)

    def delete_current_list(self) -> None:
        lid = self.list_combo.currentData()
        if lid is None:
            return
        answer = QMessageBox.question(self, _("Delete this list"), _(
            "Delete the list {name}? The contacts in it are kept.").format(name=self.list_combo.currentText()))
        if answer == QMessageBox.StandardButton.Yes:
            contacts.delete_list(self.ctx.library, lid)

    def log_activity_for_selected(self) -> None:
        """One activity (a meeting, an invitation …) with every selected person and their organisations."""
        from desktop.contacts import api as contacts
        from desktop.ui.contact_widgets import ActivityDialog

        ids = self.selected_ids() if self.kind == PEOPLE else []
        if not ids:
            QMessageBox.information(self, _("Lists"), _("Select the people who took part first."))
            return
        dialog = ActivityDialog(self)
        if not dialog.exec():
            return
        kind, date, title, notes = dialog.values()
        orgs = [d.data.organization_id for d in (contacts.get_person(self.ctx.library, i) for i in ids)
                if d.data.organization_id]
        try:
            contacts.add_collaboration(self.ctx.library, kind, date, title, notes=notes, person_ids=ids, org_ids=orgs)
        except WartaError as exc:
            self.ctx.show_error(self, exc)

    # -- merge ------------------------------------------------------------------------------------

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            self.merge_with(ids[0], ids[1])
        elif len(ids) == 1:
            self.merge_with(ids[0])
        else:
            QMessageBox.information(self, _("Merge contacts"), _("Select the two contacts that are the same person."))

    def find_duplicates(self) -> None:
        from desktop.ui.contact_duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.ctx, self.merge_with, self)
        self.duplicates_dialog = dialog  # reachable by tests
        dialog.open()

    def merge_with(self, keep_id: int, other_id: int | None = None) -> None:
        from desktop.ui.merge_dialog import MergeDialog

        dialog = MergeDialog(self.ctx, keep_id, other_id, self)
        self.merge_dialog = dialog  # reachable by tests
        if dialog.exec():
            if self.stack.currentWidget() is self._person_page and self._person_page is not None:
                self.open_person(keep_id)

    # -- import / export ---------------------------------------------------------------------

    def import_filter(self) -> str:
        return _("Contacts (*.vcf *.vcard *.csv *.tsv *.txt *.xlsx)")

    def _import_dialog(self) -> None:
        paths = file_dialogs.open_files(self.ctx.settings, self, "import-contacts", _("Import contacts"),
                                        self.import_filter())
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> bool:
        from desktop.ui.contact_import_dialog import ContactImportDialog

        dialog = ContactImportDialog(self.ctx, paths, self)
        self.import_dialog = dialog  # reachable by tests
        dialog.open()
        return True

    def _export_dialog(self) -> None:
        path, chosen = file_dialogs.save_file(
            self.ctx.settings, self, "export", _("Export contacts"), "kontak.vcf",
            "vCard (*.vcf);;CSV (*.csv);;Excel (*.xlsx)",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Export the selected people, or everyone the current filter shows."""
        from pathlib import Path

        from desktop.contacts import api as contacts

        fmt = Path(path).suffix.lstrip(".").lower() or "vcf"
        if fmt not in ("vcf", "csv", "xlsx"):
            path, fmt = path + ".vcf", "vcf"
        ids = self.selected_ids() if self.kind == PEOPLE else []
        if not ids:
            ids = contacts.people_ids(self.ctx.library, self.people_filter())
        library = self.ctx.library
        self.ctx.tasks.start(
            lambda progress: contacts.export_to(library, path, fmt, person_ids=ids),
            title=_("Exporting contacts"),
            on_done=lambda n: self.count_label.setText(_("{count} contacts exported.").format(count=n)),
            parent=self,
        )
