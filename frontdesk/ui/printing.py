"""Printing PDFs (DESIGN rule 6): the saved PDF is rendered with QtPdf and painted onto a QPrinter.

`print_pdf` sends a document to the printer configured for its kind, or, with no printer
configured, saves it under the documents folder and opens it in the system viewer. When the
printer is missing or fails, the PDF is saved first and `PrinterProblem` says where, so nothing
is lost. `print_pdf` may run on a background task: pages are rendered to QImages and painted with
QPainter, which Qt allows off the GUI thread; opening the saved file in the viewer is posted to
the GUI thread by `open_document`. `preview_pdf` shows the same painting in a preview dialog,
rendered at the screen's resolution (an A4 page at 600 dpi is 140 MB; the preview keeps every page).

Saved file names carry the document kind, a time stamp and a random suffix: never personal data.

Imports Qt, `frontdesk.config`, `frontdesk.domain.errors`, `ui.pdf_render` and `ui.tasks`;
nothing of services or the database.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMarginsF,
    QObject,
    QRect,
    QSizeF,
    Qt,
    QThread,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from frontdesk import config
from frontdesk.domain.errors import FrontdeskError, StorageProblem
from frontdesk.ui import pdf_render
from frontdesk.ui.tasks import error_display

logger = logging.getLogger(__name__)

MAX_DPI = 600
"""Pages are rendered at the printer's resolution up to this (A4 at 1200 dpi is over 500 MB)."""
MAX_PREVIEW_DPI = 288
"""A preview is rendered at the screen's resolution up to this (3x a 96 dpi screen)."""

