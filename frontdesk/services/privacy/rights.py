"""Data-subject requests (GDPR): the export of what is held about a person, and erasure.

- Erasure is anonymisation: names become "Anonimo", e-mail and phone are cleared, the search
  words are removed, and every column marked personal in the models (db.models.PERSONAL) is
  cleared on the visitor, their visits (notes, cancellation reason) and their registrations
  (title, notes, cancellation reason), each marked `anonymised_at`; company, association, purpose
  and dates stay for the statistics. What is cleared is the models' declared erasure
  (db.models.erasure_of), which sync's merge keeps cleared against any later or replayed change.
  It is an ordinary update, so sync carries it to the hub.
- Retention (privacy.retention) anonymises through the same `anonymise_visitor`.
- What an erasure leaves, it says (`Erasure`): receipts issued to the person (a private customer) are
  fiscal records, kept ten years whatever the visitor retention says (art. 2220 of the Civil Code;
  art. 22 DPR 600/1973), with their own copy of the customer (db.receipt_models); the lab's
  requests keep their contact's name under the lab's retention (db.lab_models).

Every operation is audited; the audit records personal fields as "changed", never their values.
Nothing personal goes into logs or file names (exports are returned as bytes; the caller names
the file by the record id). Imports no Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session, selectinload

from frontdesk.db.lab_models import LabRequest
from frontdesk.db.models import ANONYMOUS, AuditEvent, Badge, Registration, Visit, Visitor, VisitorSearchTerm
from frontdesk.db.receipt_models import Receipt
from frontdesk.documents.privacy.privacy_export import DossierTable, PersonDossier, person_export_pdf
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import Conflict, NotFound
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, format_date, format_datetime, ngettext
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.registry.reference import service_name
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active

_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$")


@dataclass(frozen=True)
class PersonExport:
    visitor_id: uuid.UUID
    json_bytes: bytes
    pdf_bytes: bytes

    @property
    def file_stem(self) -> str:
        """A file name without personal data: the record id."""
        return f"dati-personali-{self.visitor_id}"


# --- export ----------------------------------------------------------------------------------

def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def _load_visitor(session: Session, visitor_id: uuid.UUID) -> Visitor:
    visitor = session.get(Visitor, visitor_id, options=[selectinload(Visitor.company)])
    if visitor is None:
        raise NotFound(_("The visitor no longer exists."))
    return visitor


def _gather(session: Session, visitor: Visitor) -> dict[str, object]:
    company = visitor.company
    visits = list(session.scalars(select(Visit).where(Visit.visitor_id == visitor.id)
                                  .options(selectinload(Visit.service), selectinload(Visit.host))
                                  .order_by(Visit.checked_in_at, Visit.expected_on, Visit.created_at)))
    registrations = list(session.scalars(select(Registration).where(Registration.visitor_id == visitor.id)
                                         .options(selectinload(Registration.service))
                                         .order_by(Registration.valid_from)))
    subjects = [v.id for v in visits] + [r.id for r in registrations]
    badges = list(session.scalars(select(Badge).where(Badge.subject_id.in_(subjects)).order_by(Badge.created_at))) \
        if subjects else []
    records = [("visitor", str(visitor.id))] + [("visit", str(v.id)) for v in visits] \
        + [("registration", str(r.id)) for r in registrations]
    events = list(session.scalars(select(AuditEvent).where(
        tuple_(AuditEvent.record_type, AuditEvent.record_id).in_(records)).order_by(AuditEvent.at)))
    return {
        "visitor": {
            "id": str(visitor.id), "first_name": visitor.first_name, "last_name": visitor.last_name,
            "email": visitor.email, "phone": visitor.phone,
            "company": company.name if company else None,
            "association": company.association.name if company and company.association else None,
            "privacy_notice_version": visitor.privacy_notice_version,
            "privacy_notice_acknowledged_at": _iso(visitor.privacy_ack_at),
            "newsletter_consent": visitor.newsletter_consent,
            "created_at": _iso(visitor.created_at), "last_visit_at": _iso(visitor.last_visit_at),
            "anonymised_at": _iso(visitor.anonymised_at),
        },
        "visits": [{
            "id": str(v.id), "service": service_name(v.service), "host": v.host.name if v.host else None,
            "status": v.status, "expected_on": _iso(v.expected_on), "checked_in_at": _iso(v.checked_in_at),
            "checked_out_at": _iso(v.checked_out_at), "notes": v.notes, "cancel_reason": v.cancel_reason,
        } for v in visits],
        "registrations": [{
            "id": str(r.id), "service": service_name(r.service), "title": r.title,
            "valid_from": _iso(r.valid_from), "valid_to": _iso(r.valid_to), "notes": r.notes,
            "cancelled_at": _iso(r.cancelled_at), "cancel_reason": r.cancel_reason,
        } for r in registrations],
        "badges": [{
            "number": b.number, "valid_from": _iso(b.valid_from), "valid_to": _iso(b.valid_to),
            "superseded_at": _iso(b.superseded_at),
        } for b in badges],
        "audit_events": [{
            "at": _iso(e.at), "desk": e.desk, "by": e.actor_label, "record_type": e.record_type,
            "record_id": e.record_id, "action": e.action, "changes": json.loads(e.changes),
        } for e in events],
    }


def _when(text: str | None) -> str:
    return format_datetime(dt.datetime.fromisoformat(text)) if text else ""


def _day(text: str | None) -> str:
    return format_date(dt.date.fromisoformat(text)) if text else ""


def _dossier(data: dict, controller: str, now: dt.datetime) -> PersonDossier:
    person = data["visitor"]
    name = f"{person['first_name']} {person['last_name']}".strip()
    yes_no = {True: _("yes"), False: _("no")}
    fields = (
        (_("First name"), person["first_name"]), (_("Surname"), person["last_name"]),
        (_("E-mail"), person["email"]), (_("Phone"), person["phone"]),
        (_("Company"), person["company"] or ""), (_("Association"), person["association"] or ""),
        (_("Privacy notice shown"), person["privacy_notice_version"]),
        (_("Notice acknowledged on"), _when(person["privacy_notice_acknowledged_at"])),
        (_("Newsletter consent"), yes_no[bool(person["newsletter_consent"])]),
        (_("First recorded on"), _when(person["created_at"])),
        (_("Last visit"), _when(person["last_visit_at"])),
        (_("Anonymised on"), _when(person["anonymised_at"])),
    )
    visits = DossierTable(
        _("Visits"), (_("In"), _("Out"), _("Service"), _("Host"), _("Status"), _("Notes")),
        tuple((_when(v["checked_in_at"]) or _day(v["expected_on"]), _when(v["checked_out_at"]), v["service"],
               v["host"] or "", v["status"], v["notes"]) for v in data["visits"]),
        (0.16, 0.16, 0.2, 0.16, 0.1, 0.22))
    registrations = DossierTable(
        _("Registrations"), (_("From"), _("To"), _("Service"), _("Title"), _("Notes")),
        tuple((_day(r["valid_from"]), _day(r["valid_to"]), r["service"], r["title"], r["notes"])
              for r in data["registrations"]), (0.14, 0.14, 0.24, 0.24, 0.24))
    badges = DossierTable(
        _("Badges"), (_("Number"), _("Valid from"), _("Valid to")),
        tuple((b["number"], _day(b["valid_from"]), _day(b["valid_to"])) for b in data["badges"]))
    events = DossierTable(
        _("Changes recorded (audit trail)"), (_("When"), _("Desk"), _("By"), _("Action"), _("Fields")),
        tuple((_when(e["at"]), e["desk"], e["by"], e["action"], _changes_text(e["changes"]))
              for e in data["audit_events"]), (0.17, 0.08, 0.2, 0.2, 0.35))
    return PersonDossier(name or ANONYMOUS, controller, now, fields, (visits, registrations, badges, events),
                         reference=person["id"])


def _changes_text(changes: dict) -> str:
    parts = []
    for key, value in sorted(changes.items()):
        if value == "changed":
            parts.append(_("{field}: changed").format(field=key))
        elif isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}: {value[0]} → {value[1]}")
        else:
            parts.append(f"{key}: {value}")
    return "\n".join(parts)


def export_person(db, *, visitor_id: uuid.UUID, actor: Actor) -> PersonExport:
    """Everything held about one visitor, as JSON and as a readable PDF (art. 15 GDPR). Audited."""
    require(actor, Permission.PRIVACY_REQUESTS)
    now = utcnow()
    with db.read() as session:
        ensure_active(session, actor)
        settings = read_settings(session)
        data = _gather(session, _load_visitor(session, visitor_id))
    data = {"generated_at": now.isoformat(), "desk": db.desk,
            "controller": f"{settings.point_name}, {settings.point_full_address}", **data}
    json_bytes = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    pdf_bytes = person_export_pdf(_dossier(data, str(data["controller"]), now))
    with db.begin() as session:
        ensure_active(session, actor)
        audit.record(session, actor, "privacy.export", record_type="visitor", record_id=visitor_id,
                     changes={"visits": len(data["visits"]), "audit_events": len(data["audit_events"])})
    return PersonExport(visitor_id, json_bytes, pdf_bytes)


# --- erasure and retention -------------------------------------------------------------------

def _erase_row(row, now: dt.datetime) -> None:
    """Set the row's erasure marker and clear what its model's erasure clears (db.models,
    `erasure_of`: every personal column; the merge of sync keeps them cleared from now on)."""
    erasure = type(row).__sync__.erasure
    for name, value in erasure.cleared.items():
        setattr(row, name, value)
    setattr(row, erasure.marker, now)


def _erase_rows(session: Session, model, owner, visitor_id: uuid.UUID, actor: Actor, action: str,
                now: dt.datetime) -> None:
    """Erase the visitor's rows of `model` (visits, registrations), each changed row audited
    (personal columns as "changed", never the text)."""
    for row in session.scalars(select(model).where(owner == visitor_id, model.anonymised_at.is_(None))):
        _erase_row(row, now)
        changes = audit.changes_of(row)
        if changes:
            audit.record(session, actor, action, record_type=model.__tablename__, record_id=row.id, changes=changes)


def anonymise_visitor(session: Session, visitor: Visitor, *, actor: Actor, action: str, extra: dict[str, object],
                      now: dt.datetime) -> None:
    """Inside the caller's transaction: clear every personal column of the visitor, their visits
    and registrations, mark them erased, and record it (`extra` joins the audited changes)."""
    _erase_row(visitor, now)
    changes = audit.changes_of(visitor)
    changes.update(extra)
    audit.record(session, actor, action, record_type="visitor", record_id=visitor.id, changes=changes)
    session.execute(delete(VisitorSearchTerm).where(VisitorSearchTerm.visitor_id == visitor.id))
    # Free text people typed about the visit (notes, titles, reasons) may name the person or say
    # something about them: every personal column of their visits and registrations is cleared.
    _erase_rows(session, Visit, Visit.visitor_id, visitor.id, actor, action, now)
    _erase_rows(session, Registration, Registration.visitor_id, visitor.id, actor, action, now)


@dataclass(frozen=True)
class Erasure:
    """What an erasure left, and why (the module docstring)."""

    kept_receipts: tuple[str, ...]  # numbers of the receipts issued to the person
    lab_requests: int  # lab requests with the person as their contact

    def kept(self) -> tuple[str, ...]:
        """Each thing kept as a sentence for the person who asked, in the desk's language."""
        said = []
        if self.kept_receipts:
            count = len(self.kept_receipts)
            said.append(ngettext(
                "Receipt {numbers} issued to this person is kept for ten years as a fiscal record (art. 2220 of "
                "the Civil Code), whatever the erasure: it keeps its own copy of the customer's data.",
                "The {count} receipts issued to this person ({numbers}) are kept for ten years as fiscal records "
                "(art. 2220 of the Civil Code), whatever the erasure: they keep their own copy of the customer's "
                "data.", count).format(count=count, numbers=", ".join(self.kept_receipts)))
        if self.lab_requests:
            said.append(ngettext(
                "{count} lab request keeps this person's name as its contact, under the lab's retention.",
                "{count} lab requests keep this person's name as their contact, under the lab's retention.",
                self.lab_requests).format(count=self.lab_requests))
        return tuple(said)


