"""Typed SQLAlchemy 2 models of the desk's SQLite file.

Synced tables carry a time-ordered UUID key, UTC timestamps, the desk that created and last
changed the row, and an HLC stamp for sync.

Every text column says whether it may hold personal data (a test walks the models and fails on
one that does not, so a new column cannot slip through unclassified):
- `PERSONAL`: names, contacts, and free text people type (notes, titles, reasons), which may name
  someone or say something about them. The audit records that it changed, never its value; the
  erasure and the retention anonymisation clear it on a visitor and on their visits and
  registrations (services.privacy.rights walks these markers, so a new personal column there is cleared).
- `NOT_PERSONAL`: codes, states, catalogue text, business identity and fiscal data of companies,
  desk codes, and the audit trail's own columns (its `changes` never hold a personal value).
- `SECRET`: password hashes, personal and never shown, not even as a value in the audit.

Erasure outranks every other change in sync: the visitor, their visits and registrations declare
an erasure (domain.merge.Erasure) whose marker is `anonymised_at` and whose cleared values are
their personal columns (`erasure_of`, after the models); services.privacy.rights clears exactly
these values, and the merge keeps them cleared whatever arrives later.
"""


import datetime as dt
import uuid
from dataclasses import replace

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from frontdesk.domain.clock import utcnow
from frontdesk.domain.ids import new_id
from frontdesk.domain.merge import SET_ONCE, Erasure, Policy
from frontdesk.domain.roles import Permission as P

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
PERSONAL = {"personal": True}
NOT_PERSONAL = {"personal": False}
SECRET = {"personal": True, "secret": True}


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC text; always handed back timezone-aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every synced table has."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_desk: Mapped[str] = mapped_column(String(8), default="", info=NOT_PERSONAL)
    updated_desk: Mapped[str] = mapped_column(String(8), default="", info=NOT_PERSONAL)
    hlc: Mapped[str] = mapped_column(String(32), default="", info=NOT_PERSONAL)


class Association(Synced, Base):
    __tablename__ = "association"
    __sync__ = Policy()  # reference data: the same ids at every desk (ids.reference_id)
    code: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    name: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Company(Synced, Base):
    __tablename__ = "company"
    __sync__ = Policy(permissions=frozenset({P.EDIT_COMPANIES}))
    name: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    name_key: Mapped[str] = mapped_column(String(200), index=True, info=NOT_PERSONAL)
    search_key: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)
    kind: Mapped[str] = mapped_column(String(10), default="it", info=NOT_PERSONAL)  # it | public | foreign | private
    first_name: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)  # a private person's
    last_name: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    vat_number: Mapped[str] = mapped_column(String(20), default="", index=True, info=NOT_PERSONAL)
    fiscal_code: Mapped[str] = mapped_column(String(20), default="", info=NOT_PERSONAL)
    sdi_code: Mapped[str] = mapped_column(String(7), default="", info=NOT_PERSONAL)
    pec: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    address: Mapped[str] = mapped_column(String(300), default="", info=NOT_PERSONAL)
    city: Mapped[str] = mapped_column(String(100), default="", info=NOT_PERSONAL)
    postcode: Mapped[str] = mapped_column(String(12), default="", info=NOT_PERSONAL)  # CAP in Italy
    province: Mapped[str] = mapped_column(String(2), default="", info=NOT_PERSONAL)  # domain.provinces; '' abroad
    country: Mapped[str] = mapped_column(String(2), default="IT", info=NOT_PERSONAL)  # ISO 3166-1 alpha-2
    email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)  # often a contact person's
    phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    association_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("association.id"))
    association: Mapped[Association | None] = relationship()
    report_language: Mapped[str] = mapped_column(String(5), default="it", info=NOT_PERSONAL)  # lab reports: it | en


