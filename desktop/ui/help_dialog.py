"""Bantuan → Panduan: the offline user guide, a page list beside the page (``desktop.help``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import help as guide
from desktop.i18n import _


class HelpDialog(QDialog):
    """Not modal: the guide stays open beside the window while the user follows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-dialog")
        self.setWindowTitle(_("Warta guide"))
        self.resize(980, 640)  # fits a 1366×768 laptop screen with the taskbar
        layout = QVBoxLayout(self)
        splitter = QSplitter()
        self.page_list = QListWidget()
        self.page_list.setObjectName("help-pages")
        # No horizontal scroll bar: the list is as wide as the longest title (below).
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.setSpacing(3)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help-text")
        self.browser.document().setDocumentMargin(14)
        self.browser.setOpenLinks(False)  # links between pages are followed here, the web by the system
        self.browser.anchorClicked.connect(self._follow)
        splitter.addWidget(self.page_list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        for page in guide.pages():
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.page_list.addItem(item)
        self.page_list.currentItemChanged.connect(self._show_item)
        widest = max((self.page_list.fontMetrics().horizontalAdvance(self.page_list.item(row).text())
                      for row in range(self.page_list.count())), default=200)
        splitter.setSizes([widest + 40, 980 - widest - 40])
        self.current_page = ""

    def show_page(self, key: str) -> None:
        """Select page ``key`` in the list (which shows it)."""
        for row in range(self.page_list.count()):
            if self.page_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.page_list.setCurrentRow(row)
                return

    def _show_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        self.current_page = item.data(Qt.ItemDataRole.UserRole)
        self.browser.setHtml(guide.html(self.current_page))

    def _follow(self, url: QUrl) -> None:
        page = guide.linked_page(url.toString())
        if page is not None:
            self.show_page(page)
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
