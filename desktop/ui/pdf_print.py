"""Printing a PDF Warta typeset (a press kit, one release) through Qt's print dialog.

The printer gets the PDF's own pages, rendered by QtPdf at up to 300 dpi, so
what comes out of the printer is what was previewed and saved: one
typesetting (``desktop.kits.render``), never a second layout for paper.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.i18n import _


def load_pdf(data: bytes, parent: QObject):  # noqa: ANN201 - QPdfDocument
    """A QPdfDocument holding ``data``; the buffer it reads lives as long as ``parent``."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def paper_of(document) -> str:  # noqa: ANN001
    """``a4``, ``f4`` or ``letter``: the paper of ``document``'s first page (a release follows the style pack's kop)."""
    size = document.pagePointSize(0)
    if size.height() > 900:  # F4 is 935 pt tall, A4 842
        return "f4"
    return "letter" if abs(size.width() - 612) < 2 else "a4"


def print_document(parent: QWidget, document, *, title: str, paper: str | None = None) -> int:  # noqa: ANN001
    """The system print dialog for ``document`` (a ready QPdfDocument), then its pages onto the printer.

    ``paper`` defaults to the document's own. Returns how many pages were printed (0 when the user cancelled).
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    paper = paper or paper_of(document)
    if paper == "letter":
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    else:
        size = QSizeF(215, 330) if paper == "f4" else QSizeF(210, 297)
        printer.setPageSize(QPageSize(size, QPageSize.Unit.Millimeter, "F4" if paper == "f4" else "A4"))
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return print_pages(parent, document, printer)


def print_pages(parent: QWidget, document, printer) -> int:  # noqa: ANN001
    """Paint the chosen pages of ``document`` onto ``printer`` at up to 300 dpi; returns how many were printed."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        first, last = 1, count
    last = min(last, count)
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, _("Print"), _("The printer could not be started."))
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), 300)
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            page = document.pagePointSize(number - 1)
            image = document.render(number - 1, QSize(int(page.width() / 72 * dpi), int(page.height() / 72 * dpi)))
            area = painter.viewport()
            scaled = QSize(image.width(), image.height()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), scaled.width(), scaled.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed
