"""The lab's machines: create and edit them, record calibrations and verifications, put them out of
service and back, and list them with their calibration state.

Writes need Permission.MANAGE_EQUIPMENT and are audited. A machine put out of service takes its
tests with it: flagged for the lab manager, and at the planning desk the plan is remade at once.
A machine may be used up to its latest passing record's `next_due` day included
(domain.lab.equipment.calibration_state).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.lab_models import Calibration, Equipment, OutOfService, TestJob, TestType
from frontdesk.domain.clock import as_utc, today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab.equipment import calibration_state, check_working_hours
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.staff import audit

CALIBRATION_KINDS = ("calibration", "verification")
RESULTS = ("pass", "fail")
MAX_CAPACITY = 1000


@dataclass(frozen=True)
class EquipmentInput:
    code: str
    kind: str
    name: str
    room: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    firmware: str = ""
    capacity: int = 1
    continuous: bool = False
    hours_from: str = "08:00"
    hours_to: str = "17:00"
    weekdays: str = "12345"
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class EquipmentSummary:
    id: uuid.UUID
    code: str
    kind: str
    name: str
    room: str
    manufacturer: str
    model: str
    serial: str
    firmware: str
    capacity: int
    continuous: bool
    hours_from: str
    hours_to: str
    weekdays: str
    active: bool
    notes: str
    valid_until: dt.date | None  # the latest passing record's next due day
    state: str  # domain.lab.equipment: valid | due_soon | lapsed | never | out_of_service
    out_of_service_reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()


@dataclass(frozen=True)
class CalibrationRecord:
    id: uuid.UUID
    equipment_id: uuid.UUID
    kind: str
    performed_on: dt.date
    result: str
    next_due: dt.date
    certificate: str
    notes: str


@dataclass(frozen=True)
class OutOfServiceRecord:
    id: uuid.UUID
    equipment_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    reason: str

    def covers(self, moment: dt.datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or self.ends_at > moment)


@dataclass(frozen=True)
class EquipmentDetail:
    equipment: EquipmentSummary
    calibrations: tuple[CalibrationRecord, ...]  # newest first
    out_of_service: tuple[OutOfServiceRecord, ...]  # newest first


def _calibration(c: Calibration) -> CalibrationRecord:
    return CalibrationRecord(c.id, c.equipment_id, c.kind, c.performed_on, c.result, c.next_due, c.certificate,
                             c.notes)


def _outage(o: OutOfService) -> OutOfServiceRecord:
    return OutOfServiceRecord(o.id, o.equipment_id, as_utc(o.starts_at), o.ends_at and as_utc(o.ends_at), o.reason)


def valid_until_in(session, equipment_id: uuid.UUID) -> dt.date | None:
    """The day up to which the machine may be used: its latest passing record's next due day."""
    stmt = (select(Calibration.next_due).where(Calibration.equipment_id == equipment_id, Calibration.result == "pass")
            .order_by(Calibration.performed_on.desc(), Calibration.created_at.desc()).limit(1))
    return session.scalar(stmt)


def outages_in(session, equipment_id: uuid.UUID) -> list[OutOfServiceRecord]:
    stmt = select(OutOfService).where(OutOfService.equipment_id == equipment_id).order_by(OutOfService.starts_at.desc())
    return [_outage(o) for o in session.scalars(stmt)]


def _summary(session, e: Equipment, today: dt.date, now: dt.datetime) -> EquipmentSummary:
    valid_until = valid_until_in(session, e.id)
    current = next((o for o in outages_in(session, e.id) if o.covers(now)), None)
    state = calibration_state(valid_until, today, out_of_service=current is not None)
    return EquipmentSummary(e.id, e.code, e.kind, e.name, e.room, e.manufacturer, e.model, e.serial, e.firmware,
                            e.capacity, e.continuous, e.hours_from, e.hours_to, e.weekdays, e.active, e.notes,
                            valid_until, state, current.reason if current else "")


