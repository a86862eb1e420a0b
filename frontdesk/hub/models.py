"""The hub's PostgreSQL schema (SQLAlchemy 2, psycopg 3); its own Alembic environment is in
hub/migrations.

- `hub_desk`: one row per registered desk: its code, the SHA-256 of its token (the token itself
  is shown once, never stored), the staff roles allowed to act there, and when it was revoked.
- `hub_applied_op`: one row per operation ever applied, unique on (desk, epoch, seq): a replayed
  push finds its answer here instead of applying twice, whichever hub process receives it; the
  operation's digest tells a replay from a different operation under a number already used, and
  finds an operation a restored desk pushes again under its new epoch.
- `hub_record`: the site's record: one row per synced row (table, id), its values and per-field
  HLC stamps (JSON, the values as the desks store them), and `txid`, the id of the transaction
  that last changed it (pg_current_xact_id(), an xid8, as a bigint): the change log is this
  table read in `txid` order, so it is compacted by construction (one entry per row).
- `hub_badge_key`: the site's badge key ring (DESIGN rule 10): every key a desk handed over, with
  the desk that handed it over first. Keys sign badges: this table is as secret as the desks'
  0600 key files (back the database up and keep it where only the hub's administrator reads it).
- `hub_epoch`: every number series (epoch) each desk has used, with when the hub first saw it and
  `epoch_id`, the random id of the desk's database that uses it (hub.epochs): a restored desk whose
  own choice of series collides with one the hub has seen refuses to push under it.
- `hub_table_sum` and `hub_table_sum_delta`: each synced table's checksum (domain.checksum: rows
  and a sum of hashes of ids and stamps, no values). A push inserts one delta row per table it
  changed, in its own transaction: pushes never wait on one another for it; reading the checksums
  folds the deltas into `hub_table_sum` (hub.checksums).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
CURRENT_TXID = text("(pg_current_xact_id()::text::bigint)")


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class HubDesk(HubBase):
    __tablename__ = "hub_desk"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[str] = mapped_column(Text)  # comma-separated domain.roles.Role values
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class HubAppliedOp(HubBase):
    __tablename__ = "hub_applied_op"
    desk_id: Mapped[int] = mapped_column(ForeignKey("hub_desk.id"), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(200), default="")
    digest: Mapped[str] = mapped_column(String(64))  # of the operation: a number reused for another is refused
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
    # A restored desk pushes its queue again under a new epoch: found by digest, answered, not applied again.
    __table_args__ = (Index("ix_hub_applied_op_replay", "desk_id", "digest"),)


class HubRecord(HubBase):
    __tablename__ = "hub_record"
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[dict] = mapped_column(JSONB)
    stamps: Mapped[dict] = mapped_column(JSONB)
    txid: Mapped[int] = mapped_column(BigInteger, server_default=CURRENT_TXID)
    desk_id: Mapped[int] = mapped_column(ForeignKey("hub_desk.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
    __table_args__ = (Index("ix_hub_record_log", "txid", "tbl", "row_id"),)


class HubBadgeKey(HubBase):
    __tablename__ = "hub_badge_key"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)
    desk_id: Mapped[int] = mapped_column(ForeignKey("hub_desk.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))


class HubEpoch(HubBase):
    __tablename__ = "hub_epoch"
    desk_id: Mapped[int] = mapped_column(ForeignKey("hub_desk.id"), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(20), primary_key=True)
    # The desk database using the series; NULL: a series the desk reported as used before (never taken again).
    epoch_id: Mapped[str | None] = mapped_column(String(32))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))


class HubTableSum(HubBase):
    __tablename__ = "hub_table_sum"
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    rows: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(Numeric(40, 0))  # kept within +-2**64


class HubTableSumDelta(HubBase):
    __tablename__ = "hub_table_sum_delta"
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)  # signed 64-bit
    txid: Mapped[int] = mapped_column(BigInteger)  # of the push that wrote it (hub.checksums)
