"""Pieces shared by the person and organisation pages: channel rows checked as you type, history, log dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.contacts.api import Email, Phone
from desktop.i18n import _
from desktop.ui.widgets import OptionalDate, date_edit, text_box

INVALID_STYLE = "QLineEdit { border: 1px solid #c0392b; background: #fdecea; }"
UNVERIFIED_FIELD_STYLE = "QLineEdit { border: 1px solid #b9770e; background: #fef5e7; }"
UNVERIFIED_STYLE = "QLabel { color: #9a6400; font-style: italic; }"


class _ChannelRow(QWidget):
    changed = Signal()
    removed = Signal(object)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(1)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(layout)
        self.value = QLineEdit()
        self.value.setObjectName(f"{kind}-value")
        self.value.setPlaceholderText("0812-3456-7890" if kind == "phone" else "nama@contoh.go.id")
        # Wide enough for "0812-3456-7890" or a typical address, so the
        # start of a number is never scrolled out of sight.
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("+62 8123-4567-8901") + 16)
        self.label = QLineEdit()
        self.label.setPlaceholderText(_("Label"))
        self.label.setMaximumWidth(90)
        self.whatsapp = QCheckBox(_("WhatsApp"))
        self.public = QCheckBox(_("Public"))
        self.public.setToolTip(_("Only public numbers and addresses may be printed in a press kit."))
        # A phone that is not a valid number is kept as typed: said next to it, never refused.
        self.unverified = QLabel(_("not verified"))
        self.unverified.setObjectName(f"{kind}-unverified")
        self.unverified.setStyleSheet(UNVERIFIED_STYLE)
        self.unverified.hide()
        remove = QPushButton("✕")
        remove.setToolTip(_("Remove"))
        remove.setFixedWidth(28)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.label)
        if kind == "phone":
            layout.addWidget(self.whatsapp)
        else:
            self.whatsapp.hide()
        layout.addWidget(self.public)
        layout.addWidget(remove)
        rows.addWidget(self.unverified)  # under the number, so the row keeps its width
        self.value.textChanged.connect(self._check)
        for w in (self.label,):
            w.textChanged.connect(self.changed)
        self.whatsapp.toggled.connect(self.changed)
        self.public.toggled.connect(self.changed)
        remove.clicked.connect(lambda: self.removed.emit(self))
        self.problem: str | None = None

    def _check(self) -> None:
        text = self.value.text().strip()
        if not text:
            self.problem = None
        elif self.kind == "phone":
            self.problem = contacts.phone_problem(text)
        else:
            self.problem = contacts.email_problem(text)
        note = None
        if self.problem and self.kind == "phone" and any(c.isdigit() for c in text):
            note, self.problem = contacts.phone_unverified(text), None
        self.unverified.setVisible(note is not None)
        self.value.setStyleSheet(INVALID_STYLE if self.problem else (UNVERIFIED_FIELD_STYLE if note else ""))
        self.value.setToolTip(self.problem or note or "")
        self.changed.emit()


class ChannelRows(QWidget):
    """Phones or e-mails, each validated on every keystroke (invalid ones shown in red with the reason)."""

    changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.rows: list[_ChannelRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.box = QVBoxLayout()
        outer.addLayout(self.box)
        add = QPushButton(_("Add phone") if kind == "phone" else _("Add e-mail"))
        add.setObjectName(f"{kind}-add")
        add.clicked.connect(lambda: self.add_row())
        outer.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, value: str = "", label: str = "", whatsapp: bool = False, public: bool = False) -> _ChannelRow:
        row = _ChannelRow(self.kind, self)
        row.value.setText(value)
        row.label.setText(label)
        row.whatsapp.setChecked(whatsapp)
        row.public.setChecked(public)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self.box.addWidget(row)
        self.changed.emit()
        return row

    def _remove(self, row: _ChannelRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def clear(self) -> None:
        for row in list(self.rows):
            self._remove(row)

    def set_phones(self, phones: list[Phone]) -> None:
        self.clear()
        from desktop.contacts.api import format_phone

        for p in phones:
            self.add_row(format_phone(p.number), p.label, p.whatsapp, p.public)

    def set_emails(self, emails: list[Email]) -> None:
        self.clear()
        for e in emails:
            self.add_row(e.address, e.label, False, e.public)

    def problems(self) -> list[str]:
        return [r.problem for r in self.rows if r.problem]

    def phones(self) -> list[Phone]:
        return [Phone(number=r.value.text().strip(), label=r.label.text().strip(), whatsapp=r.whatsapp.isChecked(),
                      public=r.public.isChecked()) for r in self.rows if r.value.text().strip()]

    def emails(self) -> list[Email]:
        return [Email(address=r.value.text().strip(), label=r.label.text().strip(), public=r.public.isChecked())
                for r in self.rows if r.value.text().strip()]


def tags_from(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class HistoryList(QTreeWidget):
    """A person's or organisation's full history: collaboration log and coverage, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contact-history")
        self.setRootIsDecorated(False)
        self.setHeaderLabels([_("Date"), _("Kind"), _("What"), _("Who")])
        self.setColumnWidth(0, 90)
        self.setColumnWidth(1, 110)
        self.setColumnWidth(2, 320)

    def set_entries(self, entries: list[contacts.HistoryEntry]) -> None:
        self.clear()
        for e in entries:
            what = e.title + (f" — {e.url}" if e.url else "")
            who = ", ".join(e.people + e.organizations)
            item = QTreeWidgetItem([e.date.strftime("%d/%m/%Y"), contacts.collaboration_label(e.kind), what, who])
            item.setToolTip(2, (e.notes or what))
            self.addTopLevelItem(item)


