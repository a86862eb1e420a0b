"""A test's results and raw files: entering a result (version 1, or a new version with its reason;
every version kept), reading them back, attaching a file and reading it back checked.

Results belong to the test's current round (the lab manager's reopen starts a new one). They are
entered while the test is in progress, or once completed as a new version; a verified test is
reopened first. A subcontracted test's results are the external lab's (`external=True`, with the
provider's name) and are marked provided externally; an in-house test takes no external results.
The equipment used is recorded with a snapshot of its label ("code — name — serial") as it was.

Both tables are append-only (db.lab_models): nothing here updates or deletes a row. Two windows
entering a new version at once are serialised by the writer's BEGIN IMMEDIATE: each is kept, the
second with the next number. Every write is one transaction, audited against the test.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import mimetypes
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import Attachment, Equipment, TestJob, TestResult
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import Conflict, NotFound, StorageProblem
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab import results as rule
from frontdesk.domain.lab.catalogue import Condition, ResultField
from frontdesk.domain.lab.test_status import COMPLETED, IN_PROGRESS, status_label
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, language
from frontdesk.services.lab.catalogue import spec_of
from frontdesk.services.staff import audit

OPEN_FOR_RESULTS = (IN_PROGRESS, COMPLETED)


@dataclass(frozen=True)
class ResultVersion:
    """One version of a test's results, as the screens and the report read it."""

    id: uuid.UUID
    test_id: uuid.UUID
    round: int
    version: int
    readings: tuple[rule.Reading, ...]
    conditions: dict[str, str]
    deviations: str
    equipment_id: uuid.UUID | None
    equipment_label: str
    entered_at: dt.datetime
    entered_by_name: str
    reason: str
    external: bool
    provider: str
    desk: str

    @classmethod
    def of(cls, row: TestResult) -> ResultVersion:
        readings = tuple(rule.Reading(r["code"], str(r["value"]), r.get("unit", ""), str(r.get("uncertainty") or ""))
                         for r in json.loads(row.readings or "[]"))
        return cls(row.id, row.test_id, row.round, row.version, readings, json.loads(row.conditions or "{}"),
                   row.deviations, row.equipment_id, row.equipment_label, row.entered_at, row.entered_by_name,
                   row.reason, row.external, row.provider, row.created_desk)


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    test_id: uuid.UUID
    round: int
    filename: str
    media_type: str
    size: int
    sha256: str
    description: str
    added_at: dt.datetime
    added_by_name: str

    @classmethod
    def of(cls, row: Attachment) -> AttachmentInfo:
        return cls(row.id, row.test_id, row.round, row.filename, row.media_type, row.size, row.sha256,
                   row.description, row.added_at, row.added_by_name)


def equipment_label(machine: Equipment) -> str:
    """The machine as a result records it: "code — name — serial" (the serial when known)."""
    return " — ".join(part for part in (machine.code, machine.name, machine.serial) if part)


def _test(session: Session, test_id: uuid.UUID) -> TestJob:
    test = session.get(TestJob, test_id)
    if test is None:
        raise NotFound(_("The test no longer exists."))
    return test


def _open_for_results(test: TestJob) -> None:
    if test.status not in OPEN_FOR_RESULTS:
        raise Conflict(_("This test is {status}: results are entered while it is in progress or, as a new "
                         "version, once completed.").format(status=status_label(test.status)))


def _last_version(session: Session, test: TestJob) -> int:
    return session.scalar(select(func.max(TestResult.version)).where(
        TestResult.test_id == test.id, TestResult.round == test.round)) or 0


