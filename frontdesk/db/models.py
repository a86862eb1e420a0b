"""Typed SQLAlchemy 2 models of the desk's SQLite file.

Synced tables carry a time-ordered UUID key, UTC timestamps, the desk that created and last
changed the row, and an HLC stamp for sync. Columns holding personal data carry
`info={"personal": True}`: audit records their change without values, anonymisation clears them.
"""


import datetime as dt
import uuid

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

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
PERSONAL = {"personal": True}


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
    created_desk: Mapped[str] = mapped_column(String(8), default="")
    updated_desk: Mapped[str] = mapped_column(String(8), default="")
    hlc: Mapped[str] = mapped_column(String(32), default="")


class Association(Synced, Base):
    __tablename__ = "association"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Company(Synced, Base):
    __tablename__ = "company"
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    search_key: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(10), default="it")  # it | foreign | private
    vat_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    fiscal_code: Mapped[str] = mapped_column(String(20), default="")
    sdi_code: Mapped[str] = mapped_column(String(7), default="")
    pec: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    association_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("association.id"))
    association: Mapped[Association | None] = relationship()


class Visitor(Synced, Base):
    __tablename__ = "visitor"
    first_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    last_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    search_key: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("company.id"), index=True)
    company: Mapped[Company | None] = relationship()
    last_visit_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    privacy_notice_version: Mapped[str] = mapped_column(String(20), default="")
    privacy_ack_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    newsletter_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_visitor_recency", "last_visit_at", "search_key", "id"),)


class VisitorSearchTerm(Base):
    """One row per search word of a visitor, ordered by recency: the search index (local, derived)."""

    __tablename__ = "visitor_search_term"
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_visit_at: Mapped[str] = mapped_column(String(32), primary_key=True)  # ISO text, '' if never
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("visitor.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Host(Synced, Base):
    """Someone visitors come to see: Point staff, association officers, incubator tenants."""

    __tablename__ = "host"
    name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(50), default="", info=PERSONAL)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Service(Synced, Base):
    """A service of the Point a visit is for."""

    __tablename__ = "service"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_it: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Registration(Synced, Base):
    """A visit registered ahead for a date range (a three-day course): one badge, a visit per day."""

    __tablename__ = "registration"
    visitor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visitor.id"), index=True)
    visitor: Mapped[Visitor] = relationship()
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id"))
    service: Mapped[Service] = relationship()
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host.id"))
    host: Mapped[Host | None] = relationship()
    title: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")


class Visit(Synced, Base):
    __tablename__ = "visit"
    visitor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visitor.id"))
    visitor: Mapped[Visitor] = relationship()
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id"))
    service: Mapped[Service] = relationship()
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host.id"))
    host: Mapped[Host | None] = relationship()
    registration_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("registration.id"), index=True)
    registration: Mapped[Registration | None] = relationship()
    expected_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="expected")  # expected|on_site|out|cancelled
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by_system: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")
    __table_args__ = (
        Index("ix_visit_visitor_in", "visitor_id", "checked_in_at"),
        Index("ix_visit_status", "status"),
    )


class Badge(Synced, Base):
    """A printed badge: its number in the desk's series; a reprint supersedes the previous one."""

    __tablename__ = "badge"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    subject_kind: Mapped[str] = mapped_column(String(12))  # visit | registration
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    key_id: Mapped[str] = mapped_column(String(40))
    superseded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class StaffMember(Synced, Base):
    __tablename__ = "staff_member"
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), info=PERSONAL)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300), default="", info={"secret": True})
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Append-only: SQLite triggers refuse UPDATE and DELETE (see the migrations)."""

    __tablename__ = "audit_event"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    desk: Mapped[str] = mapped_column(String(8))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    actor_label: Mapped[str] = mapped_column(String(200))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> [before, after] | "changed"
    __table_args__ = (Index("ix_audit_event_record", "record_type", "record_id"),)


class Setting(Base):
    """One desk setting: key and JSON value (see domain.settings)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NumberSeries(Base):
    """The last number issued in a desk series (badges, sample IDs, receipts) under a prefix."""

    __tablename__ = "number_series"
    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(12), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
