"""The settings of a desk: one schema, with defaults and validation.

Every capability adds its fields here; the Settings screen and the command line read the
same values from the database (services.desk.settings).

Three kinds, declared here and nowhere else:
- site settings (`SITE_KEYS`): the Point's own data and rules, the same at every desk. They live
  in the synced `site_setting` table, one row per key, so an administrator changes them at any
  desk and the last change of each key wins everywhere;
- desk settings (every other field of `Settings`): this PC's printers, folders, hub address,
  language; kept in the desk's `setting` table, never sent;
- per-desk flags (`DESK_FLAGS`): the desk's identity and state, in `setting` too, never sent and
  refused by the hub if a desk ever tried.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.provinces import PROVINCES
from frontdesk.domain.receipts.tax_regimes import ORDINARY, TAX_REGIME_CODES
from frontdesk.domain.series import DESK_CODE
from frontdesk.i18n import _

BADGE_SIZES = ("id1", "label62")
DOCUMENT_KINDS = ("badge", "evacuation", "report", "sample_label", "receipt")
RECEIPT_LAYOUTS = ("a5", "roll")  # an A5 sheet, or the 80 mm roll of a thermal receipt printer
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PATRON_DAY = re.compile(r"^\d{2}-\d{2}$")
_REA = re.compile(r"^([A-Z]{2})-(\d{1,7})$")


@dataclass(frozen=True)
class Settings:
    desk_code: str = ""
    language: str = "it"
    point_name: str = "Point - Polo per l'innovazione tecnologica"
    point_address: str = "Via Pasubio 5"  # the street line; postcode, city and province below
    point_vat: str = ""
    point_fiscal_code: str = ""
    badge_size: str = "id1"
    receipt_layout: str = "a5"  # RECEIPT_LAYOUTS: how this desk prints its receipts
    printers: dict[str, str] = field(default_factory=dict)
    checkout_hour: str = "20:00"
    idle_lock_minutes: int = 10
    evacuation_folder: str = ""
    backup_folder: str = ""
    retention_visitor_months: int = 24
    retention_lab_years: int = 10
    retention_fiscal_years: int = 10
    privacy_notice_version: str = "2026-01"
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_sender: str = ""
    hub_url: str = ""
    hub_token_file: str = ""  # this desk's token for the hub, in a file only the desk's user reads
    hub_ca_file: str = ""  # the CA certificate (PEM) that signed the hub's; empty: the system's store
    sync_hour: str = "02:00"
    lab_municipality: str = "Dalmine"  # where the lab is: its patron saint's day is a day off
    lab_patron_day: str = "03-19"  # "MM-DD" (San Giuseppe, Dalmine)
    lab_test_site: str = ""  # where the lab performs its tests, as test reports print it; empty: the Point's address
    lab_planning_desk: str = ""  # the desk code that computes and stores the lab's automatic plan; empty: none
    lab_stable_days: int = 2  # working days from today whose planned tests keep their slots when the plan is remade
    lab_report_lead_days: int = 2  # working days from the last test's end to the report (the promised date)
    # --- the Point's registered data and the receipts (issue 16) ---
    point_postcode: str = "24044"
    point_city: str = "Dalmine"
    point_province: str = "BG"
    point_rea: str = ""  # the Chamber of Commerce's register: "BG-123456"
    point_tax_regime: str = ORDINARY  # the FatturaPA RegimeFiscale (domain.receipts.tax_regimes)
    receipt_cash_limit: int = 5000  # euros: cash at or above it is refused (D.Lgs. 231/2007 art. 49)
    receipt_charge_stamp_duty: bool = True  # the stamp duty, when due, is charged to the customer as a line
    member_associations: list[str] = field(default_factory=list)  # ids; empty: every association but "none"

    @property
    def point_full_address(self) -> str:
        """The Point's address on one line: "Via Pasubio 5, 24044 Dalmine (BG)" (a street line saved
        before the postcode and city had fields of their own is not repeated)."""
        town = " ".join(p for p in (self.point_postcode, self.point_city) if p)
        town = f"{town} ({self.point_province})" if town and self.point_province else town
        street = self.point_address
        return street if not town or (self.point_city and self.point_city in street) else f"{street}, {town}"


SITE_KEYS = frozenset({
    "point_name", "point_address", "point_vat", "point_fiscal_code",
    "retention_visitor_months", "retention_lab_years", "retention_fiscal_years",
    "privacy_notice_version", "checkout_hour", "idle_lock_minutes",
    "smtp_host", "smtp_port", "smtp_sender",
    "lab_municipality", "lab_patron_day", "lab_test_site",
    "lab_planning_desk", "lab_stable_days", "lab_report_lead_days",
}) | frozenset({  # the Point's registered data and the receipts (issue 16)
    "point_postcode", "point_city", "point_province", "point_rea", "point_tax_regime",
    "receipt_cash_limit", "receipt_charge_stamp_duty", "member_associations",
})
DESK_FLAGS = frozenset({"desk_code", "series_prefix", "epoch_id", "is_demo"})


def is_site_key(key: str) -> bool:
    """True for a setting shared by every desk of the site (synced)."""
    return key in SITE_KEYS


EDITABLE = tuple(f.name for f in dataclasses.fields(Settings) if f.name != "desk_code")


def validate_change(name: str, value: object) -> object:
    """Check one setting's new value; return it normalised or raise ValidationError."""
    if name not in EDITABLE:
        raise ValidationError(_("Unknown setting: {name}").format(name=name))
    if name in RECEIPT_SETTINGS:
        return _receipt_setting(name, value)
    if name == "language" and value not in ("it", "en"):
        raise ValidationError(_("Language must be Italian or English."))
    if name == "badge_size" and value not in BADGE_SIZES:
        raise ValidationError(_("Unknown badge size."))
    if name == "receipt_layout" and value not in RECEIPT_LAYOUTS:
        raise ValidationError(_("Choose how receipts are printed: on A5 paper or on the 80 mm roll."),
                              field=name)
    if name == "privacy_notice_version" and not str(value).strip():
        raise ValidationError(_("Write the version of the privacy notice shown to visitors, e.g. 2026-01."))
    if name == "hub_url" and str(value).strip() and not str(value).strip().startswith(("http://", "https://")):
        raise ValidationError(_("The hub's address starts with https:// (or http:// on a trusted network)."))
    if name in ("checkout_hour", "sync_hour") and not _HOUR.match(str(value)):
        raise ValidationError(_("Write the hour as HH:MM, for example 20:00."))
    if name == "lab_municipality" and not " ".join(str(value).split()):
        raise ValidationError(_("Write the municipality where the lab is, e.g. Dalmine."))
    if name == "lab_patron_day":
        text = str(value).strip()
        if not _PATRON_DAY.match(text):
            raise ValidationError(_("Write the patron saint's day as MM-DD, for example 03-19 for 19 March."))
        try:
            dt.date(2024, int(text[:2]), int(text[3:]))  # a leap year: 02-29 exists
        except ValueError:
            raise ValidationError(_("{day} is not a day of the year.").format(day=text)) from None
        return text
    if name == "lab_planning_desk":
        text = str(value).strip().upper()
        if text and not DESK_CODE.fullmatch(text):
            raise ValidationError(_("The planning desk is named by its desk code: a letter followed by up to 3 "
                                    "letters or digits, e.g. L1. Leave it empty if the lab has none."))
        return text
    if name in ("idle_lock_minutes", "retention_visitor_months", "retention_lab_years",
                "retention_fiscal_years", "smtp_port", "lab_stable_days", "lab_report_lead_days"):
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(_("Write a whole number.")) from None
        low = {"idle_lock_minutes": 1, "retention_visitor_months": 1, "retention_lab_years": 1,
               "retention_fiscal_years": 10, "smtp_port": 1, "lab_stable_days": 0, "lab_report_lead_days": 0}[name]
        high = {"idle_lock_minutes": 240, "retention_visitor_months": 120, "retention_lab_years": 50,
                "retention_fiscal_years": 50, "smtp_port": 65535, "lab_stable_days": 10,
                "lab_report_lead_days": 30}[name]
        if not low <= number <= high:
            raise ValidationError(_("Choose a number between {low} and {high}.").format(low=low, high=high))
        return number
    if name == "printers":
        if not isinstance(value, dict) or any(k not in DOCUMENT_KINDS for k in value):
            raise ValidationError(_("Unknown document kind for a printer."))
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, str):
        text = " ".join(value.split())
        if len(text) > 300:
            raise ValidationError(_("The text is too long (at most {n} characters).").format(n=300))
        return text
    return value


