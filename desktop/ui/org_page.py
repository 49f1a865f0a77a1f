"""An organisation's page: details, partnership (MoU), its people and its full history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
from desktop.ui.contact_widgets import (
    INVALID_STYLE,
    ActivityDialog,
    CoverageDialog,
    HistoryList,
    error_label,
    social_from,
    social_text,
    tags_from,
)
from desktop.ui.distribution_dialog import SendLogBox
from desktop.ui.widgets import OptionalDate, text_box


class OrgPage(QWidget):
    back = Signal()
    saved = Signal(int)
    open_person = Signal(int)
    new_person = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.org_id: int | None = None
        self.setObjectName("org-page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        bar = QHBoxLayout()
        back = QPushButton(_("← List"))
        back.clicked.connect(self.back)
        self.heading = QLabel()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("org-save")
        self.save_button.clicked.connect(self.save)
        more = QPushButton(_("More"))
        menu = QMenu(more)
        menu.addAction(_("New contact here…"), lambda: self.new_person.emit(self.name.text()))
        menu.addAction(_("Log an activity…"), self.log_activity)
        menu.addAction(_("Record coverage…"), self.record_coverage)
        menu.addSeparator()
        menu.addAction(_("Delete organisation"), self.delete)
        more.setMenu(menu)
        bar.addWidget(back)
        bar.addWidget(self.heading, 1)
        bar.addWidget(more)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self.problems = error_label()
        outer.addWidget(self.problems)

        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        host = QWidget()
        scroll.setWidget(host)
        form = QFormLayout(host)
        self.name = QLineEdit()
        self.name.setObjectName("org-name")
        self.type = QComboBox()
        self.regency = QLineEdit()
        self.province = QLineEdit()
        self.address = text_box()
        self.address.setMaximumHeight(60)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.email.setObjectName("org-email")
        self.website = QLineEdit()
        self.social = QLineEdit()  # the same "network: handle, …" field as a person's
        self.social.setObjectName("org-social")
        self.social.setPlaceholderText("instagram: @nama, x: @nama")
        self.notes = text_box()
        self.notes.setMaximumHeight(70)
        self.tags = QLineEdit()
        self.mou_number = QLineEdit()
        self.mou_signed = OptionalDate()
        self.mou_expires = OptionalDate()
        self.mou_scope = text_box()
        self.mou_scope.setMaximumHeight(60)
        for label, widget in (
            (_("Name"), self.name), (_("Type"), self.type), (_("Regency / city"), self.regency),
            (_("Province"), self.province), (_("Address"), self.address), (_("Phone"), self.phone),
            (_("E-mail"), self.email), (_("Website"), self.website),
            (_("Social media"), self.social), (_("Notes"), self.notes), (_("Tags"), self.tags),
        ):
            form.addRow(label, widget)
        mou = QGroupBox(_("Partnership (MoU)"))
        mf = QFormLayout(mou)
        mf.addRow(_("MoU number"), self.mou_number)
        mf.addRow(_("Signed"), self.mou_signed)
        mf.addRow(_("Expires"), self.mou_expires)
        mf.addRow(_("Scope"), self.mou_scope)
        form.addRow(mou)
        split.addWidget(scroll)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        people_box = QGroupBox(_("People"))
        pv = QVBoxLayout(people_box)
        self.people = QListWidget()
        self.people.setObjectName("org-people")
        self.people.itemActivated.connect(lambda it: self.open_person.emit(int(it.data(Qt.ItemDataRole.UserRole))))
        self.people.itemDoubleClicked.connect(lambda it: self.open_person.emit(int(it.data(Qt.ItemDataRole.UserRole))))
        pv.addWidget(self.people)
        history_box = QGroupBox(_("History"))
        hv = QVBoxLayout(history_box)
        self.history = HistoryList()
        hv.addWidget(self.history)
        rv.addWidget(people_box, 1)
        rv.addWidget(history_box, 2)
        self.send_log = SendLogBox(ctx)
        rv.addWidget(self.send_log, 1)
        split.addWidget(right)
        split.setSizes([560, 520])
        for w in (self.name, self.phone, self.email):
            w.textChanged.connect(self.validate)
        self.mou_signed.changed.connect(self.validate)
        self.mou_expires.changed.connect(self.validate)

    def _fill_types(self, current: int | None) -> None:
        self.type.clear()
        self.type.addItem(_("(none)"), None)
        for tid, name in contacts.org_types(self.ctx.library):
            self.type.addItem(name, tid)
        self.type.setCurrentIndex(max(0, self.type.findData(current)))

    def new(self) -> None:
        self.org_id = None
        self.heading.setText("<h3>{}</h3>".format(_("New organisation")))
        self._fill(contacts.OrgInput(name=""), [], [])
        self.send_log.clear()

    def load(self, org_id: int) -> None:
        detail = contacts.get_org(self.ctx.library, org_id)
        self.org_id = org_id
        self.heading.setText("<h3>{}</h3>".format(detail.data.name.replace("<", "&lt;")))
        self._fill(detail.data, detail.people, detail.history)
        self.send_log.show_for(organization_id=org_id)

    def _fill(self, d: contacts.OrgInput, people: list, history: list) -> None:
        self._fill_types(d.type_id)
        self.name.setText(d.name)
        self.regency.setText(d.regency)
        self.province.setText(d.province)
        self.address.setPlainText(d.address)
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.website.setText(d.website)
        self.social.setText(social_text(d.social))
        self.notes.setPlainText(d.notes)
        self.tags.setText(", ".join(d.tags))
        self.mou_number.setText(d.mou_number)
        self.mou_signed.set_value(d.mou_signed)
        self.mou_expires.set_value(d.mou_expires)
        self.mou_scope.setPlainText(d.mou_scope)
        self.people.clear()
        for pid, name, role in people:
            item = QListWidgetItem(name + (f" — {role}" if role else ""))
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.people.addItem(item)
        self.history.set_entries(history)
        self.validate()

    def validate(self) -> list[str]:
        problems = []
        if not self.name.text().strip():
            problems.append(_("An organisation needs a name."))
        phone = contacts.phone_problem(self.phone.text()) if self.phone.text().strip() else None
        email = contacts.email_problem(self.email.text()) if self.email.text().strip() else None
        self.phone.setStyleSheet(INVALID_STYLE if phone else "")
        self.email.setStyleSheet(INVALID_STYLE if email else "")
        problems += [p for p in (phone, email) if p]
        signed, expires = self.mou_signed.value(), self.mou_expires.value()
        if signed and expires and expires < signed:
            problems.append(_("The MoU cannot expire before it was signed."))
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        return problems

    def collect(self) -> contacts.OrgInput:
        return contacts.OrgInput(
            name=self.name.text(), type_id=self.type.currentData(), regency=self.regency.text(),
            province=self.province.text(), address=self.address.toPlainText(), phone=self.phone.text(),
            email=self.email.text(), website=self.website.text(), social=social_from(self.social.text()),
            notes=self.notes.toPlainText(),
            tags=tags_from(self.tags.text()), mou_number=self.mou_number.text(),
            mou_signed=self.mou_signed.value(), mou_expires=self.mou_expires.value(),
            mou_scope=self.mou_scope.toPlainText(),
        )

    def save(self) -> bool:
        if self.validate():
            return False
        try:
            if self.org_id is None:
                self.org_id = contacts.create_org(self.ctx.library, self.collect())
            else:
                contacts.update_org(self.ctx.library, self.org_id, self.collect())
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return False
        self.load(self.org_id)
        self.saved.emit(self.org_id)
        return True

    def log_activity(self) -> None:
        if self.org_id is None:
            return
        dialog = ActivityDialog(self)
        if dialog.exec():
            kind, date, title, notes = dialog.values()
            try:
                contacts.add_collaboration(self.ctx.library, kind, date, title, notes=notes, org_ids=[self.org_id])
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.load(self.org_id)

    def record_coverage(self) -> None:
        if self.org_id is None:
            return
        dialog = CoverageDialog(self.ctx.library, self, self.org_id)
        if dialog.exec():
            try:
                contacts.add_coverage(self.ctx.library, dialog.outlet.currentData(), dialog.date.date().toPython(),
                                   dialog.headline.text(), url=dialog.url.text(),
                                   article_id=dialog.article.currentData())
            except WartaError as exc:
                self.ctx.show_error(self, exc)
            self.load(self.org_id)

    def delete(self) -> None:
        if self.org_id is None:
            return
        answer = QMessageBox.question(
            self, _("Delete organisation"),
            _("Delete {name}? Its people stay in Warta without this organisation.").format(name=self.name.text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            contacts.delete_org(self.ctx.library, self.org_id)
            self.org_id = None
            self.back.emit()
