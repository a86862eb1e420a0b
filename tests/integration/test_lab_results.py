"""Entering a test's results (issue 14, point 2): checked against the catalogue, versioned with
the reason, every version kept, the machine's label as it was, external results marked; raw files
kept whole, checked when read back, refused when empty or too big. Bad input writes nothing."""

from __future__ import annotations

import base64
import threading

import pytest
from lab_runs import put_status, tensile_machine, tensile_tests
from sqlalchemy import func, select, update

from frontdesk.db.lab_models import Attachment
from frontdesk.db.lab_models import TestResult as ResultRow  # not collected as a test class
from frontdesk.db.models import AuditEvent
from frontdesk.domain.errors import Conflict, PermissionDenied, StorageProblem, ValidationError
from frontdesk.domain.lab.results import ReadingInput as R
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab import results
from frontdesk.services.lab.review import reopen_test, subcontract_test

GOOD = {"rm": R("512"), "rp02": R("361")}
WARM = {"temperature": "23"}


@pytest.fixture
def anna(add_staff):
    return add_staff("anna", Role.LAB_TECHNICIAN, display_name="Anna Bonfanti").actor


def counts(db):
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(ResultRow)),
                session.scalar(select(func.count()).select_from(Attachment)),
                session.scalar(select(func.count()).select_from(AuditEvent).where(
                    AuditEvent.action.like("lab_test.%"))))


def test_a_result_is_entered_with_the_machines_label_and_audited(db, admin, anna):
    [test] = tensile_tests(db, admin)
    first = results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, deviations="Provetta ridotta",
                                  actor=anna)
    assert (first.round, first.version, first.reason, first.external) == (1, 1, "", False)
    assert [(r.code, r.value, r.unit, r.uncertainty) for r in first.readings] == [
        ("rp02", "361", "MPa", "7"), ("rm", "512", "MPa", "8")]
    assert first.conditions == {"temperature": "23"}
    assert first.equipment_label == "TR-01 — Zwick Z250 — SN 190233"
    assert (first.entered_by_name, first.deviations) == ("Anna Bonfanti", "Provetta ridotta")
    assert results.latest_result(db, test_id=test) == first
    with db.read() as session:
        [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "lab_test.result")).all()
        assert event.record_id == str(test) and event.actor_label == "Anna Bonfanti"


def test_a_new_version_needs_its_reason_and_every_version_is_kept(db, admin, anna):
    [test] = tensile_tests(db, admin)
    results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=anna)
    put_status(db, test, "completed")
    before = counts(db)
    set_language("it")
    with pytest.raises(ValidationError, match="indica perché"):
        results.submit_result(db, test_id=test, readings={"rm": R("515")}, conditions=WARM, actor=anna)
    assert counts(db) == before
    second = results.submit_result(db, test_id=test, readings={"rm": R("515")}, conditions=WARM,
                                   reason="Errore di trascrizione", actor=anna)
    assert (second.version, second.reason) == (2, "Errore di trascrizione")
    assert [(v.version, v.readings[-1].value) for v in results.result_history(db, test_id=test)] == [
        (1, "512"), (2, "515")]
    assert results.latest_result(db, test_id=test).version == 2


@pytest.mark.parametrize(("readings", "conditions", "words"), [
    ({"rm": R("5120")}, WARM, "fuori intervallo"),
    ({"rm": R("512 HBW")}, WARM, "è in MPa, non in HBW"),
    ({"rm": R("cinquecento")}, WARM, "non è un numero"),
    (GOOD, {"temperature": "40"}, "Temperatura di prova: 40 °C è fuori intervallo (10–35 °C)"),
    (GOOD, {}, "Temperatura di prova: campo obbligatorio"),
])
def test_bad_readings_are_refused_in_italian_and_nothing_is_written(db, admin, anna, readings, conditions, words):
    [test] = tensile_tests(db, admin)
    before = counts(db)
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        results.submit_result(db, test_id=test, readings=readings, conditions=conditions, actor=anna)
    assert words in caught.value.message
    assert counts(db) == before


@pytest.mark.parametrize("status", ["scheduled", "verified", "cancelled"])
def test_results_are_only_entered_while_in_progress_or_completed(db, admin, anna, status):
    [test] = tensile_tests(db, admin, status=status)
    set_language("it")
    with pytest.raises(Conflict, match="i risultati si inseriscono mentre è in corso"):
        results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=anna)
    assert counts(db)[0] == 0


def test_reception_cannot_enter_results(db, admin, add_staff):
    [test] = tensile_tests(db, admin)
    desk = add_staff("giulia", Role.RECEPTION).actor
    with pytest.raises(PermissionDenied):
        results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=desk)


