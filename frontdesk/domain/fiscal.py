"""Italian fiscal identifiers, validated with python-stdnum.

A Partita IVA is 11 digits with a check digit; a Codice Fiscale is either a person's 16
characters or a company's 11 digits. Messages are for the user, in their language.
"""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat
from stdnum.it import codicefiscale, iva

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

_SPACES = re.compile(r"[\s.\-]")


def normalise_vat(value: str) -> str:
    """Strip spaces, dots and an 'IT' prefix; what is stored for an Italian VAT number."""
    text = _SPACES.sub("", value or "").upper()
    return text[2:] if text.startswith("IT") else text


def validate_partita_iva(value: str) -> str:
    """Return the 11-digit Partita IVA or raise ValidationError naming the real reason.

    The reasons, checked in this order: characters other than digits, length, an all-zero
    company number (the first 7 digits), an unknown tax-office code (digits 8-10), the check digit.
    python-stdnum decides each rule; the order here only picks the message.
    """
    number = normalise_vat(value)
    if not number:
        raise ValidationError(_("The VAT number (Partita IVA) is required for an Italian company."),
                              field="vat_number")
    wrong = [ch for ch in number if not ("0" <= ch <= "9")]
    if wrong:
        raise ValidationError(_("The VAT number (Partita IVA) may contain digits only, not “{chars}”.")
                              .format(chars="".join(dict.fromkeys(wrong))), field="vat_number")
    if len(number) != 11:
        raise ValidationError(_("The VAT number (Partita IVA) must have 11 digits; {n} were typed.")
                              .format(n=len(number)), field="vat_number")
    try:
        return iva.validate(number)
    except stdnum_errors.InvalidFormat:  # digits and length are fine: the company number is all zeros
        raise ValidationError(_("The first 7 digits of the VAT number (Partita IVA) cannot all be zero."),
                              field="vat_number") from None
    except stdnum_errors.InvalidComponent:
        raise ValidationError(_("Digits 8 to 10 of the VAT number (Partita IVA), {office}, are not the code of "
                                "an Italian tax office: check the digits.").format(office=number[7:10]),
                              field="vat_number") from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_("The last digit of the VAT number (Partita IVA) does not match the others: "
                                "check for a typing mistake."), field="vat_number") from None


def validate_codice_fiscale(value: str) -> str:
    """Return a valid Codice Fiscale (16 characters of a person, or 11 digits of a company)."""
    text = _SPACES.sub("", value or "").upper()
    if not text:
        raise ValidationError(_("The fiscal code (Codice Fiscale) is empty."), field="fiscal_code")
    try:
        if len(text) == 11 and text.isdigit():
            return iva.validate(text)
        return codicefiscale.validate(text)
    except stdnum_errors.ValidationError:
        raise ValidationError(_("The fiscal code (Codice Fiscale) is not valid."), field="fiscal_code") from None


def validate_foreign_vat(value: str) -> str:
    """A foreign EU VAT number when it has a known country prefix; other text is kept as typed."""
    text = _SPACES.sub("", value or "").upper()
    if not text:
        return ""
    if text[:2].isalpha() and text[:2] != "IT":
        try:
            return eu_vat.validate(text)
        except stdnum_errors.InvalidComponent:
            return text  # a country outside the EU scheme: keep as typed
        except stdnum_errors.ValidationError:
            raise ValidationError(_("The foreign VAT number is not valid."), field="vat_number") from None
    if text.startswith("IT"):
        raise ValidationError(_("An IT VAT number belongs to an Italian company: choose 'Italian company'."),
                              field="vat_number")
    return text


def is_valid_partita_iva(value: str) -> bool:
    try:
        validate_partita_iva(value)
    except ValidationError:
        return False
    return True
