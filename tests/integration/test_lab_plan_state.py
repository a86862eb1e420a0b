"""The plan's input read from a real desk file (services.lab.plan_state): machines with their
calibration and outages, technicians with their methods, pending and running tests with their slots;
cancelled requests, subcontracted tests and finished tests are left out."""

from __future__ import annotations

import datetime as dt

import pytest
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.db.lab_models import LabRequest, Sample, TestJob
from frontdesk.domain.clock import ROME
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab.equipment import put_out_of_service
from frontdesk.services.lab.plan_state import lab_state_in, pending_tests_in
from frontdesk.services.lab.planning import pin_test, plan_test

NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile,))
    return dict(tensile=tensile, spray=spray, anna=anna,
                tr=machine(db, admin, code="TR-01", kind="tensile_machine", calibrated_until=dt.date(2027, 6, 30)),
                ns=machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=3, continuous=True,
                           calibrated_until=None))


def test_the_lab_is_read_with_calibrations_outages_and_authorised_technicians(db, admin, lab):
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=dt.datetime(2027, 3, 23, 8, tzinfo=ROME),
                       ends_at=dt.datetime(2027, 3, 23, 12, tzinfo=ROME), reason="Manutenzione", actor=admin)
    update_settings(db, changes={"lab_stable_days": 3}, actor=admin)
    with db.read() as session:
        state = lab_state_in(session, NOW)
    machines = {m.machine.code: m for m in state.machines}
    assert machines["TR-01"].valid_until == dt.date(2027, 6, 30) and machines["NS-01"].valid_until is None
    [outage] = machines["TR-01"].outages
    assert outage.reason == "Manutenzione" and machines["NS-01"].machine.continuous
    [anna] = state.technicians
    assert anna.schedule.name == "Anna Bonfanti" and anna.test_types == {"TENSILE"}
    assert state.stable_days == 3 and state.now == NOW


def test_pending_and_running_tests_with_their_slots_and_nothing_else(db, admin, lab):
    first, second, running, done, sent_out = request_with_tests(db, lab["tensile"], count=5, priority="urgent",
                                                                 due_on=dt.date(2027, 3, 26))
    [cancelled] = request_with_tests(db, lab["tensile"])
    plan_test(db, test_id=second, equipment_id=lab["tr"], start=dt.datetime(2027, 3, 22, 9, tzinfo=ROME),
              technician_id=lab["anna"], actor=admin)
    pin_test(db, test_id=second, pinned=True, actor=admin)
    plan_test(db, test_id=running, equipment_id=lab["tr"], start=dt.datetime(2027, 3, 22, 8, tzinfo=ROME),
              technician_id=lab["anna"], actor=admin)
    with db.begin() as session:
        session.get(TestJob, running).status = "in_progress"
        session.get(TestJob, done).status = "completed"
        session.get(TestJob, sent_out).subcontracted = True
        job = session.get(TestJob, cancelled)
        session.get(LabRequest, session.get(Sample, job.sample_id).request_id).status = "cancelled"
    with db.read() as session:
        tests = {t.id: t for t in pending_tests_in(session)}
    assert set(tests) == {first, second, running}
    assert tests[first].current is None and tests[first].pinned is None and not tests[first].running
    assert (tests[first].test_type, tests[first].kind, tests[first].machine_minutes) == (
        "TENSILE", "tensile_machine", 45)
    assert (tests[first].priority, tests[first].due_on) == ("urgent", dt.date(2027, 3, 26))
    assert tests[second].pinned == tests[second].current and tests[second].current.machine_id == lab["tr"]
    assert tests[second].current.start == dt.datetime(2027, 3, 22, 9, tzinfo=ROME)
    assert tests[running].running and tests[running].pinned == tests[running].current