# --- the Point's registered data and the receipts (issue 16) -------------------------------------

RECEIPT_SETTINGS = frozenset({"point_vat", "point_fiscal_code", "point_postcode", "point_city", "point_province",
                              "point_rea", "point_tax_regime", "receipt_cash_limit", "receipt_charge_stamp_duty",
                              "member_associations"})
CASH_LIMIT_RANGE = (1, 100_000)


def _receipt_setting(name: str, value: object) -> object:
    # Imported here: reading the settings at start-up must not load Babel's territories nor python-stdnum
    # (tests/integration/test_startup_path.py); only changing these settings needs them.
    from frontdesk.domain.addresses import ITALY, validate_postcode, validate_province
    from frontdesk.domain.fiscal import validate_codice_fiscale, validate_partita_iva

    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    if name == "point_vat":
        return validate_partita_iva(text) if text else ""
    if name == "point_fiscal_code":
        return validate_codice_fiscale(text) if text else ""
    if name == "point_postcode":
        if not text:
            raise ValidationError(_("Write the Point's postcode (CAP), e.g. 24044."), field=name)
        return validate_postcode(text, ITALY)
    if name == "point_city":
        if not text:
            raise ValidationError(_("Write the Point's municipality, e.g. Dalmine."), field=name)
        if len(text) > 100:
            raise ValidationError(_("The text is too long (at most {n} characters).").format(n=100), field=name)
        return text
    if name == "point_province":
        if not text:
            raise ValidationError(_("Write the Point's province, e.g. BG."), field=name)
        return validate_province(text, ITALY)
    if name == "point_rea":
        rea = text.upper().replace(" ", "")
        match = _REA.match(rea)
        if rea and (match is None or match.group(1) not in PROVINCES):
            raise ValidationError(_("Write the REA number as the province's code, a hyphen and the number, "
                                    "e.g. BG-123456."), field=name)
        return rea
    if name == "point_tax_regime":
        if text not in TAX_REGIME_CODES:
            raise ValidationError(_("Choose the tax regime from the list (RF01: ordinary)."), field=name)
        return text
    if name == "receipt_cash_limit":
        low, high = CASH_LIMIT_RANGE
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValidationError(_("Write a whole number."), field=name)
        try:
            number = int(value)
        except ValueError:
            raise ValidationError(_("Write a whole number."), field=name) from None
        if not low <= number <= high:
            raise ValidationError(_("Choose a number between {low} and {high}.").format(low=low, high=high),
                                  field=name)
        return number
    if name == "receipt_charge_stamp_duty":
        if not isinstance(value, bool):
            raise ValidationError(_("Choose yes or no."), field=name)
        return value
    # member_associations: the ids of the associations whose companies pay member prices
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Choose the associations from the list."), field=name)
    try:
        return sorted({str(uuid.UUID(v)) for v in value})
    except ValueError:
        raise ValidationError(_("Choose the associations from the list."), field=name) from None
