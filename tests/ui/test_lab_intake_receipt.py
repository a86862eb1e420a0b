"""The payment receipt in one step from a sample intake (issue 16), on a real desk file: after an
intake typed into the Sample intake screen, "Issue payment receipt…" opens the receipt dialog
filled with the customer and the request's tests; issuing links the receipt to the request and
goes to its print preview (no printer set: saved, and said where); a second receipt for the same
request is asked first; with a receipt printer set the preview opens and closing it keeps the
receipt; the button shows only to whoever may issue receipts; screenshots in Italian."""

from __future__ import annotations

import subprocess
import uuid

from lab_helpers import add_test_types
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from reception_helpers import show_view
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.receipts.documents import list_receipts
from frontdesk.services.receipts.issue import get_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company, get_company
from frontdesk.ui import printing
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.intake_result import IntakeResult
from frontdesk.ui.lab.intake_view import IntakeView
from frontdesk.ui.receipts.receipt_dialog import DESCRIPTION, PRICE, QUANTITY
from frontdesk.ui.tasks import wait_for_idle


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _choose(editor, row: int, code: str, hours: int | None = None) -> None:
    combo = editor.tests.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findData(code))
    if hours is not None:
        editor.tests.cellWidget(row, 1).setValue(hours)


def _take_in(qtbot, desk, look=lambda view: view):
    """An intake typed in for a customer with a receipt's data: 2 samples, a tensile test on each,
    a Brinell hardness and a 96 h salt spray. Returns (view, summary, company)."""
    add_test_types(desk.db)
    company = create_company(desk.db, data=CompanyInput(name="Rota Meccanica S.r.l.", vat_number="01114601006",
                                                        address="Via Roma 5", postcode="24044", city="Dalmine",
                                                        province="BG"), actor=desk.actor, allow_duplicate=True)
    view = show_view(qtbot, look(IntakeView(desk.context)), size=(1280, 900))
    view.company.set_company(get_company(desk.db, company_id=company.id))
    view.contact.setEditText("Mario Rossi")
    first = view.samples.editors()[0]
    first.fields["material"].setText("Acciaio S355JR")
    _choose(first, 0, "TENSILE_RT")
    _choose(first, first.add_test(), "HARDNESS_HBW")
    second = view.samples.add_sample()
    second.fields["material"].setText("Acciaio zincato")
    _choose(second, 0, "TENSILE_RT")
    _choose(second, second.add_test(), "SALT_SPRAY_NSS", 96)
    view.agreed.setChecked(True)
    view.agreed_by.setText("Mario Rossi")
    with qtbot.waitSignal(view.intake_taken, timeout=10_000) as taken:
        view.accept_button.click()
    wait_for_idle(20_000)
    return view, taken.args[0], company


def _open_dialog(qtbot, result):
    with qtbot.waitSignal(result.receipt_dialog_opened, timeout=10_000) as opened:
        result.payment_button.click()
    return opened.args[0]


def _cells(dialog) -> list[tuple[str, str, str]]:
    return [tuple(dialog.lines.item(row, column).text() for column in (DESCRIPTION, QUANTITY, PRICE))
            for row in range(dialog.lines.rowCount())]


def test_the_button_opens_the_dialog_filled_and_issuing_links_the_receipt_to_the_request(qtbot, desk):
    view, summary, company = _take_in(qtbot, desk)
    result = view.result
    assert result.isVisible() and result.payment_button.isVisible() and result.payment_button.isEnabled()
    dialog = _open_dialog(qtbot, result)
    assert dialog.isVisible() and dialog.company.company().id == company.id
    assert _cells(dialog) == [
        ("Tensile test at room temperature (UNI EN ISO 6892-1:2020)", "2", "120.00"),
        ("Brinell hardness HBW (UNI EN ISO 6506-1:2015)", "1", "45.00"),
        ("Neutral salt spray (NSS) (UNI EN ISO 9227:2022), 96 h", "1", "144.00"),
    ]
    # 240 + 45 + 144 = 429.00 net, VAT 22% 94.38: what the intake agreed
    assert "429.00" in dialog.totals.text() and "94.38" in dialog.totals.text()
    dialog.payment.setCurrentIndex(dialog.payment.findData("card"))
    with qtbot.waitSignal(result.payment_receipt_issued, timeout=10_000) as issued, \
            qtbot.waitSignal(result.payment_receipt_printed, timeout=20_000) as printed:
        dialog.issue_button.click()
    receipt = issued.args[0]
    assert not dialog.isVisible()
    stored = get_receipt(desk.db, receipt_id=receipt.id)
    assert stored.request_id == summary.request_id and stored.company_id == company.id
    assert [(line.source_code, line.kind, line.quantity) for line in stored.lines] == [
        ("TENSILE_RT", "test", 2), ("HARDNESS_HBW", "test", 1), ("SALT_SPRAY_NSS", "test", 1)]
    # no receipt printer set: saved as every document, and the notice says where
    outcome = printed.args[0]
    assert not outcome.printed and outcome.saved_path.parent.name == "receipt"
    assert str(outcome.saved_path) in result.status_label.text()
    text = _pdf_text(outcome.saved_path)
    assert receipt.number in text and "Tensile test at room temperature" in text
    wait_for_idle(10_000)


