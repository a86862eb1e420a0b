"""The Settings screen's rows for the Point's registered data and the receipts (issue 16): shown,
saved through the service as the site's settings, refused beside their field in Italian, and the
member associations ticked from the network's list. Screenshot of both sections in Italian."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import get_settings
from frontdesk.services.registry.reference import associations
from frontdesk.ui import tasks
from frontdesk.ui.desk.settings_view import SettingsView
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.shell.area_view import DeskContext


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def _view(qtbot, db, admin) -> SettingsView:
    view = SettingsView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    return view


def _ticks(view) -> dict[str, Qt.CheckState]:
    listing = view.editors["member_associations"].list
    return {listing.item(i).text(): listing.item(i).checkState() for i in range(listing.count())}


def test_the_point_and_receipt_settings_are_shown_and_saved(qtbot, db, admin):
    view = _view(qtbot, db, admin)
    assert view.editors["point_postcode"].text() == "24044" and view.editors["point_province"].text() == "BG"
    assert view.editors["point_tax_regime"].currentData() == "RF01"
    assert view.editors["receipt_cash_limit"].value() == 5000
    assert view.editors["receipt_charge_stamp_duty"].isChecked()
    ticks = _ticks(view)
    assert "Confartigianato Imprese Bergamo" in ticks and set(ticks.values()) == {Qt.CheckState.Unchecked}
    assert not any("Nessuna" in name for name in ticks)  # "no association" is not one to tick
    assert not view.save_button.isEnabled()

    view.editors["point_rea"].setText("bg-412345")
    view.editors["point_tax_regime"].setCurrentIndex(view.editors["point_tax_regime"].findData("RF19"))
    view.editors["receipt_cash_limit"].setValue(3000)
    view.editors["receipt_charge_stamp_duty"].setChecked(False)
    listing = view.editors["member_associations"].list
    chosen = next(listing.item(i) for i in range(listing.count()) if listing.item(i).text().startswith("CNA"))
    chosen.setCheckState(Qt.CheckState.Checked)
    assert view.save_button.isEnabled()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    stored = get_settings(db)
    cna = next(a for a in associations(db) if a.code == "cna")
    assert (stored.point_rea, stored.point_tax_regime, stored.receipt_cash_limit) == ("BG-412345", "RF19", 3000)
    assert stored.receipt_charge_stamp_duty is False and stored.member_associations == [str(cna.id)]
    assert view.editors["point_rea"].text() == "BG-412345"  # shown as stored
    assert not view.save_button.isEnabled()
    again = _view(qtbot, db, admin)  # a new screen ticks what is stored
    assert [name for name, state in _ticks(again).items() if state == Qt.CheckState.Checked] == [chosen.text()]


def test_bad_point_data_is_refused_beside_its_field_in_italian(qtbot, db, admin, italian):
    view = _view(qtbot, db, admin)
    view.editors["point_postcode"].setText("2404")
    view.editors["point_province"].setText("EE")
    view.editors["point_rea"].setText("123456")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "5 cifre" in view.errors.message("point_postcode")
    assert "estero" in view.errors.message("point_province")
    assert "BG-123456" in view.errors.message("point_rea")
    stored = get_settings(db)
    assert (stored.point_postcode, stored.point_province, stored.point_rea) == ("24044", "BG", "")


def test_screenshot_of_the_point_and_receipts_sections_in_italian(qtbot, db, admin, italian, screenshot):
    view = _view(qtbot, db, admin)
    view.editors["point_vat"].setText("01114601006")
    view.editors["point_rea"].setText("BG-412345")
    for name in ("section_point", "section_receipts"):
        box = view.findChild(type(view.findChild(object, "section_point")), name)
        assert screenshot(box, f"settings_{name}.png").exists()
    assert view.editors["point_tax_regime"].currentText() == "RF01 · Ordinario"
