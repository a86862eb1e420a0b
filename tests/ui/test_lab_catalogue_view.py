"""The Test catalogue screen (ui.lab.catalogue_view): the lab manager edits a price and it is saved
and audited, a bad price is refused beside its field, a technician sees it read-only, ticking a
box in the Authorisations tab grants and revokes; screenshots of both tabs in Italian."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from screen_helpers import labels_cut_off, styled
from sqlalchemy import select

from frontdesk.db.models import AuditEvent
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.lab import catalogue as lab
from frontdesk.ui.lab.catalogue_view import CatalogueView
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def staff(add_staff):
    return {
        "manager": add_staff("elena", Role.LAB_MANAGER, display_name="Elena Pesenti").actor,
        "technician": add_staff("marco", Role.LAB_TECHNICIAN, display_name="Marco Locatelli").actor,
        "second": add_staff("sara", Role.LAB_TECHNICIAN, display_name="Sara Gritti").actor,
    }


def open_view(qtbot, db, actor, language: str = "en") -> CatalogueView:
    view = CatalogueView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False, language=language))
    qtbot.addWidget(view)
    view.resize(1400, 820)
    view.show()
    with qtbot.waitSignal(view.data_loaded, timeout=10000):
        view.reload()
    wait_for_idle()
    return view


def select_code(view: CatalogueView, code: str) -> None:
    row = view.model.row_of(lambda t: t.code == code)
    view.table.selectRow(row)
    assert view.current().code == code


def audit(db) -> list[tuple[str, dict, str]]:
    with db.read() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action.startswith("lab_")).order_by(AuditEvent.at))
        return [(e.action, json.loads(e.changes), e.actor_label) for e in rows]


def test_the_lab_manager_edits_a_price_and_it_is_saved_and_audited(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    assert view.model.rowCount() == 15
    assert [view.model.index(0, c).data() for c in (0, 3, 4, 5, 6)] == ["TENSILE-RT", "✓", "30 min", "€90.00",
                                                                      "€75.00"]
    select_code(view, "HB")
    view.form.price.clear()
    qtbot.keyClicks(view.form.price, "36.50")
    with qtbot.waitSignal(view.data_loaded, timeout=10000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait_for_idle()
    hb = next(t for t in lab.list_test_types(db) if t.code == "HB")
    assert hb.spec.price_cents == 3650
    assert view.saved_note.text() == "Saved."
    row = view.model.row_of(lambda t: t.code == "HB")
    assert view.model.index(row, 5).data() == "€36.50"
    assert audit(db) == [("lab_test_type.update", {"price_cents": [3500, 3650]}, "Elena Pesenti")]


def test_a_member_price_above_the_price_is_shown_beside_it_and_nothing_is_saved(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    select_code(view, "HV")
    view.form.member_price.setText("99,00")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(view.form.errors.message("member_price_cents")), timeout=10000)
    assert view.form.errors.message("member_price_cents") == "The member price is above the price."
    view.form.member_price.setText("ninety")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.form.errors.message("member_price_cents").startswith("Type the price in euro")
    wait_for_idle()
    assert next(t for t in lab.list_test_types(db) if t.code == "HV").spec.member_price_cents == 3200
    assert audit(db) == []


def test_a_result_field_edited_in_its_table_is_saved(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    select_code(view, "TENSILE-RT")
    model = view.form.fields_model
    rm_row = next(r for r in range(model.rowCount()) if model.item(r, 0).text() == "rm")
    model.item(rm_row, 8).setText("2 %")
    with qtbot.waitSignal(view.data_loaded, timeout=10000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait_for_idle()
    saved = next(t for t in lab.list_test_types(db) if t.code == "TENSILE-RT")
    rm = next(f for f in saved.spec.result_fields if f.name == "rm")
    assert (rm.uncertainty.value, rm.uncertainty.relative) == (2, True)
    ((action, changes, _who),) = audit(db)
    assert action == "lab_test_type.update" and set(changes) == {"result_fields"}


def test_a_technician_sees_the_catalogue_read_only(qtbot, db, staff):
    view = open_view(qtbot, db, staff["technician"])
    assert view.read_only_note.isVisible()
    assert not view.save_button.isVisible() and not view.new_button.isVisible()
    assert not view.active_button.isVisible()
    assert view.form.price.isReadOnly() and view.form.name_it.isReadOnly()
    assert not view.form.accredited.isEnabled() and not view.form.add_field_button.isVisible()
    model = view.authorisations.model
    assert model.rowCount() == 3
    index = model.index(0, 0)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_for_idle()
    assert audit(db) == []


def test_ticking_a_box_grants_and_unticking_revokes(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    view.tabs.setCurrentIndex(1)
    model = view.authorisations.model
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert names == ["Elena Pesenti", "Marco Locatelli", "Sara Gritti"]
    codes = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    marco, charpy = names.index("Marco Locatelli"), codes.index("CHARPY-V")
    charpy_id = model.grid.test_types[charpy].id
    index = model.index(marco, charpy)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked  # at once
    qtbot.waitUntil(lambda: lab.is_authorised(db, staff_id=staff["technician"].staff_id, test_type_id=charpy_id),
                    timeout=10000)
    wait_for_idle()
    index = model.index(marco, charpy)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    view.authorisations.table.setCurrentIndex(index)
    view.authorisations.table.setFocus()
    qtbot.keyClick(view.authorisations.table, Qt.Key.Key_Space)  # the keyboard unticks it
    qtbot.waitUntil(lambda: not lab.is_authorised(db, staff_id=staff["technician"].staff_id,
                                                  test_type_id=charpy_id), timeout=10000)
    wait_for_idle()
    assert [a for a, _c, _w in audit(db)] == ["lab_authorisation.grant", "lab_authorisation.revoke"]


def test_screenshots_of_both_tabs_in_italian(qtbot, db, staff, screenshot):
    grid = lab.authorisations(db)
    by_code = {t.code: t.id for t in grid.test_types}
    for who, codes in (("manager", ("TENSILE-RT", "CHARPY-V", "GRAIN", "MICRO", "INCL")),
                       ("technician", ("TENSILE-RT", "HB", "HV", "HR", "BEND")),
                       ("second", ("NSS", "COAT-MAG", "COAT-EDDY", "ROUGH", "OES-STEEL"))):
        for code in codes:
            lab.grant_authorisation(db, staff_id=staff[who].staff_id, test_type_id=by_code[code],
                                    actor=staff["manager"])
    set_language("it")
    from frontdesk.ui.i18n_qt import install_translators

    install_translators("it")
    try:
        view = styled(open_view(qtbot, db, staff["manager"], language="it"))
        select_code(view, "TENSILE-RT")
        QApplication.processEvents()
        types_png = screenshot(view, "lab_catalogue_types.png")
        assert view.tabs.tabText(1) == "Abilitazioni"
        assert labels_cut_off(view) == []
        view.tabs.setCurrentIndex(1)
        QApplication.processEvents()
        grid_png = screenshot(view, "lab_catalogue_authorisations.png")
        for png in (types_png, grid_png):
            shutil.copy(png, f"/tmp/{png.name}")
    finally:
        set_language("en")
        install_translators("en")


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.authorisations.model)
    qtmodeltester.check(view.form.fields_model)


def test_a_refused_tick_goes_back_and_says_why(qtbot, db, staff, admin_session, shown_errors):
    from frontdesk.services.staff import accounts

    view = open_view(qtbot, db, staff["manager"])
    model = view.authorisations.model
    sara = [t.name for t in model.grid.technicians].index("Sara Gritti")
    accounts.set_active(db, staff_id=staff["second"].staff_id, active=False, actor=admin_session.actor)
    index = model.index(sara, 0)
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=10000)
    wait_for_idle()
    assert shown_errors[-1] == "Sara Gritti's account is disabled: enable it before authorising them."
    assert model.data(model.index(sara, 0), Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
    assert audit(db) == []


def test_a_technicians_screen_in_italian(qtbot, db, staff, screenshot):
    set_language("it")
    from frontdesk.ui.i18n_qt import install_translators

    install_translators("it")
    try:
        view = styled(open_view(qtbot, db, staff["technician"], language="it"))
        select_code(view, "NSS")
        QApplication.processEvents()
        assert view.read_only_note.text() == "Solo il responsabile di laboratorio può modificare il catalogo."
        assert view.form.price_unit.text() == "per ora di esposizione"
        assert view.model.index(view.model.row_of(lambda t: t.code == "NSS"), 4).data() == "2–1.008 h"
        png = screenshot(view, "lab_catalogue_technician.png")
        shutil.copy(png, f"/tmp/{png.name}")
    finally:
        set_language("en")
        install_translators("en")


def test_a_new_test_type_is_added_and_can_be_withdrawn(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert not view.form.code.isReadOnly() and view.form_title.text() == "New test type"
    form = view.form
    qtbot.keyClicks(form.code, "hv-micro")
    qtbot.keyClicks(form.name_it, "Microdurezza Vickers")
    qtbot.keyClicks(form.name_en, "Vickers microhardness")
    qtbot.keyClicks(form.standard, "UNI EN ISO 6507-1:2018")
    form.equipment_kind.setCurrentIndex(form.equipment_kind.findData("microhardness_tester"))
    form.price.setText("45,00")
    form.member_price.setText("36,00")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)  # no result field yet
    qtbot.waitUntil(lambda: bool(form.errors.message("result_fields")), timeout=10000)
    assert form.errors.message("result_fields") == "A test produces at least one result field."
    qtbot.mouseClick(form.add_field_button, Qt.MouseButton.LeftButton)
    row = form.fields_model.rowCount() - 1
    for column, text in ((0, "hv"), (1, "Durezza HV0,1"), (2, "Hardness HV0.1"), (3, "HV0,1"), (5, "50"),
                         (6, "1000"), (7, "0"), (8, "4 %")):
        form.fields_model.item(row, column).setText(text)
    with qtbot.waitSignal(view.data_loaded, timeout=10000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait_for_idle()
    added = next(t for t in lab.list_test_types(db) if t.code == "HV-MICRO")
    assert (added.spec.price_cents, added.spec.member_price_cents) == (4500, 3600)
    assert added.spec.equipment_kind == "microhardness_tester"
    (field,) = added.spec.result_fields
    assert (field.name, field.min, field.max, field.decimals, field.uncertainty.relative) == ("hv", 50, 1000, 0, True)
    assert view.current().code == "HV-MICRO" and view.form.code.isReadOnly()
    with qtbot.waitSignal(view.data_loaded, timeout=10000):
        qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    wait_for_idle()
    assert not next(t for t in lab.list_test_types(db) if t.code == "HV-MICRO").active
    assert view.active_button.text() == "Offer again"
    row = view.model.row_of(lambda t: t.code == "HV-MICRO")
    assert view.model.index(row, 1).data() == "Vickers microhardness (withdrawn)"
    assert [a for a, _c, _w in audit(db)] == ["lab_test_type.create", "lab_test_type.withdraw"]


def test_an_exposure_of_zero_hours_is_refused_beside_the_hours(qtbot, db, staff):
    view = open_view(qtbot, db, staff["manager"])
    select_code(view, "NSS")
    assert view.form.hours_min.isEnabled() and not view.form.duration.isEnabled()
    view.form.hours_min.setValue(0)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(view.form.errors.message("hours_min")), timeout=10000)
    assert view.form.errors.message("hours_min") == "Minimum hours: a whole number from 1 to 5000."
    view.form.hours_min.setValue(2)
    view.form.hours_max.setValue(5001)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.form.errors.message("hours_min").startswith("Maximum hours"), timeout=10000)
    wait_for_idle()
    nss = next(t for t in lab.list_test_types(db) if t.code == "NSS")
    assert (nss.spec.hours_min, nss.spec.hours_max) == (2, 1008)
    assert audit(db) == []
