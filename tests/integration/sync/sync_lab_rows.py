"""Lab rows written at a desk for the sync tests, the way the lab's services write them: through a
session of the desk (db.begin(): the engine stamps created_desk/updated_desk), each transaction's
actor noted for the outbox (db.outbox.note_actor, by way of the audit's `record`, as every service
does), numbers from the desk's series (services.desk.numbering).

No permission check here (no `require`): the hub's own check is what the sync tests look at.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from frontdesk.db.engine import Database
from frontdesk.db.lab_models import (
    Attachment,
    Calibration,
    CustodyEvent,
    Equipment,
    LabReport,
    LabRequest,
    Sample,
    TestJob,
    TestResult,
    TestType,
)
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.lab.sample_tokens import SampleClaim
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import next_number
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit

# The test type codes these tests use (aligned with resources/lab/catalogue.json at merge).
TEST_TYPE_CODES = ("TENSILE_RT", "HARDNESS_HBW", "HARDNESS_HV", "HARDNESS_HRC", "CHARPY_KV", "SALT_SPRAY_NSS",
                   "METALLOGRAPHY")
PASSWORD = "a-long-password-1"


def account(db: Database, admin: Actor, *, username: str, role: Role) -> Actor:
    """A staff account made at the desk by its admin, as the actor it signs in as."""
    made = staff.create_staff(db, username=username, display_name=username.title(), role=role, password=PASSWORD,
                              actor=admin)
    return Actor(desk=admin.desk, role=role, staff_id=made.id, name=made.display_name)


@contextlib.contextmanager
def writing(db: Database, actor: Actor, action: str, record_id: object = "") -> Iterator[Session]:
    """One transaction at the desk on behalf of `actor` (audited, so the outbox names the actor)."""
    with db.begin() as session:
        audit.record(session, actor, action, record_type="lab", record_id=record_id)
        yield session


def catalogue_entry(db: Database, actor: Actor, code: str, **fields) -> uuid.UUID:
    """A catalogue entry under its reference id (the same row at every desk)."""
    type_id = reference_id("lab_test_type", code)
    with writing(db, actor, "lab.test_type", type_id) as session:
        session.add(TestType(id=type_id, code=code, name_it=f"Prova {code}", name_en=f"Test {code}",
                             equipment_kind=fields.pop("equipment_kind", "tensile"),
                             price_cents=fields.pop("price_cents", 12_000), **fields))
    return type_id


def equipment(db: Database, actor: Actor, code: str, **fields) -> uuid.UUID:
    with writing(db, actor, "lab.equipment") as session:
        row = Equipment(id=new_id(), code=code, kind=fields.pop("kind", "tensile"),
                        name=fields.pop("name", f"Macchina {code}"), **fields)
        session.add(row)
    return row.id


def calibration(db: Database, actor: Actor, equipment_id: uuid.UUID, *, on: dt.date) -> uuid.UUID:
    with writing(db, actor, "lab.calibration") as session:
        row = Calibration(id=new_id(), equipment_id=equipment_id, performed_on=on,
                          next_due=on + dt.timedelta(days=365), certificate=f"LAT 123/{on.isoformat()}")
        session.add(row)
    return row.id


@dataclass(frozen=True)
class Intake:
    request_id: uuid.UUID
    number: str
    samples: tuple[uuid.UUID, ...]
    lab_ids: tuple[str, ...]
    tests: tuple[uuid.UUID, ...]  # per sample, in the order of `codes`
    events: tuple[uuid.UUID, ...]  # each sample's "received"


def intake(db: Database, actor: Actor, *, company_id: uuid.UUID, codes: tuple[str, ...] = ("TENSILE_RT",),
           samples: int = 1, at: dt.datetime | None = None, labelled: bool = False) -> Intake:
    """A request with `samples` samples, each with one test per code and its "received" custody step,
    in one transaction (as the intake service does); `labelled`: each sample's label token signed."""
    at = at or dt.datetime.now(dt.UTC)
    sample_ids, lab_ids, test_ids, event_ids = [], [], [], []
    with writing(db, actor, "lab.intake") as session:
        request = LabRequest(id=new_id(), number=next_number(session, "lab_request"), company_id=company_id,
                             contact_name="Ing. Paola Rota", received_at=at, received_by=actor.staff_id,
                             received_by_name=actor.label, specification="EN 10025-2 S355JR")
        session.add(request)
        session.flush()  # parents first: a custody event names its sample by id only
        for position in range(1, samples + 1):
            sample = Sample(id=new_id(), lab_id=next_number(session, "sample"), request_id=request.id,
                            position=position, material="S355JR", description=f"Barra tonda {position}",
                            received_at=at)
            if labelled:
                key_id, key = load_keyring(create=True).current()
                sample.label_token = sample_tokens.issue(SampleClaim(sample.id, sample.lab_id, key_id), key)
            session.add(sample)
            session.flush()
            sample_ids.append(sample.id)
            lab_ids.append(sample.lab_id)
            for code in codes:
                job = TestJob(id=new_id(), sample_id=sample.id, test_type_id=reference_id("lab_test_type", code),
                              price_cents=12_000)
                session.add(job)
                test_ids.append(job.id)
            event_ids.append(_event(session, actor, sample.id, "received", at, "Accettazione"))
        number = request.number
    return Intake(request.id, number, tuple(sample_ids), tuple(lab_ids), tuple(test_ids), tuple(event_ids))


