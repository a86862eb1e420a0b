"""The Point's price list (courses, rooms, other services): loading its seed
(resources/seed/price_list.csv) at the desk's set-up.

Every row's id derives from its code (domain.ids.reference_id), so desks that load the same seed
share one row. Loading again only adds codes not yet present: the administrator's edits are never
overwritten.

No Qt. Runs inside the caller's transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import resources_dir
from frontdesk.db.models import Service
from frontdesk.db.receipt_models import PriceItem
from frontdesk.domain.ids import reference_id
from frontdesk.domain.receipts.price_list import PriceItemSpec, parse_price_list

SEED = ("seed", "price_list.csv")
SORT_STEP = 10


def seed_price_list() -> tuple[PriceItemSpec, ...]:
    """The items shipped in resources/seed/price_list.csv, checked."""
    return parse_price_list(resources_dir().joinpath(*SEED).read_text(encoding="utf-8"))


def load_price_list(session: Session, specs: tuple[PriceItemSpec, ...] | None = None) -> int:
    """Add the seed's items whose code (and derived id) is not there yet; rows already present are
    left exactly as they are. The services are loaded first (services.registry.reference). Returns
    how many were added."""
    specs = seed_price_list() if specs is None else specs
    existing = set(session.scalars(select(PriceItem.code)))
    ids = set(session.scalars(select(PriceItem.id)))
    services = {code: row_id for code, row_id in session.execute(select(Service.code, Service.id))}
    added = 0
    for position, spec in enumerate(specs, start=1):
        row_id = reference_id("price_item", spec.code)
        if spec.code in existing or row_id in ids:
            continue
        session.add(PriceItem(
            id=row_id, code=spec.code, kind=spec.kind, service_id=services.get(spec.service_code),
            name_it=spec.name_it, name_en=spec.name_en, unit=spec.unit, price_cents=spec.price_cents,
            member_price_cents=spec.member_price_cents, vat_rate=spec.vat_rate, nature=spec.nature, active=True,
            sort=position * SORT_STEP))
        added += 1
    session.flush()
    return added