def _receipts_of(session: Session, visitor: Visitor) -> tuple[str, ...]:
    """The receipts issued to the visitor as a private customer: to their own private-person record,
    or naming them (read before the visitor's names are cleared)."""
    person = f"{visitor.first_name} {visitor.last_name}".strip()
    found = session.scalars(select(Receipt).where(
        (Receipt.company_id == visitor.company_id) | (Receipt.customer_name.ilike(person)))
        .order_by(Receipt.issued_at))
    return tuple(r.number for r in found
                 if json.loads(r.customer).get("kind") == "private"
                 and (r.company_id == visitor.company_id or r.customer_name.casefold() == person.casefold()))


def erase_person(db, *, visitor_id: uuid.UUID, reason: str, actor: Actor) -> Erasure:
    """Anonymise one visitor on request (art. 17 GDPR). `reason` is kept in the audit trail, so it
    must not name the person (e.g. "request by e-mail of 12/03, ticket 45"). Returns what was kept."""
    require(actor, Permission.PRIVACY_REQUESTS)
    why = clean(reason, label=_("Reason"), required=True, max_len=300)
    with db.begin() as session:
        ensure_active(session, actor)
        visitor = _load_visitor(session, visitor_id)
        if visitor.anonymised_at is not None:
            raise Conflict(_("This person's data has already been erased."))
        kept = Erasure(_receipts_of(session, visitor), session.scalar(
            select(func.count()).select_from(LabRequest).where(LabRequest.contact_id == visitor.id)))
        anonymise_visitor(session, visitor, actor=actor, action="privacy.erase", extra={"reason": why}, now=utcnow())
        return kept
