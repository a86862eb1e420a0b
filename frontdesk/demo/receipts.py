"""The demo's receipts: the last working days' receipts of the front desk, issued through the receipts
service as the demo's receptionist at the hours they were made (so they carry the desk's series and
numbers, in order), with lines from the price list and the lab's catalogue at the member price where
the customer's association qualifies, paid in every way, and now and then one voided with its
reason. The Receipts screen, the daily closing and the period's figures can then be seen on the demo.
Made after the demo accounts exist (cli: `frontdesk demo`), like the demo's test reports.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.lab_models import TestType
from frontdesk.db.models import Company, StaffMember
from frontdesk.db.receipt_models import PriceItem
from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.domain.lab.requests import is_member
from frontdesk.domain.receipts.customer import missing_for_receipt
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.registry.companies import CompanySummary

DAYS = 10  # working days before today
VOID_REASONS = ("Importo errato, riemessa", "Cliente sbagliato", "Doppia emissione")
PAYMENTS = ("card", "card", "transfer", "cash", "invoice")


def _receptionist(session, desk: str) -> Actor | None:
    member = session.scalars(select(StaffMember).where(StaffMember.role == Role.RECEPTION.value,
                                                       StaffMember.active).order_by(StaffMember.username)).first()
    return None if member is None else Actor(desk=desk, role=Role.RECEPTION, staff_id=member.id,
                                             name=member.display_name)


def _items(session) -> list[tuple[str, str, int, int, str, str, str]]:
    """(kind, code, price, member price, VAT rate, nature, description) of what the desk sells."""
    items = [("test", t.code, t.price_cents * (24 if t.hours_min else 1), t.member_price_cents
              * (24 if t.hours_min else 1), t.vat_rate, "", t.name_it + (", 24 h" if t.hours_min else ""))
             for t in session.scalars(select(TestType).where(TestType.active).order_by(TestType.sort))]
    items += [(p.kind, p.code, p.price_cents, p.member_price_cents, p.vat_rate, p.nature, p.name_it)
              for p in session.scalars(select(PriceItem).where(PriceItem.active).order_by(PriceItem.sort))]
    return items


def _days(today: dt.date, count: int) -> list[dt.date]:
    days, day = [], today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def issue_demo_receipts(db, *, days: int = DAYS, seed: int = 2026) -> int:
    """Issue the demo's receipts of the `days` working days before today; how many were issued."""
    rng = random.Random(seed)
    with db.read() as session:
        actor = _receptionist(session, db.desk)
        members = read_settings(session).member_associations
        items = _items(session)
        customers = [(c.id, is_member(c.association_id, members)) for c in session.scalars(
            select(Company).order_by(Company.id)) if not missing_for_receipt(
            CompanySummary.of(c).customer_copy())]
    if actor is None or not customers or not items:
        return 0
    issued = 0
    for day in _days(today_in_rome(), days):
        moment = dt.datetime.combine(day, dt.time(9, 5), ROME)
        for _n in range(rng.randint(2, 6)):
            moment += dt.timedelta(minutes=rng.randint(20, 90))
            company_id, member = rng.choice(customers)
            lines = tuple(LineInput(description, Decimal(rng.choice((1, 1, 1, 2, 3))),
                                    Decimal(member_price if member else price) / 100, vat_rate=rate, nature=nature,
                                    kind=kind, source_code=code)
                          for kind, code, price, member_price, rate, nature, description
                          in rng.sample(items, rng.randint(1, 3)))
            payment = rng.choice(PAYMENTS)
            if payment == "cash" and sum(line.quantity * line.unit_price for line in lines) > 2000:
                payment = "card"
            receipt = issue_receipt(db, company_id=company_id, lines=lines, payment=payment, actor=actor,
                                    now=moment.astimezone(dt.UTC))
            issued += 1
            if rng.random() < 0.06:
                void_receipt(db, receipt_id=receipt.id, reason=rng.choice(VOID_REASONS), actor=actor,
                             now=(moment + dt.timedelta(minutes=12)).astimezone(dt.UTC))
    return issued
