"""What a receipt needs of a company, through the companies service on a real SQLite file: each kind
saved with its postcode, province and country; a person's name made from first and last name; bad
postcodes, provinces, countries and names refused in Italian with nothing written; the copy a
receipt keeps; and the demo's companies all complete enough for a receipt."""

from __future__ import annotations

import random
import sqlite3

import pytest

from frontdesk.demo.companies import CompanyMaker, company_row
from frontdesk.demo.plan import Refs
from frontdesk.demo.rows import COMPANY_COLS, SYNCED
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.customer import CustomerCopy, check_for_receipt
from frontdesk.i18n import set_language
from frontdesk.services.registry.companies import (
    CompanyInput,
    create_company,
    get_company,
    search_companies,
    update_company,
)

VAT = "01114601006"
PUBLIC_CF = "80034840167"


def _counts(db_path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db_path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("company", "audit_event", "sync_outbox"))
    finally:
        conn.close()


def test_an_italian_company_with_its_full_address_and_its_receipt_copy(db, admin):
    made = create_company(db, data=CompanyInput(name="Rota Meccanica S.r.l.", vat_number=VAT, address="Via Roma 5",
                                                postcode=" 24044", city="Dalmine", province="bg"), actor=admin)
    c = get_company(db, company_id=made.id)
    assert (c.postcode, c.city, c.province, c.country) == ("24044", "Dalmine", "BG", "IT")
    copy = c.customer_copy()
    assert copy == CustomerCopy(kind="it", name="Rota Meccanica S.r.l.", vat_number=VAT, fiscal_code=VAT,
                                address="Via Roma 5", postcode="24044", city="Dalmine", province="BG", country="IT")
    check_for_receipt(copy)


def test_a_public_body_needs_an_eleven_digit_fiscal_code_its_partita_iva_is_optional(db, db_path, admin):
    body = create_company(db, data=CompanyInput(name="Comune di Bergamo", kind="public", fiscal_code=PUBLIC_CF,
                                                sdi_code="ufy9mh", address="Piazza Matteotti 27", postcode="24122",
                                                city="Bergamo", province="BG"), actor=admin)
    assert (body.kind, body.fiscal_code, body.vat_number, body.sdi_code, body.country) == (
        "public", PUBLIC_CF, "", "UFY9MH", "IT")
    check_for_receipt(body.customer_copy())
    with_vat = create_company(db, data=CompanyInput(name="Università di Bergamo", kind="public", fiscal_code=PUBLIC_CF,
                                                    vat_number=VAT), actor=admin, allow_duplicate=True)
    assert with_vat.vat_number == VAT


def test_a_private_person_s_name_is_made_from_first_and_last_name_and_found_by_either(db, admin):
    person = create_company(db, data=CompanyInput(name="ignored", kind="private", first_name="  Nicolò ",
                                                  last_name="Zanchi", address="Via Garibaldi 3", postcode="24121",
                                                  city="Bergamo", province="BG"), actor=admin)
    assert (person.name, person.first_name, person.last_name, person.country) == ("Nicolò Zanchi", "Nicolò",
                                                                                   "Zanchi", "IT")
    assert [c.id for c in search_companies(db, query="zanchi")] == [person.id]
    assert [c.id for c in search_companies(db, query="nicolo")] == [person.id]
    moved = update_company(db, company_id=person.id, data=CompanyInput(
        kind="private", first_name="Nicolò", last_name="Zanchi", address="Hauptstrasse 4", postcode="6900",
        city="Lugano", country="CH"), actor=admin)
    assert (moved.postcode, moved.province, moved.country) == ("6900", "", "CH")
    check_for_receipt(moved.customer_copy())  # abroad: no province asked


def test_a_foreign_company_has_its_country_and_no_province(db, admin):
    f = create_company(db, data=CompanyInput(name="Müller GmbH", kind="foreign", vat_number="DE136695976",
                                             address="Industriestraße 4", postcode="80331", city="München",
                                             country="de"), actor=admin)
    assert (f.country, f.postcode, f.province) == ("DE", "80331", "")
    check_for_receipt(f.customer_copy())
    unknown = create_company(db, data=CompanyInput(name="Harper Inc.", kind="foreign"), actor=admin)
    assert unknown.country == ""  # not recorded: the receipt asks for it
    with pytest.raises(ValidationError):
        check_for_receipt(unknown.customer_copy())


