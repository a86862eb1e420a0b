"""Printing: saved when no printer is set, saved and reported when the printer fails, painted when it works."""

from __future__ import annotations

import gc
import io
import math
import os
import re
import weakref
from pathlib import Path

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QThread, QTranslator
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from frontdesk.ui import pdf_render, printing
from frontdesk.ui.printing import PrinterProblem, print_pdf
from frontdesk.ui.tasks import run_in_background, wait_for_idle

TITLE = "Badge of Mario Rossi"
FILE_NAME = re.compile(r"badge-\d{8}-\d{6}-[0-9a-f]{6}\.pdf")


def _badge_pdf(pages: int = 1) -> bytes:
    """A 86 x 54 mm landscape page with a black bar across its left half."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(86 * mm, 54 * mm))
    for page in range(pages):
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect(5 * mm, 20 * mm, 38 * mm, 14 * mm, stroke=0, fill=1)
        pdf.drawString(5 * mm, 10 * mm, f"Mario Rossi — page {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _dark_fraction(image: QImage) -> float:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(bytes(gray.constBits()), dtype=np.uint8).reshape(gray.height(), gray.bytesPerLine())
    pixels = rows[:, : gray.width()]
    return float((pixels < 100).mean())


def _documents() -> Path:
    return Path(os.environ["FRONTDESK_HOME"]) / "documents"


@pytest.mark.parametrize("printer_name", [None, ""])
def test_without_printer_the_pdf_is_saved_under_documents(qapp, printer_name):
    pdf = _badge_pdf()
    outcome = print_pdf(pdf, printer_name=printer_name, document_kind="badge", title=TITLE)
    assert outcome.printed is False
    path = outcome.saved_path
    assert path is not None and path.parent == _documents() / "badge"
    assert FILE_NAME.fullmatch(path.name), path.name
    assert "Mario" not in path.name and "Rossi" not in path.name
    assert path.read_bytes() == pdf
    assert str(path) in outcome.message
    assert outcome.message.startswith("No printer is set")


def test_each_saved_document_gets_its_own_file(qapp):
    paths = {
        print_pdf(b"%PDF-1.4 x", printer_name=None, document_kind="receipt", title="r").saved_path
        for _ in range(5)
    }
    assert len(paths) == 5
    assert all(p.parent.name == "receipt" for p in paths)


@pytest.mark.parametrize("kind", ["../escape", "Badge", "", "a/b", "badge Mario"])
def test_document_kind_must_be_a_plain_slug(qapp, kind):
    with pytest.raises(ValueError):
        print_pdf(b"%PDF", printer_name=None, document_kind=kind, title="t")


def test_unknown_printer_saves_the_pdf_and_says_so(qapp):
    pdf = _badge_pdf()
    with pytest.raises(PrinterProblem) as raised:
        print_pdf(pdf, printer_name="Zebra-Reception-404", document_kind="badge", title=TITLE)
    problem = raised.value
    assert problem.saved_path.read_bytes() == pdf
    assert problem.saved_path.parent == _documents() / "badge"
    assert FILE_NAME.fullmatch(problem.saved_path.name)
    assert problem.message == (
        f"The printer “Zebra-Reception-404” is not available. The document was saved as "
        f"{problem.saved_path}: you can print it again from there, or choose another printer in Settings."
    )


class _ItalianPrinting(QTranslator):
    """Stands in for the compiled Italian catalogue: proves the messages go through Qt translation."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context == "printing" and source.startswith("The printer “%1” is not available."):
            return "La stampante “%1” non è disponibile. Il documento è stato salvato in %2."
        return ""


def test_printer_problem_message_is_translated(qapp):
    translator = _ItalianPrinting()
    qapp.installTranslator(translator)
    try:
        with pytest.raises(PrinterProblem) as raised:
            print_pdf(_badge_pdf(), printer_name="Zebra-Reception-404", document_kind="badge", title=TITLE)
    finally:
        qapp.removeTranslator(translator)
    assert raised.value.message == (
        f"La stampante “Zebra-Reception-404” non è disponibile. "
        f"Il documento è stato salvato in {raised.value.saved_path}."
    )


@pytest.fixture
def file_printer(monkeypatch, tmp_path):
    """Replace the system printer lookup by a QPrinter that writes a PDF file."""
    output = tmp_path / "printed.pdf"
    made: list[QPrinter] = []

    def make(name):
        if name != "file-printer":
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        made.append(printer)
        return printer

    monkeypatch.setattr(printing, "_make_printer", make)
    return output, made


def test_printing_paints_every_page_the_size_of_the_document(qapp, file_printer):
    output, made = file_printer
    pdf = _badge_pdf(pages=2)
    outcome = print_pdf(pdf, printer_name="file-printer", document_kind="badge", title="Badge R1-0042")
    assert outcome.printed is True and outcome.saved_path is None
    assert outcome.message == "Sent to the printer “file-printer”."
    assert made[0].docName() == "Badge R1-0042"
    assert not (_documents() / "badge").exists(), "a printed document is not saved as well"

    printed = output.read_bytes()
    assert pdf_render.page_count(printed) == 2
    for page in range(2):
        original = pdf_render.render_page(pdf, page, dpi=100)
        result = pdf_render.render_page(printed, page, dpi=100)
        # same paper: the badge was not put in a corner of an A4 sheet
        assert abs(result.width() - original.width()) <= 2 and abs(result.height() - original.height()) <= 2
        dark = _dark_fraction(result)
        assert dark > 0.05, "the printed page is blank"
        assert dark == pytest.approx(_dark_fraction(original), abs=0.02)


