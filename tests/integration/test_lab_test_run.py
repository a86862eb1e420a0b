"""Running a test through the service (issue 14, point 1 and "bad input"): start, pause, resume,
complete as the status rules allow; refused, with nothing written, to a technician not authorised
for the method, on a machine out of calibration or out of service during the test, without a result
of the current round; two technicians completing the same test at once: exactly one succeeds."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from lab_rows import TENSILE, machine, make_test_type, request_with_tests, technician
from sqlalchemy import func, select

from frontdesk.db.lab_models import CustodyEvent, TestJob
from frontdesk.db.lab_models import TestResult as ResultRow
from frontdesk.db.models import AuditEvent
from frontdesk.domain.clock import ROME, as_utc
from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab.test_status import StepRefused
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab import planning
from frontdesk.services.lab.custody import record_custody
from frontdesk.services.lab.equipment import add_calibration, put_out_of_service
from frontdesk.services.lab.test_run import TestRun, complete_test, pause_test, resume_test, start_test

TUESDAY = dt.date(2027, 3, 23)


def at(hh: int, mm: int = 0, day: dt.date = TUESDAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture(autouse=True)
def italian(db):
    set_language("it")
    yield
    set_language("en")


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile,))
    marco = technician(db, "Marco Rota", authorised_for=(tensile,))
    luca = technician(db, "Luca Pesenti")  # authorised for nothing
    tr = machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250")
    [test] = request_with_tests(db, tensile)
    planning.plan_test(db, test_id=test, equipment_id=tr, start=at(9), technician_id=anna, actor=admin)
    as_tech = {name: Actor(desk="L1", role=Role.LAB_TECHNICIAN, staff_id=sid, name=label)
               for name, sid, label in (("anna", anna, "Anna Bonfanti"), ("marco", marco, "Marco Rota"),
                                        ("luca", luca, "Luca Pesenti"))}
    return dict(tensile=tensile, tr=tr, test=test, **as_tech)


def state(db, test_id):
    with db.read() as session:
        t = session.get(TestJob, test_id)
        return t.status, bool(t.paused), t.started_by, t.completed_by


def counts(db, test_id):
    """What a step writes: custody steps, audit events of the test, results."""
    with db.read() as session:
        custody = session.scalar(select(func.count()).select_from(CustodyEvent).where(CustodyEvent.test_id == test_id))
        audits = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.record_id == str(test_id), AuditEvent.action.like("lab_test.%"),
            AuditEvent.action != "lab_test.plan"))
        return custody, audits


def add_result(db, test_id, round_=1):
    """A result row as the result-entry service (another part of issue 14) will write it."""
    with db.begin() as session:
        session.add(ResultRow(id=new_id(), test_id=test_id, round=round_, version=1,
                               readings='[{"code": "Rm", "value": "512", "unit": "MPa", "uncertainty": "5"}]',
                               entered_at=dt.datetime.now(dt.UTC), entered_by_name="Anna Bonfanti"))


def test_a_test_runs_start_pause_resume_complete_audited(db, lab):
    test, anna = lab["test"], lab["anna"]
    run = start_test(db, test_id=test, actor=anna, now=at(9, 2))
    assert isinstance(run, TestRun) and run.status == "in_progress" and run.started_at == at(9, 2)
    assert state(db, test) == ("in_progress", False, anna.staff_id, None)
    assert pause_test(db, test_id=test, actor=anna, now=at(9, 10)).paused
    assert state(db, test)[:2] == ("in_progress", True)
    assert not resume_test(db, test_id=test, actor=anna, now=at(9, 20)).paused
    add_result(db, test)
    done = complete_test(db, test_id=test, actor=anna, now=at(9, 50))
    assert (done.status, done.completed_at, done.completed_by) == ("completed", at(9, 50), anna.staff_id)
    with db.read() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == str(test))
                                  .order_by(AuditEvent.at, AuditEvent.id)).all()
        assert actions[-4:] == ["lab_test.start", "lab_test.pause", "lab_test.resume", "lab_test.complete"]
        [step] = session.scalars(select(CustodyEvent).where(CustodyEvent.test_id == test)).all()
        assert (step.kind, as_utc(step.at), step.actor_label) == ("to_test", at(9, 2), "Anna Bonfanti")
        assert session.get(TestJob, test).stage == 13  # round 1, completed


def test_a_sample_already_at_test_is_not_taken_there_twice(db, lab, admin):
    with db.read() as session:
        sample_id = session.get(TestJob, lab["test"]).sample_id
    record_custody(db, sample_id=sample_id, kind="to_test", actor=admin, now=at(8, 50))
    start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9))
    with db.read() as session:
        kinds = session.scalars(select(CustodyEvent.kind).where(CustodyEvent.sample_id == sample_id)).all()
    assert kinds == ["to_test"]


def test_a_returned_sample_cannot_be_tested(db, lab, admin):
    with db.read() as session:
        sample_id = session.get(TestJob, lab["test"]).sample_id
    record_custody(db, sample_id=sample_id, kind="returned", actor=admin, now=at(8, 50))
    with pytest.raises(Conflict, match="restituito al cliente"):
        start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9))
    assert state(db, lab["test"])[0] == "scheduled"
    assert counts(db, lab["test"]) == (0, 0)


@pytest.mark.parametrize("who", ["luca", "admin"])
def test_only_a_technician_authorised_for_the_method_starts_it(db, lab, admin, who):
    actor = admin if who == "admin" else lab[who]  # the administrator is not exempt (as in planning)
    with pytest.raises(ValidationError) as refused:
        start_test(db, test_id=lab["test"], actor=actor, now=at(9))
    assert "non è abilitato a questo metodo" in refused.value.message
    assert state(db, lab["test"]) == ("scheduled", False, None, None)
    assert counts(db, lab["test"]) == (0, 0)


def test_reception_may_not_run_tests(db, lab, admin):
    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=admin.staff_id, name="Giulia")
    with pytest.raises(PermissionDenied):
        start_test(db, test_id=lab["test"], actor=clerk, now=at(9))


def test_a_machine_whose_calibration_lapses_before_the_end_is_refused(db, lab, admin):
    # a newer passing calibration, due the day before the test: the machine may not be used then
    add_calibration(db, equipment_id=lab["tr"], performed_on=dt.date(2026, 11, 30), next_due=dt.date(2027, 3, 22),
                    certificate="LAT 123 0999/26", actor=admin)
    with pytest.raises(ValidationError) as refused:
        start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9))
    assert refused.value.message.startswith("La taratura di TR-01 Zwick Z250 è valida fino a")
    assert state(db, lab["test"])[0] == "scheduled"
    assert counts(db, lab["test"]) == (0, 0)


def test_a_machine_out_of_service_during_the_test_is_refused(db, lab, admin):
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=at(9, 30), reason="Cella di carico guasta",
                       actor=admin)
    with pytest.raises(ValidationError, match="Cella di carico guasta"):
        start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9))
    assert counts(db, lab["test"]) == (0, 0)


def test_a_late_start_counts_the_run_from_now(db, lab, admin):
    # out of service from 10:00: planned 9:00-9:45 fits, but started at 9:30 it would run to 10:15
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=at(10), ends_at=at(12), reason="Manutenzione",
                       actor=admin)
    with pytest.raises(ValidationError, match="Manutenzione"):
        start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9, 30))
    assert start_test(db, test_id=lab["test"], actor=lab["anna"], now=at(9, 10)).status == "in_progress"


def test_steps_out_of_order_are_refused(db, lab, admin):
    test, anna = lab["test"], lab["anna"]
    [unplanned] = request_with_tests(db, lab["tensile"])
    with pytest.raises(StepRefused, match=r"^Questa prova è richiesta: non può essere avviata"):
        start_test(db, test_id=unplanned, actor=anna, now=at(9))
    with pytest.raises(StepRefused):
        complete_test(db, test_id=test, actor=anna, now=at(9))
    with pytest.raises(StepRefused):
        pause_test(db, test_id=test, actor=anna, now=at(9))
    start_test(db, test_id=test, actor=anna, now=at(9))
    with pytest.raises(Conflict, match=r"^Questa prova è già stata avviata da Anna Bonfanti"):
        start_test(db, test_id=test, actor=lab["marco"], now=at(9, 1))
    pause_test(db, test_id=test, actor=anna, now=at(9, 5))
    add_result(db, test)
    with pytest.raises(StepRefused, match="in pausa"):
        complete_test(db, test_id=test, actor=anna, now=at(9, 40))
    assert state(db, test)[:2] == ("in_progress", True)


def test_complete_needs_a_result_of_the_current_round(db, lab):
    test, anna = lab["test"], lab["anna"]
    start_test(db, test_id=test, actor=anna, now=at(9))
    add_result(db, test, round_=2)  # another round's result does not count
    before = counts(db, test)
    with pytest.raises(ValidationError, match=r"^Inserisci i risultati"):
        complete_test(db, test_id=test, actor=anna, now=at(9, 45))
    assert state(db, test)[0] == "in_progress" and counts(db, test) == before
    with pytest.raises(ValidationError, match="non è abilitato"):
        add_result(db, test)
        complete_test(db, test_id=test, actor=lab["luca"], now=at(9, 45))
    assert complete_test(db, test_id=test, actor=lab["marco"], now=at(9, 46)).completed_by == lab["marco"].staff_id


def test_two_technicians_completing_the_same_test_at_once(db_path, db, lab):
    test = lab["test"]
    start_test(db, test_id=test, actor=lab["anna"], now=at(9))
    add_result(db, test)
    windows = [open_desk(db_path), open_desk(db_path)]
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def complete(window, who):
        set_language("it")
        barrier.wait()
        try:
            outcomes[who] = complete_test(window, test_id=test, actor=lab[who], now=at(9, 45))
        except Conflict as error:
            outcomes[who] = error

    threads = [threading.Thread(target=complete, args=(w, who)) for w, who in zip(windows, ("anna", "marco"),
                                                                                   strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for window in windows:
        window.dispose()
    done = {who: o for who, o in outcomes.items() if isinstance(o, TestRun)}
    refused = [o for o in outcomes.values() if isinstance(o, Conflict)]
    assert len(done) == 1 and len(refused) == 1
    [winner] = done
    name = {"anna": "Anna Bonfanti", "marco": "Marco Rota"}[winner]
    assert refused[0].message.startswith(f"Questa prova è già stata completata da {name}")
    assert state(db, test)[3] == lab[winner].staff_id
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.record_id == str(test), AuditEvent.action == "lab_test.complete")) == 1


def test_complete_is_refused_when_the_machine_went_out_of_service_during_the_run(db, lab, admin):
    test, anna = lab["test"], lab["anna"]
    start_test(db, test_id=test, actor=anna, now=at(9))
    add_result(db, test)
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=at(9, 20), ends_at=at(9, 30),
                       reason="Interruzione di corrente", actor=admin)
    with pytest.raises(ValidationError, match="Interruzione di corrente"):
        complete_test(db, test_id=test, actor=anna, now=at(9, 45))
    assert state(db, test)[0] == "in_progress"