@pytest.mark.parametrize("data, field, words", [
    (CompanyInput(name="Rota", vat_number=VAT, postcode="2404"), "postcode", ("CAP", "5 cifre")),
    (CompanyInput(name="Rota", vat_number=VAT, postcode="24O44"), "postcode", ("CAP",)),
    (CompanyInput(name="Rota", vat_number=VAT, province="XY"), "province", ("XY", "provincia")),
    (CompanyInput(name="Rota", vat_number=VAT, province="EE"), "province", ("estero",)),
    (CompanyInput(name="Rota", vat_number=VAT, country="Atlantide"), "country", ("Atlantide",)),
    (CompanyInput(name="Rota", vat_number=VAT, country="DE"), "country", ("Italia",)),
    (CompanyInput(name="Müller", kind="foreign", country="IT"), "country", ("Italia",)),
    (CompanyInput(name="Müller", kind="foreign", country="DE", province="BG"), "province", ("estero",)),
    (CompanyInput(name="Müller", kind="foreign", country="EU"), "country", ("EU",)),
    (CompanyInput(kind="private", first_name="Mario"), "last_name", ("nome", "cognome")),
    (CompanyInput(kind="private", last_name="Rossi"), "first_name", ("nome", "cognome")),
    (CompanyInput(name="Mario Rossi", kind="private"), "first_name", ("cognome",)),
    (CompanyInput(kind="private", first_name="M" * 101, last_name="Rossi"), "Nome", ("lungo",)),
    (CompanyInput(name="Comune", kind="public"), "fiscal_code", ("11 cifre",)),
    (CompanyInput(name="Comune", kind="public", fiscal_code="RSSMRA85T10A562S"), "fiscal_code", ("11 cifre",)),
    (CompanyInput(name="Comune", kind="public", fiscal_code="80034840168"), "fiscal_code", ("non è valido",)),
    (CompanyInput(name="Comune", kind="public", fiscal_code=PUBLIC_CF, sdi_code="M5UXCR1"), "sdi_code", ("6",)),
    (CompanyInput(name="Comune", kind="public", fiscal_code=PUBLIC_CF, vat_number="123"), "vat_number", ("11",)),
    (CompanyInput(name="Rota", vat_number=VAT, sdi_code="UFY9MH"), "sdi_code", ("7", "ente pubblico")),
    (CompanyInput(name="Rota", kind="martian"), None, ("ente pubblico",)),
])
def test_bad_addresses_and_names_are_refused_in_italian_and_nothing_is_written(db, db_path, admin, data, field,
                                                                                 words):
    before = _counts(db_path)
    set_language("it")
    try:
        with pytest.raises(ValidationError) as info:
            create_company(db, data=data, actor=admin)
    finally:
        set_language("en")
    for word in words:
        assert word in info.value.message, info.value.message
    assert info.value.field == field
    assert _counts(db_path) == before


def test_a_refused_edit_leaves_the_company_as_it_was(db, db_path, admin):
    made = create_company(db, data=CompanyInput(name="Rota", vat_number=VAT, postcode="24044", province="BG"),
                          actor=admin)
    before = _counts(db_path)
    with pytest.raises(ValidationError):
        update_company(db, company_id=made.id, data=CompanyInput(name="Rota", vat_number=VAT, postcode="1"),
                       actor=admin)
    assert _counts(db_path) == before
    assert get_company(db, company_id=made.id).postcode == "24044"


def test_a_row_from_before_0011_pulled_from_the_hub_takes_its_country_from_its_kind(db, db_path, admin):
    it = create_company(db, data=CompanyInput(name="Rota", vat_number=VAT), actor=admin)
    foreign = create_company(db, data=CompanyInput(name="Harper Inc.", kind="foreign", country="US"), actor=admin)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE company SET country = ''")  # as the hub hands out a row that never had one
    conn.commit()
    conn.close()
    assert get_company(db, company_id=it.id).country == "IT"
    assert get_company(db, company_id=foreign.id).country == ""


def test_every_demo_company_is_valid_and_complete_for_a_receipt():
    refs = Refs(desk="R1", now=utcnow(), associations={"none": ("0" * 32, "Nessuna associazione")},
                services={}, privacy_notice_version="2026-01")
    rng = random.Random(2026)
    maker = CompanyMaker(rng, refs)
    made = [maker.make(i) for i in range(2_000)]
    columns = COMPANY_COLS[len(SYNCED):-1]  # the association comes apart
    kinds = {}
    for c in made:
        row = dict(zip(columns, company_row(c, rng), strict=True))
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        copy = CustomerCopy(**{k: row[k] for k in ("kind", "name", "first_name", "last_name", "vat_number",
                                                   "fiscal_code", "address", "postcode", "city", "province",
                                                   "country", "sdi_code", "pec")})
        check_for_receipt(copy)
        data = CompanyInput(**{k: row[k] for k in CompanyInput.__dataclass_fields__ if k in row})
        assert data.postcode == row["postcode"]
    assert kinds["public"] >= 5 and kinds["private"] > 20 and kinds["foreign"] > 20
