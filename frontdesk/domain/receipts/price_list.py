"""The Point's price list besides the lab's tests: courses, rooms, other services (pure).

An item has a code (capital letters, digits, dots, hyphens, underscores: `ROOM-HALFDAY`), a kind
(ITEM_KINDS: the receipt line's kind, which the period's figures group by), the Point's service it
belongs to (a code of resources/seed/services.csv, or none), Italian and English names, a unit the
quantity counts (UNITS), a price and a member price in cents without VAT (the member price when the
customer's association qualifies, never above the price), and either a VAT rate or, sold without
VAT, a nature code (domain.receipts.vat). `parse_price_list` reads the seed file
(resources/seed/price_list.csv); `check_item` is what every edit passes through.

Imports only the domain and i18n.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.vat import check_tax
from frontdesk.i18n import _

ITEM_KINDS = ("training", "room", "service")
UNITS = ("item", "hour", "half_day", "day", "participant")
CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
MAX_PRICE_CENTS = 100_000_000  # EUR 1,000,000: domain.receipts.receipt.MAX_PRICE


@dataclass(frozen=True)
class PriceItemSpec:
    code: str
    kind: str
    service_code: str  # the Point's service ('' for none)
    name_it: str
    name_en: str
    unit: str = "item"
    price_cents: int = 0
    member_price_cents: int = 0
    vat_rate: str = "22"
    nature: str = ""

    def unit_price(self, *, member: bool) -> Decimal:
        """The price of one unit without VAT, in euros: the member price for a member."""
        return (Decimal(self.member_price_cents if member else self.price_cents) / 100).quantize(Decimal("0.01"))


def unit_label(unit: str) -> str:
    """The unit as the desk reads it ("per hour")."""
    return {"item": _("each"), "hour": _("per hour"), "half_day": _("per half day"), "day": _("per day"),
            "participant": _("per participant")}.get(unit, unit)


def _text(value: object, *, field: str, label: str) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError(_("{label} is required.").format(label=label), field=field)
    if len(text) > 200:
        raise ValidationError(_("{label} is too long (at most 200 characters).").format(label=label), field=field)
    return text


def _cents(value: object, *, field: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("{label} must be a whole number of cents.").format(label=label), field=field)
    if value < 0:
        raise ValidationError(_("{label} cannot be negative.").format(label=label), field=field)
    if value > MAX_PRICE_CENTS:
        raise ValidationError(_("{label} is too high.").format(label=label), field=field)
    return value


def check_item(spec: PriceItemSpec, *, service_codes: frozenset[str] | None = None) -> PriceItemSpec:
    """The item cleaned, or ValidationError naming the field at fault. `service_codes`: the services
    that exist (None: not checked)."""
    code = str(spec.code or "").strip().upper()
    if not CODE.match(code):
        raise ValidationError(_("The code is made of capital letters, digits, dots, hyphens and underscores "
                                "(e.g. ROOM-HALFDAY)."), field="code")
    if spec.kind not in ITEM_KINDS:
        raise ValidationError(_("Choose what the item is: training, room use or another service."), field="kind")
    service = str(spec.service_code or "").strip()
    if service and service_codes is not None and service not in service_codes:
        raise ValidationError(_("The service {code} does not exist.").format(code=service), field="service")
    if spec.unit not in UNITS:
        raise ValidationError(_("Choose the unit the quantity counts."), field="unit")
    price = _cents(spec.price_cents, field="price_cents", label=_("Price"))
    member = _cents(spec.member_price_cents, field="member_price_cents", label=_("Member price"))
    if member > price:
        raise ValidationError(_("The member price is above the price."), field="member_price_cents")
    vat_rate, nature = str(spec.vat_rate or "").strip(), str(spec.nature or "").strip().upper()
    check_tax(vat_rate, nature)
    return replace(spec, code=code, service_code=service,
                   name_it=_text(spec.name_it, field="name_it", label=_("Italian name")),
                   name_en=_text(spec.name_en, field="name_en", label=_("English name")),
                   price_cents=price, member_price_cents=member, vat_rate=vat_rate, nature=nature)


def parse_price_list(text: str) -> tuple[PriceItemSpec, ...]:
    """Every item of the seed file (CSV with a header: code, kind, service, name_it, name_en, unit,
    price_cents, member_price_cents, vat_rate, nature), checked, in its order; codes unique."""
    items: list[PriceItemSpec] = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            items.append(check_item(PriceItemSpec(
                code=row["code"], kind=row["kind"], service_code=row["service"], name_it=row["name_it"],
                name_en=row["name_en"], unit=row["unit"], price_cents=int(row["price_cents"]),
                member_price_cents=int(row["member_price_cents"]), vat_rate=row["vat_rate"], nature=row["nature"])))
        except (KeyError, ValueError) as bad:
            raise ValidationError(_("Line {n} of the price list is not readable ({why}).").format(
                n=number, why=bad)) from None
        except ValidationError as refused:
            raise ValidationError(_("Line {n} of the price list: {why}").format(n=number, why=refused.message),
                                  field=refused.field) from None
    codes = [item.code for item in items]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("The price list has a code twice."))
    return tuple(items)