def test_printing_from_a_background_task(qtbot, file_printer):
    output, _ = file_printer
    widget = QPrintPreviewWidget()
    qtbot.addWidget(widget)
    outcomes = []
    run_in_background(
        widget,
        lambda: print_pdf(_badge_pdf(), printer_name="file-printer", document_kind="badge", title="B"),
        on_success=outcomes.append,
    )
    assert wait_for_idle(20_000)
    assert outcomes and outcomes[0].printed
    assert _dark_fraction(pdf_render.render_page(output.read_bytes(), 0, dpi=100)) > 0.05


def test_a_failing_printer_saves_the_pdf_and_says_so(qapp, monkeypatch, tmp_path):
    def broken(name):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))  # cannot be opened
        return printer

    monkeypatch.setattr(printing, "_make_printer", broken)
    pdf = _badge_pdf()
    with pytest.raises(PrinterProblem) as raised:
        print_pdf(pdf, printer_name="Epson-Cassa", document_kind="receipt", title="Receipt R1-7")
    assert raised.value.saved_path.read_bytes() == pdf
    assert raised.value.message.startswith("Printing on “Epson-Cassa” failed. The document was saved as ")
    assert str(raised.value.saved_path) in raised.value.message


def test_saved_document_is_opened_on_the_gui_thread(qtbot, monkeypatch):
    monkeypatch.delenv("FRONTDESK_NO_OPEN")
    opened = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url):
            opened.append((url.toLocalFile(), QThread.currentThread()))
            return True

    monkeypatch.setattr(printing, "QDesktopServices", FakeDesktop)
    widget = QPrintPreviewWidget()
    qtbot.addWidget(widget)
    outcomes = []
    run_in_background(
        widget,
        lambda: print_pdf(_badge_pdf(), printer_name=None, document_kind="badge", title=TITLE),
        on_success=outcomes.append,
    )
    assert wait_for_idle(10_000)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    assert opened[0][0] == str(outcomes[0].saved_path)
    assert opened[0][1] == QCoreApplication.instance().thread()
    assert outcomes[0].message.endswith("and opened.")


def test_preview_shows_every_page(qtbot):
    dialog = printing.make_preview_dialog(None, _badge_pdf(pages=2), None)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 2, timeout=10_000)


def _a4_pdf(pages: int = 2) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(pages):
        pdf.drawString(20 * mm, 270 * mm, f"Lista di evacuazione — pagina {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def renders(monkeypatch):
    """The (dpi, width, height) of every page pdf_render renders."""
    seen: list[tuple[int, int, int]] = []
    real = pdf_render.render_page

    def recording(pdf_bytes, page=0, dpi=300):
        image = real(pdf_bytes, page, dpi)
        seen.append((dpi, image.width(), image.height()))
        return image

    monkeypatch.setattr(pdf_render, "render_page", recording)
    return seen


def _wait_for_pages(qtbot, dialog, pages: int) -> None:
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == pages, timeout=10_000)


def test_the_preview_renders_pages_at_the_screen_resolution(qtbot, renders):
    dialog = printing.make_preview_dialog(None, _a4_pdf(pages=2), None)
    qtbot.addWidget(dialog)
    dialog.show()
    _wait_for_pages(qtbot, dialog, 2)
    screen = QGuiApplication.primaryScreen()
    dpi = round(screen.logicalDotsPerInch() * screen.devicePixelRatio())
    assert printing.preview_dpi() == dpi
    painted = [seen for seen in renders if seen[0] != 72]  # 72 dpi: the paper size, read once
    assert painted == [(dpi, math.floor(A4[0] * dpi / 72), math.floor(A4[1] * dpi / 72))] * 2
    assert dialog.printer().resolution() > dpi  # not the printer's resolution (1200 dpi here)


def test_printing_from_the_preview_renders_at_the_printer_resolution(qtbot, file_printer, renders):
    output, _made = file_printer
    dialog = printing.make_preview_dialog(None, _a4_pdf(pages=2), "file-printer")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait_for_pages(qtbot, dialog, 2)
    renders.clear()
    dialog.findChild(QPrintPreviewWidget).print_()
    assert [dpi for dpi, _w, _h in renders] == [printing.MAX_DPI] * 2  # 1200 dpi printer, capped at 600
    assert pdf_render.page_count(output.read_bytes()) == 2


def test_a_closed_preview_is_deleted_and_its_printer_released(qtbot):
    dialog = printing.make_preview_dialog(None, _a4_pdf(pages=2), None)
    dialog.show()
    _wait_for_pages(qtbot, dialog, 2)
    printer = weakref.ref(dialog.printer())  # it holds the preview's pages
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)  # deleted, not just hidden
    gc.collect()
    assert printer() is None
