"""What a receipt line can be taken from: the lab's active test types, then the Point's active price
list (courses, rooms, other services), each priced for one customer.

A customer whose company belongs to an association that qualifies (the site setting
`member_associations`, domain.lab.requests.is_member) pays the member price; anyone else, or no
customer chosen yet, the list price. An exposure test (salt spray) is priced per hour. Lab test
types carry a VAT rate only; price list items a rate or, sold without VAT, a nature code.

Reads only: no permission needed (the receipt's service checks who issues). No Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.lab_models import TestType
from frontdesk.db.models import Company
from frontdesk.db.receipt_models import PriceItem
from frontdesk.domain.lab.requests import is_member
from frontdesk.domain.receipts.price_list import unit_label
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.i18n import language
from frontdesk.services.desk.settings import read_settings

CENT = Decimal("0.01")


@dataclass(frozen=True)
class SellableItem:
    """One thing a receipt line can be taken from, priced for the customer it was listed for."""

    code: str
    kind: str  # a receipt line's kind: "test", "training", "room", "service"
    description: str  # in the desk's language; a test: "name (standard)"
    unit: str  # domain.receipts.price_list.UNITS
    unit_label: str  # "per hour"
    unit_price: Decimal  # euros without VAT, for this customer
    member: bool  # unit_price is the member price
    vat_rate: str  # "22"; '' with a nature
    nature: str = ""

    def line(self, quantity: Decimal | int | str = 1) -> LineInput:
        """The receipt line of `quantity` units of this item, keeping which item it is."""
        return LineInput(self.description, Decimal(str(quantity)), self.unit_price, vat_rate=self.vat_rate,
                         nature=self.nature, kind=self.kind, source_code=self.code)


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def _test_item(row: TestType, member: bool, italian: bool) -> SellableItem:
    name = row.name_it if italian else row.name_en
    description = f"{name} ({row.standard})" if row.standard else name
    unit = "hour" if row.hours_min is not None else "item"  # an exposure: its hours are the quantity
    cents = row.member_price_cents if member else row.price_cents
    return SellableItem(code=row.code, kind="test", description=description, unit=unit, unit_label=unit_label(unit),
                        unit_price=_euros(cents), member=member, vat_rate=row.vat_rate, nature="")


def _price_list_item(row: PriceItem, member: bool, italian: bool) -> SellableItem:
    cents = row.member_price_cents if member else row.price_cents
    return SellableItem(code=row.code, kind=row.kind, description=row.name_it if italian else row.name_en,
                        unit=row.unit, unit_label=unit_label(row.unit), unit_price=_euros(cents), member=member,
                        vat_rate=row.vat_rate, nature=row.nature)


def sellable_items(db, *, company_id: uuid.UUID | None) -> tuple[SellableItem, ...]:
    """Everything a receipt line can be taken from, in order (the lab's tests, then the price list),
    priced for the company `company_id` (None, or a company that is no longer there: list prices)."""
    italian = language() == "it"
    with db.read() as session:
        member = False
        if company_id is not None:
            association = session.scalar(select(Company.association_id).where(Company.id == company_id))
            member = is_member(association, read_settings(session).member_associations)
        tests = session.scalars(select(TestType).where(TestType.active).order_by(TestType.sort, TestType.code))
        items = [_test_item(row, member, italian) for row in tests]
        others = session.scalars(select(PriceItem).where(PriceItem.active).order_by(PriceItem.sort, PriceItem.code))
        items += [_price_list_item(row, member, italian) for row in others]
        return tuple(items)