class Visitor(Synced, Base):
    __tablename__ = "visitor"
    __sync__ = Policy(forward={"anonymised_at": SET_ONCE},
                      permissions=frozenset({P.EDIT_VISITORS, P.CHECK_IN, P.PRIVACY_REQUESTS, P.APPLY_RETENTION}))
    first_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    last_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    search_key: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("company.id"), index=True)
    company: Mapped[Company | None] = relationship()
    last_visit_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    privacy_notice_version: Mapped[str] = mapped_column(String(20), default="", info=NOT_PERSONAL)
    privacy_ack_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    newsletter_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # the erasure marker
    __table_args__ = (Index("ix_visitor_recency", "last_visit_at", "search_key", "id"),)


class VisitorSearchTerm(Base):
    """One row per search word of a visitor, ordered by recency: the search index (local, derived)."""

    __tablename__ = "visitor_search_term"
    term: Mapped[str] = mapped_column(String(100), primary_key=True, info=PERSONAL)  # words of a name
    last_visit_at: Mapped[str] = mapped_column(String(32), primary_key=True,  # ISO text, '' if never
                                               info=NOT_PERSONAL)
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("visitor.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Host(Synced, Base):
    """Someone visitors come to see: Point staff, association officers, incubator tenants."""

    __tablename__ = "host"
    __sync__ = Policy(permissions=frozenset({P.EDIT_HOSTS}))
    name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    organisation: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Service(Synced, Base):
    """A service of the Point a visit is for."""

    __tablename__ = "service"
    __sync__ = Policy()  # reference data: the same ids at every desk (ids.reference_id)
    code: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    name_it: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    name_en: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Registration(Synced, Base):
    """A visit registered ahead for a date range (a three-day course): one badge, a visit per day."""

    __tablename__ = "registration"
    __sync__ = Policy(forward={"cancelled_at": SET_ONCE, "anonymised_at": SET_ONCE},
                      permissions=frozenset({P.CHECK_IN, P.PRIVACY_REQUESTS, P.APPLY_RETENTION}))
    visitor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visitor.id"), index=True)
    visitor: Mapped[Visitor] = relationship()
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id"))
    service: Mapped[Service] = relationship()
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host.id"))
    host: Mapped[Host | None] = relationship()
    title: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # its visitor was erased


# How a visit was closed: a person's check-out outranks the evening close, whatever the stamps;
# the check-out time, who checked out and the old flag go with it (Policy.together).
CLOSED_BY = {"": 0, "system": 1, "person": 2}


class Visit(Synced, Base):
    __tablename__ = "visit"
    __sync__ = Policy(forward={"status": {"expected": 0, "on_site": 1, "out": 2, "cancelled": 2},
                               "checked_in_at": SET_ONCE, "checked_out_at": SET_ONCE, "closed_by": CLOSED_BY,
                               "anonymised_at": SET_ONCE},
                      together={"closed_by": ("checked_out_at", "checked_out_by", "closed_by_system")},
                      permissions=frozenset({P.CHECK_IN, P.CHECK_OUT, P.PRIVACY_REQUESTS, P.APPLY_RETENTION}))
    visitor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visitor.id"))
    visitor: Mapped[Visitor] = relationship()
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id"))
    service: Mapped[Service] = relationship()
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host.id"))
    host: Mapped[Host | None] = relationship()
    registration_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("registration.id"), index=True)
    registration: Mapped[Registration | None] = relationship()
    expected_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="expected",  # expected|on_site|out|cancelled
                                        info=NOT_PERSONAL)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by_system: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_by: Mapped[str] = mapped_column(String(8), default="", info=NOT_PERSONAL)  # '' | system | person
    checked_out_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the staff member; None: the desk itself
    checked_in_desk: Mapped[str] = mapped_column(String(8), default="", info=NOT_PERSONAL)  # its evening close
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)  # "accompagnata dal marito, cell. ..."
    cancel_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # its visitor was erased
    __table_args__ = (
        Index("ix_visit_visitor_in", "visitor_id", "checked_in_at"),
        Index("ix_visit_status", "status"),
    )


