"""A postal address's parts as a receipt and the FatturaPA need them: postcode, province, country (pure).

- country: an ISO 3166-1 alpha-2 code ("IT"), checked against Babel's territories (Babel's list
  also holds regions and codes outside ISO 3166-1: those are refused);
- postcode: for an Italian address the CAP, 5 digits; a foreign one is kept as typed (letters,
  digits, spaces, hyphens: "SW1A 1AA", "6900");
- province: for an Italian address one of the official codes (domain.provinces); a foreign
  address has none ("EE" is refused with a word on why).
`postcode_and_province_in` finds the CAP and the province in an old one-line address
("Via Roma 5, 24044 Dalmine (BG)") only where they can be read without guessing.

Imports only Babel, frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

import re
from functools import cache

import babel

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.provinces import PROVINCES
from frontdesk.i18n import _, language

ITALY = "IT"
# In Babel's territory list but not countries of ISO 3166-1: the exceptional reservations (Ascension,
# Clipperton, Sark, Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha, the EU and the
# Eurozone), the United Nations, outlying Oceania, the pseudo-locales and "unknown region".
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})
_FOREIGN_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 \-]{1,11}$")
_CAP_BEFORE_TOWN = re.compile(r"(?<!\d)(\d{5})[ \t]+[^\W\d_]")
_PROVINCE_IN_BRACKETS = re.compile(r"\(\s*([A-Za-z]{2})\s*\)")


@cache
def _territories(lang: str) -> dict[str, str]:
    names = babel.Locale.parse(lang).territories
    return {code: name for code, name in names.items()
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES}


def country_names(lang: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by its name in the language (the current one by default)."""
    names = _territories(lang or language())
    return sorted(names.items(), key=lambda item: item[1].casefold())


def country_name(code: str, lang: str | None = None) -> str:
    return _territories(lang or language()).get(code, code)


def validate_country(value: str, *, required: bool = True) -> str:
    """The ISO 3166-1 alpha-2 code, upper case; a name in the current language is accepted too."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise ValidationError(_("Choose the country."), field="country")
        return ""
    code = text.upper()
    if code in _territories("en"):
        return code
    by_name = {name.casefold(): c for c, name in _territories(language()).items()}
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    raise ValidationError(_("“{value}” is not a country: choose one from the list.").format(value=text),
                          field="country")


def validate_postcode(value: str, country: str) -> str:
    """An Italian CAP of 5 digits; a foreign postcode as typed (upper case). Empty stays empty."""
    text = " ".join((value or "").split()).upper()
    if not text:
        return ""
    if country == ITALY:
        if not (len(text) == 5 and text.isdigit()):
            raise ValidationError(_("An Italian postcode (CAP) has 5 digits, e.g. 24044."), field="postcode")
        return text
    if not _FOREIGN_POSTCODE.match(text):
        raise ValidationError(_("The postcode may hold letters, digits, spaces and hyphens only."),
                              field="postcode")
    return text


def validate_province(value: str, country: str) -> str:
    """One of the Italian provinces' codes for an Italian address; nothing for a foreign one."""
    text = (value or "").strip().upper()
    if not text:
        return ""
    if text == "EE" or country != ITALY:
        raise ValidationError(_("A foreign address has no province: leave it empty and choose the country."),
                              field="province")
    if text not in PROVINCES:
        raise ValidationError(_("“{value}” is not the code of an Italian province: write its two letters, "
                                "e.g. BG for Bergamo.").format(value=text), field="province")
    return text


def postcode_and_province_in(*lines: str) -> tuple[str, str]:
    """The CAP and the province written in old one-line address fields, each only when exactly one
    can be read ("24044 Dalmine (BG)": a 5-digit number before a town's name, a code in brackets);
    '' where there is none or more than one."""
    text = "\n".join(line or "" for line in lines)
    postcodes = set(_CAP_BEFORE_TOWN.findall(text))
    provinces = {code.upper() for code in _PROVINCE_IN_BRACKETS.findall(text)}
    postcode = postcodes.pop() if len(postcodes) == 1 else ""
    province = provinces.pop() if len(provinces) == 1 else ""
    return postcode, province if province in PROVINCES else ""
