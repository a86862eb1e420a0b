"""Manual planning through the service: every rule checked in the transaction that saves the plan,
a refused plan writes nothing, status never moves backwards, and two windows booking the last place
of a chamber at once are serialised (issue 13, point 6)."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician
from sqlalchemy import select

from frontdesk.db.lab_models import TestJob
from frontdesk.db.models import AuditEvent
from frontdesk.domain.clock import ROME, as_utc
from frontdesk.domain.errors import Conflict, PermissionDenied
from frontdesk.domain.lab.planning import SlotRefused
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab import planning
from frontdesk.services.lab.calendar import add_absence

TUESDAY = dt.date(2027, 3, 23)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    luca = technician(db, "Luca Pesenti")  # authorised for nothing
    return dict(tensile=tensile, spray=spray, anna=anna, luca=luca,
                tr=machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250"),
                ns=machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=2, continuous=True,
                           name="Camera nebbia salina"),
                old=machine(db, admin, code="TR-02", kind="tensile_machine", calibrated_until=dt.date(2027, 3, 1),
                            name="Zwick Z100"))


def job(db, test_id):
    with db.read() as session:
        t = session.get(TestJob, test_id)
        return t.status, t.equipment_id, t.planned_start and as_utc(t.planned_start), t.technician_id


def test_a_test_is_planned_and_audited(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    planned = planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9),
                                 technician_id=lab["anna"], actor=admin)
    assert planned.planned_end - planned.planned_start == dt.timedelta(minutes=45)
    assert planned.planned_start == dt.datetime(2027, 3, 23, 8, tzinfo=dt.UTC)
    assert job(db, test) == ("scheduled", lab["tr"], dt.datetime(2027, 3, 23, 8, tzinfo=dt.UTC), lab["anna"])
    with db.read() as session:
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == str(test))).all() == [
            "lab_test.plan"]
    [booking] = planning.machine_bookings(db, equipment_id=lab["tr"], day=TUESDAY)
    assert (booking.sample_lab_id, booking.test_name, booking.technician_name) == (
        "L1-" + booking.sample_lab_id[3:], "Tensile test", "Anna Bonfanti")
    assert planning.machine_bookings(db, equipment_id=lab["tr"], day=TUESDAY + dt.timedelta(days=1)) == []


def test_a_planned_test_is_moved_by_planning_it_again(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                       actor=admin)
    moved = planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9, 30),
                               technician_id=lab["anna"], actor=admin)  # its own old slot does not block it
    assert moved.planned_start == dt.datetime(2027, 3, 23, 8, 30, tzinfo=dt.UTC)


def test_a_move_of_a_test_someone_else_moved_meanwhile_is_refused_and_changes_nothing(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                       actor=admin, expected_start=None)
    seen = job(db, test)[2]
    planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 11), technician_id=lab["anna"],
                       actor=admin, expected_start=seen)  # the first window moves it
    set_language("it")
    try:
        with pytest.raises(Conflict, match="Qualcun altro ha appena pianificato o spostato"):
            planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 14),
                               technician_id=lab["anna"], actor=admin, expected_start=seen)  # the second, too late
    finally:
        set_language("en")
    assert job(db, test)[2] == as_utc(at(TUESDAY, 11))


def test_a_move_by_hand_can_pin_and_pinning_clears_the_flag_for_the_lab_manager(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    with pytest.raises(Conflict):
        planning.pin_test(db, test_id=test, pinned=True, actor=admin)  # not planned yet
    planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                       actor=admin, pin=True)
    with db.begin() as session:
        row = session.get(TestJob, test)
        assert row.pinned
        row.plan_flag, row.plan_flag_reason = "moved", "guasto"
    planning.pin_test(db, test_id=test, pinned=False, actor=admin)
    with db.read() as session:
        row = session.get(TestJob, test)
        assert (row.pinned, row.plan_flag, row.plan_flag_reason) == (False, "", "")
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == str(test))
                               .order_by(AuditEvent.at)).all() == ["lab_test.plan", "lab_test.unpin"]


def test_a_machine_whose_calibration_lapses_before_the_end_is_refused_in_italian_and_nothing_written(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    set_language("it")
    with pytest.raises(SlotRefused) as caught:
        planning.plan_test(db, test_id=test, equipment_id=lab["old"], start=at(TUESDAY, 9),
                           technician_id=lab["anna"], actor=admin)
    assert caught.value.message == ("La taratura di TR-02 Zwick Z100 è valida fino al 1 mar 2027; questa prova "
                                    "finirebbe il 23 mar 2027.")
    assert job(db, test) == ("requested", None, None, None)


def test_each_service_side_rule_refuses(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    [exposure] = request_with_tests(db, lab["spray"], hours=96)
    cases = [
        (dict(test_id=test, equipment_id=lab["ns"], start=at(TUESDAY, 9), technician_id=lab["anna"]), "kind"),
        (dict(test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["luca"]), "technician"),
        (dict(test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=None), "technician"),
        (dict(test_id=test, equipment_id=lab["tr"], start=at(dt.date(2027, 3, 19), 9), technician_id=lab["anna"]),
         "day_closed"),  # San Giuseppe, the patron of Dalmine
        (dict(test_id=exposure, equipment_id=lab["ns"], start=at(dt.date(2027, 3, 25), 10), technician_id=lab["anna"]),
         "unload"),  # Thursday + 96 h = Easter Monday
    ]
    for kwargs, rule in cases:
        with pytest.raises(SlotRefused) as caught:
            planning.plan_test(db, actor=admin, **kwargs)
        assert caught.value.rule == rule, kwargs
    add_absence(db, staff_id=lab["anna"], starts_on=TUESDAY, ends_on=TUESDAY, reason="Ferie", actor=admin)
    with pytest.raises(SlotRefused, match=re.escape("absent (Ferie)")):
        planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                           actor=admin)
    assert job(db, test)[0] == job(db, exposure)[0] == "requested"


def test_a_test_under_way_cannot_be_planned_again(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    with db.begin() as session:
        session.get(TestJob, test).status = "in_progress"
    set_language("it")
    with pytest.raises(Conflict, match="già in corso o conclusa"):
        planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                           actor=admin)
    assert job(db, test)[0] == "in_progress"


def test_a_test_of_a_cancelled_request_cannot_be_planned(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    with db.begin() as session:
        session.get(TestJob, test).sample.request.status = "cancelled"
    set_language("it")
    with pytest.raises(Conflict, match="annullata"):
        planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                           actor=admin)
    assert job(db, test)[0] == "requested"
    assert test not in {t.test_id for t in planning.plannable_tests(db)}


def test_planning_needs_the_permission(db, admin, lab):
    [test] = request_with_tests(db, lab["tensile"])
    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=admin.staff_id, name="Giulia")
    with pytest.raises(PermissionDenied):
        planning.plan_test(db, test_id=test, equipment_id=lab["tr"], start=at(TUESDAY, 9), technician_id=lab["anna"],
                           actor=clerk)


def test_plannable_tests_and_the_choices_for_one(db, admin, lab):
    [late] = request_with_tests(db, lab["tensile"], due_on=dt.date(2027, 4, 30), company="Forno Bianchi")
    [urgent] = request_with_tests(db, lab["spray"], hours=48, priority="urgent", due_on=dt.date(2027, 5, 30))
    [soon] = request_with_tests(db, lab["tensile"], due_on=dt.date(2027, 4, 1))
    rows = planning.plannable_tests(db)
    assert [r.test_id for r in rows] == [urgent, soon, late]
    assert (rows[0].hours, rows[0].machine_minutes, rows[0].test_name, rows[2].company) == (
        48, 2880, "Neutral salt spray", "Forno Bianchi")
    choices = planning.planning_choices(db, test_id=late)
    assert [m.code for m in choices.machines] == ["TR-01", "TR-02"]
    assert [t.name for t in choices.technicians] == ["Anna Bonfanti"]
    with db.begin() as session:
        session.get(TestJob, soon).status = "in_progress"
    assert soon not in {r.test_id for r in planning.plannable_tests(db)}


def test_two_windows_booking_the_last_place_of_a_chamber_at_once(db_path, db, admin, lab):
    first, second, third = request_with_tests(db, lab["spray"], count=3, hours=48)
    planning.plan_test(db, test_id=first, equipment_id=lab["ns"], start=at(TUESDAY, 10), technician_id=lab["anna"],
                       actor=admin)  # one of the two places taken
    windows = [open_desk(db_path), open_desk(db_path)]
    barrier = threading.Barrier(2)
    outcomes: dict[object, object] = {}

    def book(window, test_id):
        barrier.wait()
        try:
            outcomes[test_id] = planning.plan_test(window, test_id=test_id, equipment_id=lab["ns"],
                                                   start=at(TUESDAY, 11), technician_id=lab["anna"], actor=admin)
        except SlotRefused as error:
            outcomes[test_id] = error

    threads = [threading.Thread(target=book, args=(w, t)) for w, t in zip(windows, (second, third), strict=True)]
    set_language("it")
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for window in windows:
        window.dispose()
    refused = [o for o in outcomes.values() if isinstance(o, SlotRefused)]
    booked = [o for o in outcomes.values() if isinstance(o, planning.PlannedTest)]
    assert len(refused) == 1 and len(booked) == 1
    assert refused[0].rule == "capacity"
    assert refused[0].message == ("NS-01 Camera nebbia salina non ha posti liberi in quel periodo: contiene 2 prove "
                                  "alla volta e 2 sono già prenotate in quell'intervallo.")
    statuses = sorted(job(db, t)[0] for t in (second, third))
    assert statuses == ["requested", "scheduled"]
