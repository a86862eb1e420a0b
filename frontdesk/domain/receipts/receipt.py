"""A receipt as values: its lines, how it is paid, its totals with the stamp duty, its number (pure).

The desk's receipt is a non-fiscal receipt ("ricevuta non fiscale"): proof of what was agreed and
paid, followed by the invoice or the commercial document (see README). Its money follows
domain.receipts.vat. Rules that need no database:
- a line: a description, a quantity above zero and at most MAX_QUANTITY (three decimals at most: hours,
  kilograms), a unit price of whole cents, from 0 to MAX_PRICE, and its VAT rate or nature code;
- the stamp duty: owed by the Point when due; charged to the customer, as a line of its own (nature
  N1, outside VAT), only when the site settings say so;
- cash at or above the legal limit (a site setting, EUR 5,000 today: D.Lgs. 231/2007 art. 49) is
  refused: the customer pays by card or transfer;
- the number: `<desk series>-<year>-<counter>` (R1-2026-000123), the year of the moment of issue in
  Rome, so the first receipt after midnight on 1 January, Rome time, opens the new year's series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from frontdesk.domain.clock import ROME
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.vat import (
    CENT,
    STAMP_DUTY,
    STAMP_DUTY_NATURE,
    ZERO,
    TaxLine,
    TaxSummary,
    cents,
    check_tax,
    summarise,
)
from frontdesk.i18n import _, format_money

PAYMENT_METHODS = ("cash", "card", "transfer", "invoice")  # "invoice": paid on the invoice that follows
MAX_QUANTITY = Decimal("10000")
MAX_PRICE = Decimal("1000000")
CASH_LIMIT = Decimal("5000")  # D.Lgs. 231/2007 art. 49 c. 1, from 1 January 2023; the site setting's default
LINE_KINDS = ("test", "training", "room", "service", "typed", "stamp_duty")


def line_kind_label(kind: str) -> str:
    """Which catalogue a line came from, in the desk's language (LINE_KINDS)."""
    return {"test": _("Test"), "training": _("Training"), "room": _("Room use"), "service": _("Service"),
            "typed": _("Other"), "stamp_duty": _("Stamp duty")}.get(kind, kind)


@dataclass(frozen=True)
class LineInput:
    """One line as the desk enters it; `kind` says which catalogue it came from ("typed": by hand)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: str = ""
    nature: str = ""
    kind: str = "typed"
    source_code: str = ""  # the catalogue's code (a test type, a course, a room), for the accounts


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    vat_rate: str
    nature: str
    kind: str
    source_code: str


@dataclass(frozen=True)
class ReceiptTotals:
    lines: tuple[Line, ...]  # as entered, then the stamp duty's line when charged
    tax: TaxSummary
    stamp_duty_due: bool  # owed by the Point on this receipt
    stamp_duty_charged: bool  # and charged to the customer (a line of `lines`)

    @property
    def total(self) -> Decimal:
        return self.tax.total


def _decimal(value: object, field: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_("Write a number."), field=field)
    return number


def check_line(item: LineInput, number: int) -> Line:
    """The line with its net amount, or ValidationError naming the line (1-based) and what is wrong."""
    description = " ".join(item.description.split())
    if not description:
        raise ValidationError(_("Line {n}: describe what is sold.").format(n=number), field=f"line.{number}")
    if len(description) > 300:
        raise ValidationError(_("Line {n}: the description is too long (at most 300 characters).").format(n=number),
                              field=f"line.{number}")
    quantity = _decimal(item.quantity, f"line.{number}")
    if not Decimal(0) < quantity <= MAX_QUANTITY:
        raise ValidationError(_("Line {n}: the quantity must be above 0 and at most {max}.").format(
            n=number, max=MAX_QUANTITY), field=f"line.{number}")
    if quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError(_("Line {n}: the quantity has at most three decimals.").format(n=number),
                              field=f"line.{number}")
    price = _decimal(item.unit_price, f"line.{number}")
    if price != price.quantize(CENT):
        raise ValidationError(_("Line {n}: a price is in euros and cents, with at most two decimals.").format(n=number),
                              field=f"line.{number}")
    if not ZERO <= price <= MAX_PRICE:
        raise ValidationError(_("Line {n}: the price must be from 0 to {max}.").format(
            n=number, max=format_money(MAX_PRICE)), field=f"line.{number}")
    if item.kind not in LINE_KINDS or item.kind == "stamp_duty":
        raise ValidationError(_("Line {n}: unknown kind of line.").format(n=number), field=f"line.{number}")
    try:
        check_tax(item.vat_rate, item.nature)
    except ValidationError as refused:
        raise ValidationError(_("Line {n}: {why}").format(n=number, why=refused.message), field=f"line.{number}") \
            from None
    return Line(description, quantity, price,
                cents(quantity * price), item.vat_rate, item.nature, item.kind, item.source_code)


def receipt_totals(items: Iterable[LineInput], *, charge_stamp_duty: bool) -> ReceiptTotals:
    """Every line checked, then the totals; the stamp duty's line added when due and charged."""
    items = tuple(items)
    if not items:
        raise ValidationError(_("A receipt needs at least one line."), field="lines")
    lines = [check_line(item, n) for n, item in enumerate(items, start=1)]
    due = summarise(TaxLine(line.net, line.vat_rate, line.nature) for line in lines).stamp_duty_due
    charged = due and charge_stamp_duty
    if charged:
        lines.append(Line(_("Stamp duty"), Decimal(1), STAMP_DUTY, STAMP_DUTY, "", STAMP_DUTY_NATURE, "stamp_duty", ""))
    tax = summarise(TaxLine(line.net, line.vat_rate, line.nature) for line in lines)
    return ReceiptTotals(tuple(lines), tax, due, charged)


def check_payment(method: str, total: Decimal, *, cash_limit: Decimal = CASH_LIMIT) -> None:
    if method not in PAYMENT_METHODS:
        raise ValidationError(_("Choose how the customer pays: cash, card, bank transfer or on the invoice."),
                              field="payment")
    if method == "cash" and total >= cash_limit:
        raise ValidationError(_("Cash payments of {limit} or more are not allowed by law: the customer pays by card "
                                "or bank transfer.").format(limit=format_money(cash_limit)), field="payment")


def receipt_year(moment: dt.datetime) -> int:
    """The year a receipt issued at `moment` (aware) belongs to: the year in Rome."""
    if moment.tzinfo is None:
        raise ValueError("a moment of issue must be an aware datetime")
    return moment.astimezone(ROME).year


def receipt_number(prefix: str, year: int, counter: int) -> str:
    """`R1-2026-000123`: the desk's series prefix (domain.series), the year, the counter in that year."""
    if counter < 1:
        raise ValueError("a receipt counter starts at 1")
    return f"{prefix}-{year}-{counter:06d}"
