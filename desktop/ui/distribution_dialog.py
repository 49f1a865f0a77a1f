"""Kirim / Distribusi: send an approved release to a list by e-mail or WhatsApp, and see who got it.

Everything here calls ``desktop.distribution.api``; sending runs through
``ctx.tasks`` (progress and Cancel; what is not sent stays in the outbox).
:class:`SendLogBox` is the small "sent releases" list on a person's and an
organisation's page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.contacts import api as contacts
from desktop.distribution import api as distribution
from desktop.errors import WartaError
from desktop.i18n import N_, _
from desktop.ui import file_dialogs
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.widgets import fit_to_screen


class SendLogModel(PagedTableModel):
    """A send log (a person's, an organisation's or a release's), newest first, paged from SQL."""

    columns = [("shown", lambda: _("Sent")), ("channel", lambda: _("Channel")), ("title", lambda: _("Release")),
               ("name", lambda: _("Recipient")), ("organization", lambda: _("Organisation"))]

    def __init__(self, library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.who: dict[str, int] = {}

    def show_for(self, **who: int) -> None:
        self.who = who
        self.refresh()

    def count(self) -> int:
        return distribution.count_entries(self.library, **self.who) if self.who else 0

    def fetch_page(self, offset: int, limit: int) -> list:
        return distribution.entries(self.library, offset=offset, limit=limit, **self.who) if self.who else []

    def apply_sort(self, key: str, descending: bool) -> None:  # newest first is the one order a log needs
        pass

    def display(self, item: Any, key: str) -> str:
        if key == "channel":
            return distribution.channel_label(item.channel)
        return super().display(item, key)


def _log_view(model: SendLogModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    view.setColumnWidth(0, 125)
    view.setColumnWidth(1, 90)
    return view


class SendLogBox(QGroupBox):
    """"Releases sent": the small send-log section of a person's or an organisation's page."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(_("Releases sent"), parent)
        self.setObjectName("send-log")
        self.model = SendLogModel(ctx.library, self)
        layout = QVBoxLayout(self)
        self.view = _log_view(self.model)
        self.view.setObjectName("send-log-view")
        layout.addWidget(self.view)

    def show_for(self, **who: int) -> None:
        self.model.show_for(**who)

    def clear(self) -> None:
        self.model.show_for()


_PREVIEW_COLUMNS = (N_("Recipient"), N_("Organisation"), N_("Address"), N_("Status"))


class DistributionDialog(QDialog):
    """Choose a list, see who is reached and who is skipped, then write .eml, send by SMTP or open WhatsApp."""

    def __init__(self, ctx, *, article_id: int | None = None, kit_id: int | None = None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.which = {"article_id": article_id, "kit_id": kit_id}
        self.setObjectName("distribution-dialog")
        self.setWindowTitle(_("Send / Distribute"))
        fit_to_screen(self, 860, 600)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Distribution list")))
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("dist-list")
        for lid, name, _is_filter, _count in contacts.lists(ctx.library):
            self.list_combo.addItem(name, lid)
        top.addWidget(self.list_combo, 1)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._email_tab(), _("E-mail"))
        self.tabs.addTab(self._whatsapp_tab(), _("WhatsApp"))
        self.tabs.addTab(self._log_tab(), _("Distribution"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.preview())
        self.wa_batch: int | None = None
        self._filling = False
        self.preview()
        self.refresh_log()

    # -- e-mail ----------------------------------------------------------------------

    def _email_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.preview_model = QStandardItemModel(0, len(_PREVIEW_COLUMNS), self)
        self.preview_model.setHorizontalHeaderLabels([_(c) for c in _PREVIEW_COLUMNS])
        self.preview_view = QTableView()
        self.preview_view.setObjectName("dist-preview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.preview_view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("dist-summary")
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        row = QHBoxLayout()
        self.eml_button = QPushButton(_("Write .eml files…"))
        self.eml_button.setObjectName("dist-eml")
        self.eml_button.setToolTip(_("One file per recipient, to open and send in the office's mail program"))
        self.eml_button.clicked.connect(self.write_eml)
        self.smtp_button = QPushButton(_("Send via SMTP"))
        self.smtp_button.setObjectName("dist-smtp")
        self.smtp_button.clicked.connect(self.send_smtp)
        row.addWidget(self.eml_button)
        row.addWidget(self.smtp_button)
        row.addStretch(1)
        v.addLayout(row)
        self.result_label = QLabel()
        self.result_label.setObjectName("dist-result")
        self.result_label.setWordWrap(True)
        v.addWidget(self.result_label)
        return page

    def list_id(self) -> int | None:
        return self.list_combo.currentData()

    def preview(self) -> None:
        self.preview_model.removeRows(0, self.preview_model.rowCount())
        list_id = self.list_id()
        if list_id is None:
            self.summary.setText(_("Make a distribution list in Contacts first."))
            return
        try:
            found = distribution.preview(self.ctx.library, "email", list_id, **self.which)
        except WartaError as exc:
            self.summary.setText(str(exc))
            return
        for r in found:
            status = r.skip or _("will be sent")
            self.preview_model.appendRow([QStandardItem(x) for x in (r.name, r.organization, r.address, status)])
        reached = sum(1 for r in found if not r.skip)
        self.summary.setText(_("{reached} of {total} will get the e-mail; {skipped} skipped (reasons above).").format(
            reached=reached, total=len(found), skipped=len(found) - reached))

    def _queue(self, mode: str, sender: str):  # noqa: ANN202 - a function for ctx.tasks
        list_id = self.list_id()
        library = self.ctx.library
        which = dict(self.which)

        def job(progress):  # noqa: ANN001, ANN202
            return distribution.queue_email(library, list_id, mode=mode, sender=sender, progress=progress, **which)

        return job

    def write_eml(self) -> None:
        if self.list_id() is None:
            return
        folder = file_dialogs.folder(self.ctx.settings, self, "export", _("Folder for the .eml files"))
        if not folder:
            return
        library = self.ctx.library
        queue = self._queue("eml", distribution.load_config(self.ctx.settings).sender)

        def job(progress):  # noqa: ANN001, ANN202
            queued = queue(progress)
            return queued, distribution.write_eml(library, queued.batch_id, folder, progress)

        self.ctx.tasks.start(job, title=_("Writing the e-mails…"), on_done=self._done, parent=self)

    def send_smtp(self) -> None:
        if self.list_id() is None:
            return
        config = distribution.load_config(self.ctx.settings)
        try:
            config.check()
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        password = distribution.password_for(config)
        library = self.ctx.library
        queue = self._queue("smtp", config.sender)

        def job(progress):  # noqa: ANN001, ANN202
            queued = queue(progress)
            # The whole outbox: what an earlier, cancelled send left is sent too.
            return queued, distribution.send_pending(library, config, password, progress)

        self.ctx.tasks.start(job, title=_("Sending the e-mails…"), on_done=self._done,
                             on_error=self._failed, parent=self)

    def _done(self, result) -> None:  # noqa: ANN001 - (Queued, SendResult)
        queued, sent = result
        lines = []
        if sent.written:
            lines.append(_("{count} .eml file(s) written.").format(count=len(sent.written)))
        if sent.sent or not sent.written:
            lines.append(_("{count} e-mail(s) sent.").format(count=len(sent.sent)))
        if sent.remaining:
            lines.append(_("{count} left in the outbox (cancelled); they are sent next time.").format(count=sent.remaining))
        lines += [_("failed: {address}: {error}").format(**f) for f in sent.failed]
        if sent.uncertain:
            lines.append(_("Not sent again, perhaps already delivered (the send was interrupted): {addresses}. "
                           "Check with the recipient, then: warta send outbox --retry-uncertain.").format(
                addresses=", ".join(sent.uncertain)))
        lines += [_("skipped: {name}: {reason}").format(name=s.name, reason=s.reason) for s in queued.skipped]
        lines += queued.notes
        self.result_label.setText("\n".join(lines))
        self.preview()
        self.refresh_log()

    def _failed(self, exc: BaseException) -> None:
        self.ctx.show_error(self, exc)
        self.preview()
        self.refresh_log()

    # -- WhatsApp --------------------------------------------------------------------

    def _whatsapp_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.wa_prepare = QPushButton(_("Prepare WhatsApp links"))
        self.wa_prepare.setObjectName("dist-wa-prepare")
        self.wa_prepare.clicked.connect(self.prepare_whatsapp)
        self.wa_open = QPushButton(_("Open in WhatsApp"))
        self.wa_open.setObjectName("dist-wa-open")
        self.wa_open.clicked.connect(self.open_whatsapp)
        row.addWidget(self.wa_prepare)
        row.addWidget(self.wa_open)
        row.addStretch(1)
        v.addLayout(row)
        self.wa_text = QPlainTextEdit()
        self.wa_text.setObjectName("dist-wa-text")
        self.wa_text.setReadOnly(True)
        self.wa_text.setMaximumHeight(140)
        v.addWidget(self.wa_text)
        self.wa_model = QStandardItemModel(0, 3, self)
        self.wa_model.setHorizontalHeaderLabels([_("Sent"), _("Recipient"), _("WhatsApp")])
        self.wa_view = QTableView()
        self.wa_view.setObjectName("dist-wa-list")
        self.wa_view.setModel(self.wa_model)
        self.wa_view.verticalHeader().setVisible(False)
        self.wa_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.wa_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.wa_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.wa_view.doubleClicked.connect(lambda _i: self.open_whatsapp())
        v.addWidget(self.wa_view, 1)
        self.wa_skipped = QLabel()
        self.wa_skipped.setObjectName("dist-wa-skipped")
        self.wa_skipped.setWordWrap(True)
        v.addWidget(self.wa_skipped)
        self.wa_model.itemChanged.connect(self._ticked)
        return page

    def prepare_whatsapp(self) -> None:
        if self.list_id() is None:
            return
        try:
            batch = distribution.prepare_whatsapp(self.ctx.library, self.list_id(), **self.which)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.wa_batch = batch.batch_id
        self._show_whatsapp(batch)

    def _show_whatsapp(self, batch: distribution.WhatsAppBatch) -> None:
        self.wa_text.setPlainText(batch.text)
        # Filling is not ticking; blocking the model's signals instead would leave the view empty.
        self._filling = True
        self.wa_model.removeRows(0, self.wa_model.rowCount())
        for r in batch.recipients:
            tick = QStandardItem()
            tick.setCheckable(True)
            tick.setCheckState(Qt.CheckState.Checked if r["sent"] else Qt.CheckState.Unchecked)
            tick.setData(r["message"], Qt.ItemDataRole.UserRole)
            name = QStandardItem(", ".join(x for x in (r["name"], r["organization"]) if x))
            number = QStandardItem(contacts.format_phone(r["number"]))
            number.setData(r["link"], Qt.ItemDataRole.UserRole)
            self.wa_model.appendRow([tick, name, number])
        self._filling = False
        self.wa_skipped.setText("\n".join(_("skipped: {name}: {reason}").format(name=s.name, reason=s.reason)
                                          for s in batch.skipped))

    def open_whatsapp(self) -> None:
        index = self.wa_view.currentIndex()
        if not index.isValid():
            return
        link = self.wa_model.item(index.row(), 2).data(Qt.ItemDataRole.UserRole)
        QDesktopServices.openUrl(QUrl(link))

    def _ticked(self, item: QStandardItem) -> None:
        if self._filling or item.column() != 0:
            return
        message = item.data(Qt.ItemDataRole.UserRole)
        try:
            distribution.mark_sent(self.ctx.library, [message], item.checkState() == Qt.CheckState.Checked)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.refresh_log()

    # -- the release's send log ------------------------------------------------------

    def _log_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.reach_label = QLabel()
        self.reach_label.setObjectName("dist-reach")
        self.reach_label.setWordWrap(True)
        v.addWidget(self.reach_label)
        self.log_model = SendLogModel(self.ctx.library, self)
        self.log_view = _log_view(self.log_model)
        self.log_view.setObjectName("dist-log")
        v.addWidget(self.log_view, 1)
        row = QHBoxLayout()
        handout = QPushButton(_("Record printed copy handed out…"))
        handout.setObjectName("dist-handout")
        handout.clicked.connect(self.record_handout)
        row.addWidget(handout)
        link = QPushButton(_("Link coverage to this send…"))
        link.setObjectName("dist-link-coverage")
        link.setToolTip(_("Choose the outlet's coverage entry that followed the selected send"))
        link.clicked.connect(self.link_coverage)
        row.addWidget(link)
        row.addStretch(1)
        v.addLayout(row)
        return page

    def link_coverage(self) -> None:
        index = self.log_view.currentIndex()
        entry = self.log_model.item(index.row()) if index.isValid() else None
        if entry is None or entry.organization_id is None:
            QMessageBox.information(self, _("Send / Distribute"), _("Select a send to an outlet in the list first."))
            return
        org = contacts.get_org(self.ctx.library, entry.organization_id)
        found = [e for e in org.history if e.kind == "coverage"]
        if not found:
            QMessageBox.information(self, _("Send / Distribute"), _(
                "No coverage of {outlet} is recorded yet; record it on the organisation's page first.").format(
                outlet=org.data.name))
            return
        labels = ["{date} — {title}".format(date=e.date.strftime("%d/%m/%Y"), title=e.title) for e in found]
        chosen, ok = QInputDialog.getItem(self, _("Link coverage"), _("Coverage by {outlet}:").format(
            outlet=org.data.name), labels, 0, False)
        if not ok:
            return
        try:
            distribution.link_coverage(self.ctx.library, found[labels.index(chosen)].id, entry.id)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.refresh_log()

    def refresh_log(self) -> None:
        who = {k: v for k, v in self.which.items() if v is not None}
        if "kit_id" in who:
            who = {"kit_id": who["kit_id"]}
        self.log_model.show_for(**who)
        article = self.which["article_id"]
        if article is None:
            self.reach_label.setText("")
            return
        r = distribution.reach(self.ctx.library, article)
        channels = ", ".join("{label}: {count}".format(label=distribution.channel_label(k), count=v)
                             for k, v in sorted(r.recipients.items())) or "-"
        self.reach_label.setText(_(
            "Reached {people} people ({channels}) at {outlets} outlets; {coverage} coverage items followed "
            "({linked} linked to a send).").format(people=r.people, channels=channels, outlets=len(r.outlets),
                                                   coverage=r.coverage, linked=r.coverage_linked))

    def record_handout(self) -> None:
        from desktop.ui.contact_picker import pick_contact

        picked = pick_contact(self.ctx.library, "", self)
        if picked is None:
            return
        try:
            distribution.record_handed_out(self.ctx.library, [picked[0]], **self.which)
        except WartaError as exc:
            self.ctx.show_error(self, exc)
        self.refresh_log()


def open_for_article(ctx, article_id: int, parent: QWidget | None = None) -> "DistributionDialog | None":  # noqa: ANN001
    """The dialog for an approved article; a plain sentence when it cannot be sent."""
    try:
        distribution.approved_doc(ctx.library, article_id)
    except WartaError as exc:
        QMessageBox.information(parent, _("Send / Distribute"), str(exc))
        return None
    dialog = DistributionDialog(ctx, article_id=article_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
