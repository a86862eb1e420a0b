"""Typed models of the lab's tables: catalogue, equipment, calendar, sample intake, tests, custody.

They follow the rules of db.models (imported from there, registered on the same metadata): every
table syncs and declares its merge policy, every text column says whether it may hold personal
data. Money is integer cents; times are UTC; dates are Rome calendar days.

Lab records are never removed by the visitor retention: a request keeps its own copy of the
contact's name and details (`contact_*`), kept under the lab's retention, so anonymising a visitor
never empties a lab record. Sample and test descriptions are technical text about parts, not about
people (NOT_PERSONAL); notes and reasons people type stay PERSONAL as everywhere else.

Merge policies: custody events, result versions, raw files and reports are append-only; a test's
stage (its round, which a reopen raises, then its status) only moves forward, and the side further
along gives the whole run of the test (status, pause, who started, completed, verified); a
request's cancellation only moves forward; everything else is last-writer-wins per field.
"""

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.db.models import NOT_PERSONAL, PERSONAL, Base, Company, StaffMember, Synced, UTCDateTime, Visit, Visitor
from frontdesk.domain.lab.test_status import TEST_STATUS_RANK, stage_of
from frontdesk.domain.merge import BY_VALUE, SET_ONCE, Policy
from frontdesk.domain.roles import Permission as P


class TestType(Synced, Base):
    """A test the lab offers (resources/lab/catalogue.json seeds it; the lab manager edits it).
    Its id is derived from its code (ids.reference_id), so every desk shares one row per code."""

    __tablename__ = "lab_test_type"
    __test__ = False  # not a pytest test class, whatever its name says
    __sync__ = Policy(permissions=frozenset({P.EDIT_LAB_CATALOGUE}), seeded="code")
    code: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    name_it: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    name_en: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    standard: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # "UNI EN ISO 6892-1:2020"
    method: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # method, variant, specimen
    accredited: Mapped[bool] = mapped_column(Boolean, default=False)  # inside the accreditation scope
    equipment_kind: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    duration_min: Mapped[int] = mapped_column(Integer, default=0)  # machine time of one test (fixed duration)
    prep_min: Mapped[int] = mapped_column(Integer, default=0)  # preparation before the test
    # An exposure chosen per request in whole hours (salt spray): its bounds; NULL: fixed duration.
    hours_min: Mapped[int | None] = mapped_column(Integer)
    hours_max: Mapped[int | None] = mapped_column(Integer)
    price_cents: Mapped[int] = mapped_column(Integer, default=0)  # per test, or per hour of exposure
    member_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    vat_rate: Mapped[str] = mapped_column(String(8), default="22", info=NOT_PERSONAL)  # percent, exact text
    result_fields: Mapped[str] = mapped_column(Text, default="[]", info=NOT_PERSONAL)  # JSON (domain.lab.catalogue)
    conditions: Mapped[str] = mapped_column(Text, default="[]", info=NOT_PERSONAL)  # JSON: what to record
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Authorisation(Synced, Base):
    """A technician authorised for a method (ISO/IEC 17025 6.2.5). Its id is derived from the pair
    (ids.reference_id), so the same grant made at two desks is one row; `active` False revokes it."""

    __tablename__ = "lab_authorisation"
    __sync__ = Policy(permissions=frozenset({P.EDIT_LAB_CATALOGUE}))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_member.id"), index=True)
    staff: Mapped[StaffMember] = relationship()
    test_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_test_type.id"), index=True)
    test_type: Mapped[TestType] = relationship()
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Equipment(Synced, Base):
    """A machine of the lab. `capacity`: samples it holds at once (a salt-spray chamber: many; a
    tensile machine: 1). `continuous`: once loaded it runs without interruption through nights
    and holidays (a chamber); otherwise it works only in its working hours."""

    __tablename__ = "lab_equipment"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    # The inventory code ("TR-01"): unique as the lab manager's service checks it at the desk, not by
    # the schema: two desks may give one code offline to two machines (random ids, unlike TestType's),
    # and each desk must be able to receive both (a UNIQUE here would stop its sync for good).
    code: Mapped[str] = mapped_column(String(40), index=True, info=NOT_PERSONAL)
    kind: Mapped[str] = mapped_column(String(40), index=True, info=NOT_PERSONAL)
    name: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    room: Mapped[str] = mapped_column(String(100), default="", info=NOT_PERSONAL)
    manufacturer: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    model: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    serial: Mapped[str] = mapped_column(String(100), default="", info=NOT_PERSONAL)
    firmware: Mapped[str] = mapped_column(String(100), default="", info=NOT_PERSONAL)  # firmware or software
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    continuous: Mapped[bool] = mapped_column(Boolean, default=False)
    hours_from: Mapped[str] = mapped_column(String(5), default="08:00", info=NOT_PERSONAL)  # "HH:MM", Rome
    hours_to: Mapped[str] = mapped_column(String(5), default="17:00", info=NOT_PERSONAL)
    weekdays: Mapped[str] = mapped_column(String(7), default="12345", info=NOT_PERSONAL)  # ISO weekdays it works
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: retired (kept for the records)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)


