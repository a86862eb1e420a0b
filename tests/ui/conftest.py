"""Fixtures of the screen tests: the reception desk (a real SQLite file with companies, hosts,
returning and expected visitors), a small office with visits over a few days, the messages that
reached the one error display, and the folder this test run keeps its screenshots in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from desk_template import fresh_desk
from PySide6.QtWidgets import QApplication
from reception_helpers import backdate

from frontdesk.db.models import Host, Visit, Visitor
from frontdesk.domain.clock import today_in_rome
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import first_admin_actor, open_desk
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.visits import check_in, check_out
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.reference import associations, services
from frontdesk.services.registry.visitor_search import touch_visitor
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import error_display, wait_for_idle


@pytest.fixture
def screenshot(screenshots_folder):
    """save(widget, name) -> the PNG of the widget as painted now, in this run's screenshot folder."""

    def save(widget, name: str) -> Path:
        QApplication.processEvents()
        path = screenshots_folder / name
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save


# --- the reception desk -----------------------------------------------------------------------

@dataclass
class Desk:
    db: object
    actor: object
    context: DeskContext
    companies: dict
    hosts: dict
    visitors: dict


@pytest.fixture
def desk(tmp_path, qapp, process_policies):
    """Acciaierie Bergamasche with Mario Rossi and Paolo Rossetti (returning), Forno Bianchi with
    Anna Rossini (expected today), two hosts."""
    path = fresh_desk(tmp_path / "desk.sqlite")
    db = open_desk(path)
    set_language("en")  # whatever the desk's language, the tests read English messages
    actor = first_admin_actor(db)
    acme = create_company(db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157",
                                                city="Dalmine"), actor=actor)
    forno = create_company(db, data=CompanyInput(name="Forno Bianchi", kind="foreign"), actor=actor)
    rota = create_host(db, name="Dott.ssa Rota", organisation="Point", actor=actor)
    villa = create_host(db, name="Ing. Villa", organisation="Laboratorio prove", actor=actor)
    mario = create_visitor(db, data=VisitorInput("Mario", "Rossi", acme.id), actor=actor,
                           privacy_notice_version="2026-01")
    paolo = create_visitor(db, data=VisitorInput("Paolo", "Rossetti", acme.id), actor=actor,
                           privacy_notice_version="2026-01")
    anna = create_visitor(db, data=VisitorInput("Anna", "Rossini", forno.id), actor=actor,
                          privacy_notice_version="2026-01")
    for person, code, host in ((mario, "materials_testing", villa), (paolo, "trademarks_patents", rota)):
        visit = check_in(db, visitor_id=person.id, service_code=code, host_id=host.id, actor=actor).visit
        check_out(db, visit_id=visit.id, actor=actor)
    # Their earlier visits were yesterday: nothing of today's double-scan window applies to them.
    backdate(db, lambda v: v.status == "out", dt.timedelta(days=1))
    register_visit(db, visitor_id=anna.id, service_code="training", host_id=rota.id, day_from=today_in_rome(),
                   actor=actor)
    context = DeskContext(db=db, actor=actor, desk="R1", is_demo=False, language="en",
                          duties=process_policies.open_desk(db))
    yield Desk(db, actor, context, {"acme": acme, "forno": forno}, {"rota": rota, "villa": villa},
               {"mario": mario, "paolo": paolo, "anna": anna})
    process_policies.close_desk(db)
    wait_for_idle(5000)
    db.dispose()


@pytest.fixture
def shown_errors():
    """Messages that reached the one error display during the test."""
    messages: list[str] = []
    error_display().error_shown.connect(messages.append)
    yield messages
    error_display().error_shown.disconnect(messages.append)


# --- a small office -----------------------------------------------------------------------------

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


@pytest.fixture
def office_start():
    """When the office's first visit began: six days ago at 7:30 UTC (a module pins it to test dates)."""
    return dt.datetime.combine(dt.date.today() - dt.timedelta(days=6), dt.time(7, 30), tzinfo=dt.UTC)


@pytest.fixture
def office(db, admin, office_start) -> dict:
    """Seven companies in several associations, ten people, two hosts and 30 visits every 5 hours
    from `office_start` (written directly, as the check-in service would); the last two are still
    on site."""
    assoc = {a.code: a for a in associations(db)}
    svc = list(services(db))
    companies = [
        create_company(db, data=CompanyInput(name=name, vat_number=vat, association_id=assoc[code].id,
                                             city=city, address=address, email="info@example.it"),
                       actor=admin, allow_duplicate=True)
        for name, vat, code, city, address in COMPANIES
    ]
    people = [create_visitor(db, data=VisitorInput(first, last, companies[i].id,
                                                   email=f"{first.lower()[:3]}.{i}@example.it",
                                                   phone="035 123456"), actor=admin,
                             privacy_notice_version="2026-01")
              for first, last, i in PEOPLE]
    with db.begin() as session:
        hosts = [Host(name="Dott.ssa Marta Rota", organisation="Point"),
                 Host(name="Ing. Stefano Bellini", organisation="Laboratorio prove")]
        session.add_all(hosts)
        session.flush()
        for n in range(30):
            person = people[n % len(people)]
            when = office_start + dt.timedelta(hours=5 * n + n % 3)
            on_site = n >= 28
            session.add(Visit(visitor_id=person.id, service_id=svc[n % len(svc)].id, host_id=hosts[n % 2].id,
                              status="on_site" if on_site else "out", checked_in_at=when,
                              checked_out_at=None if on_site else when + dt.timedelta(minutes=45 + 10 * (n % 5)),
                              closed_by_system=(n % 11 == 5)))
            visitor = session.get(Visitor, person.id)
            visitor.last_visit_at = when
            touch_visitor(session, person.id, when)
    return {"companies": companies, "people": people, "services": svc, "associations": assoc}
