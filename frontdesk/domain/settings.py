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
from dataclasses import dataclass, field

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.series import DESK_CODE
from frontdesk.i18n import _

BADGE_SIZES = ("id1", "label62")
DOCUMENT_KINDS = ("badge", "evacuation", "report", "sample_label")
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_PATRON_DAY = re.compile(r"^\d{2}-\d{2}$")


@dataclass(frozen=True)
class Settings:
    desk_code: str = ""
    language: str = "it"
    point_name: str = "Point - Polo per l'innovazione tecnologica"
    point_address: str = "Via Pasubio 5, 24044 Dalmine (BG)"
    point_vat: str = ""
    point_fiscal_code: str = ""
    badge_size: str = "id1"
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


SITE_KEYS = frozenset({
    "point_name", "point_address", "point_vat", "point_fiscal_code",
    "retention_visitor_months", "retention_lab_years", "retention_fiscal_years",
    "privacy_notice_version", "checkout_hour", "idle_lock_minutes",
    "smtp_host", "smtp_port", "smtp_sender",
    "lab_municipality", "lab_patron_day", "lab_test_site",
    "lab_planning_desk", "lab_stable_days", "lab_report_lead_days",
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
    if name == "language" and value not in ("it", "en"):
        raise ValidationError(_("Language must be Italian or English."))
    if name == "badge_size" and value not in BADGE_SIZES:
        raise ValidationError(_("Unknown badge size."))
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