def test_the_machine_used_may_differ_from_the_plan_and_its_label_is_a_snapshot(db, admin, anna):
    [test] = tensile_tests(db, admin)
    other = tensile_machine(db, admin, code="TR-02")
    entered = results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, equipment_id=other, actor=anna)
    assert entered.equipment_id == other and entered.equipment_label.startswith("TR-02 — ")
    form = results.result_form(db, test_id=test)
    assert [m.label.split(" — ")[0] for m in form.machines] == ["TR-01", "TR-02"]  # the planned one first
    assert form.latest == entered and [f.name for f in form.fields][:2] == ["reh", "rel"]


def test_a_reopened_test_starts_its_results_again_at_version_1(db, admin, anna):
    [test] = tensile_tests(db, admin)
    results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=anna)
    put_status(db, test, "completed")
    reopen_test(db, test_id=test, reason="Provetta difettosa", actor=admin)
    assert results.latest_result(db, test_id=test) is None
    put_status(db, test, "in_progress")
    again = results.submit_result(db, test_id=test, readings={"rm": R("530")}, conditions=WARM, actor=anna)
    assert (again.round, again.version) == (2, 1)
    assert [(v.round, v.version) for v in results.result_history(db, test_id=test)] == [(1, 1), (2, 1)]


def test_a_subcontracted_tests_results_are_external_with_the_providers_name(db, admin, anna):
    machine = tensile_machine(db, admin)
    [test] = tensile_tests(db, admin, status="scheduled", machine=machine)
    subcontract_test(db, test_id=test, subcontractor="Laboratorio Prove Milano S.r.l.", actor=admin)
    set_language("it")
    with pytest.raises(Conflict, match="affidata a Laboratorio Prove Milano"):
        results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=anna)
    entered = results.submit_result(db, test_id=test, readings=GOOD, external=True, actor=admin)
    assert (entered.external, entered.provider, entered.equipment_label, entered.conditions) == (
        True, "Laboratorio Prove Milano S.r.l.", "", {})
    [own] = tensile_tests(db, admin, machine=machine)
    with pytest.raises(Conflict, match="non è stata affidata"):
        results.submit_result(db, test_id=own, readings=GOOD, external=True, provider="X", actor=admin)


def test_two_windows_entering_a_new_version_at_once_both_are_kept_numbered_apart(db_path, db, admin, anna):
    [test] = tensile_tests(db, admin)
    results.submit_result(db, test_id=test, readings=GOOD, conditions=WARM, actor=anna)
    windows = [open_desk(db_path), open_desk(db_path)]
    barrier = threading.Barrier(2)
    versions = []

    def enter(window, value):
        barrier.wait()
        versions.append(results.submit_result(window, test_id=test, readings={"rm": R(value)}, conditions=WARM,
                                              reason="Rimisurata", actor=anna).version)

    threads = [threading.Thread(target=enter, args=(w, v)) for w, v in zip(windows, ("520", "521"), strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for window in windows:
        window.dispose()
    assert sorted(versions) == [2, 3]


# --- raw files ----------------------------------------------------------------------------------

def test_a_raw_file_is_kept_whole_and_read_back_checked(db, admin, anna):
    [test] = tensile_tests(db, admin)
    content = bytes(range(256)) * 1200  # 300 KB of a machine's export
    info = results.add_attachment(db, test_id=test, filename="C:\\Prove\\curva<1>.csv", content=content,
                                  description="Curva forza-allungamento", actor=anna)
    assert (info.filename, info.media_type, info.size) == ("curva_1_.csv", "text/csv", len(content))
    again, data = results.attachment_content(db, attachment_id=info.id)
    assert data == content and again == info
    assert results.attachments(db, test_id=test) == [info]
    assert results.result_form(db, test_id=test).files == (info,)


def test_a_damaged_copy_is_refused_when_read_back(db, admin, anna):
    [test] = tensile_tests(db, admin)
    info = results.add_attachment(db, test_id=test, filename="micro.png", content=b"\x89PNG" + b"x" * 100, actor=anna)
    with db.begin() as session:
        session.execute(update(Attachment).values(content_b64=base64.b64encode(b"\x89PNG" + b"y" * 100).decode()))
    set_language("it")
    with pytest.raises(StorageProblem, match="danneggiato"):
        results.attachment_content(db, attachment_id=info.id)


@pytest.mark.parametrize(("size", "words"), [(0, "vuoto"), (20 * 1024 * 1024 + 1, "al massimo 20 MB")])
def test_an_empty_or_too_big_file_is_refused_in_italian_and_nothing_written(db, admin, anna, size, words):
    [test] = tensile_tests(db, admin)
    before = counts(db)
    set_language("it")
    with pytest.raises(ValidationError, match=words):
        results.add_attachment(db, test_id=test, filename="prova.csv", content=b"\0" * size, actor=anna)
    assert counts(db) == before
