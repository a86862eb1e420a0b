"""The automatic plan stored at the planning desk (services.lab.auto_plan): refused elsewhere, places
and stores the pending tests with one run and one audit event, keeps the stable window and pinned
tests, records late and unplaceable tests with their reasons, never steps a status back; says when
a run is due (night, change, also for a row a pull brought with an old timestamp); nothing is
half-written when the write fails."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from lab_rows import TENSILE, machine, make_test_type, request_with_tests, technician
from sqlalchemy import func, select, text

from frontdesk.db.lab_models import PlanRun, TestJob
from frontdesk.db.models import AuditEvent
from frontdesk.domain.clock import ROME
from frontdesk.domain.errors import Conflict, PermissionDenied
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab import auto_plan
from frontdesk.services.lab.auto_plan import latest_run, plan_due, plan_overview, replan, replan_if_due
from frontdesk.services.lab.equipment import EquipmentInput, update_equipment
from frontdesk.services.lab.planning import plan_test

NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=ROME)  # a Monday


@pytest.fixture
def lab(db, admin):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    tensile = make_test_type(db, **TENSILE)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile,))
    tr = machine(db, admin, code="TR-01", kind="tensile_machine")
    return dict(tensile=tensile, anna=anna, tr=tr)


def _tests(db, ids):
    with db.read() as session:
        return {t.id: (t.status, t.equipment_id, t.planned_start, t.planned_end, t.technician_id, t.pinned,
                       t.plan_flag, t.plan_flag_reason)
                for t in session.scalars(select(TestJob).where(TestJob.id.in_(ids)))}


def test_refused_in_italian_away_from_the_planning_desk_and_without_one(db, admin, lab):
    set_language("it")
    try:
        update_settings(db, changes={"lab_planning_desk": "L1"}, actor=admin)
        with pytest.raises(Conflict, match="si calcola alla postazione L1: qui si vede il piano sincronizzato"):
            replan(db, actor=admin, cause="manual", now=NOW)
        update_settings(db, changes={"lab_planning_desk": ""}, actor=admin)
        with pytest.raises(Conflict, match="Impostazioni"):
            replan(db, actor=admin, cause="manual", now=NOW)
    finally:
        set_language("en")
    assert plan_due(db, now=NOW) is None and latest_run(db) is None
    assert not plan_overview(db).here


def test_a_receptionist_may_not_make_the_plan_but_the_desk_itself_may(db, lab):
    receptionist = Actor(desk=db.desk, role=Role.RECEPTION, staff_id=lab["anna"], name="Anna")
    with pytest.raises(PermissionDenied):
        replan(db, actor=receptionist, cause="manual", now=NOW)
    assert replan(db, actor=Actor.desk_itself(db.desk), cause="night", now=NOW).tests == 0


def test_a_run_places_requested_tests_and_records_itself_once(db, admin, lab):
    ids = request_with_tests(db, lab["tensile"], count=3, due_on=dt.date(2027, 4, 30))
    outcome = replan(db, actor=admin, cause="manual", now=NOW)
    assert (outcome.tests, outcome.moved, outcome.late, outcome.unplaced) == (3, 3, (), ())
    rows = _tests(db, ids)
    for status, equipment, start, end, technician_id, *_ in rows.values():
        assert (status, equipment, technician_id) == ("scheduled", lab["tr"], lab["anna"])
        assert NOW < start < end
    starts = sorted(r[2] for r in rows.values())
    assert len(set(starts)) == 3  # one at a time on the one machine
    with db.read() as session:
        [run] = session.scalars(select(PlanRun)).all()
        events = session.scalars(select(AuditEvent.record_id).where(AuditEvent.action == "lab_plan.make")).all()
        assert (run.cause, run.tests, run.moved, run.late, run.unplaced) == ("manual", 3, 3, 0, 0)
        assert run.made_by_name == admin.name and json.loads(run.details) == {"late": [], "unplaced": []}
        assert events == [str(run.id)]
    latest = latest_run(db)
    assert (latest.cause, latest.tests, latest.made_at) == ("manual", 3, NOW)
    assert plan_overview(db).here and plan_overview(db).latest == latest
    again = replan(db, actor=admin, cause="manual", now=NOW)
    assert again.moved == 0 and _tests(db, ids) == rows  # the same plan: nothing written


def test_a_new_urgent_request_does_not_move_tests_in_the_stable_window(db, admin, lab):
    first = request_with_tests(db, lab["tensile"], count=4, due_on=dt.date(2027, 4, 30))
    replan(db, actor=admin, cause="manual", now=NOW)
    before = _tests(db, first)
    urgent = request_with_tests(db, lab["tensile"], count=2, priority="urgent", due_on=dt.date(2027, 3, 23))
    outcome = replan(db, actor=admin, cause="change", now=NOW + dt.timedelta(minutes=5))
    assert _tests(db, first) == before and outcome.moved == 2
    assert all(r[0] == "scheduled" and r[2] >= max(b[3] for b in before.values()) - dt.timedelta(hours=10)
               for r in _tests(db, urgent).values())


def test_a_pinned_test_never_moves(db, admin, lab):
    [pinned] = request_with_tests(db, lab["tensile"], due_on=dt.date(2027, 4, 30))
    later = dt.datetime(2027, 3, 30, 14, 0, tzinfo=ROME)  # beyond the stable window
    plan_test(db, test_id=pinned, equipment_id=lab["tr"], start=later, technician_id=lab["anna"], actor=admin,
              pin=True)
    request_with_tests(db, lab["tensile"], count=3, priority="urgent", due_on=dt.date(2027, 3, 22))
    replan(db, actor=admin, cause="manual", now=NOW)
    status, equipment, start, *_rest, is_pinned, _flag, _why = _tests(db, [pinned])[pinned]
    assert (status, equipment, start, is_pinned) == ("scheduled", lab["tr"], later, True)


def test_late_tests_are_recorded_with_by_how_many_minutes(db, admin, lab):
    request_with_tests(db, lab["tensile"], count=14, due_on=dt.date(2027, 3, 22))
    outcome = replan(db, actor=admin, cause="manual", now=NOW)
    assert outcome.late and all(item.minutes > 0 and item.due_on == dt.date(2027, 3, 22) for item in outcome.late)
    details = latest_details(db)
    assert {(d["test_id"], d["minutes"]) for d in details["late"]} == {
        (str(item.test_id), item.minutes) for item in outcome.late}
    assert latest_run(db).late == outcome.late


def latest_details(db) -> dict:
    with db.read() as session:
        return json.loads(session.scalars(select(PlanRun.details).order_by(PlanRun.made_at.desc())).first())


def test_an_unplaceable_test_is_in_the_details_with_the_italian_reason(db, admin, lab):
    hardness = make_test_type(db, code="HV10", name_it="Durezza Vickers", name_en="Vickers hardness",
                              equipment_kind="hardness_tester", duration_min=20, prep_min=10,
                              standard="UNI EN ISO 6507-1")
    [orphan] = request_with_tests(db, hardness)
    set_language("it")
    try:
        outcome = replan(db, actor=admin, cause="manual", now=NOW)
    finally:
        set_language("en")
    [unplaced] = outcome.unplaced
    assert unplaced.test_id == orphan and unplaced.rule == "kind"
    assert "Nessuno strumento" in unplaced.reason and "hardness_tester" in unplaced.reason
    assert [(u.test_id, u.rule, u.kind, u.test_type) for u in latest_run(db).unplaced] == [
        (orphan, "kind", "hardness_tester", "HV10")]
    [read_in_english] = latest_run(db).unplaced  # a stored reason is written again in the reader's language
    assert read_in_english.reason == "No machine of kind “hardness_tester” can run test type HV10."
    assert _tests(db, [orphan])[orphan][:2] == ("requested", None)  # nothing to write: it had no slot


def test_a_scheduled_test_that_can_no_longer_be_placed_keeps_its_status_without_a_slot(db, admin, lab):
    [test_id] = request_with_tests(db, lab["tensile"])
    replan(db, actor=admin, cause="manual", now=NOW)
    update_equipment(db, equipment_id=lab["tr"], actor=admin,
                     data=EquipmentInput(code="TR-01", kind="tensile_machine", name="TR-01", active=False))
    outcome = replan(db, actor=admin, cause="change", now=NOW)
    assert outcome.moved == 1 and [u.test_id for u in outcome.unplaced] == [test_id]
    status, equipment, start, end, technician_id, pinned, flag, why = _tests(db, [test_id])[test_id]
    assert (status, equipment, start, end, technician_id, pinned) == ("scheduled", None, None, None, None, False)
    assert flag == "moved" and why == outcome.unplaced[0].reason


def test_a_run_is_due_at_night_and_after_a_change_and_not_after_a_run(db, admin, lab):
    assert plan_due(db, now=NOW) == "night"  # none yet today
    replan(db, actor=admin, cause="manual", now=NOW)
    assert plan_due(db, now=NOW) is None
    assert replan_if_due(db, now=NOW) is None
    request_with_tests(db, lab["tensile"])
    assert plan_due(db, now=NOW) == "change"
    outcome = replan_if_due(db, now=NOW)
    assert outcome is not None and latest_run(db).cause == "change" and latest_run(db).made_by_name == ""
    assert plan_due(db, now=NOW) is None
    assert plan_due(db, now=NOW + dt.timedelta(days=1)) == "night"  # past the midnight in Rome


def test_a_row_pulled_with_an_old_timestamp_makes_a_run_due(db, admin, lab):
    replan(db, actor=admin, cause="manual", now=NOW)
    # as sync's apply writes a row changed at another desk before the run: its own older updated_at
    with db.begin() as session:
        session.execute(text("UPDATE lab_equipment SET capacity = 2, updated_at = '2026-01-05 10:11:12.000000', "
                             "updated_desk = 'L2' WHERE id = :id"), {"id": lab["tr"].hex})
    assert plan_due(db, now=NOW) == "change"


def test_nothing_is_half_written_when_the_run_fails(db, admin, lab, monkeypatch):
    ids = request_with_tests(db, lab["tensile"], count=2)
    before = _tests(db, ids)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(auto_plan.audit, "record", broken)  # after the slots are written and flushed
    with pytest.raises(RuntimeError):
        replan(db, actor=admin, cause="manual", now=NOW)
    assert _tests(db, ids) == before
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(PlanRun)) == 0
    assert plan_due(db, now=NOW) == "night"
