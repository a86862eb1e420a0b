"""Hosts: the people visitors come to see (Point staff, association officers, incubator tenants).

A directory, not app accounts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.models import Host
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean, fold
from frontdesk.i18n import _
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class HostSummary:
    id: uuid.UUID
    name: str
    organisation: str
    email: str
    phone: str
    active: bool

    @classmethod
    def of(cls, h) -> HostSummary:
        """From a Host, or a row of the host table's columns."""
        return cls(h.id, h.name, h.organisation, h.email, h.phone, h.active)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


def create_host(db, *, name: str, organisation: str = "", email: str = "", phone: str = "",
                actor: Actor) -> HostSummary:
    require(actor, Permission.EDIT_HOSTS)
    values = {
        "name": clean(name, label=_("Name"), required=True),
        "organisation": clean(organisation, label=_("Organisation")),
        "email": clean(email, label=_("E-mail")),
        "phone": clean(phone, label=_("Phone"), max_len=50),
    }
    if values["email"] and "@" not in values["email"]:
        raise ValidationError(_("The e-mail address is not valid."), field="email")
    with db.begin() as session:
        host = Host(id=new_id(), **values)
        session.add(host)
        audit.record_change(session, actor, "host.create", host, new=True)
        session.flush()
        return HostSummary.of(host)


def list_hosts(db, *, include_inactive: bool = False) -> list[HostSummary]:
    """Hosts by name (a Core statement: the Reception screen's first data, read before any ORM
    statement has configured the mappers; see services.desk.settings)."""
    table = Host.__table__
    with db.read() as session:
        stmt = select(table.c.id, table.c.name, table.c.organisation, table.c.email, table.c.phone,
                      table.c.active).order_by(table.c.name)
        if not include_inactive:
            stmt = stmt.where(table.c.active)
        return [HostSummary.of(h) for h in session.execute(stmt)]


def find_host_in(session, text: str) -> Host | None:
    """A host by name (accent- and case-insensitive), for imports."""
    wanted = fold(" ".join(text.split()))
    if not wanted:
        return None
    for host in session.scalars(select(Host).where(Host.active)):
        if fold(host.name) == wanted:
            return host
    return None


def get_host(db, *, host_id: uuid.UUID) -> HostSummary:
    with db.read() as session:
        host = session.get(Host, host_id)
        if host is None:
            raise NotFound(_("The host no longer exists."))
        return HostSummary.of(host)