def submit_result(db, *, test_id: uuid.UUID, readings: Mapping[str, rule.ReadingInput],
                  conditions: Mapping[str, str] | None = None, deviations: str = "",
                  equipment_id: uuid.UUID | None = None, reason: str = "", external: bool = False,
                  provider: str = "", actor: Actor, now: dt.datetime | None = None) -> ResultVersion:
    """Enter the test's results for its current round: version 1, or the next version with `reason`.
    `equipment_id` defaults to the planned machine; an external result names its `provider` (the
    subcontractor by default) and records no machine. Raises ValidationError (naming the field),
    Conflict, NotFound, PermissionDenied; nothing is written then."""
    require(actor, Permission.RUN_TESTS)
    deviation_text = clean(deviations, label=_("Deviations from the method"), max_len=rule.MAX_TEXT, multiline=True)
    with db.begin() as session:
        test = _test(session, test_id)
        _open_for_results(test)
        if external and not test.subcontracted:
            raise Conflict(_("This test was not sent to an external lab: its results are entered as the lab's own."))
        if not external and test.subcontracted:
            raise Conflict(_("This test was sent to {lab}: its results are entered as provided externally.").format(
                lab=test.subcontractor))
        spec = spec_of(test.test_type)
        checked = rule.check_readings(spec.result_fields, readings)
        recorded = rule.check_conditions(spec.conditions, conditions or {}, required=not external)
        version = _last_version(session, test) + 1
        why = rule.check_reason(reason, version=version)
        label, machine_id, source = "", None, ""
        if external:
            source = clean(provider or test.subcontractor, label=_("External lab"), required=True, max_len=200)
        else:
            machine_id = equipment_id or test.equipment_id
            if machine_id is not None:
                machine = session.get(Equipment, machine_id)
                if machine is None:
                    raise NotFound(_("The machine no longer exists."), field="equipment")
                label = equipment_label(machine)
        row = TestResult(id=new_id(), test_id=test.id, round=test.round, version=version,
                         readings=json.dumps([r.as_dict() for r in checked], ensure_ascii=False),
                         conditions=json.dumps(recorded, ensure_ascii=False), deviations=deviation_text,
                         equipment_id=machine_id, equipment_label=label, entered_at=now or utcnow(),
                         entered_by=actor.staff_id, entered_by_name=actor.label, reason=why, external=external,
                         provider=source)
        session.add(row)
        changes: dict[str, object] = {"round": [None, test.round], "version": [None, version]}
        if why:
            changes["reason"] = [None, why]
        if external:
            changes["provider"] = [None, source]
        audit.record(session, actor, "lab_test.result", record_type="lab_test", record_id=test.id, changes=changes)
        session.flush()
        return ResultVersion.of(row)


def result_history(db, *, test_id: uuid.UUID) -> list[ResultVersion]:
    """Every version of the test's results, of every round, oldest first."""
    with db.read() as session:
        rows = session.scalars(select(TestResult).where(TestResult.test_id == test_id).order_by(
            TestResult.round, TestResult.version, TestResult.entered_at, TestResult.id))
        return [ResultVersion.of(r) for r in rows]


def latest_in(session: Session, test: TestJob) -> TestResult | None:
    """The newest version of the test's results in its current round (None: none yet)."""
    return session.scalars(select(TestResult).where(TestResult.test_id == test.id, TestResult.round == test.round)
                           .order_by(TestResult.version.desc(), TestResult.entered_at.desc(), TestResult.id.desc())
                           .limit(1)).first()


def latest_result(db, *, test_id: uuid.UUID) -> ResultVersion | None:
    """The result of the test's current round as it stands: its newest version (None: none yet)."""
    with db.read() as session:
        row = latest_in(session, _test(session, test_id))
        return ResultVersion.of(row) if row else None


@dataclass(frozen=True)
class MachineOption:
    id: uuid.UUID
    label: str  # "code — name — serial"


@dataclass(frozen=True)
class ResultForm:
    """What the result dialog needs of a test: its fields and conditions, the machines it may have
    used (the planned one first), its current round's newest result and its raw files."""

    test_id: uuid.UUID
    sample_lab_id: str
    test_name: str
    status: str
    round: int
    fields: tuple[ResultField, ...]
    conditions: tuple[Condition, ...]
    equipment_id: uuid.UUID | None
    machines: tuple[MachineOption, ...]
    subcontracted: bool
    subcontractor: str
    latest: ResultVersion | None
    files: tuple[AttachmentInfo, ...]