class Calibration(Synced, Base):
    """A calibration or verification of a machine: its result and when the next one is due."""

    __tablename__ = "lab_calibration"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    equipment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_equipment.id"), index=True)
    equipment: Mapped[Equipment] = relationship()
    kind: Mapped[str] = mapped_column(String(12), default="calibration", info=NOT_PERSONAL)  # | verification
    performed_on: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(12), default="pass", info=NOT_PERSONAL)  # pass | fail
    next_due: Mapped[dt.date] = mapped_column(Date)  # the machine may be used up to this day included
    certificate: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # number, issuer
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)


class OutOfService(Synced, Base):
    """A period a machine cannot be used (breakdown, maintenance); `ends_at` NULL: until further notice."""

    __tablename__ = "lab_out_of_service"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    equipment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_equipment.id"), index=True)
    equipment: Mapped[Equipment] = relationship()
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300), info=PERSONAL)


class LabClosure(Synced, Base):
    """Days the whole lab is closed (summer closure, inventory), beyond holidays and the patron saint."""

    __tablename__ = "lab_closure"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: withdrawn


class TechnicianDays(Synced, Base):
    """A technician's working days (ISO weekdays, "12345"); its id is derived from the staff id."""

    __tablename__ = "lab_technician_days"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_member.id"), unique=True)
    weekdays: Mapped[str] = mapped_column(String(7), default="12345", info=NOT_PERSONAL)


class Absence(Synced, Base):
    """A technician away (holiday, course, sick leave) from one day to another, both included."""

    __tablename__ = "lab_absence"
    __sync__ = Policy(permissions=frozenset({P.MANAGE_EQUIPMENT}))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_member.id"), index=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: withdrawn


class LabRequest(Synced, Base):
    """A sample intake: what a customer asked the lab to do, and what they agreed to (ISO/IEC 17025
    7.1: methods, prices, and the decision rule when a statement of conformity is wanted)."""

    __tablename__ = "lab_request"
    __sync__ = Policy(forward={"status": {"open": 0, "cancelled": 1}, "cancelled_at": SET_ONCE},
                      permissions=frozenset({P.LAB_INTAKE}))
    number: Mapped[str] = mapped_column(String(30), unique=True, info=NOT_PERSONAL)  # desk series "lab_request"
    company_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("company.id"), index=True)
    company: Mapped[Company] = relationship()
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visitor.id"), index=True)
    contact: Mapped[Visitor | None] = relationship()
    # The contact as agreed at intake: kept under the lab's retention, whatever happens to the visitor.
    contact_name: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    contact_email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    contact_phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"), index=True)  # who brought them
    visit: Mapped[Visit | None] = relationship()
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    received_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the staff member
    received_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # staff label
    priority: Mapped[str] = mapped_column(String(8), default="normal", info=NOT_PERSONAL)  # normal | urgent
    due_on: Mapped[dt.date | None] = mapped_column(Date)  # when the customer needs the results
    conformity: Mapped[bool] = mapped_column(Boolean, default=False)  # a statement of conformity is wanted
    specification: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)  # "EN 10025-2 S355JR"
    decision_rule: Mapped[str] = mapped_column(String(40), default="", info=NOT_PERSONAL)  # domain.lab.requests
    agreed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # customer agreed to methods, prices, rule
    agreed_by: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)  # who agreed, for the customer
    member_prices: Mapped[bool] = mapped_column(Boolean, default=False)  # the company's association qualifies
    promised_on: Mapped[dt.date | None] = mapped_column(Date)  # the report date promised at intake (the plan's)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    status: Mapped[str] = mapped_column(String(10), default="open", info=NOT_PERSONAL)  # open | cancelled
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)


class Sample(Synced, Base):
    """An item received for testing, under its lab ID (desk series "sample": "L1-000042"), which
    stays with it; a specimen cut from it has `parent_id` and an ID derived from the parent's
    ("L1-000042-1"). `customer_info`: what the customer stated and the lab did not verify
    (ISO/IEC 17025 7.8.2.2: reported as such)."""

    __tablename__ = "lab_sample"
    __sync__ = Policy(permissions=frozenset({P.LAB_INTAKE, P.RECORD_CUSTODY}))
    lab_id: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_request.id"), index=True)
    request: Mapped[LabRequest] = relationship()
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_sample.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)  # order within the request, or specimen number
    material: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    description: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)
    condition: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # condition on receipt
    deviations: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # noted at receipt
    customer_answer: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # to the deviations
    customer_info: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # supplied by the customer
    label_token: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


