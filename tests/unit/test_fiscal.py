"""Partita IVA and Codice Fiscale validation (python-stdnum)."""

import pytest
from stdnum import luhn

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.fiscal import (
    is_valid_partita_iva,
    validate_codice_fiscale,
    validate_foreign_vat,
    validate_partita_iva,
)


def test_valid_partita_iva_with_prefix_and_spaces():
    assert validate_partita_iva("IT 011 146 010 06") == "01114601006"


@pytest.mark.parametrize("bad, words", [
    ("0111460100", "11 digits; 10 were typed"),
    ("011146010066", "11 digits; 12 were typed"),
    ("0111460100A", "digits only, not “A”"),
    ("01114-6O1006", "digits only, not “O”"),
    ("00000000000", "first 7 digits .* cannot all be zero"),
    ("00000001231", "first 7 digits .* cannot all be zero"),
    ("01234561200", None),  # office 120 exists: the check digit decides (below)
    ("12345671011", "Digits 8 to 10 .* 101, are not the code of an Italian tax office"),
    ("01114601007", "last digit .* does not match"),
    ("", "required"),
])
def test_each_partita_iva_refusal_names_its_reason(bad, words):
    if words is None:
        base = bad[:10]
        good = base + luhn.calc_check_digit(base)
        assert validate_partita_iva(good) == good
        return
    with pytest.raises(ValidationError, match=words) as info:
        validate_partita_iva(bad)
    assert info.value.field == "vat_number"


def test_every_computed_check_digit_validates():
    for base in ("0111460100", "1234567001", "0300000016"):
        assert is_valid_partita_iva(base + luhn.calc_check_digit(base))


def test_codice_fiscale_person_and_company():
    assert validate_codice_fiscale("rss mra 85t10 a562s") == "RSSMRA85T10A562S"
    assert validate_codice_fiscale("01114601006") == "01114601006"
    with pytest.raises(ValidationError):
        validate_codice_fiscale("RSSMRA85T10A562X")


def test_foreign_vat():
    assert validate_foreign_vat("DE 136 695 976") == "DE136695976"
    assert validate_foreign_vat("CHE-123.456.788") == "CHE123456788"  # outside the EU scheme: kept
    with pytest.raises(ValidationError):
        validate_foreign_vat("DE136695977")
    with pytest.raises(ValidationError, match="Italian"):
        validate_foreign_vat("IT01114601006")
