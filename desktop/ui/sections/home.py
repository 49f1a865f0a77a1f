"""Beranda: counts and the cards each area contributes (drafts, approvals, expiring MoUs …)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop import numbers, overview, stats
from desktop.i18n import _
from desktop.ui.sections.base import Section

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
# Beranda counter -> the list it opens (section key, filters for Section.show_filtered).
COUNTER_TARGETS = {
    "articles": ("articles", {}),
    "contacts": ("contacts", {"kind": "people"}),
    "organizations": ("contacts", {"kind": "organizations"}),
    "photos": ("photos", {}),
    "kits": ("kits", {}),
    "claims": ("claims", {}),
}
# Counters shown only once their area holds something, opening their list like the ones above.
USED_COUNTER_TARGETS = {"information_requests": ("kip", {})}


class HomeSection(Section):
    key = "home"
    open_requested = Signal(str, int)

    @classmethod
    def title(cls) -> str:
        return _("Home")

    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(24, 20, 24, 20)
        self.greeting = QLabel()
        self.greeting.setTextFormat(Qt.TextFormat.RichText)
        self.greeting.setObjectName("home-greeting")
        self.layout_.addWidget(self.greeting)
        self.counts = QGridLayout()
        self.layout_.addLayout(self.counts)
        self.cards = QGridLayout()
        self.cards.setSpacing(16)
        self.layout_.addLayout(self.cards)
        self.layout_.addStretch(1)
        self.card_lists: list[QListWidget] = []
        self._generation = 0
        # The cards ask every area (articles, contacts, photos, kits, backups);
        # importing those modules costs a few hundred ms, so the first time
        # they are gathered on a worker and the window appears at once.
        self.refresh(cards_now=False)
        generation = self._generation
        self.loading = ctx.tasks.start(
            lambda _progress: overview.cards(ctx.library, ctx.staff_id),
            title=_("Home"),
            on_done=lambda cards: self._show_cards(cards) if generation == self._generation else None,
            show_progress=False,
        )

    def on_changed(self, tables: frozenset[str]) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def activate(self) -> None:
        if getattr(self, "_stale", False):
            self.refresh()

    def refresh(self, cards_now: bool = True) -> None:
        self._stale = False
        self._generation += 1
        from desktop import office

        profile = office.load(self.ctx.library)
        who = self.ctx.staff
        self.greeting.setText(
            # Names are user text: escaped, never read as markup.
            "<h2>{}</h2><p>{}</p>".format(
                html.escape(profile.name or _("Warta")),
                html.escape(_("Signed in as {name}").format(name=who.name)) if who else "",
            )
        )
        _clear(self.counts)
        labels = stats.labels()
        # The main lists always; the other areas' counts once they hold something (a kabupaten office
        # has no reports from member offices, an office new to KIP no requests yet).
        shown = [(key, value) for key, value in stats.counts(self.ctx.library).items()
                 if value or key in COUNTER_TARGETS]
        for col, (key, value) in enumerate(shown):
            box = _Counter(numbers.integer(value), labels[key])
            box.setObjectName(f"count-{key}")
            target = COUNTER_TARGETS.get(key) or USED_COUNTER_TARGETS.get(key)
            if target is not None:
                box.setToolTip(_("Open the list"))
                box.clicked.connect(lambda _c=False, t=target: self.show_list(*t))
            self.counts.addWidget(box, 0, col)
        if cards_now:
            self._show_cards(overview.cards(self.ctx.library, self.ctx.staff_id))

    def _show_cards(self, cards: list) -> None:
        _clear(self.cards)
        self.card_lists = []
        for i, card in enumerate(cards):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            if card.warning:
                # Scoped by name: QLabel is a QFrame too and must not get the border.
                frame.setObjectName("card-warning")
                frame.setStyleSheet("QFrame#card-warning { border: 1px solid #c0392b; border-radius: 4px; }")
            v = QVBoxLayout(frame)
            title = QLabel(f"<b>{html.escape(card.title)}</b>")
            title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            v.addWidget(title)
            if card.items:
                lst = QListWidget()
                lst.setFrameShape(QFrame.Shape.NoFrame)
                # Long titles end in "…" with the whole text as tooltip,
                # instead of a horizontal scroll bar in every card.
                lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                lst.setTextElideMode(Qt.TextElideMode.ElideRight)
                lst.setUniformItemSizes(True)
                for item in card.items:
                    row = QListWidgetItem(item.text)
                    row.setToolTip(item.text)
                    row.setData(ITEM_ROLE, (item.type, item.id))
                    lst.addItem(row)
                lst.setFixedHeight(min(200, lst.sizeHintForRow(0) * len(card.items) + 6))
                lst.itemActivated.connect(self._activated)
                lst.itemDoubleClicked.connect(self._activated)
                v.addWidget(lst)
                self.card_lists.append(lst)
                if card.dismiss is not None:
                    label, spec = card.dismiss
                    dismiss = QPushButton(_(label))
                    dismiss.setObjectName("card-dismiss")
                    dismiss.setToolTip(_("Select an entry first; it comes back when its date changes."))
                    dismiss.setEnabled(False)
                    lst.currentItemChanged.connect(lambda cur, _prev, b=dismiss: b.setEnabled(cur is not None))
                    dismiss.clicked.connect(lambda _c=False, l=lst, f=spec: self._dismiss(l, f))
                    v.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                empty = QLabel(card.empty_text or _("Nothing here yet."))
                empty.setTextFormat(Qt.TextFormat.PlainText)
                empty.setWordWrap(True)
                v.addWidget(empty)
            if card.more is not None:
                link = QPushButton(_("See all"))
                link.setObjectName("card-see-all")
                link.setFlat(True)
                link.setCursor(Qt.CursorShape.PointingHandCursor)
                link.setStyleSheet("QPushButton { color: palette(link); text-align: left; text-decoration: underline; }")
                link.clicked.connect(lambda _c=False, m=card.more: self.show_list(*m))
                v.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
            v.addStretch(1)
            self.cards.addWidget(frame, i // 2, i % 2)

    def show_list(self, key: str, filters: dict) -> None:
        window = self.ctx.main_window
        if window is not None:
            window.show_section(key).show_filtered(filters)

    def _dismiss(self, lst: QListWidget, spec: str) -> None:
        from desktop import areas
        from desktop.errors import WartaError

        item = lst.currentItem()
        if item is None:
            return
        _kind, ident = item.data(ITEM_ROLE)
        try:
            areas.load(spec)(self.ctx.library, int(ident))
        except WartaError as exc:
            self.ctx.show_error(self, exc)
            return
        self.refresh()

    def _activated(self, item: QListWidgetItem) -> None:
        kind, ident = item.data(ITEM_ROLE)
        if kind and ident is not None:
            self.open_requested.emit(kind, int(ident))


class _Counter(QPushButton):
    """A Beranda count ("300 Artikel") that opens its list when clicked."""

    def __init__(self, number: str, label: str) -> None:
        super().__init__()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # A button's size hint ignores the label inside it: every counter is tall enough for its number
        # and a name on two lines ("Permohonan informasi" wraps in a narrow box), so the row stays even.
        big = QFont(self.font())
        big.setPointSizeF(22)
        self.setMinimumHeight(max(70, QFontMetrics(big).lineSpacing() + 2 * QFontMetrics(self.font()).lineSpacing()
                                  + 12 + 6))
        self.setStyleSheet("QPushButton { border: 1px solid palette(mid); border-radius: 4px; background: palette(base); }"
                           "QPushButton:hover { border-color: #1f4e79; }")
        inner = QLabel(f"<div style='font-size:22pt;font-weight:600'>{html.escape(number)}</div>"
                       f"<div>{html.escape(label)}</div>")
        inner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.setWordWrap(True)  # "Permohonan informasi" in a narrow box: two lines, not cut off
        inner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(inner)
        self.label = inner
        self.setAccessibleName(f"{number} {label}")



def _clear(layout) -> None:  # noqa: ANN001
    while layout.count():
        child = layout.takeAt(0)
        if child.widget():
            child.widget().deleteLater()
