"""The Point's price list (courses, rooms, other services): loading its seed
(resources/seed/price_list.csv) at the desk's set-up, reading it, and the administrator's edits.

Every row's id derives from its code (domain.ids.reference_id), so desks that load the same seed
share one row. Loading again only adds codes not yet present: the administrator's edits are never
overwritten. Edits need Permission.EDIT_PRICE_LIST and are audited with each changed field's before
and after; an item is withdrawn, never deleted (receipts already issued name its code). What a
receipt line can be taken from (this list and the lab's tests) is services.receipts.sellable.

Verbs take keyword arguments and return frozen values; one transaction each. No Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.config import resources_dir
from frontdesk.db.models import Service
from frontdesk.db.receipt_models import PriceItem
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.receipts.price_list import PriceItemSpec, check_item, parse_price_list
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, language
from frontdesk.services.staff import audit

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


# --- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PriceItemSummary:
    """An item of the price list as stored: its id, what it is (`spec`), whether it is offered, and
    the name of the Point's service it belongs to in the desk's language ('' for none)."""

    id: uuid.UUID
    spec: PriceItemSpec
    active: bool
    service_name: str = ""

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        """The name in the desk's language."""
        return self.spec.name_it if language() == "it" else self.spec.name_en


def _service_codes(session: Session) -> dict[str, tuple[uuid.UUID, str]]:
    """Every service of the Point: code -> (id, name in the desk's language)."""
    italian = language() == "it"
    return {code: (row_id, name_it if italian else name_en) for row_id, code, name_it, name_en in
            session.execute(select(Service.id, Service.code, Service.name_it, Service.name_en))}


def _summary(row: PriceItem, services: dict[uuid.UUID, tuple[str, str]]) -> PriceItemSummary:
    code, name = services.get(row.service_id, ("", "")) if row.service_id else ("", "")
    spec = PriceItemSpec(code=row.code, kind=row.kind, service_code=code, name_it=row.name_it, name_en=row.name_en,
                         unit=row.unit, price_cents=row.price_cents, member_price_cents=row.member_price_cents,
                         vat_rate=row.vat_rate, nature=row.nature)
    return PriceItemSummary(row.id, spec, bool(row.active), name)


def _by_id(session: Session) -> dict[uuid.UUID, tuple[str, str]]:
    return {row_id: (code, name) for code, (row_id, name) in _service_codes(session).items()}


def list_price_items(db, *, include_inactive: bool = True) -> list[PriceItemSummary]:
    """The price list in its order (withdrawn items too, unless `include_inactive` is False)."""
    with db.read() as session:
        services = _by_id(session)
        stmt = select(PriceItem).order_by(PriceItem.sort, PriceItem.code)
        if not include_inactive:
            stmt = stmt.where(PriceItem.active)
        return [_summary(row, services) for row in session.scalars(stmt)]


def _item(session: Session, item_id: uuid.UUID) -> PriceItem:
    row = session.get(PriceItem, item_id)
    if row is None:
        raise NotFound(_("The price list item no longer exists."))
    return row


# --- the administrator's edits ------------------------------------------------------------------

def _checked(session: Session, spec: PriceItemSpec) -> tuple[PriceItemSpec, uuid.UUID | None]:
    """The spec cleaned against the services that exist, and its service's id."""
    services = _service_codes(session)
    checked = check_item(spec, service_codes=frozenset(services))
    return checked, services[checked.service_code][0] if checked.service_code else None


def _columns(spec: PriceItemSpec, service_id: uuid.UUID | None) -> dict[str, object]:
    return {"kind": spec.kind, "service_id": service_id, "name_it": spec.name_it, "name_en": spec.name_en,
            "unit": spec.unit, "price_cents": spec.price_cents, "member_price_cents": spec.member_price_cents,
            "vat_rate": spec.vat_rate, "nature": spec.nature}


def create_price_item(db, *, spec: PriceItemSpec, actor: Actor) -> PriceItemSummary:
    """Add an item to the price list, last in its order. Raises ValidationError, Conflict (the code
    is taken), PermissionDenied."""
    require(actor, Permission.EDIT_PRICE_LIST)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        checked, service_id = _checked(session, spec)
        row_id = reference_id("price_item", checked.code)
        taken = session.scalar(select(PriceItem.id).where(PriceItem.code == checked.code))
        if taken is not None or session.get(PriceItem, row_id) is not None:
            raise Conflict(_("The price list already has an item with code {code}.").format(code=checked.code),
                           field="code")
        last = session.scalar(select(func.max(PriceItem.sort))) or 0
        row = PriceItem(id=row_id, code=checked.code, active=True, sort=last + SORT_STEP,
                        **_columns(checked, service_id))
        session.add(row)
        audit.record_change(session, actor, "price_item.create", row, new=True)
        session.flush()
        return _summary(row, _by_id(session))


def update_price_item(db, *, item_id: uuid.UUID, spec: PriceItemSpec, actor: Actor) -> PriceItemSummary:
    """Change an item (everything but its code, from which its id is derived and which old receipts
    name). Each changed field is audited with its value before and after; an edit that changes
    nothing writes nothing."""
    require(actor, Permission.EDIT_PRICE_LIST)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        row = _item(session, item_id)
        checked, service_id = _checked(session, spec)
        if checked.code != row.code:
            raise ValidationError(_("The code of an item cannot be changed: add a new item and withdraw this "
                                    "one."), field="code")
        for key, value in _columns(checked, service_id).items():
            if getattr(row, key) != value:
                setattr(row, key, value)
        changes = audit.changes_of(row)
        if changes:
            audit.record(session, actor, "price_item.update", record_type=PriceItem.__tablename__,
                         record_id=row.id, changes=changes)
            session.flush()
        return _summary(row, _by_id(session))


def set_price_item_active(db, *, item_id: uuid.UUID, active: bool, actor: Actor) -> PriceItemSummary:
    """Offer an item again, or withdraw it. Never deleted: receipts already issued name its code."""
    require(actor, Permission.EDIT_PRICE_LIST)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        row = _item(session, item_id)
        if bool(row.active) != bool(active):
            row.active = bool(active)
            audit.record_change(session, actor, "price_item.activate" if active else "price_item.withdraw", row)
            session.flush()
        return _summary(row, _by_id(session))
