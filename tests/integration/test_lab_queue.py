"""The technician's queue (issue 14, point 1): a Rome day's tests of a technician or of a machine,
scheduled or in progress, with those still in progress from earlier days, by planned start, a page
at a time; the test a scanned sample has planned today; who is at a lab machine now (point 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.db.lab_models import TestJob
from frontdesk.db.lab_models import TestResult as ResultRow
from frontdesk.domain.clock import ROME
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.lab import planning
from frontdesk.services.lab.queue import at_machines_now, planned_test_of_sample, queue_choices, queue_page
from frontdesk.services.lab.test_run import complete_test, pause_test, start_test

MONDAY, TUESDAY, WEDNESDAY = dt.date(2027, 3, 22), dt.date(2027, 3, 23), dt.date(2027, 3, 24)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    marco = technician(db, "Marco Rota", authorised_for=(tensile,))
    tr1 = machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250")
    tr2 = machine(db, admin, code="TR-02", kind="tensile_machine", name="Zwick Z100")
    ns = machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=2, continuous=True, name="Camera")
    anna_actor = Actor(desk="L1", role=Role.LAB_TECHNICIAN, staff_id=anna, name="Anna Bonfanti")

    def plan(type_id, equipment, start, who, **kw):
        [test] = request_with_tests(db, type_id, **kw)
        planning.plan_test(db, test_id=test, equipment_id=equipment, start=start, technician_id=who, actor=admin)
        return test

    tests = dict(
        monday=plan(tensile, tr1, at(MONDAY, 9), anna),  # started Monday, still in progress
        spray=plan(spray, ns, at(MONDAY, 10), anna, hours=48),  # runs Monday to Wednesday
        t1=plan(tensile, tr1, at(TUESDAY, 9), anna, priority="urgent", due_on=dt.date(2027, 3, 26)),
        t2=plan(tensile, tr2, at(TUESDAY, 11), anna),
        t3=plan(tensile, tr1, at(TUESDAY, 14), marco),
        done=plan(tensile, tr2, at(TUESDAY, 8), anna),
        wednesday=plan(tensile, tr1, at(WEDNESDAY, 9), anna),
    )
    start_test(db, test_id=tests["monday"], actor=anna_actor, now=at(MONDAY, 9))
    start_test(db, test_id=tests["spray"], actor=anna_actor, now=at(MONDAY, 10))
    start_test(db, test_id=tests["done"], actor=anna_actor, now=at(TUESDAY, 8))
    with db.begin() as session:
        session.add(ResultRow(id=new_id(), test_id=tests["done"], round=1, entered_at=at(TUESDAY, 8, 40)))
    complete_test(db, test_id=tests["done"], actor=anna_actor, now=at(TUESDAY, 8, 45))
    return dict(anna=anna, marco=marco, tr1=tr1, tr2=tr2, ns=ns, anna_actor=anna_actor, **tests)


def ids(rows):
    return [r.test_id for r in rows]


def test_a_technicians_day(db, lab):
    rows = queue_page(db, day=TUESDAY, technician_id=lab["anna"])
    assert ids(rows) == [lab["monday"], lab["spray"], lab["t1"], lab["t2"]]
    first = rows[2]
    assert (first.sample_lab_id.startswith("L1-"), first.test_code, first.test_name) == (True, "TENSILE",
                                                                                        "Tensile test")
    assert (first.machine_code, first.machine_name, first.status, first.paused, first.round) == (
        "TR-01", "Zwick Z250", "scheduled", False, 1)
    assert (first.planned_start, first.planned_end) == (at(TUESDAY, 9), at(TUESDAY, 9, 45))
    assert (first.priority, first.due_on, first.technician_name) == ("urgent", dt.date(2027, 3, 26), "Anna Bonfanti")
    assert rows[0].status == "in_progress"  # Monday's, still running: it stays in the queue
    assert ids(queue_page(db, day=WEDNESDAY, technician_id=lab["anna"])) == [
        lab["monday"], lab["spray"], lab["wednesday"]]
    assert ids(queue_page(db, day=TUESDAY, technician_id=lab["marco"])) == [lab["t3"]]


def test_a_machines_day(db, lab):
    assert ids(queue_page(db, day=TUESDAY, equipment_id=lab["tr1"])) == [lab["monday"], lab["t1"], lab["t3"]]
    assert ids(queue_page(db, day=TUESDAY, equipment_id=lab["tr2"])) == [lab["t2"]]  # the completed one left
    assert ids(queue_page(db, day=MONDAY, equipment_id=lab["ns"])) == [lab["spray"]]


def test_the_queue_comes_a_page_at_a_time(db, lab):
    whole = queue_page(db, day=TUESDAY, technician_id=lab["anna"])
    pages, after = [], None
    while True:
        page = queue_page(db, day=TUESDAY, technician_id=lab["anna"], after=after, limit=1)
        if not page:
            break
        pages.extend(page)
        after = page[-1]
    assert ids(pages) == ids(whole)


def test_a_queue_is_of_one_technician_or_one_machine(db, lab):
    with pytest.raises(ValueError):
        queue_page(db, day=TUESDAY)
    with pytest.raises(ValueError):
        queue_page(db, day=TUESDAY, technician_id=lab["anna"], equipment_id=lab["tr1"])


def test_the_test_a_scanned_sample_has_planned_today(db, lab):
    with db.read() as session:
        sample_of = {k: session.get(TestJob, lab[k]).sample_id for k in ("t2", "wednesday", "done")}
    assert planned_test_of_sample(db, sample_id=sample_of["t2"], day=TUESDAY).test_id == lab["t2"]
    assert planned_test_of_sample(db, sample_id=sample_of["wednesday"], day=TUESDAY) is None
    assert planned_test_of_sample(db, sample_id=sample_of["done"], day=TUESDAY) is None


def test_the_choices_are_authorised_technicians_and_active_machines(db, lab):
    choices = queue_choices(db)
    assert [t.name for t in choices.technicians] == ["Anna Bonfanti", "Marco Rota"]
    assert [m.code for m in choices.machines] == ["NS-01", "TR-01", "TR-02"]


def test_who_is_at_a_lab_machine_now(db, lab):
    pause_test(db, test_id=lab["spray"], actor=lab["anna_actor"], now=at(TUESDAY, 7))
    rows = at_machines_now(db)
    assert [(r.technician_name, r.machine_code, r.paused) for r in rows] == [
        ("Anna Bonfanti", "NS-01", True), ("Anna Bonfanti", "TR-01", False)]
    assert rows[1].test_name == "Tensile test" and rows[1].started_at == at(MONDAY, 9)


def test_the_evacuation_list_names_who_is_at_a_lab_machine(db, lab):
    import subprocess

    from frontdesk.services.reception.evacuation import evacuation_pdf

    start_test(db, test_id=lab["t1"], actor=lab["anna_actor"], now=at(TUESDAY, 9))
    pdf = evacuation_pdf(db)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "In the lab now" in text and "3 people working at lab machines" in text
    for code in ("NS-01 Camera", "TR-01 Zwick Z250"):
        assert code in text
    assert text.count("Anna Bonfanti") == 3
