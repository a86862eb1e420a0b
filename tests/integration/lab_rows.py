"""Lab rows for the equipment and planning tests, written directly through a session (tests only:
the intake and the catalogue have their own services, built apart): a test type, a request with a
sample and its tests, a technician with an authorisation, a machine with a calibration."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from sqlalchemy import select

from frontdesk.db.lab_models import Authorisation, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company, StaffMember
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.domain.text import name_key
from frontdesk.services.lab.equipment import EquipmentInput, add_calibration, create_equipment

_numbers = itertools.count(1)

TENSILE = dict(code="TENSILE", name_it="Prova di trazione", name_en="Tensile test", equipment_kind="tensile_machine",
               duration_min=45, prep_min=30, standard="UNI EN ISO 6892-1:2020")
SALT_SPRAY = dict(code="NSS", name_it="Nebbia salina neutra", name_en="Neutral salt spray",
                  equipment_kind="salt_spray_chamber", duration_min=0, prep_min=20, hours_min=2, hours_max=1008,
                  standard="UNI EN ISO 9227:2023")


def make_test_type(db, **fields) -> uuid.UUID:
    """A test type (TENSILE or SALT_SPRAY, or fields of your own); returns its id. A type of that code
    already there (a catalogue seeded at set-up) is given these fields instead."""
    with db.begin() as session:
        row = session.scalar(select(TestType).where(TestType.code == fields["code"]))
        if row is None:
            row = TestType(id=reference_id("lab_test_type", fields["code"]))
            session.add(row)
        for key, value in fields.items():
            setattr(row, key, value)
        session.flush()
        return row.id


def technician(db, name: str, *, authorised_for: tuple[uuid.UUID, ...] = (), role: str = "lab_technician",
               active: bool = True) -> uuid.UUID:
    """A staff member (no password) authorised for the given test types; returns their id."""
    with db.begin() as session:
        member = StaffMember(id=new_id(), username=name.lower().replace(" ", "."), display_name=name, role=role,
                             active=active)
        session.add(member)
        session.flush()
        for type_id in authorised_for:
            session.add(Authorisation(id=reference_id("lab_authorisation", f"{member.id}:{type_id}"),
                                      staff_id=member.id, test_type_id=type_id, active=True))
        return member.id


def request_with_tests(db, type_id: uuid.UUID, *, count: int = 1, hours: int | None = None,
                       company: str = "Acciaierie Bergamasche", priority: str = "normal",
                       due_on: dt.date | None = None) -> list[uuid.UUID]:
    """A request of `company` with one sample and `count` tests of a type; returns the tests' ids."""
    n = next(_numbers)
    with db.begin() as session:
        firm = Company(id=new_id(), name=company, name_key=name_key(company), kind="it")
        session.add(firm)
        now = dt.datetime.now(dt.UTC)
        request = LabRequest(id=new_id(), number=f"R1-LAB-{n:04d}", company_id=firm.id, received_at=now,
                             priority=priority, due_on=due_on)
        sample = Sample(id=new_id(), lab_id=f"L1-{n:06d}", request=request, received_at=now,
                        material="S355JR")
        session.add_all([request, sample])
        tests = [TestJob(id=new_id(), sample=sample, test_type_id=type_id, hours=hours) for _ in range(count)]
        session.add_all(tests)
        session.flush()
        return [t.id for t in tests]


def machine(db, actor, *, code: str, kind: str, capacity: int = 1, continuous: bool = False,
            calibrated_until: dt.date | None = dt.date(2030, 12, 31), name: str = "") -> uuid.UUID:
    """A machine (08:00-17:00, Monday to Friday) with a passing calibration valid until a day."""
    made = create_equipment(db, data=EquipmentInput(code=code, kind=kind, name=name or code, capacity=capacity,
                                                    continuous=continuous), actor=actor)
    if calibrated_until is not None:
        add_calibration(db, equipment_id=made.id, performed_on=dt.date(2025, 1, 10), next_due=calibrated_until,
                        certificate="LAT 123 0456/25", actor=actor)
    return made.id


def week_lab(db, actor) -> dict:
    """A tensile machine and a salt-spray chamber of 4 places, the two test types, Anna (authorised for
    both) and Luca (tensile only): the lab of the technician's-week tests."""
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    return dict(tensile=tensile, spray=spray,
                anna=technician(db, "Anna Bonfanti", authorised_for=(tensile, spray)),
                luca=technician(db, "Luca Pesenti", authorised_for=(tensile,)),
                tr=machine(db, actor, code="TR-01", kind="tensile_machine", name="Zwick Z250"),
                ns=machine(db, actor, code="NS-01", kind="salt_spray_chamber", capacity=4, continuous=True,
                           name="Camera nebbia salina"))


def planned_request(db, actor, type_id: uuid.UUID, equipment: uuid.UUID, start: dt.datetime,
                    who: uuid.UUID | None, **request) -> uuid.UUID:
    """A request of one test planned by hand on a machine at a start with a technician."""
    from frontdesk.services.lab.planning import plan_test

    [test] = request_with_tests(db, type_id, **request)
    plan_test(db, test_id=test, equipment_id=equipment, start=start, technician_id=who, actor=actor)
    return test
