"""The lab's machines: create and edit, calibrations and the state they give, out of service, and
the bad input refused with nothing written (issue 13, point 2)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from lab_rows import machine
from sqlalchemy import func, select

from frontdesk.db.lab_models import Calibration, Equipment, OutOfService
from frontdesk.db.models import AuditEvent
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab import equipment as eq

TODAY = today_in_rome()


def count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def data(**fields) -> eq.EquipmentInput:
    base = dict(code="tr-01", kind="tensile_machine", name="Macchina di trazione", room="Lab. prove meccaniche",
                manufacturer="ZwickRoell", model="Z250", serial="731045", firmware="testXpert III 1.6")
    return eq.EquipmentInput(**{**base, **fields})


def test_a_machine_is_created_with_its_identity_and_audited(db, admin):
    made = eq.create_equipment(db, data=data(hours_from="07:30", hours_to="16:00", weekdays="54321"), actor=admin)
    assert (made.code, made.kind, made.model, made.serial, made.firmware) == (
        "TR-01", "tensile_machine", "Z250", "731045", "testXpert III 1.6")
    assert (made.hours_from, made.hours_to, made.weekdays, made.capacity) == ("07:30", "16:00", "12345", 1)
    assert made.state == "never" and made.valid_until is None
    with db.read() as session:
        changes = session.scalars(select(AuditEvent.changes).where(AuditEvent.action == "equipment.create")).one()
    assert json.loads(changes)["serial"] == [None, "731045"]


def test_a_machine_is_edited(db, admin):
    made = eq.create_equipment(db, data=data(), actor=admin)
    edited = eq.update_equipment(db, equipment_id=made.id, data=data(firmware="testXpert III 2.0", room="Sala 2"),
                                 actor=admin)
    assert (edited.firmware, edited.room) == ("testXpert III 2.0", "Sala 2")
    assert eq.get_equipment(db, equipment_id=made.id).equipment.firmware == "testXpert III 2.0"


def test_the_calibration_state_valid_due_soon_lapsed_and_out_of_service(db, admin):
    valid = machine(db, admin, code="A", kind="tensile_machine", calibrated_until=TODAY + dt.timedelta(days=200))
    soon = machine(db, admin, code="B", kind="tensile_machine", calibrated_until=TODAY + dt.timedelta(days=30))
    lapsed = machine(db, admin, code="C", kind="tensile_machine", calibrated_until=TODAY - dt.timedelta(days=1))
    never = machine(db, admin, code="D", kind="tensile_machine", calibrated_until=None)
    broken = machine(db, admin, code="E", kind="tensile_machine")
    eq.put_out_of_service(db, equipment_id=broken, starts_at=utcnow() - dt.timedelta(hours=1), reason="Guasto",
                          actor=admin)
    states = {m.id: (m.state, m.out_of_service_reason) for m in eq.list_equipment(db)}
    assert states == {valid: ("valid", ""), soon: ("due_soon", ""), lapsed: ("lapsed", ""), never: ("never", ""),
                      broken: ("out_of_service", "Guasto")}


def test_the_latest_passing_record_gives_the_validity(db, admin):
    made = machine(db, admin, code="A", kind="tensile_machine", calibrated_until=TODAY - dt.timedelta(days=5))
    assert eq.list_equipment(db)[0].state == "lapsed"
    eq.add_calibration(db, equipment_id=made, performed_on=TODAY, next_due=TODAY + dt.timedelta(days=365),
                       kind="verification", certificate="VI-2026-12", actor=admin)
    eq.add_calibration(db, equipment_id=made, performed_on=TODAY, next_due=TODAY + dt.timedelta(days=400),
                       result="fail", actor=admin)  # a failed one never extends it
    summary = eq.list_equipment(db)[0]
    assert summary.state == "valid" and summary.valid_until == TODAY + dt.timedelta(days=365)
    detail = eq.get_equipment(db, equipment_id=made)
    assert [(c.kind, c.result) for c in detail.calibrations] == [("calibration", "fail"), ("verification", "pass"),
                                                                  ("calibration", "pass")]  # newest first


def test_out_of_service_until_further_notice_then_ended(db, admin):
    made = machine(db, admin, code="A", kind="tensile_machine")
    period = eq.put_out_of_service(db, equipment_id=made, starts_at=utcnow() - dt.timedelta(days=1),
                                   reason="Cella di carico guasta", actor=admin)
    assert period.ends_at is None and eq.list_equipment(db)[0].state == "out_of_service"
    ended = eq.end_out_of_service(db, outage_id=period.id, ends_at=utcnow() - dt.timedelta(minutes=1), actor=admin)
    assert ended.ends_at is not None and eq.list_equipment(db)[0].state == "valid"
    with pytest.raises(Conflict, match="already ended"):
        eq.end_out_of_service(db, outage_id=period.id, ends_at=utcnow(), actor=admin)


@pytest.mark.parametrize(("fields", "message", "field"), [
    (dict(capacity=0), "La capacità è il numero di prove che lo strumento contiene contemporaneamente: da 1 a 1000.",
     "capacity"),
    (dict(hours_from="17:00", hours_to="08:00"),
     "L'orario di lavoro deve finire dopo l'inizio (dalle 17:00 alle 08:00?).", "hours_to"),
    (dict(hours_from="09:00", hours_to="09:00"),
     "L'orario di lavoro deve finire dopo l'inizio (dalle 09:00 alle 09:00?).", "hours_to"),
    (dict(hours_from="8"), "Scrivi l'ora come HH:MM, per esempio 08:00.", "hours_from"),
    (dict(weekdays=""), "Scegli almeno un giorno lavorativo della settimana.", "weekdays"),
    (dict(code=" "), "Codice: campo obbligatorio.", "Codice"),
])
def test_bad_machine_input_is_refused_in_italian_and_nothing_is_written(db, admin, fields, message, field):
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        eq.create_equipment(db, data=data(**fields), actor=admin)
    assert caught.value.message == message and caught.value.field == field
    assert count(db, Equipment) == 0


def test_a_code_already_used_is_refused(db, admin):
    eq.create_equipment(db, data=data(), actor=admin)
    set_language("it")
    with pytest.raises(Conflict, match=re.escape("Un altro strumento ha già il codice TR-01.")):
        eq.create_equipment(db, data=data(name="Altra"), actor=admin)
    assert count(db, Equipment) == 1


def test_a_calibration_due_before_it_was_performed_is_refused(db, admin):
    made = machine(db, admin, code="A", kind="tensile_machine", calibrated_until=None)
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        eq.add_calibration(db, equipment_id=made, performed_on=TODAY, next_due=TODAY - dt.timedelta(days=1),
                           actor=admin)
    assert caught.value.message == "La prossima scadenza deve venire dopo la data di esecuzione."
    with pytest.raises(ValidationError, match="futuro"):
        eq.add_calibration(db, equipment_id=made, performed_on=TODAY + dt.timedelta(days=2),
                           next_due=TODAY + dt.timedelta(days=300), actor=admin)
    assert count(db, Calibration) == 0


def test_an_out_of_service_period_ending_before_it_starts_or_without_reason_is_refused(db, admin):
    made = machine(db, admin, code="A", kind="tensile_machine")
    set_language("it")
    with pytest.raises(ValidationError, match=re.escape("La fine del periodo deve venire dopo l'inizio.")):
        eq.put_out_of_service(db, equipment_id=made, starts_at=utcnow(), ends_at=utcnow() - dt.timedelta(hours=2),
                              reason="Manutenzione", actor=admin)
    with pytest.raises(ValidationError, match=re.escape("Motivo: campo obbligatorio.")):
        eq.put_out_of_service(db, equipment_id=made, starts_at=utcnow(), reason="  ", actor=admin)
    assert count(db, OutOfService) == 0


def test_only_who_manages_equipment_may_change_it(db, admin):
    technician = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=admin.staff_id, name="Anna")
    with pytest.raises(PermissionDenied):
        eq.create_equipment(db, data=data(), actor=technician)
    assert count(db, Equipment) == 0
