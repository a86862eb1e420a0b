"""Which columns hold personal data, and what that means: the audit never keeps their values, and
erasure and retention clear them on a visitor, their visits and their registrations."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import String, select

from frontdesk.db.models import Base, Registration, Visit, Visitor
from frontdesk.services.privacy import retention, rights
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor

NOTE = "Accompagnata dal marito Gualtiero, cell. 333 7654321"
TITLE = "Corso saldatura per Ermenegilda Capoferri"
REG_NOTE = "Allergica al lattice: avvisare Dott. Brambillasca"
REASON = "Ricoverata, Gualtiero avvisa"
SECRETS = ("Gualtiero", "333 7654321", "Ermenegilda", "Capoferri", "lattice", "Brambillasca", "Ricoverata")


def table_text(db, *tables: str) -> str:
    """Every value of the given tables (all tables when none is given), as one text."""
    conn = sqlite3.connect(db.path)
    try:
        names = tables or [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(" ".join(str(c) for c in row) for name in names
                         for row in conn.execute(f'SELECT * FROM "{name}"'))
    finally:
        conn.close()


def person_with_history(db, admin):
    """A visitor checked in with a personal note, registered for a course (title, notes), with a
    cancellation reason on a visit and on the registration."""
    visitor = create_visitor(db, data=VisitorInput("Ermenegilda", "Capoferri"), actor=admin,
                             privacy_notice_version="2026-01")
    visit = check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None, notes=NOTE, actor=admin).visit
    day = dt.date.today() + dt.timedelta(days=3)
    registration_id = register_visit(db, visitor_id=visitor.id, service_code="training", host_id=None, day_from=day,
                                     day_to=day + dt.timedelta(days=2), title=TITLE, notes=REG_NOTE, actor=admin)
    with db.begin() as session:  # no service cancels yet: the reasons are what one would write
        session.get(Visit, visit.id).cancel_reason = REASON
        session.get(Registration, registration_id).cancel_reason = REASON
    return visitor, visit.id, registration_id


def test_every_text_column_says_whether_it_is_personal():
    unclassified = [f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables
                    for column in table.columns
                    if isinstance(column.type, String) and not isinstance(column.info.get("personal"), bool)]
    assert unclassified == [], ("mark these columns info=PERSONAL or info=NOT_PERSONAL in frontdesk/db/models.py: "
                                + ", ".join(unclassified))


@pytest.mark.parametrize("column", ["visit.notes", "visit.cancel_reason", "registration.title",
                                    "registration.notes", "registration.cancel_reason", "visitor.first_name",
                                    "company.notes", "staff_member.display_name", "staff_member.password_hash"])
def test_free_text_names_and_contacts_are_personal(column):
    table, name = column.split(".")
    assert Base.metadata.tables[table].columns[name].info["personal"] is True


def test_the_audit_never_holds_notes_titles_or_reasons(db, admin):
    person_with_history(db, admin)
    company = create_company(db, data=CompanyInput("Fonderia Orobica", kind="foreign"), actor=admin)
    update_company(db, company_id=company.id, actor=admin,
                   data=CompanyInput("Fonderia Orobica", kind="foreign", notes=f"Chiedere di {SECRETS[0]}"))
    audit_text = table_text(db, "audit_event")
    assert [s for s in SECRETS if s in audit_text] == []
    assert "visit.check_in" in audit_text and "registration" in audit_text and '"notes": "changed"' in audit_text


def test_the_persons_export_holds_every_personal_text_about_them(db, admin):
    visitor, _visit_id, _registration_id = person_with_history(db, admin)
    exported = rights.export_person(db, visitor_id=visitor.id, actor=admin).json_bytes.decode()
    assert [t for t in (NOTE, TITLE, REG_NOTE, REASON) if t not in exported] == []


@pytest.mark.parametrize("how", ["erase", "retention"])
def test_erasure_and_retention_clear_every_personal_column(db, admin, how):
    visitor, visit_id, registration_id = person_with_history(db, admin)
    if how == "erase":
        rights.erase_person(db, visitor_id=visitor.id, reason="Richiesta n. 7", actor=admin)
    else:
        old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        with db.begin() as session:  # everything happened long ago
            registration = session.get(Registration, registration_id)
            registration.valid_from, registration.valid_to = old.date(), old.date()
            session.get(Visit, visit_id).status = "out"
            for expected in session.scalars(select(Visit).where(Visit.visitor_id == visitor.id)):
                expected.status = "out"
            session.get(Visitor, visitor.id).last_visit_at = old
        assert retention.apply_retention(db, actor=admin).anonymised == 1

    with db.read() as session:
        rows = [session.get(Visitor, visitor.id), *session.scalars(select(Visit).where(Visit.visitor_id == visitor.id)),
                session.get(Registration, registration_id)]
        left = {f"{type(row).__tablename__}.{column.key}": getattr(row, column.key) for row in rows
                for column in type(row).__table__.columns
                if column.info.get("personal") and getattr(row, column.key) not in ("", rights.ANONYMOUS)}
        assert left == {}
        assert rows[0].first_name == rights.ANONYMOUS and rows[-1].service_id is not None
    assert [s for s in SECRETS if s in table_text(db)] == []  # nowhere in the file's tables, audit included
