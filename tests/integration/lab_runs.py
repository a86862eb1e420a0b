"""Tests whose run is under way, for the results and review tests: a tensile test of the seeded
catalogue on a calibrated machine, moved to a status straight through a session.

`put_status` is the local stand-in for the technician's start/complete (services.lab.test_run,
another part of the lab): it sets the run's fields as those steps do; `stage` follows by itself.
(UI tests put tests/integration on sys.path, as tests/ui/test_lab_screens.py does.)
"""

from __future__ import annotations

import datetime as dt
import uuid

from lab_rows import request_with_tests

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.ids import reference_id
from frontdesk.services.lab.equipment import EquipmentInput, add_calibration, create_equipment

TENSILE = reference_id("lab_test_type", "TENSILE-RT")


def tensile_machine(db, actor, *, code: str = "TR-01") -> uuid.UUID:
    made = create_equipment(db, data=EquipmentInput(code=code, kind="tensile_machine", name="Zwick Z250",
                                                    serial="SN 190233"), actor=actor)
    add_calibration(db, equipment_id=made.id, performed_on=dt.date(2026, 1, 10), next_due=dt.date(2030, 12, 31),
                    certificate="LAT 123 0456/26", actor=actor)
    return made.id


def put_status(db, test_id: uuid.UUID, status: str, *, by: uuid.UUID | None = None, **fields) -> None:
    """The test moved to `status` (in_progress: started now; completed: completed now) by `by`."""
    now = dt.datetime.now(dt.UTC)
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        test.status = status
        if status == "in_progress" and test.started_at is None:
            test.started_at, test.started_by = now, by
        if status == "completed":
            test.completed_at, test.completed_by = now, by
        for key, value in fields.items():
            setattr(test, key, value)


def tensile_tests(db, actor, *, count: int = 1, status: str = "in_progress", machine: uuid.UUID | None = None,
                  company: str = "Acciaierie Bergamasche") -> list[uuid.UUID]:
    """`count` tensile tests of one sample, planned on `machine` (made when None), in `status`."""
    machine = machine or tensile_machine(db, actor)
    tests = request_with_tests(db, TENSILE, count=count, company=company)
    for test in tests:
        put_status(db, test, status, equipment_id=machine)
    return tests