def _event(session: Session, actor: Actor, sample_id: uuid.UUID, kind: str, at: dt.datetime,
           location: str) -> uuid.UUID:
    row = CustodyEvent(id=new_id(), sample_id=sample_id, kind=kind, at=at, actor_id=actor.staff_id,
                       actor_label=actor.label, location=location)
    session.add(row)
    session.flush()
    return row.id


def custody(db: Database, actor: Actor, sample_id: uuid.UUID, kind: str, *, at: dt.datetime,
            location: str = "Magazzino A") -> uuid.UUID:
    """One step appended to a sample's chain of custody."""
    with writing(db, actor, "lab.custody", sample_id) as session:
        return _event(session, actor, sample_id, kind, at, location)


def change_test(db: Database, actor: Actor, test_id: uuid.UUID, **changes) -> None:
    """Fields of a test changed (its status moved, its price agreed again...)."""
    with writing(db, actor, "lab.test", test_id) as session:
        job = session.get(TestJob, test_id)
        for name, value in changes.items():
            setattr(job, name, value)


def change_equipment(db: Database, actor: Actor, equipment_id: uuid.UUID, **changes) -> None:
    with writing(db, actor, "lab.equipment", equipment_id) as session:
        row = session.get(Equipment, equipment_id)
        for name, value in changes.items():
            setattr(row, name, value)


def change_test_type(db: Database, actor: Actor, type_id: uuid.UUID, **changes) -> None:
    with writing(db, actor, "lab.test_type", type_id) as session:
        row = session.get(TestType, type_id)
        for name, value in changes.items():
            setattr(row, name, value)


def result_version(db: Database, actor: Actor, test_id: uuid.UUID, *, version: int, value: str = "512") -> uuid.UUID:
    """One version of a test's results in the test's current round at the desk (append-only rows,
    as services.lab.results writes them, without its checks)."""
    with writing(db, actor, "lab_test.result", test_id) as session:
        job = session.get(TestJob, test_id)
        row = TestResult(id=new_id(), test_id=test_id, round=job.round, version=version,
                         readings=f'[{{"code": "rm", "value": "{value}", "unit": "MPa", "uncertainty": "8"}}]',
                         entered_at=dt.datetime.now(dt.UTC), entered_by=actor.staff_id, entered_by_name=actor.label,
                         reason="" if version == 1 else "Rimisurata")
        session.add(row)
    return row.id


def attachment(db: Database, actor: Actor, test_id: uuid.UUID, *, content: bytes) -> uuid.UUID:
    """A raw file attached to a test in its current round (append-only, as services.lab.results
    writes it, without its checks)."""
    import base64
    import hashlib

    with writing(db, actor, "lab_test.attachment", test_id) as session:
        job = session.get(TestJob, test_id)
        row = Attachment(id=new_id(), test_id=test_id, round=job.round, filename="curva.csv", size=len(content),
                         sha256=hashlib.sha256(content).hexdigest(), content_b64=base64.b64encode(content).decode(),
                         added_at=dt.datetime.now(dt.UTC), added_by=actor.staff_id, added_by_name=actor.label)
        session.add(row)
    return row.id


def report(db: Database, actor: Actor, sample_id: uuid.UUID) -> tuple[uuid.UUID, str]:
    """A report of the sample numbered from the desk's series (append-only, as services.lab.reports
    writes it, without drawing it): (its id, its number)."""
    with writing(db, actor, "lab_report.issue", sample_id) as session:
        sample = session.get(Sample, sample_id)
        row = LabReport(id=new_id(), number=next_number(session, "lab_report"), request_id=sample.request_id,
                        sample_id=sample_id, issued_at=dt.datetime.now(dt.UTC), authorised_by=actor.staff_id,
                        authorised_by_name=actor.label, content='{"items": []}')
        session.add(row)
    return row.id, row.number


def reopen(db: Database, actor: Actor, test_id: uuid.UUID) -> int:
    """The lab manager's reopen as services.lab.review does it (round + 1, scheduled, the run
    cleared), without its checks; returns the new round."""
    with writing(db, actor, "lab_test.reopen", test_id) as session:
        job = session.get(TestJob, test_id)
        job.round = (job.round or 1) + 1
        job.status, job.paused, job.reopen_reason = "scheduled", False, "Riaperta"
        job.started_at = job.started_by = job.completed_at = job.completed_by = None
        job.verified_at = job.verified_by = None
        return job.round