# What a test's run is. Its `stage` (round and status in one number, kept by the model: see
# domain.lab.test_status.stage_of) leads them all in sync (Policy.together): the run further along gives every field of
# the run, so a reopened test's new round is never mixed with the old round's run arriving late
# from another desk, and a stale status never brings its stale "who started it" along.
TEST_RUN_FIELDS = ("round", "status", "paused", "started_at", "started_by", "completed_at", "completed_by",
                   "verified_at", "verified_by", "cancel_reason", "reopen_reason")


class TestJob(Synced, Base):
    """One test asked for one sample, with its agreed price and, once planned, its machine, slot and
    technician. `hours`: the exposure chosen (salt spray); `parameters`: JSON of what the method
    needs chosen (Charpy's temperature).

    Its run: `status` (TEST_STATUS_RANK), `paused` (a flag within in progress, not a status), who
    started, completed and verified it and when. `round` starts at 1; the lab manager's reopen
    raises it and starts a new run (results carry the round they belong to). `subcontracted`: sent
    to an external lab (`subcontractor`), whose results are reported as provided externally."""

    __tablename__ = "lab_test"
    __test__ = False
    __sync__ = Policy(forward={"stage": BY_VALUE, "status": TEST_STATUS_RANK},
                      together={"stage": TEST_RUN_FIELDS},
                      permissions=frozenset({P.LAB_INTAKE, P.PLAN_TESTS, P.RUN_TESTS, P.VERIFY_TESTS}))
    sample_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_sample.id"), index=True)
    sample: Mapped[Sample] = relationship()
    test_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_test_type.id"), index=True)
    test_type: Mapped[TestType] = relationship()
    hours: Mapped[int | None] = mapped_column(Integer)
    parameters: Mapped[str] = mapped_column(Text, default="{}", info=NOT_PERSONAL)
    price_cents: Mapped[int] = mapped_column(Integer, default=0)  # as agreed: the line total
    vat_rate: Mapped[str] = mapped_column(String(8), default="22", info=NOT_PERSONAL)
    status: Mapped[str] = mapped_column(String(12), default="requested", info=NOT_PERSONAL)
    equipment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_equipment.id"), index=True)
    equipment: Mapped[Equipment | None] = relationship()
    planned_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    planned_end: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    technician_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_member.id"))
    cancel_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)  # cancelled or rejected
    round: Mapped[int] = mapped_column(Integer, default=1)
    stage: Mapped[int] = mapped_column(Integer, default=10)  # stage_of(round, status), set on every flush
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    started_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # staff member
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reopen_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    subcontracted: Mapped[bool] = mapped_column(Boolean, default=False)
    subcontractor: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # the external lab
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)  # the automatic plan leaves its slot
    plan_flag: Mapped[str] = mapped_column(String(12), default="", info=NOT_PERSONAL)  # PLAN_FLAGS
    plan_flag_reason: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)  # e.g. the outage's
    __table_args__ = (Index("ix_lab_test_equipment_start", "equipment_id", "planned_start"),
                      Index("ix_lab_test_technician_start", "technician_id", "planned_start"),
                      Index("ix_lab_test_status", "status"))


@event.listens_for(TestJob, "before_insert")
@event.listens_for(TestJob, "before_update")
def _keep_stage(_mapper, _connection, test: TestJob) -> None:
    test.stage = stage_of(test.round, test.status or "requested")


# Why a test waits for the lab manager's eye in the plan: "moved" (its machine went out of service and
# the plan moved it, unpinned if it was pinned), "interrupted" (it was in progress when its machine went
# out of service: reopen or repeat it). Empty: nothing to look at. Cleared when the lab manager moves,
# pins or reopens the test.
PLAN_FLAGS = ("", "moved", "interrupted")


# What can happen to a sample (chain of custody); `at` and `location` say when and where.
CUSTODY_KINDS = ("received", "stored", "to_test", "returned", "remnant", "disposed")


class CustodyEvent(Synced, Base):
    """One step of a sample's chain of custody: who (the staff member, and their name as it was),
    when, where. Append-only: a step is never changed; a mistake is followed by a corrected step."""

    __tablename__ = "lab_custody_event"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.LAB_INTAKE, P.RECORD_CUSTODY}))
    sample_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_sample.id"))
    kind: Mapped[str] = mapped_column(String(12), info=NOT_PERSONAL)  # CUSTODY_KINDS
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_label: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # staff, as on the trail
    location: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # "Magazzino A, ripiano 3"
    keep_until: Mapped[dt.date | None] = mapped_column(Date)  # a remnant: kept until
    test_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_test.id"))  # taken to this test
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    __table_args__ = (Index("ix_lab_custody_event_sample_at", "sample_id", "at"),)


