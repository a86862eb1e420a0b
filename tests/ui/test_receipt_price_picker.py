"""Receipt lines taken from the price list (issue 16, point 2): the picker (Ctrl+K) filters as you
type, Enter adds a test line and a room line at the member's prices, the receipt issued keeps each
line's kind and catalogue code; when the customer changes, the catalogue lines whose price was not
edited by hand take the new customer's price, typed lines stay; a screenshot of the picker in
Italian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from screen_helpers import labels_cut_off, styled
from test_receipts_view import settle

from frontdesk.domain.ids import reference_id
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.receipts.issue import get_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.receipts.receipt_dialog import DESCRIPTION, PRICE, QUANTITY, ReceiptDialog

CONFARTIGIANATO = reference_id("association", "confartigianato")
ASCOM = reference_id("association", "ascom")


def _company(db, actor, name: str, association):
    return create_company(db, data=CompanyInput(name=name, vat_number="01114601006", address="Via Roma 5",
                                                postcode="24044", city="Dalmine", province="BG",
                                                association_id=association),
                          actor=actor, allow_duplicate=True)


@pytest.fixture
def companies(db, admin):
    """A member (Confartigianato qualifies) and a non-member (Ascom does not)."""
    update_settings(db, changes={"member_associations": [str(CONFARTIGIANATO)]}, actor=admin)
    return (_company(db, admin, "Artigiani Riuniti S.r.l.", CONFARTIGIANATO),
            _company(db, admin, "Commercianti Uniti S.r.l.", ASCOM))


def make(qtbot, db, admin, company) -> ReceiptDialog:
    dialog = styled(ReceiptDialog(db, admin, charge_stamp_duty=True, company_id=company.id))
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    return dialog


def shown(qtbot, dialog) -> None:
    """Shown and active, as a dialog opened at the desk is: its shortcuts work."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def pick(qtbot, dialog: ReceiptDialog, typed: str):
    """Ctrl+K and the words typed in the search field: the picker as the person uses it."""
    dialog.activateWindow()  # back from an earlier picker (the window system does it at the desk)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    picker = dialog.picker
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(lambda: picker.loaded)
    qtbot.keyClicks(picker.search, typed)
    return picker


def _line(dialog: ReceiptDialog, row: int) -> list[str]:
    return [dialog.lines.item(row, c).text() for c in (DESCRIPTION, QUANTITY, PRICE)]


def test_the_picker_adds_a_test_and_a_room_at_member_prices_and_the_receipt_keeps_their_codes(
        qtbot, db, admin, companies):
    member, _other = companies
    dialog = make(qtbot, db, admin, member)
    picker = pick(qtbot, dialog, "tensile coworking")  # every word must match: nothing
    assert picker.model.rowCount() == 0 and not picker.add_button.isEnabled()
    picker.search.clear()
    qtbot.keyClicks(picker.search, "tensile")
    assert [i.code for i in picker.model.rows()] == ["TENSILE-RT"]
    assert picker.model.index(0, 3).data() == "€75.00 (member price)"  # the member's price, marked
    assert picker.for_whom.text() == "Prices for Artigiani Riuniti S.r.l."
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert dialog.lines.rowCount() == 1  # the empty line the dialog opened with was replaced
    assert _line(dialog, 0) == ["Tensile test at room temperature (UNI EN ISO 6892-1:2020)", "1", "75.00"]

    picker = pick(qtbot, dialog, "room-meeting")
    assert [i.code for i in picker.model.rows()] == ["ROOM-MEETING-HALF", "ROOM-MEETING-DAY"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # the arrows move the list from the search field
    assert picker.current().code == "ROOM-MEETING-DAY"
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    index = picker.model.index(0, 1)
    qtbot.mouseClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=picker.table.visualRect(index).center())
    qtbot.mouseDClick(picker.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=picker.table.visualRect(index).center())
    assert not picker.isVisible()
    assert _line(dialog, 1) == ["Meeting room (12 seats) - half day", "1", "96.00"]
    inputs = dialog.line_inputs()
    assert [(i.kind, i.source_code, i.vat_rate, i.nature) for i in inputs] == [
        ("test", "TENSILE-RT", "22", ""), ("room", "ROOM-MEETING-HALF", "22", "")]

    dialog.issue_button.click()
    settle(qtbot)
    issued = get_receipt(db, receipt_id=dialog.issued.id)
    assert [(line.kind, line.source_code, line.unit_price) for line in issued.lines] == [
        ("test", "TENSILE-RT", Decimal("75.00")), ("room", "ROOM-MEETING-HALF", Decimal("96.00"))]


