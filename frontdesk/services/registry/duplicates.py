"""Likely duplicates: records that look like one by their natural key, both kept for a person
to look at (DESIGN, "Sync, in one paragraph": never merged silently).

- companies with the same VAT number, or the same Codice Fiscale (private persons);
- visitors with the same name and e-mail address (not anonymised ones).
Typically one company or visitor entered at two desks before they synced; branches of a company
may share a VAT number on purpose, so this is a list to look at, not an error. There is no merge
action yet: a person opens each record and edits it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import func, select

from frontdesk.db.models import Company, Visitor
from frontdesk.i18n import _

COMPANY, VISITOR = "company", "visitor"


@dataclass(frozen=True)
class DuplicateMember:
    id: uuid.UUID
    name: str
    detail: str  # a company's city, a visitor's company
    created_desk: str
    created_at: dt.datetime


@dataclass(frozen=True)
class DuplicateGroup:
    kind: str  # COMPANY | VISITOR
    key: tuple[str, ...]  # what they share, as compared
    reason: str  # what they share, for a person
    members: tuple[DuplicateMember, ...]


# An Italian company's Codice Fiscale is usually its VAT number: only one that differs says more.
_SHARED = {"vat": (Company.vat_number, Company.vat_number != ""),
           "cf": (Company.fiscal_code, (Company.fiscal_code != "") & (Company.fiscal_code != Company.vat_number))}


def _company_keys(session) -> list[tuple[str, str]]:
    keys = []
    for kind, (column, condition) in _SHARED.items():
        shared = session.execute(select(column).where(condition).group_by(column).having(func.count() > 1)).scalars()
        keys += [(kind, value) for value in shared]
    return keys


_PERSON = (func.lower(func.trim(Visitor.first_name)), func.lower(func.trim(Visitor.last_name)),
           func.lower(func.trim(Visitor.email)))


def _visitor_keys(session) -> list[tuple[str, str, str]]:
    rows = session.execute(select(*_PERSON).where(Visitor.email != "", Visitor.anonymised_at.is_(None))
                           .group_by(*_PERSON).having(func.count() > 1))
    return [tuple(row) for row in rows]


def duplicate_keys(db) -> frozenset[tuple[str, ...]]:
    """What each group of likely duplicates shares (cheap: no rows are loaded)."""
    with db.read() as session:
        return frozenset([(COMPANY, *k) for k in _company_keys(session)]
                         + [(VISITOR, *k) for k in _visitor_keys(session)])


def likely_duplicates(db) -> list[DuplicateGroup]:
    """Every group of likely duplicates, companies first, each group's oldest record first. One
    query per kind of key: the records are joined to their shared keys, never fetched per group."""
    groups = []
    with db.read() as session:
        for kind, (column, condition) in _SHARED.items():
            shared = (select(column.label("value")).where(condition).group_by(column)
                      .having(func.count() > 1).subquery())
            found = session.execute(select(Company).join(shared, column == shared.c.value).where(condition)
                                    .order_by(column, Company.created_at, Company.id)).scalars()
            reason = _("Same VAT number {value}") if kind == "vat" else _("Same Codice Fiscale {value}")
            for value, members in groupby(found, key=lambda c, column=column: getattr(c, column.key)):
                groups.append(DuplicateGroup(COMPANY, (COMPANY, kind, value), reason.format(value=value), tuple(
                    DuplicateMember(c.id, c.name, c.city, c.created_desk, c.created_at) for c in members)))
        person = (select(*(part.label(name) for part, name in zip(_PERSON, ("first", "last", "email"), strict=True)))
                  .where(Visitor.email != "", Visitor.anonymised_at.is_(None))
                  .group_by(*_PERSON).having(func.count() > 1).subquery())
        rows = session.execute(
            select(person.c.first, person.c.last, person.c.email, Visitor, Company.name)
            .join(person, (_PERSON[0] == person.c.first) & (_PERSON[1] == person.c.last)
                  & (_PERSON[2] == person.c.email))
            .outerjoin(Company, Visitor.company_id == Company.id)
            .where(Visitor.anonymised_at.is_(None))
            .order_by(person.c.first, person.c.last, person.c.email, Visitor.created_at, Visitor.id))
        for key, members in groupby(rows, key=lambda row: tuple(row[:3])):
            groups.append(DuplicateGroup(VISITOR, (VISITOR, *key), _("Same name and e-mail {value}").format(
                value=key[2]), tuple(DuplicateMember(v.id, f"{v.last_name} {v.first_name}", company or "",
                                                     v.created_desk, v.created_at) for *_k, v, company in members)))
    return groups