def _validated(data: EquipmentInput) -> dict[str, object]:
    values: dict[str, object] = {
        "code": clean(data.code, label=_("Code"), required=True, max_len=40).upper(),
        "kind": clean(data.kind, label=_("Kind"), required=True, max_len=40).lower().replace(" ", "_"),
        "name": clean(data.name, label=_("Name"), required=True, max_len=200),
        "room": clean(data.room, label=_("Room"), max_len=100),
        "manufacturer": clean(data.manufacturer, label=_("Manufacturer"), max_len=200),
        "model": clean(data.model, label=_("Model"), max_len=200),
        "serial": clean(data.serial, label=_("Serial number"), max_len=100),
        "firmware": clean(data.firmware, label=_("Firmware or software"), max_len=100),
        "notes": clean(data.notes, label=_("Notes"), max_len=2000, multiline=True),
        "continuous": bool(data.continuous),
        "active": bool(data.active),
    }
    if not isinstance(data.capacity, int) or not 1 <= data.capacity <= MAX_CAPACITY:
        raise ValidationError(_("The capacity is the number of tests the machine holds at once: from 1 to {n}.")
                              .format(n=MAX_CAPACITY), field="capacity")
    values["capacity"] = data.capacity
    values["hours_from"], values["hours_to"], values["weekdays"] = check_working_hours(
        data.hours_from, data.hours_to, data.weekdays)
    return values


def _code_taken(session, code: str, exclude: uuid.UUID | None) -> None:
    stmt = select(Equipment.id).where(Equipment.code == code)
    if exclude is not None:
        stmt = stmt.where(Equipment.id != exclude)
    if session.scalar(stmt) is not None:
        raise Conflict(_("Another machine already has the code {code}.").format(code=code), field="code")


def create_equipment(db, *, data: EquipmentInput, actor: Actor) -> EquipmentSummary:
    require(actor, Permission.MANAGE_EQUIPMENT)
    values = _validated(data)
    with db.begin() as session:
        _code_taken(session, str(values["code"]), None)
        machine = Equipment(id=new_id(), **values)
        session.add(machine)
        audit.record_change(session, actor, "equipment.create", machine, new=True)
        session.flush()
        return _summary(session, machine, today_in_rome(), utcnow())


def update_equipment(db, *, equipment_id: uuid.UUID, data: EquipmentInput, actor: Actor) -> EquipmentSummary:
    require(actor, Permission.MANAGE_EQUIPMENT)
    values = _validated(data)
    with db.begin() as session:
        machine = _machine(session, equipment_id)
        _code_taken(session, str(values["code"]), equipment_id)
        for key, value in values.items():
            setattr(machine, key, value)
        audit.record_change(session, actor, "equipment.update", machine)
        session.flush()
        return _summary(session, machine, today_in_rome(), utcnow())


def _machine(session, equipment_id: uuid.UUID) -> Equipment:
    machine = session.get(Equipment, equipment_id)
    if machine is None:
        raise NotFound(_("The machine no longer exists."))
    return machine


def add_calibration(db, *, equipment_id: uuid.UUID, performed_on: dt.date, next_due: dt.date,
                    kind: str = "calibration", result: str = "pass", certificate: str = "", notes: str = "",
                    actor: Actor) -> CalibrationRecord:
    """Record a calibration or verification: when, its result, when the next is due, its certificate."""
    require(actor, Permission.MANAGE_EQUIPMENT)
    if kind not in CALIBRATION_KINDS:
        raise ValidationError(_("Choose calibration or verification."), field="kind")
    if result not in RESULTS:
        raise ValidationError(_("Choose whether it passed or failed."), field="result")
    if performed_on > today_in_rome():
        raise ValidationError(_("A calibration is recorded once performed: the date is in the future."),
                              field="performed_on")
    if next_due <= performed_on:
        raise ValidationError(_("The next due date must come after the date it was performed."), field="next_due")
    certificate = clean(certificate, label=_("Certificate"), max_len=200)
    notes = clean(notes, label=_("Notes"), max_len=2000, multiline=True)
    with db.begin() as session:
        _machine(session, equipment_id)
        record = Calibration(id=new_id(), equipment_id=equipment_id, kind=kind, performed_on=performed_on,
                             result=result, next_due=next_due, certificate=certificate, notes=notes)
        session.add(record)
        audit.record_change(session, actor, "equipment.calibration", record, new=True)
        session.flush()
        return _calibration(record)