def result_form(db, *, test_id: uuid.UUID) -> ResultForm:
    """The test as the result dialog opens it."""
    with db.read() as session:
        test = _test(session, test_id)
        spec = spec_of(test.test_type)
        machines = session.scalars(select(Equipment).where(
            Equipment.kind == spec.equipment_kind, (Equipment.active.is_(True)) | (Equipment.id == test.equipment_id))
            .order_by(Equipment.id != test.equipment_id, Equipment.code)).all()
        latest = latest_in(session, test)
        files = session.scalars(select(Attachment).where(Attachment.test_id == test.id, Attachment.round == test.round)
                                .order_by(Attachment.added_at, Attachment.id))
        return ResultForm(test.id, test.sample.lab_id, spec.name_it if language() == "it" else spec.name_en,
                          test.status, test.round, spec.result_fields, spec.conditions, test.equipment_id,
                          tuple(MachineOption(m.id, equipment_label(m)) for m in machines), bool(test.subcontracted),
                          test.subcontractor, ResultVersion.of(latest) if latest else None,
                          tuple(AttachmentInfo.of(f) for f in files))


# --- raw files ----------------------------------------------------------------------------------

def add_attachment(db, *, test_id: uuid.UUID, filename: str, content: bytes, description: str = "",
                   media_type: str = "", actor: Actor, now: dt.datetime | None = None) -> AttachmentInfo:
    """Attach a raw file to the test's current round (in progress or completed): kept whole with
    its SHA-256. An empty file or one over 20 MB is refused; the name is made safe."""
    require(actor, Permission.RUN_TESTS)
    name = rule.clean_filename(filename)
    rule.check_attachment_size(len(content))
    note = clean(description, label=_("Description"), max_len=300)
    kind = (media_type or mimetypes.guess_type(name)[0] or "application/octet-stream")[:100]
    with db.begin() as session:
        test = _test(session, test_id)
        _open_for_results(test)
        row = Attachment(id=new_id(), test_id=test.id, round=test.round, filename=name, media_type=kind,
                         size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                         content_b64=base64.b64encode(content).decode("ascii"), description=note,
                         added_at=now or utcnow(), added_by=actor.staff_id, added_by_name=actor.label)
        session.add(row)
        audit.record(session, actor, "lab_test.attachment", record_type="lab_test", record_id=test.id,
                     changes={"filename": [None, name], "size": [None, len(content)], "sha256": [None, row.sha256]})
        session.flush()
        return AttachmentInfo.of(row)


def attachments(db, *, test_id: uuid.UUID) -> list[AttachmentInfo]:
    """The test's raw files, of every round, oldest first (without their content)."""
    with db.read() as session:
        rows = session.scalars(select(Attachment).where(Attachment.test_id == test_id)
                               .order_by(Attachment.added_at, Attachment.id))
        return [AttachmentInfo.of(r) for r in rows]


def attachment_content(db, *, attachment_id: uuid.UUID) -> tuple[AttachmentInfo, bytes]:
    """A raw file and its bytes, checked against the SHA-256 taken when it was attached. Raises
    StorageProblem when the bytes no longer match (a damaged copy: nothing is handed out)."""
    with db.read() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(_("The file is not on this desk (yet): sync with the hub and try again."))
        try:
            content = base64.b64decode(row.content_b64.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            content = b""
        if len(content) != row.size or hashlib.sha256(content).hexdigest() != row.sha256:
            raise StorageProblem(_("The file “{name}” is damaged on this desk (its checksum does not match): "
                                   "sync with the hub to get it again.").format(name=row.filename))
        return AttachmentInfo.of(row), content

