"""The customer as a receipt keeps it: its own frozen copy, and what each kind of customer must have (pure).

An issued receipt keeps this copy: a later edit, merge or anonymisation of the company or person
never changes what the receipt says. `check_for_receipt` names everything missing at once, in
the words of the desk, so it can be completed in one go:
- an Italian company ("it"): its name, Partita IVA, address, postcode, city, province;
- a public body ("public"): its name, fiscal code, address, postcode, city, province (its
  Partita IVA, if any, is optional: many bodies have only the fiscal code);
- a private person ("private"): first and last name, address, postcode, city (the fiscal code is
  optional; a person living abroad has no province);
- a foreign company ("foreign"): its name, address, city, country.

Imports only frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

KINDS = ("it", "public", "private", "foreign")


@dataclass(frozen=True)
class CustomerCopy:
    kind: str
    name: str
    first_name: str = ""
    last_name: str = ""
    vat_number: str = ""
    fiscal_code: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    province: str = ""
    country: str = ""
    sdi_code: str = ""
    pec: str = ""


NEEDED: dict[str, tuple[str, ...]] = {
    "it": ("name", "vat_number", "address", "postcode", "city", "province"),
    "public": ("name", "fiscal_code", "address", "postcode", "city", "province"),
    "private": ("first_name", "last_name", "address", "postcode", "city"),
    "foreign": ("name", "address", "city", "country"),
}


def _labels() -> dict[str, str]:
    """The fields' names in a sentence, in the current language."""
    return {"name": _("company name"), "first_name": _("first name"), "last_name": _("last name"),
            "vat_number": _("Partita IVA"), "fiscal_code": _("fiscal code"), "address": _("address"),
            "postcode": _("postcode"), "city": _("city"), "province": _("province"), "country": _("country")}


def missing_for_receipt(copy: CustomerCopy) -> tuple[str, ...]:
    """The fields a receipt needs that this customer lacks, in the order of NEEDED."""
    if copy.kind not in NEEDED:
        raise ValidationError(_("The customer's kind is unknown: open the company and choose its kind."))
    return tuple(name for name in NEEDED[copy.kind] if not str(getattr(copy, name)).strip())


def check_for_receipt(copy: CustomerCopy) -> None:
    """Raise ValidationError naming everything the receipt needs that the customer lacks."""
    missing = missing_for_receipt(copy)
    if missing:
        labels = _labels()
        raise ValidationError(_("For the receipt these are missing: {fields}.").format(
            fields=", ".join(labels[name] for name in missing)))