class ActivityDialog(QDialog):
    """Log a collaboration activity (meeting, MoU, visit …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Log an activity"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key, label in contacts.COLLABORATION_KINDS.items():
            self.kind.addItem(_(label), key)
        self.date = date_edit()
        self.title_edit = QLineEdit()
        self.notes = text_box()
        self.notes.setMaximumHeight(90)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, dt.date, str, str]:
        return (self.kind.currentData(), self.date.date().toPython(), self.title_edit.text(),  # type: ignore[return-value]
                self.notes.toPlainText())


class CoverageDialog(QDialog):
    """Record coverage (*liputan*): which outlet published which story, when, where."""

    def __init__(self, library, parent: QWidget | None = None, outlet_id: int | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(_("Record coverage"))
        form = QFormLayout(self)
        self.outlet = QComboBox()
        for oid, name in contacts.org_choices(library, limit=5000):
            self.outlet.addItem(name, oid)
        if outlet_id is not None:
            self.outlet.setCurrentIndex(max(0, self.outlet.findData(outlet_id)))
        self.date = date_edit()
        self.headline = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText(_("URL, or page for print (hlm. 5)"))
        # Which of our releases the outlet covered: approved or published
        # articles, newest first (what coverage is usually about).
        from desktop.articles import api as articles

        self.article = QComboBox()
        self.article.setObjectName("coverage-article")
        self.article.addItem(_("(none of our articles)"), None)
        recent = articles.list_articles(
            library, articles.ListQuery(status="all", sort="updated_at", descending=True), limit=500
        )
        for row in recent:
            if row.status in ("approved", "published"):
                self.article.addItem(row.title, row.id)
        form.addRow(_("Outlet"), self.outlet)
        form.addRow(_("Our article"), self.article)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Headline"), self.headline)
        form.addRow(_("URL or page"), self.url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("validation-problems")
    label.setStyleSheet("color: #c0392b;")
    label.setWordWrap(True)
    return label


class AffiliationDialog(QDialog):
    """One affiliation: organisation (existing or new name), role, from–to."""

    def __init__(self, library, parent: QWidget | None = None) -> None:  # noqa: ANN001
        from PySide6.QtWidgets import QCompleter

        super().__init__(parent)
        self.setWindowTitle(_("Affiliation"))
        form = QFormLayout(self)
        self.organization = QLineEdit()
        completer = QCompleter([n for _i, n in contacts.org_choices(library, limit=20000)], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.setCompleter(completer)
        self.role = QLineEdit()
        self.date_from = OptionalDate()
        self.date_to = OptionalDate()
        form.addRow(_("Organisation"), self.organization)
        form.addRow(_("Role"), self.role)
        form.addRow(_("From"), self.date_from)
        form.addRow(_("Until"), self.date_to)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AffiliationList(QWidget):
    """A person's affiliations (several, each with role and from–to); the first current one is the main one."""

    def __init__(self, library, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.items: list[contacts.AffiliationInput] = []
        self.names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("person-affiliations")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Organisation"), _("Role"), _("From"), _("Until")])
        self.tree.setMaximumHeight(110)
        for col, width in enumerate((165, 125, 78)):
            self.tree.setColumnWidth(col, width)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        add = QPushButton(_("Add affiliation…"))
        add.clicked.connect(self.add)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove_current)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)

    def set_items(self, items: list[contacts.AffiliationInput]) -> None:
        self.items = list(items)
        self.names = contacts.org_names(self.library, [a.organization_id for a in items])
        self._show()

    def _show(self) -> None:
        self.tree.clear()
        for a in self.items:
            self.tree.addTopLevelItem(QTreeWidgetItem([
                self.names.get(a.organization_id, ""), a.role,
                a.date_from.strftime("%d/%m/%Y") if a.date_from else "",
                a.date_to.strftime("%d/%m/%Y") if a.date_to else "",
            ]))

    def add(self) -> None:
        dialog = AffiliationDialog(self.library, self)
        if not dialog.exec() or not dialog.organization.text().strip():
            return
        name = dialog.organization.text().strip()
        oid = contacts.find_org(self.library, name)
        if oid is None:
            oid = contacts.create_org(self.library, contacts.OrgInput(name=name))
        self.names.update(contacts.org_names(self.library, [oid]))
        self.items.append(contacts.AffiliationInput(organization_id=oid, role=dialog.role.text().strip(),
                                                 date_from=dialog.date_from.value(), date_to=dialog.date_to.value()))
        self._show()

    def remove_current(self) -> None:
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        if row >= 0:
            del self.items[row]
            self._show()


def social_text(social: dict[str, str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in social.items())


def social_from(text: str) -> dict[str, str]:
    """``"instagram: @budi, x: @budi_s"`` → ``{"instagram": "@budi", "x": "@budi_s"}``."""
    result: dict[str, str] = {}
    for part in text.split(","):
        network, sep, handle = part.partition(":")
        if sep and network.strip() and handle.strip():
            result[network.strip().lower()] = handle.strip()
    return result