class Badge(Synced, Base):
    """A printed badge: its number in the desk's series; a reprint supersedes the previous one."""

    __tablename__ = "badge"
    __sync__ = Policy(forward={"superseded_at": SET_ONCE}, permissions=frozenset({P.CHECK_IN}))
    number: Mapped[str] = mapped_column(String(30), unique=True, info=NOT_PERSONAL)
    subject_kind: Mapped[str] = mapped_column(String(12), info=NOT_PERSONAL)  # visit | registration
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    key_id: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class StaffMember(Synced, Base):
    """A staff account, the same at every desk (a person signs in anywhere); wrong passwords and
    locks are this desk's own and never leave it. The hub re-checks every change against the
    admin role (hub.staff), and keeps usernames unique across the site."""

    __tablename__ = "staff_member"
    __sync__ = Policy(local=frozenset({"failed_attempts", "locked_until"}),
                      permissions=frozenset({P.MANAGE_STAFF}))
    username: Mapped[str] = mapped_column(String(60), unique=True, info=NOT_PERSONAL)
    display_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    role: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)
    password_hash: Mapped[str] = mapped_column(String(300), default="", info=SECRET)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Append-only: SQLite triggers refuse UPDATE, DELETE and a REPLACE over an event (db.triggers)."""

    __tablename__ = "audit_event"
    __sync__ = Policy(append_only=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    desk: Mapped[str] = mapped_column(String(8), info=NOT_PERSONAL)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    actor_label: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)  # staff who acted: the trail's point
    record_type: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    record_id: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    action: Mapped[str] = mapped_column(String(60), info=NOT_PERSONAL)
    # JSON: field -> [before, after] | "changed" (personal fields: "changed" only)
    changes: Mapped[str] = mapped_column(Text, default="{}", info=NOT_PERSONAL)
    __table_args__ = (Index("ix_audit_event_record", "record_type", "record_id"),)


class SiteSetting(Synced, Base):
    """One site setting (domain.settings.SITE_KEYS): key and JSON value, the same at every desk.
    Its id is derived from its key (ids.reference_id), so every desk writes the same row and the
    last change of a key wins."""

    __tablename__ = "site_setting"
    __sync__ = Policy(permissions=frozenset({P.EDIT_SETTINGS}))
    key: Mapped[str] = mapped_column(String(60), unique=True, info=NOT_PERSONAL)
    value: Mapped[str] = mapped_column(Text, info=NOT_PERSONAL)


class Setting(Base):
    """One desk setting or per-desk flag: key and JSON value, never synced (see domain.settings)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True, info=NOT_PERSONAL)
    value: Mapped[str] = mapped_column(Text, info=NOT_PERSONAL)


class NumberSeries(Base):
    """The last number issued in a desk series (badges, sample IDs, receipts) under a prefix."""

    __tablename__ = "number_series"
    name: Mapped[str] = mapped_column(String(30), primary_key=True, info=NOT_PERSONAL)
    prefix: Mapped[str] = mapped_column(String(12), primary_key=True, info=NOT_PERSONAL)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


# --- sync bookkeeping (desk side; db.outbox fills the outbox through triggers) ------------------


class SyncOutbox(Base):
    """Every local change to a synced table, in order, until the hub has answered it."""

    __tablename__ = "sync_outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    row_id: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    kind: Mapped[str] = mapped_column(String(10), info=NOT_PERSONAL)  # insert | update
    hlc: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    fields: Mapped[str] = mapped_column(Text, info=NOT_PERSONAL)  # JSON list of the changed fields
    data: Mapped[str] = mapped_column(Text, info=PERSONAL)  # JSON of the row as written
    actor: Mapped[str | None] = mapped_column(Text, info=NOT_PERSONAL)  # JSON {staff_id, role}; {} the desk
    # AUTOINCREMENT: a sequence number is never used twice, even once the outbox is empty (the hub
    # answers a number it has seen from its record, as a replay)
    __table_args__ = (Index("ix_sync_outbox_row", "table_name", "row_id"), {"sqlite_autoincrement": True})


