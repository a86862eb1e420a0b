"""Test helper: a request whose tests are verified, with results, written straight through the ORM.

A stand-in for the result entry and verification services (another slice of issue 14 builds them):
`report_request` takes in one sample with five tests of the seeded catalogue (through the real
intake service); `verify` moves tests to "verified" with their run times and writes their result
versions (lab_result rows, append-only, as the result entry will), `set_status` leaves a test at
any other status. Integration tests import it as `lab_report_rows`, UI tests too (tests/ is on the path).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from lab_helpers import customer
from sqlalchemy import select

from frontdesk.db.lab_models import TestJob, TestResult, TestType
from frontdesk.domain.clock import utcnow
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab.requests import IntakeInput, SampleInput, TestAsked
from frontdesk.services.lab.intake import take_in

FIVE_TESTS = ("TENSILE-RT", "HB", "HV", "CHARPY-V", "MICRO")

# code -> (readings, conditions) of a result, in the shape lab_result stores them
RESULTS = {
    "TENSILE-RT": ([{"code": "reh", "value": "371", "unit": "MPa", "uncertainty": "7"},
                    {"code": "rm", "value": "512.5", "unit": "MPa", "uncertainty": "10"},
                    {"code": "a", "value": "24.5", "unit": "%", "uncertainty": "0.5"}], {"temperature": "23"}),
    "HB": ([{"code": "scale", "value": "HBW 2.5/187.5", "unit": "", "uncertainty": ""},
            {"code": "hbw", "value": "152", "unit": "HBW", "uncertainty": "4"}], {"temperature": "22"}),
    "HV": ([{"code": "scale", "value": "HV 10", "unit": "", "uncertainty": ""},
            {"code": "hv", "value": "161", "unit": "HV", "uncertainty": "5"}], {"temperature": "22"}),
    "CHARPY-V": ([{"code": "kv_1", "value": "48", "unit": "J", "uncertainty": "3"},
                  {"code": "kv_2", "value": "52", "unit": "J", "uncertainty": "3"},
                  {"code": "kv_3", "value": "50", "unit": "J", "uncertainty": "3"},
                  {"code": "kv_mean", "value": "50", "unit": "J", "uncertainty": "2"}], {"test_temperature": "-20"}),
    "MICRO": ([{"code": "microstructure", "value": "Ferrite e perlite a bande", "unit": "", "uncertainty": ""}], {}),
}


def report_request(db, actor, *, tests: tuple[str, ...] = FIVE_TESTS, samples: int = 1, conformity: bool = True,
                   contact_id: uuid.UUID | None = None, company=None):
    """Take in `samples` samples with `tests` each (the intake service): its IntakeSummary."""
    if company is None:
        company, person = customer(db, actor)
        contact_id = contact_id or person.id
    sample = SampleInput(material="Acciaio S355JR", description="Piatto 20 x 200 x 300 mm, colata 4471",
                         condition="Integro, leggera ossidazione superficiale",
                         deviations="Marcatura del lotto illeggibile", customer_answer="Procedere comunque",
                         customer_info="Colata 4471 dichiarata dal cliente",
                         tests=tuple(TestAsked(code) for code in tests))
    intake = IntakeInput(company_id=company.id, samples=(sample,) * samples, contact_id=contact_id,
                         contact_name="Nicolò Bergamelli", contact_email="n.bergamelli@omb.example",
                         conformity=conformity, specification="EN 10025-2 S355JR" if conformity else "",
                         decision_rule="SIMPLE" if conformity else "", agreed=True, agreed_by="Nicolò Bergamelli")
    return take_in(db, intake=intake, actor=actor)


def job_ids(db, sample_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """The sample's tests by catalogue code."""
    with db.read() as session:
        rows = session.execute(select(TestType.code, TestJob.id).join(TestJob, TestJob.test_type_id == TestType.id)
                               .where(TestJob.sample_id == sample_id)).all()
        return {code: test_id for code, test_id in rows}


def statuses(db, sample_id: uuid.UUID) -> dict[str, str]:
    with db.read() as session:
        rows = session.execute(select(TestType.code, TestJob.status).join(TestJob, TestJob.test_type_id == TestType.id)
                               .where(TestJob.sample_id == sample_id)).all()
        return dict(rows)


def set_status(db, test_id: uuid.UUID, status: str, **fields) -> None:
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        test.status = status
        for name, value in fields.items():
            setattr(test, name, value)


def verify(db, test_ids, *, by: str = "Laura Pesenti", versions: int = 1, external: str = "",
           readings: dict | None = None) -> None:
    """Each test verified, with `versions` result versions of its current round (the last one is
    the one a report prints); `external`: the results were provided by that external lab."""
    start = utcnow() - dt.timedelta(days=2)
    with db.begin() as session:
        for test_id in test_ids:
            test = session.get(TestJob, test_id)
            code = session.get(TestType, test.test_type_id).code
            rows, conditions = (readings or RESULTS)[code]
            for version in range(1, versions + 1):
                values = rows if version == versions else [{**row, "value": "999"} for row in rows]
                session.add(TestResult(id=new_id(), test_id=test.id, round=test.round, version=version,
                                       readings=json.dumps(values), conditions=json.dumps(conditions),
                                       deviations="Provetta ridotta (sezione 10 x 10 mm)" if code == "CHARPY-V" else "",
                                       equipment_label="" if external else "TR-01 Zwick Z250, s/n 187402",
                                       entered_at=start, entered_by_name=by,
                                       reason="" if version == 1 else "Trascrizione corretta",
                                       external=bool(external), provider=external))
            test.status = "verified"
            test.started_at, test.completed_at = start, start + dt.timedelta(days=1)
            test.verified_at = start + dt.timedelta(days=1, hours=2)
            if external:
                test.subcontracted, test.subcontractor = True, external
