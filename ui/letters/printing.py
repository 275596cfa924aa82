"""Printing a PDF's pages on a QPrinter, each page drawn as the printer's resolution needs.

QtPdf renders pages as images; they are drawn on the whole sheet (the letters keep their
own margins), one page at a time so a long letter never holds every page in memory.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

# Above this, a page image of US Letter passes 30 MB; text prints sharply at 300 dpi.
MAX_RENDER_DPI = 300
_POINTS_PER_INCH = 72


class PrintFailedError(Exception):
    """The printer could not be started or the letter could not be read for printing."""


def new_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def _page_size(points: QSizeF) -> QPageSize:
    return QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def fit_printer_to(printer: QPrinter, page_points: QSizeF) -> None:
    """Paper of the letter's own size (Letter or A4), portrait, the whole sheet usable."""
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            _page_size(page_points),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )


def first_page_size(pdf: bytes) -> QSizeF | None:
    document, buffer = _open(pdf)
    try:
        return document.pagePointSize(0) if document.pageCount() else None
    finally:
        document.close()
        buffer.close()


def _open(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() is not QPdfDocument.Status.Ready or document.pageCount() == 0:
        buffer.close()
        raise PrintFailedError("The letter could not be read for printing.")
    return document, buffer


def print_documents(printer: QPrinter, documents: list[bytes]) -> int:
    """Print every page of each PDF in order, as one print job; the pages printed."""
    opened = [_open(pdf) for pdf in documents]
    try:
        fit_printer_to(printer, opened[0][0].pagePointSize(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailedError(
                "The printer could not be started. Check that it is switched on and "
                "connected, then print again."
            )
        pages = 0
        try:
            for document, _buffer in opened:
                for page in range(document.pageCount()):
                    if pages and not printer.newPage():
                        raise PrintFailedError("The printer stopped before the last page.")
                    _draw_page(printer, painter, document, page)
                    pages += 1
        finally:
            painter.end()
        return pages
    finally:
        for document, buffer in opened:
            document.close()
            buffer.close()


def _draw_page(printer: QPrinter, painter: QPainter, document: QPdfDocument, page: int) -> None:
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    pixels = QSize(
        round(points.width() * dpi / _POINTS_PER_INCH),
        round(points.height() * dpi / _POINTS_PER_INCH),
    )
    image = document.render(page, pixels)
    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
    painter.drawImage(QRectF(0, 0, sheet.width(), sheet.height()), image)


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    return print_documents(printer, [pdf])
