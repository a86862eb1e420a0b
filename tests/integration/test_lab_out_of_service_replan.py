"""A machine put out of service (services.lab.equipment.put_out_of_service): its scheduled tests,
pinned ones included (unpinned and flagged "moved"), go to new slots at the planning desk, still
scheduled; a test it interrupts stays in progress, flagged "interrupted", until the lab manager
reopens it. At another desk the tests are flagged and the planning desk remakes the plan when the
change reaches it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from lab_rows import TENSILE, machine, make_test_type, request_with_tests, technician
from sqlalchemy import select

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.clock import ROME
from frontdesk.domain.lab import test_status as steps
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab.auto_plan import latest_run
from frontdesk.services.lab.equipment import put_out_of_service
from frontdesk.services.lab.planning import plan_test
from frontdesk.services.lab.queue import queue_page
from frontdesk.services.lab.review import reopen_test, review_list

DAY = dt.date(2026, 12, 14)  # a Monday ahead of the real clock: the outage's plan runs at the real now


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile,))
    tr1 = machine(db, admin, code="TR-01", kind="tensile_machine")
    tr2 = machine(db, admin, code="TR-02", kind="tensile_machine")
    running, pinned, free = request_with_tests(db, tensile, count=3)
    plan_test(db, test_id=running, equipment_id=tr1, start=_at(8), technician_id=anna, actor=admin)
    plan_test(db, test_id=pinned, equipment_id=tr1, start=_at(10), technician_id=anna, actor=admin, pin=True)
    plan_test(db, test_id=free, equipment_id=tr1, start=_at(11), technician_id=anna, actor=admin)
    with db.begin() as session:
        session.get(TestJob, running).status = "in_progress"
    return dict(tr1=tr1, tr2=tr2, running=running, pinned=pinned, free=free)


def _rows(db, *ids):
    with db.read() as session:
        return {t.id: SimpleNamespace(**{c.key: getattr(t, c.key) for c in TestJob.__table__.columns})
                for t in session.scalars(select(TestJob).where(TestJob.id.in_(ids)))}


def test_at_the_planning_desk_the_tests_move_to_other_slots_and_the_running_one_is_flagged(db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": db.desk}, actor=admin)
    put_out_of_service(db, equipment_id=lab["tr1"], starts_at=_at(8, 20), reason="Cella di carico guasta",
                       actor=admin)
    rows = _rows(db, lab["running"], lab["pinned"], lab["free"])
    for moved, was in ((rows[lab["pinned"]], _at(10)), (rows[lab["free"]], _at(11))):
        assert (moved.status, moved.pinned) == ("scheduled", False) and moved.planned_start.astimezone(ROME) != was
        assert moved.equipment_id == lab["tr2"] or moved.planned_end <= _at(8, 20)  # before the failure
        assert moved.plan_flag == "moved" and moved.plan_flag_reason == "TR-01: Cella di carico guasta"
    running = rows[lab["running"]]
    assert (running.status, running.equipment_id, running.plan_flag) == ("in_progress", lab["tr1"], "interrupted")
    assert running.planned_start.astimezone(ROME) == _at(8)  # its slot is never written
    run = latest_run(db)
    assert run.cause == "outage" and run.made_by_name == admin.name and run.moved == 2
    queue = queue_page(db, day=DAY, equipment_id=lab["tr1"])  # still in its machine's queue, in progress
    assert [(row.test_id, row.status) for row in queue] == [(lab["running"], "in_progress")]

    [item] = [i for i in review_list(db, scope="open") if i.test_id == lab["running"]]
    assert item.interrupted == "TR-01: Cella di carico guasta" and steps.may(item.run, steps.REOPEN)
    reopen_test(db, test_id=lab["running"], reason="Da ripetere su TR-02", actor=admin)  # straight from in progress
    again = _rows(db, lab["running"])[lab["running"]]
    assert (again.status, again.round, again.plan_flag, again.plan_flag_reason) == ("scheduled", 2, "", "")


def test_at_another_desk_the_tests_are_flagged_and_left_for_the_planning_desk(db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": "L1"}, actor=admin)
    put_out_of_service(db, equipment_id=lab["tr1"], starts_at=_at(10, 30), ends_at=_at(12),
                       reason="Manutenzione", actor=admin)
    rows = _rows(db, lab["running"], lab["pinned"], lab["free"])
    assert (rows[lab["pinned"]].pinned, rows[lab["pinned"]].plan_flag) == (False, "moved")
    assert rows[lab["pinned"]].equipment_id == lab["tr1"]  # the planning desk will move it
    assert rows[lab["free"]].plan_flag == "moved"
    assert rows[lab["running"]].plan_flag == ""  # it ends before the period starts
    assert latest_run(db) is None


def test_a_period_that_ends_before_a_test_leaves_it_alone(db, admin, lab):
    update_settings(db, changes={"lab_planning_desk": "L1"}, actor=admin)
    put_out_of_service(db, equipment_id=lab["tr1"], starts_at=_at(12), ends_at=_at(13), reason="Pulizia",
                       actor=admin)
    rows = _rows(db, lab["running"], lab["pinned"], lab["free"])
    assert [rows[t].plan_flag for t in (lab["running"], lab["pinned"], lab["free"])] == ["", "", ""]
    assert rows[lab["pinned"]].pinned


def test_a_test_begun_before_its_slot_is_interrupted_by_a_failure_before_its_planned_start(db, admin, lab):
    """The running test's slot is 08:00-08:45 but it was begun early: a failure from 07:50 still
    interrupts it, and it is flagged for the lab manager."""
    put_out_of_service(db, equipment_id=lab["tr1"], starts_at=_at(7, 50), reason="Cella di carico guasta",
                       actor=admin)
    running = _rows(db, lab["running"])[lab["running"]]
    assert (running.status, running.plan_flag) == ("in_progress", "interrupted")
