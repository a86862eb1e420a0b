"""The date promised at the desk on a real desk file: the board read from the desk (its planned
tests, machines, technicians, catalogue and report lead time), take_in storing the promised date,
and the intake receipt printing it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from lab_helpers import add_test_types, customer, three_samples
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.documents.lab.intake_receipt import render_intake_receipt
from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.requests import TestAsked
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab import intake as svc
from frontdesk.services.lab.intake_documents import intake_receipt
from frontdesk.services.lab.planning import plan_test
from frontdesk.services.lab.promise import promise_board

NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=ROME)  # a Monday


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    tr = machine(db, admin, code="TR-01", kind="tensile_machine")
    machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=3, continuous=True)
    planned = request_with_tests(db, tensile, count=2)
    for test_id, hour in zip(planned, (8, 9), strict=True):  # 08:00-08:45 and 09:00-09:45 on Monday
        plan_test(db, test_id=test_id, equipment_id=tr, start=dt.datetime(2027, 3, 22, hour, tzinfo=ROME),
                  technician_id=anna, actor=admin)
    return dict(tensile=tensile, tr=tr, anna=anna)


def test_the_board_promises_each_test_and_the_request_from_the_stored_plan(db, admin, lab):
    update_settings(db, changes={"lab_report_lead_days": 1}, actor=admin)
    board = promise_board(db, now=NOW)
    assert board.available and board.lead_days == 1 and board.made_at == NOW
    promise = board.promise([TestAsked("TENSILE"), TestAsked("TENSILE"), TestAsked("NSS", 72)], "normal",
                            dt.date(2027, 3, 25))
    first, second, spray = promise.lines
    assert first.end == dt.datetime(2027, 3, 22, 10, 30, tzinfo=ROME)  # after the planned two and the 30' prep
    assert second.end == dt.datetime(2027, 3, 22, 11, 15, tzinfo=ROME)
    assert first.report_on == dt.date(2027, 3, 23)
    assert spray.end == dt.datetime(2027, 3, 25, 8, 0, tzinfo=ROME)  # loaded at 08:00 once prepared, 72 h
    assert spray.report_on == dt.date(2027, 3, 26)
    assert promise.report_on == dt.date(2027, 3, 26) and promise.days_late == 1 and not promise.meets_due
    # Nothing was stored: the same request gets the same dates again.
    assert board.promise([TestAsked("TENSILE"), TestAsked("TENSILE"), TestAsked("NSS", 72)], "normal",
                         dt.date(2027, 3, 25)) == promise


def test_a_test_no_machine_runs_or_unknown_leaves_the_request_without_a_date(db, admin, lab):
    make_test_type(db, code="CHARPY", name_it="Resilienza Charpy", name_en="Charpy impact",
                   equipment_kind="pendulum_impact", duration_min=20, prep_min=10)
    board = promise_board(db, now=NOW)
    set_language("it")
    try:
        promise = board.promise([TestAsked("TENSILE"), TestAsked("CHARPY"), TestAsked("XRF")], "urgent", None)
        tensile, charpy, unknown = promise.lines
        assert tensile.report_on is not None
        assert charpy.end is None and "pendulum_impact" in charpy.reason
        assert "XRF" in unknown.reason and "catalogo" in unknown.reason
        assert promise.report_on is None and promise.reason.startswith("Data non garantibile: ")
    finally:
        set_language("en")


def test_an_empty_lab_has_no_board_to_promise_from(db):
    assert not promise_board(db, now=NOW).available


@pytest.fixture
def world(db, admin):
    add_test_types(db)
    company, _person = customer(db, admin)
    return company


def test_take_in_stores_the_promised_date(db, admin, world):
    day = today_in_rome() + dt.timedelta(days=9)
    done = svc.take_in(db, intake=three_samples(world.id, promised_on=day), actor=admin)
    assert intake_receipt(db, request_id=done.request_id).promised_on == day
    plain = svc.take_in(db, intake=three_samples(world.id), actor=admin)
    assert intake_receipt(db, request_id=plain.request_id).promised_on is None


def test_a_promised_date_in_the_past_is_refused_in_italian_and_nothing_written(db, admin, world):
    intake = three_samples(world.id, promised_on=today_in_rome() - dt.timedelta(days=1))
    set_language("it")
    try:
        with pytest.raises(ValidationError, match="passato") as refused:
            svc.take_in(db, intake=intake, actor=admin)
        assert refused.value.field == "promised_on"
    finally:
        set_language("en")
    conn = db.raw()
    try:
        assert conn.execute("SELECT count(*) FROM lab_request").fetchone()[0] == 0
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_receipt_prints_the_promised_date_only_when_set(db, admin, world, tmp_path):
    done = svc.take_in(db, intake=three_samples(world.id, promised_on=dt.date(2030, 10, 10)), actor=admin)
    plain = svc.take_in(db, intake=three_samples(world.id), actor=admin)

    def text(request_id) -> str:
        source = tmp_path / "receipt.pdf"
        source.write_bytes(render_intake_receipt(intake_receipt(db, request_id=request_id)))
        out = subprocess.run(["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, text=True)
        return " ".join(out.stdout.split())

    set_language("it")
    try:
        printed = text(done.request_id)
        assert "Data prevista del rapporto di prova: giovedì 10 ottobre 2030" in printed
        assert "Stima basata sulla pianificazione" in printed
        assert "Data prevista" not in text(plain.request_id)
    finally:
        set_language("en")
    assert "Expected date of the test report: Thursday, 10 October 2030" in text(done.request_id)