class SyncRejected(Base):
    """A change the hub refused: kept for a person to look at; it never blocks the outbox."""

    __tablename__ = "sync_rejected"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    epoch: Mapped[str] = mapped_column(String(20), primary_key=True, info=NOT_PERSONAL)
    table_name: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    row_id: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    hlc: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    data: Mapped[str] = mapped_column(Text, info=PERSONAL)
    reason: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncApply(Base):
    """Has a row only inside the transaction that applies pulled changes: the outbox triggers'
    WHEN checks it, so applying what the hub sent never queues it again."""

    __tablename__ = "sync_apply"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class SyncState(Base):
    """The desk's sync bookkeeping: the hybrid clock (key 'clock'), the pull watermark, the last
    good sync. Written in the same transaction as what it describes."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True, info=NOT_PERSONAL)
    value: Mapped[str] = mapped_column(Text, default="", info=NOT_PERSONAL)
    number: Mapped[int] = mapped_column(Integer, default=0)


ANONYMOUS = "Anonimo"  # an erased visitor's first name


def erasure_of(model, **values: object) -> Erasure:
    """The erasure of `model`: marker `anonymised_at`; every personal column it syncs is cleared
    to '' (or to the value given here)."""
    local = model.__sync__.local
    cleared: dict[str, object] = {c.name: "" for c in model.__table__.columns
                                  if c.info.get("personal") and c.name not in local}
    return Erasure("anonymised_at", {**cleared, **values})


Visitor.__sync__ = replace(Visitor.__sync__, erasure=erasure_of(Visitor, first_name=ANONYMOUS,
                                                                  newsletter_consent=False))
Visit.__sync__ = replace(Visit.__sync__, erasure=erasure_of(Visit))
Registration.__sync__ = replace(Registration.__sync__, erasure=erasure_of(Registration))


class SyncTableSum(Base):
    """Each synced table's checksum as this desk holds it (domain.checksum): rows and the sum of
    their hashes (signed 64-bit), brought up to date from `sync_sum_journal` by sync.checksums."""

    __tablename__ = "sync_table_sum"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True, info=NOT_PERSONAL)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)


class SyncSumJournal(Base):
    """One row per change of a synced row's contribution to its table's checksum (its id and
    newest stamp; NULL: the row did not count), written by triggers (db.checksums) whoever writes,
    the apply step and raw SQL included; folded into `sync_table_sum` and emptied at each verify."""

    __tablename__ = "sync_sum_journal"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    row_id: Mapped[str] = mapped_column(String(40), info=NOT_PERSONAL)
    old_stamp: Mapped[str | None] = mapped_column(String(40), info=NOT_PERSONAL)
    new_stamp: Mapped[str | None] = mapped_column(String(40), info=NOT_PERSONAL)


class SyncReceived(Base):
    """The rows of synced tables without an `hlc` column (the append-only audit trail) this desk
    has received from the hub, its own included once they came back: they count in their table's
    checksum from then on, as a row with an `hlc` does once the apply step stamped it."""

    __tablename__ = "sync_received"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True, info=NOT_PERSONAL)
    row_id: Mapped[str] = mapped_column(String(40), primary_key=True, info=NOT_PERSONAL)


def synced_models() -> tuple[type[Base], ...]:
    """The models that sync (each declares `__sync__`), parents before the rows that refer to them."""
    from frontdesk.db.lab_models import LAB_MODELS
    from frontdesk.db.receipt_models import RECEIPT_MODELS

    return (Association, Service, Company, Host, Visitor, Registration, Visit, Badge, SiteSetting, StaffMember,
            *LAB_MODELS, *RECEIPT_MODELS, AuditEvent)


from frontdesk.db import lab_models, receipt_models  # noqa: E402,F401  (their tables join this metadata)
