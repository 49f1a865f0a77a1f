"""Settings → Template & kop: the office's own standard (what its style pack carries to member offices).

The lead and body each kind of new article starts from, and the letterhead
(kop) rules: paper of releases and approval sheets, the name in capitals,
the double rule, the address and contact line. Saved with the Settings
dialog's Save button in one ``exchange.save_standard()`` call; only an Admin
changes them (the others see them). A style pack imported later replaces
them, as it replaces the glossary.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.widgets import text_box

KOP_CHECKS = ("name_in_capitals", "double_rule", "contact_line")


class StandardPage(QWidget):
    """The Template & kop tab of the Settings dialog."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        from desktop.articles import api as articles
        from desktop.exchange import api as exchange

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("standard-page")
        self.editable = ctx.role == "admin"  # exchange.save_standard refuses anyone else
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "New articles of each kind start from this lead and body, and every release, approval sheet and "
            "press kit carries this letterhead. The office's style pack (Exchange) carries both to member "
            "offices; a style pack imported later replaces them."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        box = QGroupBox(_("Template of a kind"))
        form = QFormLayout(box)
        self.kind = QComboBox()
        self.kind.setObjectName("standard-kind")
        for kind in articles.KINDS:
            self.kind.addItem(articles.kind_label(kind), kind)
        form.addRow(_("Kind"), self.kind)
        self.lead = text_box()
        self.lead.setObjectName("standard-lead")
        self.lead.setFixedHeight(70)
        form.addRow(_("Lead"), self.lead)
        self.body = text_box()
        self.body.setObjectName("standard-body")
        self.body.setMinimumHeight(120)
        form.addRow(_("Body"), self.body)
        row = QHBoxLayout()
        self.source = QLabel()
        self.source.setObjectName("standard-source")
        row.addWidget(self.source, 1)
        self.reset_button = QPushButton(_("Restore built-in"))
        self.reset_button.setObjectName("standard-reset")
        self.reset_button.setToolTip(_("Put Warta's own lead and body of this kind back (saved with Save)."))
        self.reset_button.clicked.connect(self.restore_builtin)
        row.addWidget(self.reset_button)
        form.addRow(row)
        layout.addWidget(box, 1)

        kop_box = QGroupBox(_("Letterhead (kop)"))
        kop_form = QFormLayout(kop_box)
        self.paper = QComboBox()
        self.paper.setObjectName("standard-paper")
        for paper in exchange.KOP_PAPERS:
            self.paper.addItem(exchange.paper_label(paper), paper)
        kop_form.addRow(_("Paper of releases and approval sheets"), self.paper)
        labels = {"name_in_capitals": _("The office name in capitals"),
                  "double_rule": _("A thick-and-thin double rule under the kop (else a single rule)"),
                  "contact_line": _("The address and contact line under the name")}
        self.checks: dict[str, QCheckBox] = {}
        for name in KOP_CHECKS:
            check = QCheckBox(labels[name])
            check.setObjectName(f"standard-{name.replace('_', '-')}")
            self.checks[name] = check
            kop_form.addRow("", check)
        kop_form.addRow("", QLabel(_("A press kit keeps the paper chosen in it.")))
        layout.addWidget(kop_box)
        if not self.editable:
            layout.addWidget(QLabel(_("Only an Admin can change the templates and the letterhead (kop).")))
            for widget in (self.reset_button, self.paper, *self.checks.values()):
                widget.setEnabled(False)
            self.lead.setReadOnly(True)
            self.body.setReadOnly(True)

        self._shown = ""
        self.reload()
        self.kind.currentIndexChanged.connect(self._show_kind)

    @staticmethod
    def title() -> str:
        return _("Template & kop")

    # -- what is saved <-> the editors --------------------------------------------------

    def reload(self) -> None:
        """Read the office's standard as it is stored (after opening or saving)."""
        from desktop.articles import api as articles
        from desktop.exchange import api as exchange

        lib = self.ctx.library
        self.builtin = {kind: exchange.builtin_template(kind) for kind in articles.KINDS}
        self.saved = {kind: {**self.builtin[kind], **(exchange.template_for(lib, kind) or {})}
                      for kind in articles.KINDS}
        self.work = {kind: dict(value) for kind, value in self.saved.items()}
        self.saved_kop = exchange.kop_rules(lib)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self.saved_kop["paper"])))
        for name, check in self.checks.items():
            check.setChecked(self.saved_kop[name])
        self._shown = ""
        self._show_kind()

    def _keep_shown(self) -> None:
        if self._shown:
            self.work[self._shown] = {"lead": self.lead.toPlainText(), "body": self.body.toPlainText()}

    def _show_kind(self, *_args) -> None:  # noqa: ANN002
        self._keep_shown()
        kind = self.kind.currentData()
        self._shown = kind
        self.lead.setPlainText(self.work[kind]["lead"])
        self.body.setPlainText(self.work[kind]["body"])
        self._show_source()

    def _show_source(self) -> None:
        builtin = self.work[self._shown] == self.builtin[self._shown]
        self.source.setText(_("Warta's built-in template") if builtin else _("This office's own template"))

    def restore_builtin(self) -> None:
        self.lead.setPlainText(self.builtin[self._shown]["lead"])
        self.body.setPlainText(self.builtin[self._shown]["body"])
        self._keep_shown()
        self._show_source()

    def kop(self) -> dict:
        return {"paper": self.paper.currentData(), **{n: c.isChecked() for n, c in self.checks.items()}}

    def apply(self) -> None:
        """Save what changed (Settings → Save) in one call; a :class:`WartaError` keeps the dialog open."""
        if not self.editable:
            return
        from desktop.exchange import api as exchange

        self._keep_shown()
        templates = {kind: (None if value == self.builtin[kind] else value)
                     for kind, value in self.work.items() if value != self.saved[kind]}
        kop = self.kop() if self.kop() != self.saved_kop else None
        if not templates and kop is None:
            return
        exchange.save_standard(self.ctx.library, templates=templates or None, kop=kop)
        self.reload()
