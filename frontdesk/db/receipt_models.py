"""Typed models of the desk's receipts: the Point's price list, the receipt and its lines, the kept
daily closings (issue 16).

They follow the rules of db.models (imported from there, registered on the same metadata): both
tables sync and declare their merge policy, every text column says whether it may hold personal
data. Money is exact decimal text ("123.45"), never a float; times are UTC.

A receipt is only ever added or voided, never deleted nor edited: its `status` moves forward
(issued < voided) and the void's reason, time and author follow it (Policy.together); its lines are
append-only. It keeps its own copy of the customer (`customer`: JSON of domain.receipts.customer.
CustomerCopy), so an edit, merge or anonymisation of the company never changes what it says. The
copy and `customer_name` may be a private person's: PERSONAL, kept as fiscal records for ten years
whatever the visitor retention says (no erasure clears them).
"""

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.models import NOT_PERSONAL, PERSONAL, Base, Synced, UTCDateTime
from frontdesk.domain.merge import Policy
from frontdesk.domain.roles import Permission as P


class PriceItem(Synced, Base):
    """One priced item the Point sells besides lab tests (those are priced in lab_test_type): a
    course, a room, another service. resources/seed/price_list.csv seeds it; the administrator edits
    it. Its id derives from its code (ids.reference_id), so every desk shares one row per code.
    Money in integer cents without VAT; `vat_rate` ("22"), or '' and a `nature` code (N1 ... N7)."""

    __tablename__ = "price_item"
    __sync__ = Policy(permissions=frozenset({P.EDIT_PRICE_LIST}), seeded="code")
    code: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    kind: Mapped[str] = mapped_column(String(12), info=NOT_PERSONAL)  # domain.receipts.price_list.ITEM_KINDS
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("service.id"))  # the Point's service it is of
    name_it: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    name_en: Mapped[str] = mapped_column(String(200), info=NOT_PERSONAL)
    unit: Mapped[str] = mapped_column(String(12), default="item", info=NOT_PERSONAL)  # price_list.UNITS
    price_cents: Mapped[int] = mapped_column(Integer, default=0)
    member_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    vat_rate: Mapped[str] = mapped_column(String(8), default="22", info=NOT_PERSONAL)
    nature: Mapped[str] = mapped_column(String(6), default="", info=NOT_PERSONAL)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


RECEIPT_STATUS_RANK = {"issued": 0, "voided": 1}
VOID_FIELDS = ("void_reason", "voided_at", "voided_by", "voided_by_name")


class Receipt(Synced, Base):
    """A non-fiscal receipt as issued: its number from the desk's series "receipt-<year>"
    (`R1-2026-000123`), what the customer was, how they paid, the totals."""

    __tablename__ = "receipt"
    __sync__ = Policy(forward={"status": RECEIPT_STATUS_RANK}, together={"status": VOID_FIELDS},
                      permissions=frozenset({P.ISSUE_RECEIPTS}))
    number: Mapped[str] = mapped_column(String(40), unique=True, info=NOT_PERSONAL)
    prefix: Mapped[str] = mapped_column(String(16), info=NOT_PERSONAL)  # the desk's series prefix (R1, R1-B)
    year: Mapped[int] = mapped_column(Integer)  # the year in Rome of `issued_at`
    counter: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    issued_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the staff member
    issued_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)  # staff label
    customer: Mapped[str] = mapped_column(Text, default="{}", info=PERSONAL)  # JSON CustomerCopy
    customer_name: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)  # for lists
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("company.id"), index=True)
    request_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_request.id"), index=True)
    payment: Mapped[str] = mapped_column(String(10), info=NOT_PERSONAL)  # domain.receipts.receipt.PAYMENT_METHODS
    net: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)  # decimal text
    vat: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)
    total: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)
    stamp_duty_due: Mapped[bool] = mapped_column(Boolean, default=False)  # owed by the Point
    stamp_duty_charged: Mapped[bool] = mapped_column(Boolean, default=False)  # a line of the receipt
    status: Mapped[str] = mapped_column(String(8), default="issued", info=NOT_PERSONAL)  # issued | voided
    void_reason: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    voided_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    voided_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)


class ReceiptLine(Synced, Base):
    """One line of a receipt, as it was printed (the stamp duty's line included when charged)."""

    __tablename__ = "receipt_line"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.ISSUE_RECEIPTS}))
    receipt_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("receipt.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300), info=NOT_PERSONAL)  # what is sold
    quantity: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)  # decimal text
    unit_price: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)
    net: Mapped[str] = mapped_column(String(20), info=NOT_PERSONAL)
    vat_rate: Mapped[str] = mapped_column(String(6), default="", info=NOT_PERSONAL)  # "22"; '' with a nature
    nature: Mapped[str] = mapped_column(String(6), default="", info=NOT_PERSONAL)  # N1 ... N7
    kind: Mapped[str] = mapped_column(String(12), default="typed", info=NOT_PERSONAL)  # LINE_KINDS
    source_code: Mapped[str] = mapped_column(String(40), default="", info=NOT_PERSONAL)  # the catalogue's code


class ReceiptClosing(Synced, Base):
    """A desk's daily closing as it was kept: who closed which day when, and a copy of every figure it
    printed (`content`: JSON of documents.receipts.closing_pdf.Closing), from which its PDF is drawn
    again identically (`pdf_sha256` checks it). Append-only: closing a day again adds a row, and a
    later closing that differs from the one kept shows what changed."""

    __tablename__ = "receipt_closing"
    __sync__ = Policy(append_only=True, permissions=frozenset({P.ISSUE_RECEIPTS}))
    desk: Mapped[str] = mapped_column(String(8), info=NOT_PERSONAL)  # the desk whose receipts it sums
    day: Mapped[dt.date] = mapped_column(Date, index=True)  # the Rome day
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    made_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    made_by_name: Mapped[str] = mapped_column(String(200), default="", info=NOT_PERSONAL)
    issued: Mapped[int] = mapped_column(Integer, default=0)  # receipts issued on the day
    valid: Mapped[int] = mapped_column(Integer, default=0)  # of which not voided by its end
    total: Mapped[str] = mapped_column(String(20), default="0", info=NOT_PERSONAL)  # decimal text
    content: Mapped[str] = mapped_column(Text, default="{}", info=PERSONAL)  # void reasons are typed text
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="", info=NOT_PERSONAL)


RECEIPT_MODELS = (PriceItem, Receipt, ReceiptLine, ReceiptClosing)
"""The receipts' synced tables, parents before the rows that refer to them."""
