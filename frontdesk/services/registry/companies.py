"""Companies: create, edit, find, and likely duplicates.

A company is one of four kinds: an Italian company ("it": Partita IVA required), a public body
("public": an 11-digit fiscal code required, Partita IVA optional, a 6-character SdI office code),
a foreign company ("foreign": its country is not Italy), a private person ("private": first and
last name, from which its name is made). Its address is the street line, postcode, city,
province (Italian addresses only) and country (domain.addresses). A receipt keeps its own copy
of these (`CompanySummary.customer_copy`, domain.receipts.customer).

No unique constraint on VAT numbers (branches of one company share it): a likely duplicate
(same VAT number, or same normalised name) is reported before saving and the user chooses.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select, text

from frontdesk.db.models import Association, Company
from frontdesk.domain.addresses import ITALY, validate_country, validate_postcode, validate_province
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.fiscal import validate_codice_fiscale, validate_foreign_vat, validate_partita_iva
from frontdesk.domain.ids import new_id
from frontdesk.domain.receipts.customer import CustomerCopy
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean, name_key, query_terms, search_key
from frontdesk.i18n import _
from frontdesk.services.staff import audit

_SPACES = re.compile(r"[\s.\-]")

KINDS = ("it", "public", "foreign", "private")
ITALIAN_KINDS = ("it", "public")  # their registered office is in Italy
FOREIGN = "foreign"


@dataclass(frozen=True)
class CompanyInput:
    name: str = ""  # a private person's is made from first_name and last_name
    kind: str = "it"  # it: Italian company with Partita IVA; public: a public body; foreign; private: a person
    vat_number: str = ""
    fiscal_code: str = ""
    association_id: uuid.UUID | None = None
    sdi_code: str = ""
    pec: str = ""
    address: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    report_language: str = "it"  # the language of the lab's test reports: it | en
    postcode: str = ""
    province: str = ""
    country: str = ""  # ISO 3166-1 alpha-2; empty: Italy, except for a foreign company
    first_name: str = ""  # a private person's
    last_name: str = ""


@dataclass(frozen=True)
class CompanySummary:
    id: uuid.UUID
    name: str
    kind: str
    vat_number: str
    fiscal_code: str
    association_id: uuid.UUID | None
    association_name: str
    city: str
    sdi_code: str = ""
    pec: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    updated_at: dt.datetime | None = None
    report_language: str = "it"
    postcode: str = ""
    province: str = ""
    country: str = ""
    first_name: str = ""
    last_name: str = ""

    @classmethod
    def of(cls, c: Company) -> CompanySummary:
        # A row written before migration 0011 and pulled from the hub has no country: its kind says it.
        country = c.country or ("" if c.kind == FOREIGN else ITALY)
        return cls(c.id, c.name, c.kind, c.vat_number, c.fiscal_code, c.association_id,
                   c.association.name if c.association else "", c.city, c.sdi_code, c.pec, c.address,
                   c.email, c.phone, c.notes, c.updated_at, c.report_language or "it",
                   c.postcode, c.province, country, c.first_name, c.last_name)

    def customer_copy(self) -> CustomerCopy:
        """The copy of this customer a receipt keeps (domain.receipts.customer)."""
        return CustomerCopy(kind=self.kind, name=self.name, first_name=self.first_name, last_name=self.last_name,
                            vat_number=self.vat_number, fiscal_code=self.fiscal_code, address=self.address,
                            postcode=self.postcode, city=self.city, province=self.province, country=self.country,
                            sdi_code=self.sdi_code, pec=self.pec)


class DuplicateSuspected(Conflict):
    """Likely duplicates exist; the caller shows them and may save anyway or use one."""

    def __init__(self, candidates: list[CompanySummary]) -> None:
        super().__init__(_("A company with the same VAT number or name already exists."))
        self.candidates = candidates


def _validated(data: CompanyInput, session) -> dict[str, object]:
    if data.kind not in KINDS:
        raise ValidationError(_("Choose whether this is an Italian company, a public body, a foreign company "
                                "or a person."))
    values: dict[str, object] = {
        "kind": data.kind,
        "address": clean(data.address, label=_("Address"), max_len=300),
        "city": clean(data.city, label=_("City"), max_len=100),
        "email": clean(data.email, label=_("E-mail")),
        "phone": clean(data.phone, label=_("Phone"), max_len=50),
        "notes": clean(data.notes, label=_("Notes"), max_len=2000, multiline=True),
        "pec": clean(data.pec, label=_("PEC")),
    }
    values.update(_names(data))
    values.update(_place(data))
    if values["email"] and "@" not in str(values["email"]):
        raise ValidationError(_("The e-mail address is not valid."), field="email")
    if data.report_language not in ("it", "en"):
        raise ValidationError(_("Test reports are written in Italian or in English."), field="report_language")
    values["report_language"] = data.report_language
    if values["pec"] and "@" not in str(values["pec"]):
        raise ValidationError(_("The PEC address is not valid."), field="pec")
    values["sdi_code"] = _sdi_code(data)
    values.update(_fiscal(data))
    if data.association_id is not None and session.get(Association, data.association_id) is None:
        raise NotFound(_("The chosen association does not exist."))
    values["association_id"] = data.association_id
    values["name_key"] = name_key(str(values["name"]))
    values["search_key"] = search_key(str(values["name"]), str(values["city"]))
    return values


def _names(data: CompanyInput) -> dict[str, str]:
    """The name; a private person's made from first and last name ("Mario Rossi")."""
    if data.kind != "private":
        return {"name": clean(data.name, label=_("Name"), required=True), "first_name": "", "last_name": ""}
    first = clean(data.first_name, label=_("First name"), max_len=100)
    last = clean(data.last_name, label=_("Last name"), max_len=100)
    if not first or not last:
        raise ValidationError(_("Write the person's first name and last name."),
                              field="first_name" if not first else "last_name")
    return {"name": f"{first} {last}", "first_name": first, "last_name": last}


