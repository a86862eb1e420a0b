"""The Price list screen driven as the administrator would (issue 16, point 1): an item edited in its
dialog (Enter opens it), a refusal shown beside its field with nothing saved, a new item (Ctrl+N),
a withdrawal greyed and brought back, the filter; the area sits after Receipts and reception does
not see it; screenshots in Italian."""

from __future__ import annotations

import sqlite3
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from screen_helpers import labels_cut_off, styled
from test_receipts_view import settle

from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.receipts.price_list import list_price_items
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.receipts.price_list_view import WITHDRAWN, PriceListView
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext


def make(qtbot, db, actor) -> PriceListView:
    view = styled(PriceListView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def _select(view: PriceListView, code: str) -> int:
    row = view.model.row_of(lambda i: i.code == code)
    assert row >= 0, code
    view.table.selectRow(row)
    return row


def _stored(db, code: str):
    return next(i for i in list_price_items(db) if i.code == code)


def _price_rows(db_path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT * FROM price_item ORDER BY code").fetchall()
    finally:
        conn.close()


def test_the_area_follows_receipts_and_needs_the_price_list_permission():
    keys = [area.key for area in AREAS]
    assert keys.index("price_list") == keys.index("receipt_closing") + 1 == keys.index("receipts") + 2
    area = AREAS[keys.index("price_list")]
    assert area.title_source == "Price list" and area.permission == "edit_price_list"
    def someone(role: Role) -> Actor:
        return Actor("R1", role, staff_id=uuid.uuid4())

    assert area.allowed_for(someone(Role.ADMIN)) and not area.allowed_for(someone(Role.RECEPTION))
    assert not area.allowed_for(someone(Role.LAB_MANAGER))


def test_an_item_is_edited_in_its_dialog_opened_with_enter(qtbot, db, db_path, admin):
    view = make(qtbot, db, admin)
    assert view.model.rowCount() == len(list_price_items(db))
    row = _select(view, "ROOM-MEETING-HALF")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible() and dialog.code.isReadOnly()
    assert (dialog.code.text(), dialog.price.text(), dialog.member_price.text()) == (
        "ROOM-MEETING-HALF", "120.00", "96.00")
    assert dialog.service.currentData() == "meeting" and dialog.unit.currentData() == "half_day"

    before = _price_rows(db_path)
    dialog.member_price.setText("150")  # above the price: refused beside its field
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.isVisible() and "member price is above the price" in dialog.errors.message("member_price_cents")
    dialog.price.setText("12O")  # a letter O: not an amount
    dialog.save_button.click()
    settle(qtbot)
    assert "Type the price in euro" in dialog.errors.message("price_cents")
    assert _price_rows(db_path) == before

    dialog.price.setText("130,50")
    dialog.member_price.setText("104")
    dialog.tax.setCurrentIndex(dialog.tax.findData("10"))
    dialog.save_button.click()
    settle(qtbot)
    assert not dialog.isVisible() and dialog.saved is not None
    stored = _stored(db, "ROOM-MEETING-HALF").spec
    assert (stored.price_cents, stored.member_price_cents, stored.vat_rate) == (13050, 10400, "10")
    row = view.model.row_of(lambda i: i.code == "ROOM-MEETING-HALF")
    assert view.table.currentIndex().row() == row
    assert [view.model.index(row, c).data() for c in (4, 5, 6)] == ["€130.50", "€104.00", "10%"]


def test_a_new_item_by_ctrl_n_and_a_taken_code_refused(qtbot, db, admin):
    view = make(qtbot, db, admin)
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.code.isReadOnly()
    dialog.code.setText("ROOM-MEETING-DAY")
    dialog.kind.setCurrentIndex(dialog.kind.findData("room"))
    dialog.name_it.setText("Sala piccola")
    dialog.name_en.setText("Small room")
    dialog.price.setText("50")
    dialog.member_price.setText("40")
    dialog.save_button.click()
    settle(qtbot)
    assert "ROOM-MEETING-DAY" in dialog.errors.message("code")
    dialog.code.setText("room-small-hour")
    dialog.service.setCurrentIndex(dialog.service.findData("meeting"))
    dialog.unit.setCurrentIndex(dialog.unit.findData("hour"))
    dialog.tax.setCurrentIndex(dialog.tax.findData("N4"))
    dialog.save_button.click()
    settle(qtbot)
    assert not dialog.isVisible()
    made = _stored(db, "ROOM-SMALL-HOUR").spec
    assert (made.kind, made.service_code, made.unit, made.price_cents, made.vat_rate, made.nature) == (
        "room", "meeting", "hour", 5000, "", "N4")
    assert view.current_item().code == "ROOM-SMALL-HOUR"


def test_an_item_withdrawn_is_greyed_and_brought_back_and_the_filter_keeps_matching_rows(qtbot, db, admin):
    view = make(qtbot, db, admin)
    row = _select(view, "SRV-TM-SEARCH")
    assert view.active_button.text() == "Withdraw"
    view.active_button.click()
    settle(qtbot)
    row = view.model.row_of(lambda i: i.code == "SRV-TM-SEARCH")
    assert not view.model.value(row).active and not _stored(db, "SRV-TM-SEARCH").active
    assert view.model.index(row, 1).data().endswith("(withdrawn)")
    assert view.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(WITHDRAWN)
    assert view.active_button.text() == "Bring back" and "withdrawn: 1" in view.summary.text()
    view.active_button.click()
    settle(qtbot)
    assert _stored(db, "SRV-TM-SEARCH").active and view.active_button.text() == "Withdraw"

    qtbot.keyClicks(view.filter, "sala giornata")  # Italian words of the name match too
    assert [i.code for i in view.model.rows()] == ["ROOM-MEETING-HALF", "ROOM-MEETING-DAY"]
    view.filter.setText("coworking")
    assert [i.code for i in view.model.rows()] == ["ROOM-COWORKING-DAY"]
    view.filter.clear()
    assert view.model.rowCount() == len(list_price_items(db))


def test_screenshots_in_italian(qtbot, db, admin, screenshot):
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        _select(view, "SRV-FILING-FEES")
        view.active_button.click()
        settle(qtbot)
        _select(view, "ROOM-MEETING-HALF")
        screenshot(view, "price_list.png")
        assert not labels_cut_off(view)
        dialog = view.edit_item()
        styled(dialog)
        dialog.member_price.setText("150")
        dialog.save_button.click()
        settle(qtbot)
        assert "soci" in dialog.errors.message("member_price_cents")
        screenshot(dialog, "price_item_dialog.png")
        assert not labels_cut_off(dialog)
    finally:
        set_language("en")
        install_translators("en")
