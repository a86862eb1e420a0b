"""Privacy: the notice, data-subject export and erasure, retention; nothing personal leaks."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import subprocess

import pytest
from sqlalchemy import select

from frontdesk.db.models import Association, Service, Visit, Visitor
from frontdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.privacy import notice, retention, rights
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor, search_visitors
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit

NAME, SURNAME, EMAIL, PHONE = "Zeferino", "Quattrocchi", "zeferino.q@example.it", "+39 035 555 0199"
PERSONAL = (NAME, SURNAME, EMAIL, PHONE, "zeferino", "quattrocchi")
TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def reception(add_staff):
    return add_staff("giulia", Role.RECEPTION).actor


def add_visitor(db, actor, *, first=NAME, last=SURNAME, email=EMAIL, phone=PHONE, company_id=None):
    return create_visitor(db, data=VisitorInput(first, last, company_id=company_id, email=email, phone=phone,
                                                newsletter_consent=True),
                          actor=actor, privacy_notice_version="2026-01")


def add_visit(db, visitor_id, *, at: dt.datetime, notes="", status="out"):
    with db.begin() as session:
        service = session.scalars(select(Service).order_by(Service.sort)).first()
        session.add(Visit(visitor_id=visitor_id, service_id=service.id, status=status, checked_in_at=at,
                          checked_out_at=at + dt.timedelta(hours=1), notes=notes))
        visitor = session.get(Visitor, visitor_id)
        if visitor.last_visit_at is None or visitor.last_visit_at < at:
            visitor.last_visit_at = at


def whole_audit_text(db) -> str:
    conn = sqlite3.connect(db.path)
    try:
        return "\n".join(" ".join(str(c) for c in row) for row in conn.execute("SELECT * FROM audit_event"))
    finally:
        conn.close()


def company_with_association(db, admin):
    with db.read() as session:
        association_id = session.scalars(select(Association.id).order_by(Association.sort)).first()
    return create_company(db, data=CompanyInput("Officine Brembo Test", kind="foreign",
                                                association_id=association_id), actor=admin)


# --- the notice -----------------------------------------------------------------------------

def test_current_notice_is_the_italian_art_13_text_of_the_set_version(db, admin):
    shown = notice.current_notice(db)
    assert shown.version == "2026-01"
    for phrase in ("art. 13", "art. 6, par. 1, lett. f", "24 mesi", "Camera di Commercio", "Bergamo",
                   "Garante", "Newsletter", "revocarlo", "art. 21"):
        assert phrase in shown.text, phrase
    assert "2026-01" in notice.notice_versions()
    update_settings(db, changes={"privacy_notice_version": "2099-01"}, actor=admin)
    with pytest.raises(NotFound, match="2099-01"):
        notice.current_notice(db)
    with pytest.raises(ValidationError):
        notice.notice_text("../../etc/passwd")


# --- export ---------------------------------------------------------------------------------

def test_export_holds_everything_about_the_person_as_json_and_pdf(db, admin, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    company = company_with_association(db, admin)
    visitor = add_visitor(db, admin, company_id=company.id)
    add_visit(db, visitor.id, at=dt.datetime(2026, 5, 4, 8, 30, tzinfo=dt.UTC), notes="Porta un campione")
    other = add_visitor(db, admin, first="Altra", last="Persona", email="", phone="")
    add_visit(db, other.id, at=dt.datetime(2026, 5, 5, 8, 30, tzinfo=dt.UTC))

    export = rights.export_person(db, visitor_id=visitor.id, actor=admin)
    data = json.loads(export.json_bytes)
    person = data["visitor"]
    assert (person["first_name"], person["last_name"], person["email"], person["phone"]) == \
        (NAME, SURNAME, EMAIL, PHONE)
    assert person["company"] == "Officine Brembo Test" and person["association"]
    assert person["privacy_notice_version"] == "2026-01" and person["newsletter_consent"] is True
    assert [v["notes"] for v in data["visits"]] == ["Porta un campione"]  # the other person's visit is not here
    assert any(e["action"] == "visitor.create" for e in data["audit_events"])
    assert "Persona" not in export.json_bytes.decode()

    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(export.pdf_bytes)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in (NAME, SURNAME, EMAIL, "Officine Brembo Test", "Porta un campione", "visitor.create"):
        assert expected in text, expected
    assert str(visitor.id) in export.file_stem and NAME not in export.file_stem

    event = audit.history(db, actor=admin, record_type="visitor", record_id=str(visitor.id))[0]
    assert event.action == "privacy.export" and event.actor_label == "Amministratore"
    assert not any(p in json.dumps(event.changes) for p in PERSONAL)
    assert not any(p.lower() in caplog.text.lower() for p in PERSONAL)


def test_export_is_refused_to_roles_without_the_right(db, admin, reception):
    visitor = add_visitor(db, admin)
    for actor in (reception, Actor.desk_itself("R1")):
        with pytest.raises(PermissionDenied):
            rights.export_person(db, visitor_id=visitor.id, actor=actor)
    with pytest.raises(NotFound):
        rights.export_person(db, visitor_id=staff.new_id(), actor=admin)


# --- erasure --------------------------------------------------------------------------------

def test_erase_anonymises_and_keeps_what_statistics_need(db, admin, caplog):
    caplog.set_level(logging.DEBUG)
    company = company_with_association(db, admin)
    visitor = add_visitor(db, admin, company_id=company.id)
    visit_at = dt.datetime(2026, 5, 4, 8, 30, tzinfo=dt.UTC)
    add_visit(db, visitor.id, at=visit_at, notes=f"Accompagnato da {NAME}")
    assert search_visitors(db, query=SURNAME)

    with pytest.raises(ValidationError):
        rights.erase_person(db, visitor_id=visitor.id, reason="  ", actor=admin)
    rights.erase_person(db, visitor_id=visitor.id, reason="Richiesta via PEC n. 45", actor=admin)

    with db.read() as session:
        row = session.get(Visitor, visitor.id)
        visit = session.scalars(select(Visit).where(Visit.visitor_id == visitor.id)).one()
        assert (row.first_name, row.last_name, row.email, row.phone, row.search_key) == ("Anonimo", "", "", "", "")
        assert row.company_id == company.id and row.anonymised_at is not None and not row.newsletter_consent
        assert row.privacy_notice_version == "2026-01"
        assert visit.checked_in_at == visit_at and visit.service_id and visit.notes == ""
    assert search_visitors(db, query=SURNAME) == [] and search_visitors(db, query=NAME) == []
    text = whole_audit_text(db)
    assert not any(p in text for p in PERSONAL)  # the audit never held the values
    erase = next(e for e in audit.history(db, actor=admin, record_id=str(visitor.id)) if e.action == "privacy.erase")
    assert erase.changes["first_name"] == "changed" and erase.changes["reason"] == "Richiesta via PEC n. 45"
    assert not any(p.lower() in caplog.text.lower() for p in PERSONAL)

    with pytest.raises(Conflict, match="already been erased"):
        rights.erase_person(db, visitor_id=visitor.id, reason="again", actor=admin)


def test_erase_is_refused_to_roles_without_the_right(db, admin, reception):
    visitor = add_visitor(db, admin)
    with pytest.raises(PermissionDenied):
        rights.erase_person(db, visitor_id=visitor.id, reason="x", actor=reception)
    with pytest.raises(NotFound):
        rights.erase_person(db, visitor_id=staff.new_id(), reason="x", actor=admin)
    assert search_visitors(db, query=SURNAME)


# --- retention ------------------------------------------------------------------------------

def test_retention_anonymises_visitors_not_seen_for_24_months(db, admin, reception):
    old = add_visitor(db, admin, first="Vecchio", last="Ospite")
    add_visit(db, old.id, at=dt.datetime(2024, 6, 14, 16, 0, tzinfo=dt.UTC))  # 24 months + 1 day
    recent = add_visitor(db, admin, first="Recente", last="Ospite")
    add_visit(db, recent.id, at=dt.datetime(2024, 6, 15, 8, 0, tzinfo=dt.UTC))  # exactly on the cut-off day
    never = add_visitor(db, admin, first="Mai", last="Venuto")
    with db.begin() as session:
        session.get(Visitor, never.id).created_at = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    expected = add_visitor(db, admin, first="Atteso", last="Domani")
    add_visit(db, expected.id, at=dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC))
    add_visit(db, expected.id, at=dt.datetime(2024, 1, 2, 9, 0, tzinfo=dt.UTC), status="expected")

    with pytest.raises(PermissionDenied):
        retention.apply_retention(db, actor=reception, today=TODAY)
    report = retention.apply_retention(db, actor=Actor.desk_itself("R1"), today=TODAY, batch=1)
    assert report.anonymised == 2
    assert report.cutoff == dt.datetime(2024, 6, 14, 22, 0, tzinfo=dt.UTC)  # 15 June, midnight in Rome
    assert set(retention.anonymised_visitor_ids(db)) == {old.id, never.id}
    assert retention.apply_retention(db, actor=admin, today=TODAY).anonymised == 0
    events = [e for e in audit.history(db, actor=admin, record_type="visitor") if e.action == "privacy.retention"]
    assert {e.record_id for e in events} == {str(old.id), str(never.id)}
    assert all(e.actor_label == "Desk R1" for e in events)

    update_settings(db, changes={"retention_visitor_months": 12}, actor=admin)
    assert retention.apply_retention(db, actor=admin, today=TODAY).anonymised == 1  # "Recente" now too
