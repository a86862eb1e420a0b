"""Lab test types for tests and the intake benchmark, written straight into a desk database.

`TEST_TYPES` is the one list of the codes these tests use (the catalogue's codes, so that they
align with resources/lab/catalogue.json); ids are `reference_id("lab_test_type", code)` as the
catalogue's loader makes them. `add_test_types(db)` inserts them (once) without a service: the
catalogue's own service is another part of the lab.
"""

from __future__ import annotations

from frontdesk.db.lab_models import TestType
from frontdesk.domain.ids import reference_id

# code, Italian name, English name, standard, accredited, equipment kind, hours (min, max) or None,
# price and member price in cents (per hour for an exposure), VAT rate.
TEST_TYPES = (
    ("TENSILE_RT", "Prova di trazione a temperatura ambiente", "Tensile test at room temperature",
     "UNI EN ISO 6892-1:2020", True, "tensile", None, 12000, 9600, "22"),
    ("HARDNESS_HBW", "Durezza Brinell HBW", "Brinell hardness HBW", "UNI EN ISO 6506-1:2015", True, "hardness",
     None, 4500, 3600, "22"),
    ("HARDNESS_HV", "Durezza Vickers HV", "Vickers hardness HV", "UNI EN ISO 6507-1:2018", True, "hardness",
     None, 5000, 4000, "22"),
    ("HARDNESS_HRC", "Durezza Rockwell HRC", "Rockwell hardness HRC", "UNI EN ISO 6508-1:2016", False, "hardness",
     None, 4000, 3200, "22"),
    ("CHARPY_KV", "Prova di resilienza Charpy KV", "Charpy impact test KV", "UNI EN ISO 148-1:2016", True,
     "pendulum", None, 9000, 7200, "22"),
    ("SALT_SPRAY_NSS", "Nebbia salina neutra (NSS)", "Neutral salt spray (NSS)", "UNI EN ISO 9227:2022", True,
     "salt_spray", (2, 1008), 150, 120, "22"),
    ("METALLOGRAPHY", "Esame metallografico", "Metallographic examination", "ASTM E3 / ASTM E407", False,
     "microscope", None, 18000, 14400, "22"),
)
CODES = tuple(row[0] for row in TEST_TYPES)


def add_test_types(db) -> None:
    """Insert the test types above into the desk's catalogue (nothing if already there)."""
    with db.begin() as session:
        for sort, (code, name_it, name_en, standard, accredited, kind, hours, price, member, vat) in enumerate(
                TEST_TYPES):
            type_id = reference_id("lab_test_type", code)
            if session.get(TestType, type_id) is not None:
                continue
            session.add(TestType(id=type_id, code=code, name_it=name_it, name_en=name_en, standard=standard,
                                 accredited=accredited, equipment_kind=kind, duration_min=30, prep_min=10,
                                 hours_min=hours[0] if hours else None, hours_max=hours[1] if hours else None,
                                 price_cents=price, member_price_cents=member, vat_rate=vat, sort=sort))


VAT = "01114601006"  # a valid Partita IVA


def customer(db, actor, *, member: bool = False, name: str = "Officine Meccaniche Bergamasche S.r.l."):
    """A company (a member of Confartigianato when `member`) and one of its people: (company, visitor)."""
    from frontdesk.services.registry.companies import CompanyInput, create_company
    from frontdesk.services.registry.reference import associations
    from frontdesk.services.registry.visitors import VisitorInput, create_visitor

    association = next(a.id for a in associations(db) if a.code == "confartigianato") if member else None
    company = create_company(db, data=CompanyInput(name=name, vat_number=VAT, city="Dalmine",
                                                   association_id=association), actor=actor, allow_duplicate=True)
    person = create_visitor(db, data=VisitorInput(first_name="Nicolò", last_name="Bergamelli", company_id=company.id,
                                                  email="n.bergamelli@omb.example", phone="035 123456"),
                            actor=actor, privacy_notice_version="2026-01")
    return company, person


def check_in_visitor(db, actor, visitor_id):
    """The visitor checked in (on site now): the visit's id."""
    from frontdesk.services.reception.visits import check_in

    return check_in(db, visitor_id=visitor_id, service_code="materials_testing", host_id=None, actor=actor).visit.id


def three_samples(company_id, **changes):
    """An intake of 3 samples and 6 tests (one a 240 h salt-spray exposure), agreed, for `company_id`."""
    import dataclasses
    import datetime as dt

    from frontdesk.domain.clock import today_in_rome
    from frontdesk.domain.lab.requests import IntakeInput, SampleInput, TestAsked

    samples = (
        SampleInput(material="Acciaio S355JR", description="Piatto 20 x 200 x 300 mm, colata 4471",
                    condition="Integro, leggera ossidazione superficiale",
                    tests=(TestAsked("TENSILE_RT"), TestAsked("CHARPY_KV"), TestAsked("HARDNESS_HBW"))),
        SampleInput(material="Acciaio zincato", description="Staffa zincata a caldo",
                    condition="Integra", deviations="Marcatura del lotto illeggibile",
                    customer_answer="Procedere comunque: lotto 23/118", customer_info="Zincatura 85 µm dichiarata",
                    tests=(TestAsked("SALT_SPRAY_NSS", 240),)),
        SampleInput(material="42CrMo4 bonificato", description="Albero Ø 40 mm",
                    tests=(TestAsked("HARDNESS_HRC"), TestAsked("METALLOGRAPHY"))),
    )
    base = IntakeInput(company_id=company_id, samples=samples, contact_name="Nicolò Bergamelli",
                       contact_email="n.bergamelli@omb.example", priority="urgent",
                       due_on=today_in_rome() + dt.timedelta(days=14), conformity=True,
                       specification="EN 10025-2 S355JR", decision_rule="SIMPLE", agreed=True,
                       agreed_by="Nicolò Bergamelli")
    return dataclasses.replace(base, **changes)