def _place(data: CompanyInput) -> dict[str, str]:
    """Country, postcode and province: an Italian company or public body is in Italy, a foreign one is not."""
    typed = data.country.strip()
    country = validate_country(typed) if typed else ("" if data.kind == FOREIGN else ITALY)
    if data.kind in ITALIAN_KINDS and country != ITALY:
        raise ValidationError(_("An Italian company or public body has its seat in Italy: choose Italy as the "
                                "country, or 'Foreign company' as the kind."), field="country")
    if data.kind == FOREIGN and country == ITALY:
        raise ValidationError(_("A foreign company's country is not Italy: choose its country, or "
                                "'Italian company' as the kind."), field="country")
    return {"country": country, "postcode": validate_postcode(data.postcode, country),
            "province": validate_province(data.province, country)}


def _sdi_code(data: CompanyInput) -> str:
    """A business's SdI recipient code has 7 characters; a public body's "Codice Univoco Ufficio" 6."""
    sdi = clean(data.sdi_code, label=_("SdI code"), max_len=7).upper()
    if not sdi:
        return ""
    if data.kind == "public" and not (len(sdi) == 6 and sdi.isalnum()):
        raise ValidationError(_("A public body's SdI code (Codice Univoco Ufficio) has 6 letters or digits."),
                              field="sdi_code")
    if data.kind != "public" and not (len(sdi) == 7 and sdi.isalnum()):
        raise ValidationError(_("The SdI recipient code has 7 letters or digits (6 is a public body's office "
                                "code: then choose 'Public body' as the kind)."), field="sdi_code")
    return sdi


