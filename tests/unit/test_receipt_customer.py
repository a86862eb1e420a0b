"""What a receipt needs of its customer, by kind (domain.receipts.customer): everything missing named
at once, in the desk's words, in Italian."""

from dataclasses import fields

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.customer import KINDS, NEEDED, CustomerCopy, check_for_receipt, missing_for_receipt
from frontdesk.i18n import set_language

COMPANY = CustomerCopy(kind="it", name="Rota Meccanica S.r.l.", vat_number="01114601006", address="Via Roma 5",
                       postcode="24044", city="Dalmine", province="BG", country="IT")
PUBLIC = CustomerCopy(kind="public", name="Comune di Dalmine", fiscal_code="80012345016", address="Piazza Libertà 1",
                      postcode="24044", city="Dalmine", province="BG", country="IT", sdi_code="UFABCD")
PERSON = CustomerCopy(kind="private", name="Mario Rossi", first_name="Mario", last_name="Rossi",
                      address="Via Garibaldi 3", postcode="24121", city="Bergamo", province="BG", country="IT")
FOREIGN = CustomerCopy(kind="foreign", name="Müller GmbH", vat_number="DE136695976", address="Hauptstraße 4",
                       city="München", country="DE")


def test_every_kind_has_its_needs_and_they_are_fields_of_the_copy():
    assert set(NEEDED) == set(KINDS)
    names = {f.name for f in fields(CustomerCopy)}
    assert all(set(needed) <= names for needed in NEEDED.values())


@pytest.mark.parametrize("copy", [COMPANY, PUBLIC, PERSON, FOREIGN])
def test_a_complete_customer_of_each_kind_passes(copy):
    check_for_receipt(copy)
    assert missing_for_receipt(copy) == ()


def _without(copy, *names):
    return copy.__class__(**{**copy.__dict__, **dict.fromkeys(names, "")})


@pytest.mark.parametrize("copy, missing", [
    (_without(COMPANY, "vat_number", "postcode", "province"), ("vat_number", "postcode", "province")),
    (_without(COMPANY, "name", "address", "city"), ("name", "address", "city")),
    (_without(PUBLIC, "fiscal_code", "province"), ("fiscal_code", "province")),
    (_without(PERSON, "first_name", "last_name", "postcode"), ("first_name", "last_name", "postcode")),
    (_without(FOREIGN, "country", "address"), ("address", "country")),
])
def test_what_is_missing_is_named_in_order(copy, missing):
    assert missing_for_receipt(copy) == missing


def test_optional_data_is_not_asked_for():
    assert missing_for_receipt(_without(PUBLIC, "vat_number", "sdi_code")) == ()  # a body may have no Partita IVA
    assert missing_for_receipt(_without(PERSON, "fiscal_code", "province", "name")) == ()  # abroad: no province
    assert missing_for_receipt(_without(FOREIGN, "vat_number", "postcode", "province")) == ()
    assert missing_for_receipt(_without(COMPANY, "fiscal_code", "sdi_code", "pec")) == ()


def test_the_refusal_lists_the_missing_fields_in_italian():
    set_language("it")
    try:
        with pytest.raises(ValidationError) as info:
            check_for_receipt(_without(COMPANY, "postcode", "province"))
        assert info.value.message == "Per la ricevuta mancano: CAP, provincia."
        with pytest.raises(ValidationError) as info:
            check_for_receipt(_without(PERSON, "first_name", "last_name", "address"))
        assert info.value.message == "Per la ricevuta mancano: nome, cognome, indirizzo."
        with pytest.raises(ValidationError) as info:
            check_for_receipt(_without(PUBLIC, "fiscal_code", "name"))
        assert info.value.message == "Per la ricevuta mancano: denominazione, codice fiscale."
        with pytest.raises(ValidationError) as info:
            check_for_receipt(_without(COMPANY, "vat_number"))
        assert info.value.message == "Per la ricevuta mancano: Partita IVA."
        with pytest.raises(ValidationError) as info:
            check_for_receipt(_without(FOREIGN, "country", "city"))
        assert info.value.message == "Per la ricevuta mancano: città, nazione."
    finally:
        set_language("en")


def test_blank_text_counts_as_missing_and_an_unknown_kind_is_refused():
    assert missing_for_receipt(CustomerCopy(**{**COMPANY.__dict__, "postcode": "   "})) == ("postcode",)
    with pytest.raises(ValidationError):
        check_for_receipt(CustomerCopy(**{**COMPANY.__dict__, "kind": "martian"}))


def test_the_copy_is_frozen():
    with pytest.raises(AttributeError):
        COMPANY.name = "Altro"  # type: ignore[misc]
