"""The automatic plan on the Test planning screen: "Recompute plan" at the planning desk makes it and
the line says when and what came of it, with the late and unplaceable tests marked in the Risk
column; at another desk the button is hidden and the line says where the plan is made. The
Settings screen holds the three lab planning settings. PlanUpkeep makes a due plan by itself."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_rows import TENSILE, machine, make_test_type, request_with_tests, technician
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import ROME
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import get_settings, update_settings
from frontdesk.services.lab.auto_plan import latest_run, replan
from frontdesk.ui import tasks
from frontdesk.ui.desk.settings_view import FIELDS, SettingsView
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.plan_upkeep import PlanUpkeep
from frontdesk.ui.lab.planning_view import PlanningView
from frontdesk.ui.shell.area_view import DeskContext


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    hardness = make_test_type(db, code="HV10", name_it="Durezza Vickers HV10", name_en="Vickers hardness HV10",
                              equipment_kind="hardness_tester", duration_min=20, prep_min=10,
                              standard="UNI EN ISO 6507-1:2018")
    technician(db, "Anna Bonfanti", authorised_for=(tensile,))
    machine(db, admin, code="TR-01", kind="tensile_machine", name="Macchina di trazione Zwick Z250")
    today = dt.datetime.now(ROME).date()
    late = request_with_tests(db, tensile, count=16, company="Fonderie Orobiche S.r.l.", due_on=today)
    [orphan] = request_with_tests(db, hardness, company="Trafilerie Bergamasche S.p.A.")
    return dict(late=late, orphan=orphan)


def make(qtbot, db, actor, cls=PlanningView):
    view = styled(cls(DeskContext(db=db, actor=actor, desk=db.desk, is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1400, 760)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def risk_of(view, test_id) -> str:
    return view.model.data(view.model.index(view.model.row_of(lambda t: t.test_id == test_id),
                                            view.model.columnCount() - 1))


def test_recompute_at_the_planning_desk_fills_the_line_and_the_risk_column(qtbot, db, admin, lab, screenshots_folder):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        assert view.replan_button.isVisible() and view.replan_button.text() == "Ricalcola piano"
        assert view.plan_line.text() == "Il piano automatico non è ancora stato calcolato."
        view.replan_button.click()
        settle(qtbot, 300)
        run = latest_run(db)
        assert run is not None and run.cause == "manual" and run.late and len(run.unplaced) == 1
        line = view.plan_line.text()
        assert line.startswith("Piano calcolato il ") and " alle " in line
        assert f"{len(run.late)} prove in ritardo" in line and "1 non pianificabile" in line
        assert risk_of(view, lab["orphan"]).startswith("Nessuno strumento di tipo")
        late = run.late[0]
        assert risk_of(view, late.test_id).startswith("in ritardo di ")
        assert labels_cut_off(view) == []
        view.grab().save(str(screenshots_folder / "lab_planning_auto.png"))
    finally:
        set_language("en")
        install_translators("en")


def test_at_another_desk_the_button_is_hidden_and_the_line_says_where(qtbot, db, admin, lab, screenshots_folder):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    replan(db, actor=admin, cause="manual")
    update_settings(db, changes={"lab_planning_desk": "L1"}, actor=admin)  # as if made at L1, then synced
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        assert view.replan_button.isHidden()
        assert view.plan_line.text().startswith("Il piano si calcola alla postazione L1. · Piano calcolato il ")
        assert labels_cut_off(view) == []
        view.grab().save(str(screenshots_folder / "lab_planning_other_desk.png"))
    finally:
        set_language("en")
        install_translators("en")
    with db.begin() as session:  # no run yet
        session.execute(text("DELETE FROM lab_plan_run"))
    view.reload()
    settle(qtbot)
    assert view.plan_line.text() == "The plan is computed at desk L1. · The automatic plan has not been computed yet."
    update_settings(db, changes={"lab_planning_desk": ""}, actor=admin)
    view.reload()
    settle(qtbot)
    assert view.plan_line.text() == "No automatic plan: choose the planning desk in Settings."


def test_a_technician_without_the_right_to_plan_sees_no_button(qtbot, db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    reception = Actor(desk=db.desk, role=Role.RECEPTION, staff_id=admin.staff_id, name="Giulia")
    view = make(qtbot, db, reception)
    assert view.replan_button.isHidden()


def test_the_upkeep_makes_a_due_plan_by_itself_once(qtbot, db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    upkeep = PlanUpkeep(db, every_ms=60_000, after_change_ms=50)
    made = []
    upkeep.made.connect(made.append)
    upkeep.start()
    settle(qtbot, 300)
    assert len(made) == 1 and latest_run(db).cause == "night"
    request_with_tests(db, make_test_type(db, **TENSILE))  # as a sync run's pull: the bus names the lab's tables
    tasks.data_bus().data_changed.emit({"lab_test", "lab_request"})
    qtbot.waitUntil(lambda: len(made) == 2, timeout=5000)
    assert latest_run(db).cause == "change"
    upkeep.check()
    settle(qtbot, 300)
    assert len(made) == 2  # nothing due any more
    upkeep.deleteLater()


def test_the_settings_screen_holds_the_lab_planning_settings(qtbot, db, admin, screenshots_folder):
    names = {f.name: f for f in FIELDS if f.section == "lab"}
    assert set(names) == {"lab_planning_desk", "lab_stable_days", "lab_report_lead_days"}
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin, SettingsView)
        box = view.findChild(type(view.editors["lab_planning_desk"].parent()), "section_lab")
        assert box is not None and box.title() == "Laboratorio"
        assert "calcola il piano automatico" in view.editors["lab_planning_desk"].toolTip()
        view.editors["lab_planning_desk"].setText("l1")
        view.editors["lab_stable_days"].setValue(3)
        view.editors["lab_report_lead_days"].setValue(4)
        assert view.editors["lab_stable_days"].suffix() == " giorni lavorativi"
        box.grab().save(str(screenshots_folder / "settings_lab.png"))
        view.save_button.click()
        settle(qtbot)
    finally:
        set_language("en")
        install_translators("en")
    saved = get_settings(db)
    assert (saved.lab_planning_desk, saved.lab_stable_days, saved.lab_report_lead_days) == ("L1", 3, 4)


def test_a_plan_made_elsewhere_shows_who_and_when(qtbot, db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    replan(db, actor=admin, cause="manual", now=dt.datetime(2027, 3, 22, 6, 10, tzinfo=ROME))
    update_settings(db, changes={"lab_planning_desk": "L1"}, actor=admin)
    view = make(qtbot, db, admin)
    assert "Plan computed on 22 March at 06:10" in view.plan_line.text()


def test_the_risk_column_says_a_test_was_moved_off_a_failed_machine_and_pinned(qtbot, db, admin, lab):
    from frontdesk.db.lab_models import TestJob

    moved, pinned = lab["late"][:2]
    with db.begin() as session:
        session.get(TestJob, moved).plan_flag = "moved"
        session.get(TestJob, moved).plan_flag_reason = "TR-01: Cella di carico guasta"
        session.get(TestJob, pinned).pinned = True
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        assert risk_of(view, moved) == "Spostata: TR-01: Cella di carico guasta"
        assert risk_of(view, pinned) == "fissata"
        assert risk_of(view, lab["late"][2]) == ""  # no plan made yet, nothing to say
    finally:
        set_language("en")
        install_translators("en")