def _fiscal(data: CompanyInput) -> dict[str, str]:
    if data.kind == "it":
        vat = validate_partita_iva(data.vat_number)
        return {"vat_number": vat,
                "fiscal_code": validate_codice_fiscale(data.fiscal_code) if data.fiscal_code.strip() else vat}
    if data.kind == "public":
        fiscal = _SPACES.sub("", data.fiscal_code)
        if not (len(fiscal) == 11 and fiscal.isdigit()):
            raise ValidationError(_("A public body's fiscal code (Codice Fiscale) has 11 digits."),
                                  field="fiscal_code")
        return {"fiscal_code": validate_codice_fiscale(fiscal),
                "vat_number": validate_partita_iva(data.vat_number) if data.vat_number.strip() else ""}
    if data.kind == FOREIGN:
        return {"vat_number": validate_foreign_vat(data.vat_number),
                "fiscal_code": clean(data.fiscal_code, label=_("Fiscal code"), max_len=20)}
    return {"vat_number": "",
            "fiscal_code": validate_codice_fiscale(data.fiscal_code) if data.fiscal_code.strip() else ""}


def _duplicates(session, values: dict[str, object], exclude: uuid.UUID | None) -> list[CompanySummary]:
    conditions = [Company.name_key == values["name_key"]]
    if values.get("vat_number"):
        conditions.append(Company.vat_number == values["vat_number"])
    stmt = select(Company).where(or_(*conditions)).limit(10)
    if exclude:
        stmt = stmt.where(Company.id != exclude)
    return [CompanySummary.of(c) for c in session.scalars(stmt)]


def find_duplicates(db, *, data: CompanyInput, exclude: uuid.UUID | None = None) -> list[CompanySummary]:
    with db.read() as session:
        return _duplicates(session, _validated(data, session), exclude)


def create_company(db, *, data: CompanyInput, actor: Actor, allow_duplicate: bool = False) -> CompanySummary:
    """Create a company. Raises ValidationError, DuplicateSuspected (unless allow_duplicate)."""
    with db.begin() as session:
        return CompanySummary.of(create_company_in(session, data=data, actor=actor, allow_duplicate=allow_duplicate))


def create_company_in(session, *, data: CompanyInput, actor: Actor, allow_duplicate: bool = False) -> Company:
    """Create a company inside the caller's transaction."""
    require(actor, Permission.EDIT_COMPANIES)
    values = _validated(data, session)
    if not allow_duplicate:
        candidates = _duplicates(session, values, None)
        if candidates:
            raise DuplicateSuspected(candidates)
    company = Company(id=new_id(), **values)
    session.add(company)
    audit.record_change(session, actor, "company.create", company, new=True)
    session.flush()
    return company


def update_company(db, *, company_id: uuid.UUID, data: CompanyInput, actor: Actor,
                   allow_duplicate: bool = False) -> CompanySummary:
    require(actor, Permission.EDIT_COMPANIES)
    with db.begin() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(_("The company no longer exists."))
        values = _validated(data, session)
        identity_changed = values["name_key"] != company.name_key or values["vat_number"] != company.vat_number
        if identity_changed and not allow_duplicate:
            candidates = _duplicates(session, values, company_id)
            if candidates:
                raise DuplicateSuspected(candidates)
        for key, value in values.items():
            setattr(company, key, value)
        audit.record_change(session, actor, "company.update", company)
        session.flush()
        return CompanySummary.of(company)


def get_company(db, *, company_id: uuid.UUID) -> CompanySummary:
    with db.read() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(_("The company no longer exists."))
        return CompanySummary.of(company)


def search_companies(db, *, query: str, limit: int = 50) -> list[CompanySummary]:
    """Companies whose name/city words start with every typed term, or whose VAT number matches."""
    with db.read() as session:
        stmt = _company_filter(select(Company), query).order_by(Company.name_key).limit(limit)
        return [CompanySummary.of(c) for c in session.scalars(stmt)]


def count_companies(db, *, query: str) -> int:
    """How many companies `search_companies` would find without a limit (a screen's true total)."""
    with db.read() as session:
        return int(session.scalar(_company_filter(select(func.count()).select_from(Company), query)))


def _company_filter(stmt, query: str):
    terms = query_terms(query)
    if not terms:
        return stmt
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= 5 and len(terms) == 1 and terms[0].isdigit():
        return stmt.where(Company.vat_number.startswith(digits))
    for i, term in enumerate(terms):
        stmt = stmt.where(text(f"instr(company.search_key, :t{i}) > 0").bindparams(**{f"t{i}": " " + term}))
    return stmt
