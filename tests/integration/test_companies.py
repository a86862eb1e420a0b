"""Companies: validation, likely duplicates, search, edit, audit — on a real SQLite file."""

import json
import sqlite3

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.services.registry.companies import (
    CompanyInput,
    DuplicateSuspected,
    create_company,
    get_company,
    search_companies,
    update_company,
)
from frontdesk.services.registry.reference import associations
from frontdesk.services.staff.audit import history

VAT = "01114601006"


def _count(db_path, table):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_create_italian_company_with_association(db, admin):
    assoc = next(a for a in associations(db) if a.code == "confartigianato")
    c = create_company(db, data=CompanyInput(name="  Rossi   Meccanica S.r.l. ", vat_number="IT" + VAT,
                                             association_id=assoc.id, city="Dalmine"), actor=admin)
    assert c.name == "Rossi Meccanica S.r.l." and c.vat_number == VAT and c.fiscal_code == VAT
    assert get_company(db, company_id=c.id).association_name == "Confartigianato Imprese Bergamo"


@pytest.mark.parametrize("data, field", [
    (CompanyInput(name="Rossi", vat_number="01114601007"), "vat_number"),
    (CompanyInput(name="", vat_number=VAT), "Name"),
    (CompanyInput(name="x" * 10_000, vat_number=VAT), "Name"),
    (CompanyInput(name="Rossi", vat_number=VAT, fiscal_code="ABC"), "fiscal_code"),
    (CompanyInput(name="Rossi", vat_number=VAT, sdi_code="12"), "sdi_code"),
    (CompanyInput(name="Rossi", vat_number=VAT, email="not-an-address"), "email"),
    (CompanyInput(name="Rossi", kind="martian"), None),
])
def test_bad_input_is_refused_and_changes_nothing(db, db_path, admin, data, field):
    before = (_count(db_path, "company"), _count(db_path, "audit_event"))
    with pytest.raises(ValidationError) as info:
        create_company(db, data=data, actor=admin)
    assert info.value.message
    if field:
        assert info.value.field == field
    assert (_count(db_path, "company"), _count(db_path, "audit_event")) == before


def test_foreign_and_private_companies_have_no_italian_vat(db, admin):
    f = create_company(db, data=CompanyInput(name="Müller GmbH", kind="foreign", vat_number="DE136695976"),
                       actor=admin)
    p = create_company(db, data=CompanyInput(kind="private", first_name="Mario", last_name="Rossi",
                                             fiscal_code="RSSMRA85T10A562S"), actor=admin)
    assert (f.kind, f.vat_number) == ("foreign", "DE136695976")
    assert (p.kind, p.vat_number, p.fiscal_code) == ("private", "", "RSSMRA85T10A562S")


def test_likely_duplicate_is_shown_and_can_be_saved_anyway(db, db_path, admin):
    first = create_company(db, data=CompanyInput(name="Rossi Meccanica S.r.l.", vat_number=VAT), actor=admin)
    with pytest.raises(DuplicateSuspected) as info:
        create_company(db, data=CompanyInput(name="Rossi Meccanica - filiale Treviglio", vat_number=VAT),
                       actor=admin)
    assert [c.id for c in info.value.candidates] == [first.id]
    with pytest.raises(DuplicateSuspected):  # same name, no VAT number in common
        create_company(db, data=CompanyInput(name="ROSSI MECCANICA SRL", kind="foreign"), actor=admin)
    assert _count(db_path, "company") == 1
    branch = create_company(db, data=CompanyInput(name="Rossi Meccanica - filiale Treviglio", vat_number=VAT),
                            actor=admin, allow_duplicate=True)  # branches share the VAT number
    assert branch.vat_number == first.vat_number and _count(db_path, "company") == 2


def test_sql_and_control_characters_are_stored_harmlessly(db, db_path, admin):
    name = "Robert'); DROP TABLE company;-- \x07 S.r.l."
    c = create_company(db, data=CompanyInput(name=name, vat_number=VAT, notes="riga1\r\nriga2\x00"), actor=admin)
    assert c.name == "Robert'); DROP TABLE company;-- S.r.l."
    assert c.notes == "riga1\nriga2"
    assert _count(db_path, "company") == 1
    assert [x.id for x in search_companies(db, query="robert")] == [c.id]


def test_search_companies_accent_and_case_insensitive(db, admin):
    a = create_company(db, data=CompanyInput(name="Società Agricola Località Brembo", kind="foreign"), actor=admin)
    create_company(db, data=CompanyInput(name="Zanetti Plast", vat_number=VAT), actor=admin)
    assert [c.id for c in search_companies(db, query="SOCIETA loc")] == [a.id]
    assert [c.name for c in search_companies(db, query=VAT[:6])] == ["Zanetti Plast"]
    assert search_companies(db, query="zzz") == []


def test_update_is_audited_with_before_and_after(db, admin):
    c = create_company(db, data=CompanyInput(name="Rossi", vat_number=VAT), actor=admin)
    update_company(db, company_id=c.id, data=CompanyInput(name="Rossi", vat_number=VAT, city="Seriate"), actor=admin)
    event = history(db, actor=admin, record_type="company", record_id=str(c.id))[0]
    assert event.action == "company.update" and event.changes == {"city": ["", "Seriate"]}
    assert event.actor_label == admin.name and event.desk == "R1"
    assert json.dumps(event.changes)