_KIND = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def _tr(text: str, *args: object) -> str:
    """Translate in the "printing" context and fill Qt-style %1, %2 placeholders."""
    message = QCoreApplication.translate("printing", text)
    for number, value in reversed(list(enumerate(args, start=1))):
        message = message.replace(f"%{number}", str(value))
    return message


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to a document: printed, or saved (and where), with a sentence for the user."""

    printed: bool
    saved_path: Path | None
    message: str


class PrinterProblem(FrontdeskError):
    """The configured printer is missing or failed; the PDF was saved to `saved_path` to print again."""

    def __init__(self, message: str, *, saved_path: Path) -> None:
        super().__init__(message)
        self.saved_path = saved_path


def available_printers() -> list[str]:
    """Names of the printers the system knows, for the Settings screen."""
    return list(QPrinterInfo.availablePrinterNames())


def save_document(pdf_bytes: bytes, document_kind: str) -> Path:
    """Write the PDF under documents/<kind>/ with a name free of personal data; return its path."""
    if not _KIND.fullmatch(document_kind):
        raise ValueError(f"document kind must be a short lowercase slug, not {document_kind!r}")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder = config.documents_dir() / document_kind
        folder.mkdir(parents=True, exist_ok=True)
        while True:
            path = folder / f"{document_kind}-{stamp}-{secrets.token_hex(3)}.pdf"
            try:
                with path.open("xb") as file:  # never overwrite an earlier document
                    file.write(pdf_bytes)
                    file.flush()
                    os.fsync(file.fileno())
                return path
            except FileExistsError:
                continue
    except OSError as exc:
        logger.error("Cannot save a %s document", document_kind, exc_info=exc)
        raise StorageProblem(
            _tr(
                "The document could not be saved in the folder %1. "
                "Check that the disk is not full and that the folder can be written.",
                config.data_dir() / "documents",
            )
        ) from exc


class _Opener(QObject):
    """Lives in the GUI thread: QDesktopServices must not be called from a worker."""

    open_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.open_requested.connect(self._on_self_open_requested)

    @Slot(str)
    def _on_self_open_requested(self, path: str) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            logger.warning("No viewer opened the saved document %s", path)


_opener: _Opener | None = None
_opener_lock = threading.Lock()


def open_document(path: Path) -> bool:
    """Ask the system viewer to open `path` (on the GUI thread, from any thread).

    Returns False without opening anything when FRONTDESK_NO_OPEN=1 (tests) or there is no app.
    """
    global _opener
    app = QCoreApplication.instance()
    if os.environ.get("FRONTDESK_NO_OPEN") == "1" or app is None:
        return False
    with _opener_lock:
        if _opener is None:
            _opener = _Opener()
            if _opener.thread() != app.thread():
                _opener.moveToThread(app.thread())
    # Emitted from a worker the call is queued into the GUI thread; on the GUI thread it is direct.
    _opener.open_requested.emit(str(path))
    return True


def _make_printer(printer_name: str) -> QPrinter | None:
    """The QPrinter for a system printer, or None if the system does not know that name.

    Tests replace this function to print into a PDF file (QPrinter.OutputFormat.PdfFormat).
    """
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def printer_available(printer_name: str) -> bool:
    """Whether the system knows this printer now (safe off the GUI thread, like print_pdf)."""
    return bool(printer_name) and _make_printer(printer_name) is not None


def _render_dpi(printer: QPrinter) -> int:
    return max(72, min(printer.resolution(), MAX_DPI))


def _page_points(image: QImage) -> QSizeF:
    """The page size in points of a page rendered by pdf_render (it records its resolution)."""
    dots_per_point = image.dotsPerMeterX() * 0.0254 / 72
    return QSizeF(image.width() / dots_per_point, image.height() / dots_per_point)


def _fit_paper_to_page(printer: QPrinter, points: QSizeF) -> None:
    """Paper the size of the PDF page, no margins: a badge prints as a badge, not on a corner of A4."""
    landscape = points.width() > points.height()
    portrait = points.transposed() if landscape else points
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setFullPage(True)
    if not printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))):
        logger.info("Printer %s refused the page size %s; the page is scaled to fit", printer.printerName(),
                    size.name())


def _paint_pages(printer: QPrinter, pdf_bytes: bytes, dpi: int, first: QImage | None = None) -> None:
    """Render every page at `dpi` and paint it scaled into the printer's page."""
    pages = pdf_render.page_count(pdf_bytes)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError(f"cannot start painting on printer {printer.printerName()!r}")
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for page in range(pages):
            if page and not printer.newPage():
                raise RuntimeError(f"printer refused page {page + 1}")
            if page == 0 and first is not None:
                image, first = first, None
            else:
                image = pdf_render.render_page(pdf_bytes, page, dpi)
            area = painter.viewport()
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(
                area.x() + (area.width() - fitted.width()) // 2,
                area.y() + (area.height() - fitted.height()) // 2,
                fitted.width(),
                fitted.height(),
            )
            painter.drawImage(target, image)
            del image  # one page image alive at a time
    finally:
        ended = painter.end()
    if not ended or printer.printerState() == QPrinter.PrinterState.Error:
        raise RuntimeError(f"printer {printer.printerName()!r} reported an error")


def print_job(job) -> PrintOutcome:
    """Paint a services.desk.printers.PrintJob on its printer (see print_pdf)."""
    return print_pdf(job.pdf, printer_name=job.printer, document_kind=job.kind, title=job.title)


