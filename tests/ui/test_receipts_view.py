"""The Receipts screen driven as the desk would (issue 16, points 2 and 4): a receipt of three lines
issued through the dialog and listed with its number; refusals in red in the dialog with nothing
written (cash over the limit, a price with three decimals); a reprint marked COPIA; a void with its
reason, and the void of a void refused; a printer failing after the number was given leaves the
receipt listed and reprintable; after issue the print preview opens on the receipt printer (printing
from it prints, closing it leaves the receipt issued; with a printer missing the PDF is saved and
said where); screenshots in Italian."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.receipts.receipt_dialog import PRICE, TAX
from frontdesk.ui.receipts.receipts_view import ReceiptsView
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


def customer(db, actor, name: str = "Rota Meccanica S.r.l."):
    """An Italian company with everything a receipt needs (as tests/integration/receipt_rows.py)."""
    return create_company(db, data=CompanyInput(name=name, vat_number="01114601006", address="Via Roma 5",
                                                postcode="24044", city="Dalmine", province="BG"),
                          actor=actor, allow_duplicate=True)


def _count(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM receipt").fetchone()[0]
    finally:
        conn.close()


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _dark_fraction(image) -> float:
    """The share of dark pixels of a rendered page (as tests/ui/test_printing.py)."""
    import numpy as np
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(bytes(gray.constBits()), dtype=np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return float((rows[:, : gray.width()] < 100).mean())


def make(qtbot, db, actor) -> ReceiptsView:
    view = styled(ReceiptsView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def fill(dialog, company, lines, payment="card") -> None:
    dialog.company.set_company(company)
    dialog.lines.setRowCount(0)
    for line in lines:
        dialog.add_line(*line)
    dialog.payment.setCurrentIndex(dialog.payment.findData(payment))


THREE = (("Prova di trazione a temperatura ambiente", "2", "120,50", "22"),
         ("Corso di metallografia", "1", "350,00", "10"),
         ("Uso sala riunioni (ore)", "1,5", "33,33", "22"))


def issue(qtbot, view, company, lines=THREE, payment="card"):
    dialog = view.new_receipt()
    fill(dialog, company, lines, payment)
    dialog.issue_button.click()
    settle(qtbot)
    return dialog


def test_the_area_follows_test_reports_for_who_issues_receipts():
    keys = [area.key for area in AREAS]
    assert keys.index("receipts") == keys.index("lab_reports") + 1
    area = AREAS[keys.index("receipts")]
    assert area.permission == "issue_receipts" and area.title_source == "Receipts"


def test_a_receipt_of_three_lines_is_issued_listed_and_printed(qtbot, db, admin):
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    dialog = view.new_receipt()
    fill(dialog, company, THREE)
    # the live totals: 22%: 241.00 + 50.00 = 291.00 (VAT 64.02); 10%: 350.00 (VAT 35.00)
    assert "740.02" in dialog.totals.text() and "99.02" in dialog.totals.text()
    with qtbot.waitSignal(view.receipt_printed, timeout=15_000) as printed:
        dialog.issue_button.click()
    settle(qtbot)
    number = dialog.issued.number
    assert not dialog.isVisible() and number.startswith("R1-") and number.endswith("-000001")
    rows = view.model.rows()
    assert [r.number for r in rows] == [dialog.issued.number]
    assert view.model.row_texts(0)[2] == "Rota Meccanica S.r.l." and "740" in view.model.row_texts(0)[3]
    text = _pdf_text(printed.args[0].saved_path)  # no printer set: saved under documents/receipt
    assert dialog.issued.number in text and "Prova di trazione" in text and "COPY" not in text


def test_ctrl_n_opens_the_dialog_on_the_customer_and_ctrl_l_adds_a_line(qtbot, db, admin):
    view = make(qtbot, db, admin)
    view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view._dialog
    assert dialog is not None and dialog.isVisible() and dialog.lines.rowCount() == 1
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    qtbot.keyClick(dialog.company, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert dialog.lines.rowCount() == 2
    dialog.lines.setCurrentCell(1, PRICE)
    dialog.lines.setFocus()
    qtbot.keyClick(dialog.lines, Qt.Key.Key_Tab)
    assert dialog.lines.currentColumn() == TAX and dialog.focusWidget() is dialog.lines.cellWidget(1, TAX)
    dialog.lines.setCurrentCell(1, 0)
    dialog.remove_button.click()
    assert dialog.lines.rowCount() == 1


def test_the_stamp_duty_line_shows_in_the_live_totals(qtbot, db, admin):
    view = make(qtbot, db, admin)
    dialog = view.new_receipt()
    fill(dialog, None, (("Formazione esente", "1", "100.00", "", "N4"),))
    assert "Stamp duty" in dialog.totals.text() and "102.00" in dialog.totals.text()


def test_cash_over_the_limit_is_refused_in_italian_and_nothing_is_written(qtbot, db, db_path, admin):
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    set_language("it")
    try:
        dialog = issue(qtbot, view, company, (("Campagna di prove", "1", "5000.00", "22"),), payment="cash")
        assert dialog.isVisible() and dialog.error.isVisible()
        assert "contant" in dialog.error.text().lower()
    finally:
        set_language("en")
    assert _count(db_path) == 0 and view.model.rows() == []


def test_a_price_with_three_decimals_is_refused_and_nothing_is_written(qtbot, db, db_path, admin):
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    set_language("it")
    try:
        dialog = issue(qtbot, view, company, (("Prova di durezza", "1", "12.345", "22"),))
        assert dialog.error.isVisible() and "decimali" in dialog.error.text() and "Riga 1" in dialog.error.text()
    finally:
        set_language("en")
    assert _count(db_path) == 0


def test_a_receipt_without_a_customer_is_refused(qtbot, db, db_path, admin):
    view = make(qtbot, db, admin)
    dialog = issue(qtbot, view, None)
    assert dialog.error.isVisible() and "customer" in dialog.error.text()
    assert _count(db_path) == 0


def test_a_customer_lacking_a_receipts_data_is_refused(qtbot, db, db_path, admin):
    bare = create_company(db, data=CompanyInput(name="Officina Senza Indirizzo", vat_number="01114601006"),
                          actor=admin, allow_duplicate=True)
    view = make(qtbot, db, admin)
    dialog = issue(qtbot, view, bare)
    assert dialog.isVisible() and dialog.error.isVisible() and "address" in dialog.error.text().lower()
    assert _count(db_path) == 0


def test_a_reprint_is_marked_copy(qtbot, db, admin):
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    set_language("it")
    try:
        with qtbot.waitSignal(view.receipt_printed, timeout=15_000) as first:
            issue(qtbot, view, company)
        assert "COPIA" not in _pdf_text(first.args[0].saved_path)
        view.table.selectRow(0)
        with qtbot.waitSignal(view.receipt_printed, timeout=15_000) as again:
            view.reprint_button.click()
        assert "COPIA" in _pdf_text(again.args[0].saved_path)
        with qtbot.waitSignal(view.preview_opened, timeout=20_000) as opened:
            view.preview_button.click()
        opened.args[0].close()
    finally:
        set_language("en")


def test_void_with_its_reason_and_the_void_of_a_void_refused(qtbot, db, admin, shown_errors):
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    issue(qtbot, view, company)
    view.table.selectRow(0)
    dialog = view.void()
    assert not dialog.ok_button.isEnabled()  # the reason is required
    dialog.reason.setPlainText("Importo errato, riemessa")
    with qtbot.waitSignal(view.receipt_voided, timeout=10_000):
        dialog.ok_button.click()
    settle(qtbot)
    assert view.model.rows()[0].voided
    assert view.model.row_texts(0)[5] == "Voided: Importo errato, riemessa"
    set_language("it")
    try:
        view.table.selectRow(0)
        again = view.void()
        again.reason.setPlainText("Di nuovo")
        again.ok_button.click()
        settle(qtbot)
        assert any("annullata" in message for message in shown_errors)
    finally:
        set_language("en")


def test_a_printer_missing_after_issue_saves_the_pdf_and_leaves_the_receipt_listed_and_reprintable(qtbot, db,
                                                                                                      admin):
    company = customer(db, admin)
    update_settings(db, changes={"printers": {"receipt": "NoSuchPrinter"}}, actor=admin)
    view = make(qtbot, db, admin)
    with qtbot.waitSignal(view.print_failed, timeout=15_000) as failed:
        dialog = issue(qtbot, view, company)
    settle(qtbot)
    number = dialog.issued.number
    message = failed.args[0]
    assert number in message and "NoSuchPrinter" in message and "Reprint" in message
    saved = Path(message.split("was saved as ")[1].split(":")[0])  # the PDF is kept where the message says
    assert number in _pdf_text(saved)
    assert [r.number for r in view.model.rows()] == [number]
    update_settings(db, changes={"printers": {}}, actor=admin)
    view.table.selectRow(0)
    with qtbot.waitSignal(view.receipt_printed, timeout=15_000) as printed:
        view.reprint_button.click()
    assert number in _pdf_text(printed.args[0].saved_path)


@pytest.fixture
def receipt_printer(monkeypatch, tmp_path):
    """The desk's receipt printer "Termica": the system lookup gives a QPrinter writing a PDF file
    (as tests/ui/test_printing.py does: no system printer here)."""
    from PySide6.QtPrintSupport import QPrinter

    from frontdesk.ui import printing

    output = tmp_path / "printed.pdf"

    def make(name):
        if name != "Termica":
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return printer

    monkeypatch.setattr(printing, "_make_printer", make)
    return output


def test_after_issue_the_preview_opens_on_the_receipt_printer_and_prints_from_there(qtbot, db, db_path, admin,
                                                                                    receipt_printer):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    company = customer(db, admin)
    update_settings(db, changes={"printers": {"receipt": "Termica"}}, actor=admin)
    view = make(qtbot, db, admin)
    with qtbot.waitSignal(view.preview_opened, timeout=20_000) as opened:
        dialog = issue(qtbot, view, company)
    preview = opened.args[0]
    number = dialog.issued.number
    assert preview.isVisible() and number in preview.windowTitle()
    assert preview.printer().docName() == f"Receipt {number}"
    assert not receipt_printer.exists()  # nothing printed until the person prints
    with qtbot.waitSignal(view.receipt_printed, timeout=15_000) as printed:
        preview.findChild(QPrintPreviewWidget).print()  # what the preview's Print button does, then it accepts
        preview.accept()
    assert printed.args[0].printed and "Termica" in printed.args[0].message
    # the printer got the receipt's page, painted (an image: its text cannot be read back, its ink can)
    from frontdesk.services.receipts.documents import receipt_print_job
    from frontdesk.ui import pdf_render

    original = receipt_print_job(db, receipt_id=dialog.issued.id, copy=False).pdf
    got = receipt_printer.read_bytes()
    assert pdf_render.page_count(got) == 1
    ours, theirs = pdf_render.render_page(got, 0, dpi=72), pdf_render.render_page(original, 0, dpi=72)
    assert abs(ours.width() - theirs.width()) <= 2 and abs(ours.height() - theirs.height()) <= 2  # A5, not A4
    assert 0.01 < _dark_fraction(ours) == pytest.approx(_dark_fraction(theirs), abs=0.01)
    assert [r.number for r in view.model.rows()] == [number] and _count(db_path) == 1


def test_closing_the_preview_without_printing_leaves_the_receipt_issued(qtbot, db, db_path, admin, receipt_printer):
    company = customer(db, admin)
    update_settings(db, changes={"printers": {"receipt": "Termica"}}, actor=admin)
    view = make(qtbot, db, admin)
    notices = []
    view.notice_shown.connect(notices.append)
    with qtbot.waitSignal(view.preview_opened, timeout=20_000) as opened:
        dialog = issue(qtbot, view, company)
    opened.args[0].close()
    settle(qtbot)
    number = dialog.issued.number
    assert not receipt_printer.exists()
    assert notices[-1] == (f"Receipt {number} is issued and was not printed: reprint it from the list of receipts "
                           "when needed.")
    assert [r.number for r in view.model.rows()] == [number] and _count(db_path) == 1
    assert not view.model.rows()[0].voided


def test_the_roll_layout_follows_the_desk_setting(qtbot, db, admin):
    from frontdesk.services.receipts.documents import receipt_print_job

    update_settings(db, changes={"receipt_layout": "roll"}, actor=admin)
    company = customer(db, admin)
    view = make(qtbot, db, admin)
    with qtbot.waitSignal(view.receipt_issued, timeout=10_000) as issued:
        issue(qtbot, view, company)
    job = receipt_print_job(db, receipt_id=issued.args[0].id, copy=False)
    assert job.kind == "receipt" and job.title == f"Receipt {issued.args[0].number}"
    assert b"226.77" in job.pdf  # 80 mm wide
    set_language("it")
    try:
        with pytest.raises(ValidationError, match="rotolo da 80 mm"):
            update_settings(db, changes={"receipt_layout": "a4"}, actor=admin)
    finally:
        set_language("en")


def test_screenshots_in_italian(qtbot, db, admin, screenshot):
    company = customer(db, admin)
    other = customer(db, admin, name="Fonderia Bergamasca S.p.A.")
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        issue(qtbot, view, company)
        issue(qtbot, view, other, (("Prova di resilienza Charpy a -20 °C", "3", "85.00", "22"),), payment="cash")
        view.table.selectRow(0)
        dialog = view.void()
        dialog.reason.setPlainText("Cliente errato")
        dialog.ok_button.click()
        settle(qtbot)
        issue(qtbot, view, company, (("Formazione esente", "1", "240.00", "", "N4"),), payment="invoice")
        settle(qtbot)
        screenshot(view, "receipts.png")
        dialog = view.new_receipt()
        fill(dialog, company, (*THREE, ("Analisi chimica (esente)", "1", "90,00", "", "N4")), "transfer")
        dialog.show()
        settle(qtbot)
        screenshot(dialog, "receipt_dialog.png")
        assert not labels_cut_off(view) and not labels_cut_off(dialog)
        dialog.payment.setCurrentIndex(dialog.payment.findData("cash"))
        dialog.add_line("Campagna di prove a fatica", "1", "4500,00", "22")
        dialog.issue_button.click()
        settle(qtbot)
        assert dialog.error.isVisible()
        screenshot(dialog, "receipt_dialog_refused.png")
    finally:
        set_language("en")
        install_translators("en")


def test_the_receipt_printer_and_layout_are_set_in_settings_in_italian(qtbot, db, admin, screenshot):
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.ui.desk.settings_view import SettingsView

    set_language("it")
    install_translators("it")
    try:
        view = SettingsView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
        qtbot.addWidget(view)
        view.resize(1000, 900)
        view.show()
        view.reload()
        settle(qtbot)
        layout = view.editors["receipt_layout"]
        assert layout.currentData() == "a5" and layout.currentText() == "Foglio A5"
        assert "printers.receipt" in view.editors
        layout.setCurrentIndex(layout.findData("roll"))
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert get_settings(db).receipt_layout == "roll"
        box = view.findChild(type(view.findChild(object, "section_printing")), "section_printing")
        assert screenshot(box, "settings_section_printing.png").exists()
        assert not labels_cut_off(box)
    finally:
        set_language("en")
        install_translators("en")
