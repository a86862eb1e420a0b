"""Addresses (domain.addresses, domain.provinces) and the Point's registered data and receipt
settings (domain.settings): normalised values, Italian refusals, and member prices by setting."""

import dataclasses
import uuid

import pytest

from frontdesk.domain.addresses import (
    country_name,
    country_names,
    postcode_and_province_in,
    validate_country,
    validate_postcode,
    validate_province,
)
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.lab.requests import is_member
from frontdesk.domain.provinces import PROVINCES
from frontdesk.domain.receipts.tax_regimes import TAX_REGIMES
from frontdesk.domain.settings import SITE_KEYS, Settings, validate_change
from frontdesk.i18n import set_language


def _italian_refusal(call, *words):
    set_language("it")
    try:
        with pytest.raises(ValidationError) as info:
            call()
        for word in words:
            assert word in info.value.message, info.value.message
        return info.value
    finally:
        set_language("en")


def test_the_107_provinces_each_once_bergamo_and_the_metropolitan_cities_among_them():
    assert len(PROVINCES) == 107 == len(set(PROVINCES))
    assert all(len(p) == 2 and p.isupper() for p in PROVINCES)
    assert {"BG", "MI", "RM", "MB", "BT", "SU", "FM", "VB"} <= set(PROVINCES)
    assert "EE" not in PROVINCES


def test_postcodes():
    assert validate_postcode(" 24044 ", "IT") == "24044"
    assert validate_postcode("", "IT") == ""
    assert validate_postcode("sw1a 1aa", "GB") == "SW1A 1AA"
    assert validate_postcode("6900", "CH") == "6900"
    for bad in ("2404", "240444", "24O44"):
        _italian_refusal(lambda bad=bad: validate_postcode(bad, "IT"), "CAP", "5 cifre")
    _italian_refusal(lambda: validate_postcode("80331 #", "DE"), "CAP")


def test_provinces_of_italian_and_foreign_addresses():
    assert validate_province(" bg", "IT") == "BG"
    assert validate_province("", "DE") == ""
    error = _italian_refusal(lambda: validate_province("XX", "IT"), "XX", "provincia")
    assert error.field == "province"
    _italian_refusal(lambda: validate_province("EE", "IT"), "estero", "provincia")
    _italian_refusal(lambda: validate_province("BG", "DE"), "estero")


def test_countries_by_code_or_name_babel_list_without_regions():
    assert validate_country("it") == "IT"
    assert validate_country(" Germany ") == "DE"
    set_language("it")
    try:
        assert validate_country("Svizzera") == "CH"
        assert country_name("DE") == "Germania"
        codes = [code for code, _name in country_names()]
        assert "IT" in codes and "XK" in codes
        assert not {"EU", "UN", "ZZ", "QO", "001"} & set(codes)
    finally:
        set_language("en")
    _italian_refusal(lambda: validate_country("EU"), "EU", "nazione")
    _italian_refusal(lambda: validate_country("Atlantide"), "Atlantide")
    _italian_refusal(lambda: validate_country(""), "nazione")
    assert validate_country("", required=False) == ""


@pytest.mark.parametrize("lines, found", [
    (("Via Roma 5, 24044 Dalmine (BG)", "Dalmine"), ("24044", "BG")),
    (("Via Roma 5", "24121 Bergamo (bg)"), ("24121", "BG")),
    (("Via Roma 5", "Dalmine (BG)"), ("", "BG")),
    (("Via Roma 5, 24044 Dalmine", ""), ("24044", "")),
    (("Via Roma 5", "Dalmine"), ("", "")),
    (("Via Roma 5, 24044 Dalmine (BG) - sede: 20121 Milano (MI)", ""), ("", "")),  # two of each: no guess
    (("Via Roma 12345", "Treviglio"), ("", "")),  # a number not before a town's name
    (("Via Roma 5, 24044 Dalmine (XX)", ""), ("24044", "")),  # not a province
    (("", ""), ("", "")),
])
def test_postcode_and_province_are_read_from_old_addresses_only_when_unambiguous(lines, found):
    assert postcode_and_province_in(*lines) == found