def print_pdf(pdf_bytes: bytes, *, printer_name: str | None, document_kind: str, title: str) -> PrintOutcome:
    """Print the PDF on `printer_name`, or save and open it when no printer is configured.

    `document_kind` ("badge", "receipt", ...) names the folder and the file; `title` is the print
    job's name in the queue (keep personal data out of it: print logs keep job names). Raises
    PrinterProblem (after saving the PDF) when the printer is unknown or printing fails, and
    StorageProblem when the PDF cannot be saved. Safe to call from a background task.
    """
    if not printer_name:
        path = save_document(pdf_bytes, document_kind)
        if open_document(path):
            message = _tr("No printer is set for this document: it was saved as %1 and opened.", path)
        else:
            message = _tr("No printer is set for this document: it was saved as %1.", path)
        return PrintOutcome(printed=False, saved_path=path, message=message)

    printer = _make_printer(printer_name)
    if printer is None:
        path = save_document(pdf_bytes, document_kind)
        raise PrinterProblem(
            _tr(
                "The printer “%1” is not available. The document was saved as %2: you can print it "
                "again from there, or choose another printer in Settings.",
                printer_name,
                path,
            ),
            saved_path=path,
        )
    printer.setDocName(title)
    try:
        dpi = _render_dpi(printer)
        first = pdf_render.render_page(pdf_bytes, 0, dpi)
        _fit_paper_to_page(printer, _page_points(first))
        _paint_pages(printer, pdf_bytes, dpi, first)
    except Exception as exc:
        logger.error("Printing a %s document on %r failed", document_kind, printer_name, exc_info=exc)
        path = save_document(pdf_bytes, document_kind)
        raise PrinterProblem(
            _tr(
                "Printing on “%1” failed. The document was saved as %2: check the printer, then "
                "print it again from there.",
                printer_name,
                path,
            ),
            saved_path=path,
        ) from exc
    return PrintOutcome(printed=True, saved_path=None, message=_tr("Sent to the printer “%1”.", printer_name))


def preview_dpi() -> int:
    """The resolution pages are rendered at for the preview: the screen's, in device pixels."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 96
    return max(72, min(round(screen.logicalDotsPerInch() * screen.devicePixelRatio()), MAX_PREVIEW_DPI))


def _is_preview(printer: QPrinter) -> bool:
    """Whether painting on `printer` now fills a preview (QPrintPreviewWidget swaps in a picture engine)."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def make_preview_dialog(parent: QWidget | None, pdf_bytes: bytes, printer_name: str | None) -> QPrintPreviewDialog:
    """A print preview of the PDF painted as `print_pdf` paints it (GUI thread only).

    The preview is rendered at the screen's resolution; printing from the dialog renders at the
    printer's. The dialog deletes itself when closed, and its printer (which holds the preview's
    pages) goes with it: keep no reference to the dialog after it is closed.
    """
    printer = _make_printer(printer_name) if printer_name else None
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _fit_paper_to_page(printer, _page_points(pdf_render.render_page(pdf_bytes, 0, 72)))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "Print preview"))
    # The dialog does not own the printer: it lives until the dialog is destroyed, then goes.
    keep = [printer]
    dialog.destroyed.connect(lambda *_: keep.clear())
    del printer

    def paint(target: QPrinter) -> None:
        try:
            _paint_pages(target, pdf_bytes, preview_dpi() if _is_preview(target) else _render_dpi(target))
        except Exception as exc:
            error_display().show_error(exc)

    dialog.paintRequested.connect(paint)
    return dialog


def preview_pdf(parent: QWidget | None, pdf_bytes: bytes, printer_name: str | None) -> int:
    """Show the print preview modally; the user can print from it. Returns the dialog's result."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        raise RuntimeError("preview_pdf runs on the GUI thread")
    return make_preview_dialog(parent, pdf_bytes, printer_name).exec()


# `_tr`'s messages, for lupdate (context "printing"): it cannot see through `_tr(text, ...)`.
_TR_MESSAGES = (
    QT_TRANSLATE_NOOP("printing", "The document could not be saved in the folder %1. "
                                  "Check that the disk is not full and that the folder can be written."),
    QT_TRANSLATE_NOOP("printing", "No printer is set for this document: it was saved as %1 and opened."),
    QT_TRANSLATE_NOOP("printing", "No printer is set for this document: it was saved as %1."),
    QT_TRANSLATE_NOOP("printing", "The printer “%1” is not available. The document was saved as %2: you can "
                                  "print it again from there, or choose another printer in Settings."),
    QT_TRANSLATE_NOOP("printing", "Printing on “%1” failed. The document was saved as %2: check the printer, "
                                  "then print it again from there."),
    QT_TRANSLATE_NOOP("printing", "Sent to the printer “%1”."),
)
