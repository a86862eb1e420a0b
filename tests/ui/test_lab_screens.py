"""The lab's Equipment and calendar screen and its Test planning screen, driven with qtbot on a real
SQLite file: a machine edited, a calibration that changes its state, a refused plan whose reason
shows in the dialog, a good plan saved; and screenshots of every screen and dialog, in Italian."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.i18n import set_language
from frontdesk.services.lab import calendar as lab_calendar
from frontdesk.services.lab.equipment import list_equipment, put_out_of_service
from frontdesk.services.lab.planning import plan_test
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.equipment_view import EquipmentView
from frontdesk.ui.lab.planning_view import PlanningView
from frontdesk.ui.shell.area_view import DeskContext

TUESDAY = dt.date(2027, 3, 23)
TODAY = today_in_rome()


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    technician(db, "Luca Pesenti", authorised_for=(spray,))
    tr = machine(db, admin, code="TR-01", kind="tensile_machine", name="Macchina di trazione Zwick Z250")
    ns = machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=20, continuous=True,
                 name="Camera a nebbia salina", calibrated_until=TODAY + dt.timedelta(days=20))
    old = machine(db, admin, code="HD-01", kind="hardness_tester", name="Durometro Rockwell",
                  calibrated_until=TODAY - dt.timedelta(days=3))
    return dict(tensile=tensile, spray=spray, anna=anna, tr=tr, ns=ns, old=old)


def make(qtbot, cls, db, actor):
    view = styled(cls(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def select(view, table, model, predicate) -> None:
    row = model.row_of(predicate)
    assert row >= 0
    table.selectRow(row)


def test_a_machine_is_edited_from_its_detail(qtbot, db, admin, lab):
    view = make(qtbot, EquipmentView, db, admin)
    select(view, view.table, view.model, lambda m: m.code == "TR-01")
    settle(qtbot)
    view._on_edit_button_clicked()
    settle(qtbot)
    dialog = view._dialog
    assert dialog.code.text() == "TR-01" and dialog.capacity.value() == 1
    dialog.firmware.setText("testXpert III 2.1")
    dialog.room.setText("Prove meccaniche, sala 2")
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert view.fields["firmware"].text() == "testXpert III 2.1"
    assert view.fields["room"].text() == "Prove meccaniche, sala 2"


def test_a_bad_machine_edit_shows_the_message_beside_the_field(qtbot, db, admin, lab):
    view = make(qtbot, EquipmentView, db, admin)
    view._on_new_button_clicked()
    settle(qtbot)
    dialog = view._dialog
    dialog.code.setText("TR-09")
    dialog.name.setText("Nuova")
    dialog.kind.setCurrentText("tensile_machine")
    dialog.hours_from.setTime(QTime(17, 0))
    dialog.hours_to.setTime(QTime(8, 0))
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.isVisible()
    assert dialog.errors.message("hours_to") == "The working hours must end after they start (from 17:00 to 08:00?)."
    assert [m.code for m in list_equipment(db)] == ["HD-01", "NS-01", "TR-01"]
    dialog.reject()


def test_a_calibration_added_changes_the_state(qtbot, db, admin, lab):
    view = make(qtbot, EquipmentView, db, admin)
    select(view, view.table, view.model, lambda m: m.code == "HD-01")
    settle(qtbot)
    assert view.detail_state.text().startswith("Calibration lapsed")
    dialog = view._on_calibration_button_clicked()
    dialog.certificate.setText("LAT 123 0456/26")
    dialog.next_due.setDate(QDate(TODAY.year + 1, TODAY.month, min(TODAY.day, 28)))
    dialog.save_button.click()
    settle(qtbot, 200)
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = view.model.row_of(lambda m: m.code == "HD-01")
    assert view.model.value(row).state == "valid"
    assert view.model.index(row, 3).data() == "Calibrated"
    assert view.detail_state.text().startswith("Calibrated")
    assert view.calibration_model.rows()[0].certificate == "LAT 123 0456/26"


def open_plan_dialog(qtbot, db, admin, sample_predicate=lambda t: True):
    view = make(qtbot, PlanningView, db, admin)
    select(view, view.table, view.model, sample_predicate)
    dialog = view._on_plan_button_clicked()
    settle(qtbot)
    return view, dialog


def test_a_refused_plan_shows_the_reason_in_the_dialog(qtbot, db, admin, lab):
    request_with_tests(db, lab["tensile"])
    _view, dialog = open_plan_dialog(qtbot, db, admin)
    assert [dialog.machine.itemText(i) for i in range(dialog.machine.count())] == [
        "TR-01 Macchina di trazione Zwick Z250"]  # only the right kind
    assert [dialog.technician.itemText(i) for i in range(dialog.technician.count())] == ["Anna Bonfanti"]
    dialog.day.setDate(QDate(2027, 3, 19))  # San Giuseppe, patron of Dalmine
    dialog.time.setTime(QTime(9, 0))
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.isVisible() and dialog.saved is None
    assert not dialog.refusal.isHidden()
    assert dialog.refusal.text() == ("It cannot start then: the lab is closed on Friday 19 March 2027 "
                                     "(Patron saint's day of Dalmine).")
    dialog.time.setTime(QTime(9, 15))  # a change clears the old reason
    assert dialog.refusal.isHidden()
    dialog.reject()


def test_a_good_plan_is_saved_and_listed(qtbot, db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    view, dialog = open_plan_dialog(qtbot, db, admin)
    dialog.day.setDate(QDate(TUESDAY.year, TUESDAY.month, TUESDAY.day))
    dialog.time.setTime(QTime(10, 30))
    settle(qtbot)
    assert dialog.ends.text() == "ends at 11:15"
    dialog.save_button.click()
    settle(qtbot, 200)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved.test_id == test
    row = view.model.row_of(lambda t: t.test_id == test)
    planned = view.model.value(row)
    assert (planned.status, planned.equipment_code, planned.technician_name) == ("scheduled", "TR-01", "Anna Bonfanti")
    assert view.model.index(row, 8).data() == "23/03/2027 10:30"


# --- screenshots, in Italian --------------------------------------------------------------------

@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_screenshots_in_italian(qtbot, db, admin, lab, italian, screenshots_folder):
    from frontdesk.services.lab.equipment import add_calibration

    add_calibration(db, equipment_id=lab["tr"], performed_on=TODAY - dt.timedelta(days=100),
                    next_due=TODAY + dt.timedelta(days=265), kind="verification", certificate="VI-2026-031",
                    actor=admin)
    broken = machine(db, admin, code="CH-01", kind="pendulum_impact", name="Pendolo Charpy 300 J")
    put_out_of_service(db, equipment_id=broken, starts_at=utcnow() - dt.timedelta(days=2),
                       reason="Coltello del pendolo da sostituire", actor=admin)
    lab_calendar.add_closure(db, starts_on=dt.date(TODAY.year + 1, 8, 10), ends_on=dt.date(TODAY.year + 1, 8, 21),
                             reason="Chiusura estiva", actor=admin)
    lab_calendar.set_technician_days(db, staff_id=lab["anna"], weekdays="1234", actor=admin)
    lab_calendar.add_absence(db, staff_id=lab["anna"], starts_on=TODAY + dt.timedelta(days=10),
                             ends_on=TODAY + dt.timedelta(days=12), reason="Corso ACCREDIA", actor=admin)
    tests = request_with_tests(db, lab["tensile"], count=2, due_on=dt.date(2027, 3, 30))
    request_with_tests(db, lab["spray"], hours=240, priority="urgent", due_on=dt.date(2027, 4, 15),
                       company="Forno Bianchi S.r.l.")
    plan_test(db, test_id=tests[0], equipment_id=lab["tr"],
              start=dt.datetime(2027, 3, 23, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
              technician_id=lab["anna"], actor=admin)
    shots = {}

    view = make(qtbot, EquipmentView, db, admin)
    select(view, view.table, view.model, lambda m: m.code == "TR-01")
    settle(qtbot)
    shots["lab_equipment.png"] = view
    assert labels_cut_off(view) == []
    view.grab().save(str(screenshots_folder / "lab_equipment.png"))
    select(view, view.table, view.model, lambda m: m.code == "CH-01")
    settle(qtbot)
    view.grab().save(str(screenshots_folder / "lab_equipment_out_of_service.png"))
    view.tabs.setCurrentIndex(1)
    settle(qtbot)
    assert view.calendar_tab.days_off_model.rowCount() > 5
    view.grab().save(str(screenshots_folder / "lab_calendar.png"))
    view.tabs.setCurrentIndex(0)
    select(view, view.table, view.model, lambda m: m.code == "TR-01")
    settle(qtbot)
    for name, opener in (("lab_equipment_dialog.png", view._on_edit_button_clicked),
                         ("lab_calibration_dialog.png", view._on_calibration_button_clicked),
                         ("lab_out_of_service_dialog.png", view._on_out_button_clicked)):
        opener()
        settle(qtbot)
        dialog = styled(view._dialog)
        settle(qtbot)
        dialog.grab().save(str(screenshots_folder / name))
        dialog.reject()
    period = styled(view.calendar_tab._on_add_closure_clicked())
    settle(qtbot)
    period.grab().save(str(screenshots_folder / "lab_closure_dialog.png"))
    period.reject()

    planning = make(qtbot, PlanningView, db, admin)
    planning.grab().save(str(screenshots_folder / "lab_planning.png"))
    select(planning, planning.table, planning.model, lambda t: t.test_id == tests[1])
    dialog = styled(planning._on_plan_button_clicked())
    settle(qtbot)
    dialog.day.setDate(QDate(2027, 3, 23))
    dialog.time.setTime(QTime(9, 30))
    settle(qtbot)
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.refusal.text().startswith("TR-01 Macchina di trazione Zwick Z250 ha già una prova")
    assert dialog.booking_model.rowCount() == 1
    dialog.grab().save(str(screenshots_folder / "lab_plan_dialog_refused.png"))
    dialog.reject()

    from frontdesk.ui.desk.settings_view import SettingsView

    settings = make(qtbot, SettingsView, db, admin)
    patron = settings.editors["lab_patron_day"]
    assert patron.text() == "03-19" and settings.scope_tags["lab_patron_day"].text() == "tutta la sede"
    settings.resize(1100, 1000)
    patron.parentWidget().setFocus()
    settle(qtbot)
    settings.grab().save(str(screenshots_folder / "settings_lab_part.png"))
    print("screenshots in", screenshots_folder)


def test_a_closure_added_from_the_calendar_tab_shows_among_the_days_off(qtbot, db, admin, lab):
    view = make(qtbot, EquipmentView, db, admin)
    view.tabs.setCurrentIndex(1)
    tab = view.calendar_tab
    dialog = tab._on_add_closure_clicked()
    first = QDate(TODAY.year + 1, 8, 10)
    dialog.starts_on.setDate(first)
    dialog.ends_on.setDate(first.addDays(-1))  # before the first day: refused, shown in the dialog
    dialog.reason.setText("Inventario")
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.isVisible() and dialog.errors.message("ends_on") == "The last day must not come before the first."
    dialog.ends_on.setDate(first.addDays(1))
    dialog.save_button.click()
    settle(qtbot, 200)
    assert [c.reason for c in tab.closure_model.rows()] == ["Inventario"]
    closed = [d for d in tab.days_off_model.rows() if d.kind == "closure"]
    weekdays = [d for d in (dt.date(TODAY.year + 1, 8, 10), dt.date(TODAY.year + 1, 8, 11)) if d.isoweekday() <= 5]
    assert [(d.day, d.name) for d in closed] == [(d, "Inventario") for d in weekdays]


def test_who_does_not_manage_equipment_sees_no_buttons_that_change_it(qtbot, db, admin, lab):
    from frontdesk.domain.roles import Actor, Role

    technician_actor = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=admin.staff_id, name="Anna")
    view = make(qtbot, EquipmentView, db, technician_actor)
    assert view.model.rowCount() == 3
    hidden = (view.new_button, view.edit_button, view.calibration_button, view.out_button,
              view.calendar_tab.add_closure_button, view.calendar_tab.absence_button)
    assert all(button.isHidden() for button in hidden)
