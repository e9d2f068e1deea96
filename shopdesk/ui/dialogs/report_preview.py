"""Print preview of a report's PDF: the pages as they will print, then Print… or Save as PDF….

The PDF ReportLab made is the one document: pages are rasterised with PDFium
(pypdfium2) at the printer's resolution and drawn onto Qt's printer, so the
preview, the paper and the saved file cannot differ.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.i18n import _
from shopdesk.ui.language import Retranslating

#: Pages are drawn at most this sharp: plenty for text on paper, small enough to stay quick.
MAX_DPI = 300
_PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class PdfPages:
    """The pages of a PDF, rendered on demand."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium
        self.data = data
        self._doc = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._doc)

    def size_points(self, index: int) -> QSizeF:
        """A page's size in points (1/72 inch)."""
        page = self._doc[index]
        try:
            width, height = page.get_size()
        finally:
            page.close()
        return QSizeF(width, height)

    def image(self, index: int, dpi: float) -> QImage:
        """Page ``index`` as an RGB image at ``dpi``."""
        page = self._doc[index]
        try:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            pil = bitmap.to_pil().convert("RGBA")
            bitmap.close()
        finally:
            page.close()
        # Copied into an image Qt owns (4 bytes a pixel: rows need no padding); an image over Python's
        # buffer would outlive it.
        image = QImage(pil.width, pil.height, QImage.Format.Format_RGBA8888)
        image.bits()[:] = pil.tobytes()
        return image

    def close(self) -> None:
        """Release PDFium's document."""
        self._doc.close()


def paint_pages(pages: PdfPages, printer: QPrinter) -> None:
    """Draw every page onto ``printer`` (the preview's or a real one), each filling its sheet."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for index in range(len(pages)):
            if index:
                printer.newPage()
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            target.moveTo(0, 0)
            painter.drawImage(target, pages.image(index, dpi))
    finally:
        painter.end()


class ReportPreviewDialog(Retranslating, QDialog):
    """The report's pages; Print… opens the system's print dialog, Save as PDF… keeps the file."""

    def __init__(self, data: bytes, paper: str, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_preview")
        self.pages = PdfPages(data)
        self.suggested_name = suggested_name
        self.page_size = QPageSize(_PAGE_SIZES[paper])
        # The widget's own printer: it lives exactly as long as the widget that draws on it.
        self.preview = QPrintPreviewWidget(self)
        self.preview.paintRequested.connect(self._paint)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
        self.pages_label = QLabel()
        self.print_button, self.save_button = QPushButton(), QPushButton()
        self.print_button.setObjectName("print")
        self.save_button.setObjectName("save_pdf")
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bar)
        self.resize(820, 980)
        self.retranslate_ui()

    def _paint(self, printer: QPrinter) -> None:
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setPageSize(self.page_size)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        paint_pages(self.pages, printer)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Print preview — {name}").format(name=self.suggested_name))
        count = len(self.pages)
        self.pages_label.setText(_("Pages: {count}").format(count=count))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def print_report(self) -> None:
        """Ask which printer, then print the pages."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setPageSize(self.page_size)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paint_pages(self.pages, printer)

    def save_pdf(self) -> None:
        """Save the report's PDF where the user says."""
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), self.suggested_name, "PDF (*.pdf)")
        if not path:
            return
        try:
            Path(path).write_bytes(self.pages.data)
        except OSError as exc:
            QMessageBox.warning(self, "ShopDesk", _("{path} cannot be written: {reason}").format(
                path=path, reason=exc.strerror or exc))

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)


def preview_report(owner: QWidget, session, make) -> None:
    """Build a report off the UI thread and open its print preview as ``owner.preview``.

    ``make(session, font, paper)`` returns (PDF bytes, suggested file name); it runs on a read-only
    connection of the worker's own, with the store's report font and paper.
    """
    from shopdesk.services.reports import print_settings
    from shopdesk.services.session import Session
    from shopdesk.ui.workers import run_task
    staff_id, username, store = session.staff_id, session.username, session.store

    def build(progress, cancel) -> tuple[bytes, str, str]:
        reader = store.read_only()
        try:
            worker_session = Session(reader, staff_id, username)
            font, paper = print_settings(worker_session)
            data, name = make(worker_session, font, paper)
        finally:
            reader.close()
        cancel.check()
        return data, paper, name

    def show(made: tuple[bytes, str, str]) -> None:
        data, paper, name = made
        owner.preview = ReportPreviewDialog(data, paper, name, owner)
        owner.preview.open()
    run_task(owner, _("Preparing the report…"), build, show)
