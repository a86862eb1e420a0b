"""A small, realistic office for UI tests and screenshots: companies in several associations,
their people, and visits over a few days (written directly, as the check-in service would)."""

from __future__ import annotations

import datetime as dt

from frontdesk.db.models import Host, Visit, Visitor
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.reference import associations, services
from frontdesk.services.registry.visitor_search import touch_visitor
from frontdesk.services.registry.visitors import VisitorInput, create_visitor

COMPANIES = [
    ("Acciaierie Bergamasche S.p.A.", "00743110157", "confindustria", "Dalmine", "Via Buonarroti 12"),
    ("Officine Meccaniche Zanetti S.r.l.", "01114601006", "confimi", "Treviolo", "Via Roma 4"),
    ("Carpenteria Rota & Figli S.n.c.", "02545940161", "confartigianato", "Osio Sotto", ""),
    ("Panificio Nicolò Locatelli", "03018180160", "ascom", "Bergamo", "Piazza Pontida 3"),
    ("Cooperativa Sociale L'Innesto", "02966130169", "confcooperative", "Stezzano", ""),
    ("Trasporti D'Alessandro S.r.l.", "04082830169", "fai", "Zanica", ""),
    ("Azienda Agricola Cà Bianca", "02309110167", "coldiretti", "Verdellino", ""),
]
PEOPLE = [
    ("Nicolò", "D'Alessandro", 0), ("Giulia", "Bonomi", 0), ("Marco", "Zanetti", 1), ("Chiara", "Pesenti", 1),
    ("Luca", "Rota", 2), ("Francesca", "Locatelli", 3), ("Anna", "Mazzoleni", 4), ("Davide", "Gritti", 5),
    ("Elena", "Carminati", 6), ("Paolo", "Ghisleni", 0),
]


def fill_office(db, actor, start: dt.datetime | None = None) -> dict:
    """Companies, people and 30 visits every 5 hours from `start` (default: six days ago); the last
    two are still on site."""
    assoc = {a.code: a for a in associations(db)}
    svc = [s for s in services(db)]
    companies = [
        create_company(db, data=CompanyInput(name=name, vat_number=vat, association_id=assoc[code].id,
                                             city=city, address=address, email="info@example.it"),
                       actor=actor, allow_duplicate=True)
        for name, vat, code, city, address in COMPANIES
    ]
    people = [create_visitor(db, data=VisitorInput(first, last, companies[i].id,
                                                   email=f"{first.lower()[:3]}.{i}@example.it",
                                                   phone="035 123456"), actor=actor,
                             privacy_notice_version="2026-01")
              for first, last, i in PEOPLE]
    start = start or dt.datetime.combine(dt.date.today() - dt.timedelta(days=6), dt.time(7, 30), tzinfo=dt.UTC)
    with db.begin() as session:
        hosts = [Host(name="Dott.ssa Marta Rota", organisation="Point"),
                 Host(name="Ing. Stefano Bellini", organisation="Laboratorio prove")]
        session.add_all(hosts)
        session.flush()
        for n in range(30):
            person = people[n % len(people)]
            when = start + dt.timedelta(hours=5 * n + n % 3)
            on_site = n >= 28
            session.add(Visit(visitor_id=person.id, service_id=svc[n % len(svc)].id, host_id=hosts[n % 2].id,
                              status="on_site" if on_site else "out", checked_in_at=when,
                              checked_out_at=None if on_site else when + dt.timedelta(minutes=45 + 10 * (n % 5)),
                              closed_by_system=(n % 11 == 5)))
            visitor = session.get(Visitor, person.id)
            visitor.last_visit_at = when
            touch_visitor(session, person.id, when)
    return {"companies": companies, "people": people, "services": svc, "associations": assoc}