def test_a_request_that_already_has_a_receipt_asks_before_another(qtbot, desk):
    view, _summary, _company = _take_in(qtbot, desk)
    result = view.result
    dialog = _open_dialog(qtbot, result)
    dialog.payment.setCurrentIndex(dialog.payment.findData("card"))
    with qtbot.waitSignal(result.payment_receipt_printed, timeout=20_000):
        dialog.issue_button.click()
    first = dialog.issued.number
    set_language("it")
    install_translators("it")
    try:
        with qtbot.waitSignal(result.receipt_question_asked, timeout=10_000) as asked:
            result.payment_button.click()
        box = asked.args[0]
        assert box.isVisible()
        assert box.text() == f"La richiesta ha già la ricevuta {first}: emetterne un'altra?"
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        opened = []
        result.receipt_dialog_opened.connect(opened.append)
        box.button(QMessageBox.StandardButton.No).click()  # "Annulla": no dialog, nothing issued
        wait_for_idle(5000)
        assert opened == []
        with qtbot.waitSignal(result.receipt_question_asked, timeout=10_000) as asked:
            result.payment_button.click()
        with qtbot.waitSignal(result.receipt_dialog_opened, timeout=10_000) as reopened:
            asked.args[0].button(QMessageBox.StandardButton.Yes).click()  # "Emetti un'altra"
        again = reopened.args[0]
        assert again.isVisible() and again.lines.rowCount() == 3
        again.reject()
    finally:
        set_language("en")
        install_translators("en")
    wait_for_idle(5000)


def test_the_button_shows_only_to_whoever_may_issue_receipts(qtbot, desk):
    technician = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=uuid.uuid4(), name="Luca Tecnico")
    for actor, shown in ((technician, False), (desk.actor, True),
                         (Actor(desk="R1", role=Role.RECEPTION, staff_id=uuid.uuid4(), name="Anna"), True)):
        result = IntakeResult(desk.db, actor=actor)
        qtbot.addWidget(result)
        result.show()
        assert result.payment_button.isVisible() is shown


def test_screenshots_of_the_intake_result_and_the_filled_dialog_in_italian(qtbot, desk, screenshot):
    set_language("it")
    install_translators("it")
    try:
        view, _summary, _company = _take_in(qtbot, desk, styled)
        result = view.result
        assert result.payment_button.text() == "Emetti ricevuta di pagamento…"
        assert result.preview_button.text() == "Anteprima ricevuta di accettazione"
        screenshot(view, "lab_intake_result.png")
        screenshot(result, "lab_intake_result_card.png")
        assert not labels_cut_off(result)
        dialog = _open_dialog(qtbot, result)
        assert _cells(dialog)[2] == ("Nebbia salina neutra (NSS) (UNI EN ISO 9227:2022), 96 h", "1", "144,00")
        wait_for_idle(5000)
        screenshot(dialog, "lab_intake_receipt_dialog.png")
        assert not labels_cut_off(dialog)
        dialog.reject()
    finally:
        set_language("en")
        install_translators("en")
    wait_for_idle(5000)


def test_with_a_receipt_printer_set_the_intake_opens_the_preview_and_closing_it_keeps_the_receipt(qtbot, desk,
                                                                                                  monkeypatch):
    def file_printer(name):  # the system's printer "Termica", writing a PDF file (no system printer here)
        if name != "Termica":
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(desk_file))
        return printer

    desk_file = printing.config.data_dir() / "termica.pdf"
    monkeypatch.setattr(printing, "_make_printer", file_printer)
    update_settings(desk.db, changes={"printers": {"receipt": "Termica"}}, actor=desk.actor)
    view, summary, _company = _take_in(qtbot, desk)
    result = view.result
    dialog = _open_dialog(qtbot, result)
    dialog.payment.setCurrentIndex(dialog.payment.findData("card"))
    with qtbot.waitSignal(result.payment_preview_opened, timeout=20_000) as opened:
        dialog.issue_button.click()
    preview = opened.args[0]
    number = dialog.issued.number
    assert preview.isVisible() and number in preview.windowTitle()
    preview.close()
    wait_for_idle(5000)
    assert not desk_file.exists()
    assert number in result.status_label.text() and "not printed" in result.status_label.text()
    (row,) = list_receipts(desk.db, day=today_in_rome())
    assert row.number == number and not row.voided
    assert get_receipt(desk.db, receipt_id=row.id).request_id == summary.request_id
