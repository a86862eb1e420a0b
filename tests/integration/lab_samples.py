"""Test helper: lab requests, samples, tests and custody steps written straight through a session,
until the intake service exists. Lab IDs and request numbers come from the desk's series, label
tokens are signed with the desk's key (as the intake will do).

Integration tests import it as `lab_samples`, UI tests as `integration.lab_samples`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from frontdesk.db.lab_models import CustodyEvent, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company
from frontdesk.domain.clock import utcnow
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.text import name_key, search_key
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import next_number

# The test types these tests use: code -> (English name, Italian name, standard, equipment kind).
# The same codes as the catalogue (resources/lab/catalogue.json); aligned at merge.
TEST_TYPES = {
    "TENSILE-RT": ("Tensile test at room temperature", "Prova di trazione a temperatura ambiente",
                   "UNI EN ISO 6892-1:2020", "tensile_machine"),
    "HB": ("Brinell hardness", "Durezza Brinell", "UNI EN ISO 6506-1:2015", "hardness_tester"),
    "HV": ("Vickers hardness", "Durezza Vickers", "UNI EN ISO 6507-1:2018", "hardness_tester"),
    "CHARPY-V": ("Charpy impact test", "Prova di resilienza Charpy", "UNI EN ISO 148-1:2016", "pendulum_impact"),
    "NSS": ("Neutral salt spray", "Nebbia salina neutra", "UNI EN ISO 9227:2022", "salt_spray_chamber"),
    "MICRO": ("Metallographic examination", "Esame metallografico", "", "metallographic_microscope"),
}


@dataclass(frozen=True)
class MadeSample:
    id: uuid.UUID
    lab_id: str
    token: str
    test_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class MadeRequest:
    id: uuid.UUID
    number: str
    company_id: uuid.UUID
    samples: tuple[MadeSample, ...] = field(default_factory=tuple)


def ensure_test_types(session) -> dict[str, uuid.UUID]:
    ids = {}
    for sort, (code, (en, it, standard, kind)) in enumerate(TEST_TYPES.items()):
        ident = reference_id("lab_test_type", code)
        if session.get(TestType, ident) is None:
            session.add(TestType(id=ident, code=code, name_en=en, name_it=it, standard=standard, equipment_kind=kind,
                                 duration_min=30, sort=sort))
        ids[code] = ident
    session.flush()
    return ids


def company(session, name: str) -> Company:
    found = session.query(Company).filter(Company.name == name).first()
    if found is None:
        found = Company(id=new_id(), name=name, name_key=name_key(name), search_key=search_key(name, "Bergamo"),
                        city="Bergamo", kind="private")
        session.add(found)
        session.flush()
    return found


def make_request(db, *, company_name: str = "Acciaierie Bergamasche S.p.A.", samples: int = 1,
                 tests: tuple[str, ...] = ("TENSILE-RT", "HB"), received: bool = True,
                 specimens: int = 0, contact: str = "Mario Rossi", received_by: str = "Laura Pesenti",
                 at: dt.datetime | None = None) -> MadeRequest:
    """A request of `samples` samples, each with `tests` and (optionally) a "received" custody step;
    the first sample gets `specimens` specimens ("<lab id>-<n>")."""
    at = at or utcnow()
    key_id, key = load_keyring(create=True).current()
    made = []
    with db.begin() as session:
        types = ensure_test_types(session)
        firm = company(session, company_name)
        request = LabRequest(id=new_id(), number=next_number(session, "lab_request"), company_id=firm.id,
                             contact_name=contact, contact_email="mario.rossi@acciaierie.example",
                             contact_phone="035 123456", received_at=at, received_by_name=received_by,
                             priority="urgent", due_on=at.date() + dt.timedelta(days=10), conformity=True,
                             specification="EN 10025-2 S355JR", decision_rule="SIMPLE",
                             agreed_at=at, agreed_by=contact)
        session.add(request)
        session.flush()

        def add_sample(lab_id: str, position: int, parent: uuid.UUID | None) -> MadeSample:
            ident = new_id()
            token = sample_tokens.issue(sample_tokens.SampleClaim(ident, lab_id, key_id), key)
            session.add(Sample(id=ident, lab_id=lab_id, request_id=request.id, parent_id=parent, position=position,
                               material="Acciaio S355JR", description=f"Piatto 20x200 mm, campione {position}",
                               condition="Integro, senza ossidazione", deviations="Marcatura parzialmente illeggibile",
                               customer_answer="Procedere comunque",
                               customer_info="Colata 4711 (dichiarata dal cliente)",
                               label_token=token, received_at=at))
            session.flush()
            test_ids = []
            for code in tests:
                test = TestJob(id=new_id(), sample_id=ident, test_type_id=types[code], price_cents=12000)
                session.add(test)
                test_ids.append(test.id)
            if received:
                session.add(CustodyEvent(id=new_id(), sample_id=ident, kind="received", at=at,
                                         actor_label=received_by, location="Accettazione"))
            session.flush()
            return MadeSample(ident, lab_id, token, tuple(test_ids))

        for position in range(1, samples + 1):
            sample = add_sample(next_number(session, "sample"), position, None)
            made.append(sample)
            if position == 1:
                for n in range(1, specimens + 1):
                    made.append(add_sample(f"{sample.lab_id}-{n}", n, sample.id))
        return MadeRequest(request.id, request.number, firm.id, tuple(made))