class TestResult(Synced, Base):
    """One version of a test's results in one round. Append-only: a submitted result is changed
    only by a new version (`version` + 1) with its `reason`; every version is kept.

    `readings`: JSON list of {"code", "value", "unit", "uncertainty"} as entered (the unit and the
    expanded uncertainty as they were at entry, whatever the catalogue says later); `conditions`:
    JSON {code: value} (the test temperature); `deviations`: additions to, deviations from or
    exclusions from the method; `external`: provided by the external lab the test was sent to."""

    __tablename__ = "lab_result"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.RUN_TESTS, P.VERIFY_TESTS}))
    test_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_test.id"))
    test: Mapped[TestJob] = relationship()
    round: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    readings: Mapped[str] = mapped_column(Text, default="[]", info=NOT_PERSONAL)
    conditions: Mapped[str] = mapped_column(Text, default="{}", info=NOT_PERSONAL)
    deviations: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)
    equipment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_equipment.id"))
    equipment_label: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)  # code, name, serial
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    entered_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    entered_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # staff label
    reason: Mapped[str] = mapped_column(String(500), default="", info=NOT_PERSONAL)  # why this version
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    provider: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # the external lab
    __table_args__ = (Index("ix_lab_result_test_round", "test_id", "round", "version"),)


class Attachment(Synced, Base):
    """A raw file of a test (a testing machine's export, a micrograph), kept whole: base64 text
    (the outbox carries rows as JSON), its SHA-256 and size. Append-only: never changed, never removed."""

    __tablename__ = "lab_attachment"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.RUN_TESTS, P.VERIFY_TESTS}))
    test_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_test.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    filename: Mapped[str] = mapped_column(String(255), info=NOT_PERSONAL)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream", info=NOT_PERSONAL)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), info=NOT_PERSONAL)
    content_b64: Mapped[str] = mapped_column(Text, info=NOT_PERSONAL)
    description: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    added_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)


class LabReport(Synced, Base):
    """A test report as issued (ISO/IEC 17025 7.8), per sample (`sample_id`) or per request. Append-
    only: a correction is a new row, `revision` + 1, that names the report it replaces
    (`replaces_id`) with what changed and why (7.8.8); the original is kept.

    The report keeps its own copy of what it said (`content`: JSON of every item it printed,
    customer and contact included, under the lab's retention: anonymising a visitor never empties
    it), from which its PDF is drawn again identically (`pdf_sha256` checks it)."""

    __tablename__ = "lab_report"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.ISSUE_REPORTS}))
    number: Mapped[str] = mapped_column(String(40), index=True, info=NOT_PERSONAL)  # desk series "lab_report"
    revision: Mapped[int] = mapped_column(Integer, default=0)
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_report.id"))
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_request.id"), index=True)
    sample_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_sample.id"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="it", info=NOT_PERSONAL)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    authorised_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    authorised_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    customer_name: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)  # the company
    contact_name: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)  # lab retention
    contact_email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    reason: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # a revision: why
    changes: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)  # a revision: what changed
    content: Mapped[str] = mapped_column(Text, default="{}", info=PERSONAL)  # JSON snapshot (see above)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="", info=NOT_PERSONAL)


class PlanRun(Synced, Base):
    """One computation of the lab's automatic plan at the planning desk (the site setting
    `lab_planning_desk`): when, why (`cause`: PLAN_CAUSES), by whom, and what came of it. The plan
    itself is in the tests' slots (lab_test: machine, start, end, technician); this row says when it
    was made and keeps what the slots cannot: the tests it could not place and why, the tests that
    will be late and by how much (`details`: JSON {"late": [{"test_id", "due_on", "minutes"}],
    "unplaced": [{"test_id", "rule", "reason"}]}). Append-only: the plan's history."""

    __tablename__ = "lab_plan_run"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.PLAN_TESTS}))
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    made_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the staff member; None: the desk itself
    made_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # staff label
    cause: Mapped[str] = mapped_column(String(12), default="change", info=NOT_PERSONAL)  # PLAN_CAUSES
    tests: Mapped[int] = mapped_column(Integer, default=0)  # pending tests it planned
    moved: Mapped[int] = mapped_column(Integer, default=0)  # slots it changed
    late: Mapped[int] = mapped_column(Integer, default=0)
    unplaced: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_ms: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[str] = mapped_column(Text, default="{}", info=NOT_PERSONAL)


# Why the plan was computed: at night, after a change (requests, machines, calibrations, calendar),
# when a machine went out of service, or because the lab manager asked.
PLAN_CAUSES = ("night", "change", "outage", "manual")


LAB_MODELS = (TestType, Authorisation, Equipment, Calibration, OutOfService, LabClosure, TechnicianDays, Absence,
              LabRequest, Sample, TestJob, CustodyEvent, TestResult, Attachment, LabReport, PlanRun)
"""The lab's synced tables, parents before the rows that refer to them."""