def put_out_of_service(db, *, equipment_id: uuid.UUID, starts_at: dt.datetime, ends_at: dt.datetime | None = None,
                       reason: str, actor: Actor) -> OutOfServiceRecord:
    """A period the machine cannot be used; `ends_at` None: until further notice."""
    require(actor, Permission.MANAGE_EQUIPMENT)
    reason = clean(reason, label=_("Reason"), required=True, max_len=300)
    starts_at = as_utc(starts_at)
    if ends_at is not None and as_utc(ends_at) <= starts_at:
        raise ValidationError(_("The end of the period must come after its start."), field="ends_at")
    with db.begin() as session:
        machine = _machine(session, equipment_id)
        period = OutOfService(id=new_id(), equipment_id=equipment_id, starts_at=starts_at,
                              ends_at=ends_at and as_utc(ends_at), reason=reason)
        session.add(period)
        audit.record_change(session, actor, "equipment.out_of_service", period, new=True)
        _flag_tests_on(session, machine, period)
        session.flush()
        _replan_here(session, db.desk, actor)
        return _outage(period)


def _flag_tests_on(session, machine: Equipment, period: OutOfService) -> None:
    """The tests the period takes the machine from: scheduled ones overlapping it are unpinned and
    flagged "moved" (the plan gives them new slots, still scheduled); one in progress during it (begun
    on time or early) is flagged "interrupted" (it stays in progress: the lab manager reopens or
    repeats it)."""
    why = f"{machine.code}: {period.reason}"[:300]
    overlapping = select(TestJob).where(
        TestJob.equipment_id == machine.id, TestJob.planned_end > period.starts_at,
        TestJob.status.in_(("scheduled", "in_progress")))
    if period.ends_at is not None:
        overlapping = overlapping.where(TestJob.planned_start < period.ends_at)
    for test in session.scalars(overlapping):
        if test.status == "scheduled":
            test.pinned = False
            test.plan_flag, test.plan_flag_reason = "moved", why
        else:
            test.plan_flag, test.plan_flag_reason = "interrupted", why


def _replan_here(session, desk: str, actor: Actor) -> None:
    """At the planning desk the plan is remade at once, in the same transaction (cause "outage");
    elsewhere the planning desk remakes it when the change reaches it (auto_plan.plan_due)."""
    from frontdesk.services.lab.auto_plan import replan_in  # auto_plan reads machines through this module

    if desk and read_settings(session).lab_planning_desk == desk:
        planner = actor if actor.can(Permission.PLAN_TESTS) else Actor.desk_itself(desk)
        replan_in(session, desk=desk, actor=planner, cause="outage", now=utcnow())


def end_out_of_service(db, *, outage_id: uuid.UUID, ends_at: dt.datetime, actor: Actor) -> OutOfServiceRecord:
    """The machine is back in service from `ends_at`."""
    require(actor, Permission.MANAGE_EQUIPMENT)
    ends_at = as_utc(ends_at)
    with db.begin() as session:
        period = session.get(OutOfService, outage_id)
        if period is None:
            raise NotFound(_("The out-of-service period no longer exists."))
        if period.ends_at is not None and as_utc(period.ends_at) <= utcnow():
            raise Conflict(_("This out-of-service period has already ended."))
        if ends_at <= as_utc(period.starts_at):
            raise ValidationError(_("The end of the period must come after its start."), field="ends_at")
        period.ends_at = ends_at
        audit.record_change(session, actor, "equipment.back_in_service", period)
        session.flush()
        return _outage(period)


def list_equipment(db, *, include_retired: bool = True) -> list[EquipmentSummary]:
    """Every machine, by code, with its calibration state today."""
    today, now = today_in_rome(), utcnow()
    with db.read() as session:
        stmt = select(Equipment).order_by(Equipment.code)
        if not include_retired:
            stmt = stmt.where(Equipment.active.is_(True))
        return [_summary(session, e, today, now) for e in session.scalars(stmt)]


def get_equipment(db, *, equipment_id: uuid.UUID) -> EquipmentDetail:
    with db.read() as session:
        machine = _machine(session, equipment_id)
        calibrations = session.scalars(select(Calibration).where(Calibration.equipment_id == equipment_id)
                                       .order_by(Calibration.performed_on.desc(), Calibration.created_at.desc()))
        return EquipmentDetail(_summary(session, machine, today_in_rome(), utcnow()),
                               tuple(_calibration(c) for c in calibrations), tuple(outages_in(session, equipment_id)))


def equipment_kinds(db) -> list[str]:
    """The kinds of machine the catalogue's tests need and the machines already have, sorted."""
    with db.read() as session:
        kinds = set(session.scalars(select(TestType.equipment_kind).distinct()))
        kinds |= set(session.scalars(select(Equipment.kind).distinct()))
        return sorted(k for k in kinds if k)
