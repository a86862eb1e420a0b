"""Reference data loaded from `resources/seed/`: the associations and the Point's services."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import resources_dir
from frontdesk.db.models import Association, Service
from frontdesk.domain.ids import reference_id
from frontdesk.i18n import language


def _rows(name: str) -> list[dict[str, str]]:
    with (resources_dir() / "seed" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(session: Session) -> None:
    """Insert or update associations and services by code (idempotent)."""
    existing = {a.code: a for a in session.scalars(select(Association))}
    for row in _rows("associations.csv"):
        item = existing.get(row["code"]) or Association(id=reference_id("association", row["code"]), code=row["code"])
        item.name, item.sort = row["name"], int(row["sort"])
        session.add(item)
    services = {s.code: s for s in session.scalars(select(Service))}
    for row in _rows("services.csv"):
        item = services.get(row["code"]) or Service(id=reference_id("service", row["code"]), code=row["code"])
        item.name_it, item.name_en, item.sort = row["name_it"], row["name_en"], int(row["sort"])
        session.add(item)


@dataclass(frozen=True)
class Choice:
    id: UUID
    code: str
    name: str


def associations(db) -> list[Choice]:
    with db.read() as session:
        rows = session.scalars(select(Association).order_by(Association.sort))
        return [Choice(a.id, a.code, a.name) for a in rows]


def service_name(service) -> str:
    """The name in the desk's language, of a Service or a row with its name columns."""
    return service.name_it if language() == "it" else service.name_en


def services(db) -> list[Choice]:
    """The active services in their order (a Core statement: the Reception screen's first data,
    read before any ORM statement has configured the mappers; see services.desk.settings)."""
    table = Service.__table__
    with db.read() as session:
        rows = session.execute(select(table.c.id, table.c.code, table.c.name_it, table.c.name_en)
                               .where(table.c.active).order_by(table.c.sort))
        return [Choice(s.id, s.code, service_name(s)) for s in rows]
