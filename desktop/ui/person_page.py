"""A person's page: details edited with validation as you type, lists, and the full history."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.errors import WartaError
from desktop.i18n import _
from desktop.ui.distribution_dialog import SendLogBox
from desktop.ui.widgets import text_box
from desktop.ui import file_dialogs
from desktop.ui.contact_widgets import (
    ActivityDialog,
    AffiliationList,
    ChannelRows,
    CoverageDialog,
    HistoryList,
    error_label,
    social_from,
    social_text,
    tags_from,
)


class PersonPage(QWidget):
    back = Signal()
    saved = Signal(int)
    merge_requested = Signal(int)
    open_org = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.setObjectName("person-page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)

        bar = QHBoxLayout()
        back = QPushButton(_("← List"))
        back.setObjectName("person-back")
        back.clicked.connect(self.back)
        self.photo_label = QLabel()
        self.photo_label.setObjectName("person-photo")
        self.photo_label.setFixedSize(56, 56)
        self.photo_label.setScaledContents(False)
        self._photo: bytes | None = None
        self.heading = QLabel()
        self.heading.setObjectName("person-heading")
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("person-save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.more = QPushButton(_("More"))
        menu = QMenu(self.more)
        self.add_list_menu = menu.addMenu(_("Add to list"))
        menu.addAction(_("Choose photo…"), self.choose_photo)
        menu.addAction(_("Remove photo"), lambda: self.set_photo(None))
        menu.addAction(_("Log an activity…"), self.log_activity)
        menu.addAction(_("Record coverage…"), self.record_coverage)
        menu.addAction(_("Merge with another contact…"), lambda: self.person_id and self.merge_requested.emit(self.person_id))
        menu.addSeparator()
        menu.addAction(_("Delete contact"), self.delete)
        self.more.setMenu(menu)
        bar.addWidget(back)
        bar.addWidget(self.photo_label)
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.more)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self.problems = error_label()
        outer.addWidget(self.problems)

        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        form_host = QWidget()
        scroll.setWidget(form_host)
        form = QFormLayout(form_host)
        self.name = QLineEdit()
        self.name.setObjectName("person-name")
        self.name.setPlaceholderText("Dr. Siti Aminah, S.Pd., M.Si.")
        self.position = QLineEdit()
        self.organization = QLineEdit()
        self.organization.setObjectName("person-organization")
        self.organization.setPlaceholderText(_("Type to choose; a new name creates the organisation"))
        self._org_names = QStringListModel(self)
        completer = QCompleter(self._org_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.setCompleter(completer)
        self.beat = QLineEdit()
        self.channel = QComboBox()
        for key, label in contacts.CHANNELS.items():
            self.channel.addItem(_(label), key)
        self.phones = ChannelRows("phone")
        self.emails = ChannelRows("email")
        self.address = text_box()
        self.address.setMaximumHeight(60)
        self.notes = text_box()
        self.notes.setMaximumHeight(80)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("comma-separated, e.g. media, narasumber"))
        self.social = QLineEdit()
        self.social.setPlaceholderText("instagram: @nama, x: @nama")
        self.affiliations = AffiliationList(ctx.library)
        self.source = QLineEdit()
        self.consent = QCheckBox(_("Agreed to be contacted"))
        self.lists_label = QLabel()
        self.lists_label.setWordWrap(True)
        form.addRow(_("Full name with titles"), self.name)
        form.addRow(_("Position"), self.position)
        form.addRow(_("Organisation"), self.organization)
        form.addRow(_("Beat / desk"), self.beat)
        form.addRow(_("Preferred channel"), self.channel)
        form.addRow(_("Phones"), self.phones)
        form.addRow(_("E-mails"), self.emails)
        form.addRow(_("Affiliations"), self.affiliations)
        form.addRow(_("Social media"), self.social)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Notes"), self.notes)
        form.addRow(_("Tags"), self.tags)
        form.addRow(_("Source"), self.source)
        form.addRow("", self.consent)
        form.addRow(_("Lists"), self.lists_label)
        split.addWidget(scroll)

        history_box = QGroupBox(_("History"))
        hv = QVBoxLayout(history_box)
        self.history = HistoryList()
        hv.addWidget(self.history, 2)
        self.send_log = SendLogBox(ctx)
        hv.addWidget(self.send_log, 1)
        split.addWidget(history_box)
        split.setSizes([620, 480])

        self.name.textChanged.connect(self.validate)
        self.phones.changed.connect(self.validate)
        self.emails.changed.connect(self.validate)

    # -- loading -------------------------------------------------------------------

    def _fill_orgs(self) -> None:
        self._org_names.setStringList([n for _i, n in contacts.org_choices(self.ctx.library, limit=20000)])

    def new(self, organization: str = "") -> None:
        self.person_id = None
        self._fill_orgs()
        self.heading.setText("<h3>{}</h3>".format(_("New contact")))
        for w in (self.name, self.position, self.organization, self.beat, self.tags, self.source):
            w.clear()
        self.organization.setText(organization)
        self.channel.setCurrentIndex(0)
        self.address.clear()
        self.notes.clear()
        self.consent.setChecked(False)
        self.phones.clear()
        self.emails.clear()
        self.phones.add_row()
        self.emails.add_row()
        self.lists_label.setText("")
        self.social.clear()
        self.affiliations.set_items([])
        self.history.set_entries([])
        self.send_log.clear()
        self.set_photo(None)
        self._fill_list_menu()
        self.validate()
        self.name.setFocus()

    def load(self, person_id: int) -> None:
        detail = contacts.get_person(self.ctx.library, person_id)
        self.person_id = person_id
        self._fill_orgs()
        d = detail.data
        self.heading.setText(f"<h3>{_escape(d.full_name)}</h3>")
        self.name.setText(d.full_name)
        self.position.setText(d.position)
        self.organization.setText(detail.organization)
        self.beat.setText(d.beat)
        self.channel.setCurrentIndex(max(0, self.channel.findData(d.preferred_channel)))
        self.phones.set_phones(d.phones)
        self.emails.set_emails(d.emails)
        self.address.setPlainText(d.address)
        self.notes.setPlainText(d.notes)
        self.tags.setText(", ".join(d.tags))
        self.source.setText(d.source)
        self.social.setText(social_text(d.social))
        self.affiliations.set_items(d.affiliations)
        self.consent.setChecked(d.consent)
        self.lists_label.setText(", ".join(name for _i, name in detail.lists) or _("(none)"))
        self.history.set_entries(detail.history)
        self.send_log.show_for(person_id=person_id)
        self.set_photo(d.photo)
        self._fill_list_menu()
        self.validate()

    def _fill_list_menu(self) -> None:
        self.add_list_menu.clear()
        for lid, name, is_filter, _count in contacts.lists(self.ctx.library):
            if not is_filter:
                self.add_list_menu.addAction(name, lambda lid=lid: self.add_to_list(lid))
        self.add_list_menu.setEnabled(self.person_id is not None and not self.add_list_menu.isEmpty())

    # -- validation and saving ---------------------------------------------------------

    def validate(self) -> list[str]:
        problems = []
        if not self.name.text().strip():
            problems.append(_("A contact needs a name."))
        problems += self.phones.problems() + self.emails.problems()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        return problems

    def collect(self) -> contacts.PersonInput:
        return contacts.PersonInput(
            full_name=self.name.text(),
            position=self.position.text(),
            organization_name=self.organization.text().strip(),
            beat=self.beat.text(),
            preferred_channel=self.channel.currentData() or "",
            address=self.address.toPlainText(),
            notes=self.notes.toPlainText(),
            tags=tags_from(self.tags.text()),
            source=self.source.text(),
            consent=self.consent.isChecked(),
            phones=self.phones.phones(),
            emails=self.emails.emails(),
            social=social_from(self.social.text()),
            photo=self._photo,
            affiliations=list(self.affiliations.items),
        )

    def save(self) -> bool:
        if self.validate():
            return False
        try:
            data = self.collect()
            if self.person_id is None:
                self.person_id = contacts.create_person(self.ctx.library, data)
            else:
                contacts.update_person(self.ctx.library, self.person_id, data)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return False
        self.load(self.person_id)
        self.saved.emit(self.person_id)
        return True

    # -- actions -----------------------------------------------------------------------

    def set_photo(self, data: bytes | None) -> None:
        """Show (and keep for Save) a photo, or none."""
        from PySide6.QtGui import QPixmap

        self._photo = data or None
        pixmap = QPixmap()
        if data:
            pixmap.loadFromData(data)
        if pixmap.isNull():
            self.photo_label.clear()
            self.photo_label.setVisible(False)
            return
        self.photo_label.setPixmap(pixmap.scaled(56, 56, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        self.photo_label.setVisible(True)

    def choose_photo(self) -> None:
        path = file_dialogs.open_file(self.ctx.settings, self, "contact-photo", _("Choose photo…"),
                                      _("Pictures (*.jpg *.jpeg *.png *.gif *.webp)"))
        if not path:
            return
        try:
            with open(path, "rb") as fh:
                self.set_photo(contacts.check_photo(fh.read(contacts.MAX_PHOTO_BYTES + 1)))
        except (WartaError, OSError) as exc:
            self.ctx.show_error(self, exc)

    def add_to_list(self, list_id: int) -> None:
        if self.person_id is None:
            return
        try:
            contacts.add_to_list(self.ctx.library, list_id, [self.person_id])
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.load(self.person_id)

    def log_activity(self) -> None:
        if self.person_id is None:
            return
        dialog = ActivityDialog(self)
        if dialog.exec():
            kind, date, title, notes = dialog.values()
            detail = contacts.get_person(self.ctx.library, self.person_id)
            orgs = [detail.data.organization_id] if detail.data.organization_id else []
            try:
                contacts.add_collaboration(self.ctx.library, kind, date, title, notes=notes,
                                        person_ids=[self.person_id], org_ids=orgs)
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.load(self.person_id)

    def record_coverage(self) -> None:
        if self.person_id is None:
            return
        detail = contacts.get_person(self.ctx.library, self.person_id)
        dialog = CoverageDialog(self.ctx.library, self, detail.data.organization_id)
        if dialog.exec() and dialog.outlet.currentData() is not None:
            try:
                contacts.add_coverage(self.ctx.library, dialog.outlet.currentData(), dialog.date.date().toPython(),
                                   dialog.headline.text(), url=dialog.url.text(), person_id=self.person_id,
                                   article_id=dialog.article.currentData())
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.load(self.person_id)

    def delete(self) -> None:
        if self.person_id is None:
            return
        answer = QMessageBox.question(
            self, _("Delete contact"),
            _("Delete {name}? Their phones, e-mails and list memberships are deleted too.").format(
                name=self.name.text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            contacts.delete_people(self.ctx.library, [self.person_id])
            self.person_id = None
            self.back.emit()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