def test_a_customer_switch_reprices_the_catalogue_lines_not_edited_by_hand(qtbot, db, admin, companies):
    member, other = companies
    dialog = make(qtbot, db, admin, member)
    for typed in ("TENSILE-RT", "ROOM-MEETING-HALF", "NSS"):
        picker = pick(qtbot, dialog, typed)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    dialog.add_line("Fotocopie", "10", "0,10", "22")  # typed by hand
    assert [_line(dialog, r)[2] for r in range(4)] == ["75.00", "96.00", "1.00", "0,10"]
    dialog.lines.item(1, PRICE).setText("80.00")  # the room's price agreed by hand
    dialog.lines.item(2, QUANTITY).setText("48")  # the hours of the exposure: the price stays the catalogue's

    dialog.company.set_company(other)
    settle(qtbot)
    assert [_line(dialog, r)[1:] for r in range(4)] == [["1", "90.00"], ["1", "80.00"], ["48", "1.20"],
                                                         ["10", "0,10"]]
    assert "Total" in dialog.totals.text()
    dialog.company.set_company(member)  # back to the member: their prices again
    settle(qtbot)
    assert [_line(dialog, r)[2] for r in range(4)] == ["75.00", "80.00", "1.00", "0,10"]
    assert [i.kind for i in dialog.line_inputs()] == ["test", "room", "test", "typed"]


def test_without_a_customer_the_picker_shows_list_prices(qtbot, db, admin):
    dialog = styled(ReceiptDialog(db, admin, charge_stamp_duty=True))
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    picker = pick(qtbot, dialog, "coworking")
    assert picker.for_whom.text() == "List prices: no customer chosen yet"
    assert [picker.model.index(0, c).data() for c in (0, 2, 3, 4)] == ["ROOM-COWORKING-DAY", "per day", "€25.00",
                                                                       "22%"]
    picker.search.clear()
    qtbot.keyClicks(picker.search, "COURSE-SAFETY-GEN")
    assert picker.model.index(0, 4).data() == "N4"
    picker.reject()
    assert dialog.lines.rowCount() == 1 and dialog.line_inputs()[0].kind == "typed"  # nothing added


def test_screenshot_of_the_picker_in_italian(qtbot, db, admin, companies, screenshot):
    member, _other = companies
    set_language("it")
    install_translators("it")
    try:
        dialog = make(qtbot, db, admin, member)
        picker = pick(qtbot, dialog, "sala")
        styled(picker)
        settle(qtbot)
        screenshot(picker, "price_picker.png")
        assert not labels_cut_off(picker)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        picker = pick(qtbot, dialog, "trazione")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        settle(qtbot)
        screenshot(dialog, "receipt_dialog_from_price_list.png")
        assert [i.source_code for i in dialog.line_inputs()] == ["ROOM-MEETING-HALF", "TENSILE-RT"]
        assert _line(dialog, 1)[2] == "75,00"
    finally:
        set_language("en")
        install_translators("en")


def test_lines_given_in_advance_keep_their_agreed_price_when_the_customer_changes(qtbot, db, admin, companies):
    """A sample intake's lines carry the price agreed at intake (an exposure's hours included): a
    customer switch re-prices only the lines the picker priced."""
    from decimal import Decimal

    from frontdesk.domain.receipts.receipt import LineInput

    member, other = companies
    agreed = LineInput("Nebbia salina neutra, 96 h", Decimal("2"), Decimal("96.00"), vat_rate="22", kind="test",
                       source_code="NSS")
    dialog = styled(ReceiptDialog(db, admin, charge_stamp_duty=True, company_id=member.id, lines=(agreed,)))
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    picker = pick(qtbot, dialog, "ROOM-MEETING-HALF")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    dialog.company.set_company(other)
    settle(qtbot)
    assert [_line(dialog, r)[2] for r in range(2)] == ["96.00", "120.00"]  # the room follows, the intake's not