def test_the_point_full_address_and_its_defaults():
    s = Settings()
    assert (s.point_address, s.point_postcode, s.point_city, s.point_province) == ("Via Pasubio 5", "24044",
                                                                                  "Dalmine", "BG")
    assert s.point_full_address == "Via Pasubio 5, 24044 Dalmine (BG)"
    old = dataclasses.replace(s, point_address="Via Pasubio 5, 24044 Dalmine (BG)")  # saved before the fields
    assert old.point_full_address == "Via Pasubio 5, 24044 Dalmine (BG)"
    assert dataclasses.replace(s, point_province="").point_full_address == "Via Pasubio 5, 24044 Dalmine"
    assert (s.point_tax_regime, s.receipt_cash_limit, s.receipt_charge_stamp_duty, s.member_associations) == (
        "RF01", 5000, True, [])
    assert {"point_postcode", "point_city", "point_province", "point_rea", "point_tax_regime",
            "receipt_cash_limit", "receipt_charge_stamp_duty", "member_associations"} <= SITE_KEYS


def test_the_tax_regimes_rf01_to_rf19_without_the_abolished_rf03():
    codes = [r.code for r in TAX_REGIMES]
    assert codes == [f"RF{n:02d}" for n in range(1, 20) if n != 3]
    assert TAX_REGIMES[0].label("it") == "Ordinario" and TAX_REGIMES[-1].label("it").startswith("Regime forfettario")


def test_the_point_settings_are_normalised():
    assert validate_change("point_postcode", " 24044 ") == "24044"
    assert validate_change("point_province", "bg") == "BG"
    assert validate_change("point_city", "  Dalmine ") == "Dalmine"
    assert validate_change("point_rea", " bg - 123456 ") == "BG-123456"
    assert validate_change("point_rea", "") == ""
    assert validate_change("point_tax_regime", "RF19") == "RF19"
    assert validate_change("point_vat", "IT 01114601006") == "01114601006"
    assert validate_change("point_fiscal_code", "") == ""
    assert validate_change("receipt_cash_limit", "3000") == 3000
    assert validate_change("receipt_charge_stamp_duty", False) is False
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    assert validate_change("member_associations", [two, one, two]) == sorted([one, two])
    assert validate_change("member_associations", []) == []


@pytest.mark.parametrize("name, value, words", [
    ("point_postcode", "2404", ("CAP",)),
    ("point_postcode", "", ("CAP",)),
    ("point_province", "ZZ", ("provincia",)),
    ("point_province", "", ("provincia",)),
    ("point_city", " ", ("comune",)),
    ("point_rea", "123456", ("REA", "BG-123456")),
    ("point_rea", "XX-123", ("REA",)),
    ("point_rea", "BG-12a", ("REA",)),
    ("point_tax_regime", "RF03", ("regime",)),
    ("point_tax_regime", "", ("regime",)),
    ("point_vat", "01114601007", ("partita IVA",)),
    ("receipt_cash_limit", 0, ("1", "100000")),
    ("receipt_cash_limit", 100_001, ("1", "100000")),
    ("receipt_cash_limit", "mille", ("numero intero",)),
    ("receipt_cash_limit", True, ("numero intero",)),
    ("receipt_charge_stamp_duty", "yes", ("sì o no",)),
    ("member_associations", ["not-an-id"], ("associazioni",)),
    ("member_associations", "confartigianato", ("associazioni",)),
])
def test_bad_point_and_receipt_settings_are_refused_in_italian(name, value, words):
    _italian_refusal(lambda: validate_change(name, value), *words)


def test_member_prices_follow_the_setting_and_by_default_every_association_but_none():
    confartigianato, cna = reference_id("association", "confartigianato"), reference_id("association", "cna")
    none = reference_id("association", "none")
    assert is_member(confartigianato) and is_member(cna) and not is_member(none) and not is_member(None)
    chosen = [str(confartigianato)]
    assert is_member(confartigianato, chosen)
    assert not is_member(cna, chosen)
    assert not is_member(None, chosen)
    assert is_member(none, [str(none)])  # whoever the site chose
