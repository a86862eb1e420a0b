"""The receipt dialog filled in advance (a sample intake's receipt): the customer and the lines shown
as they were given, each line keeping which catalogue's item it is into the issued receipt. A line
typed by hand stays "typed"."""

from __future__ import annotations

from decimal import Decimal

from test_receipts_view import customer, settle

from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.i18n import set_language
from frontdesk.services.receipts.issue import get_receipt
from frontdesk.ui.receipts.receipt_dialog import DESCRIPTION, PRICE, QUANTITY, ReceiptDialog

LINES = (LineInput("Prova di trazione", Decimal("2"), Decimal("120.50"), vat_rate="22", kind="test",
                   source_code="TENSILE-RT"),
         LineInput("Corso sicurezza", Decimal("1.5"), Decimal("90.00"), nature="N4", kind="training",
                   source_code="COURSE-SAFETY-GEN"))


def test_the_dialog_shows_the_lines_given_and_issues_them_with_their_catalogue_codes(qtbot, db, admin):
    set_language("it")
    company = customer(db, admin)
    dialog = ReceiptDialog(db, admin, charge_stamp_duty=False, company_id=company.id, lines=LINES)
    qtbot.addWidget(dialog)
    assert dialog.company.company().id == company.id
    assert dialog.lines.rowCount() == 2
    assert [dialog.lines.item(1, c).text() for c in (DESCRIPTION, QUANTITY, PRICE)] == \
        ["Corso sicurezza", "1,5", "90,00"]
    assert dialog.line_inputs() == LINES
    dialog.add_line("Fotocopie", "3", "0,50", "22")
    assert dialog.line_inputs()[2].kind == "typed" and dialog.line_inputs()[2].source_code == ""
    dialog.issue_button.click()
    settle(qtbot)
    issued = get_receipt(db, receipt_id=dialog.issued.id)
    assert [(line.kind, line.source_code) for line in issued.lines] == [
        ("test", "TENSILE-RT"), ("training", "COURSE-SAFETY-GEN"), ("typed", ""), ("stamp_duty", "")]  # N4 > 77.47
    assert issued.total == Decimal("241.00") + Decimal("53.02") + Decimal("135.00") + Decimal("1.50") + \
        Decimal("0.33") + Decimal("2.00")
