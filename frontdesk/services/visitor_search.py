"""Search-as-you-type over visitors, most recent visit first.

Each visitor has one row per search word in `visitor_search_term` (term, last visit, id).
The plan is chosen by how many rows the leading term matches (DESIGN, measured facts):
- few matches: range-scan the term index and sort those few by recency;
- many matches (a one-letter prefix): walk the recency index `ix_visitor_recency` and keep the
  rows whose search key contains every term, stopping as soon as enough are found.
Both plans are plain SQL so the benchmark can time the same plan with raw sqlite3.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, insert, text, update
from sqlalchemy.orm import Session

from frontdesk.db.models import VisitorSearchTerm
from frontdesk.domain.text import query_terms, search_words

COMMON = 300  # leading-term matches above which walking the recency index is cheaper


def term_stamp(moment) -> str:
    """How a last-visit moment is stored in the term table (sorts like time; '' = never)."""
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def index_visitor(session: Session, visitor_id: uuid.UUID, first: str, last: str, last_visit_at) -> None:
    session.execute(delete(VisitorSearchTerm).where(VisitorSearchTerm.visitor_id == visitor_id))
    words = search_words(first, last)
    if words:
        stamp = term_stamp(last_visit_at)
        session.execute(insert(VisitorSearchTerm),
                        [{"term": w[:100], "last_visit_at": stamp, "visitor_id": visitor_id} for w in words])


def touch_visitor(session: Session, visitor_id: uuid.UUID, last_visit_at) -> None:
    session.execute(update(VisitorSearchTerm).where(VisitorSearchTerm.visitor_id == visitor_id)
                    .values(last_visit_at=term_stamp(last_visit_at)))


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def plan_sql(terms: list[str], common: bool) -> tuple[str, dict[str, object]]:
    """The SQL of one plan and its parameters (ids of matching visitors, newest visit first)."""
    lead = max(terms, key=len)
    params: dict[str, object] = {"lo": lead, "hi": _upper_bound(lead)}
    filters = []
    for i, term in enumerate(terms):
        params[f"t{i}"] = " " + term
        filters.append(f"instr(v.search_key, :t{i}) > 0")
    where = " AND ".join(filters)
    if common:
        sql = (f"SELECT v.id FROM visitor AS v INDEXED BY ix_visitor_recency WHERE {where} "
               f"ORDER BY v.last_visit_at DESC LIMIT :limit")
    else:
        sql = (f"SELECT v.id FROM visitor AS v WHERE v.id IN (SELECT visitor_id FROM visitor_search_term "
               f"WHERE term >= :lo AND term < :hi) AND {where} ORDER BY v.last_visit_at DESC LIMIT :limit")
    return sql, params


COUNT_SQL = ("SELECT count(*) FROM (SELECT 1 FROM visitor_search_term "
             "WHERE term >= :lo AND term < :hi LIMIT :cap)")


@dataclass(frozen=True)
class SearchPlan:
    terms: list[str]
    common: bool


def choose_plan(session: Session, query: str) -> SearchPlan | None:
    terms = query_terms(query)
    if not terms:
        return None
    lead = max(terms, key=len)
    matches = session.execute(text(COUNT_SQL), {"lo": lead, "hi": _upper_bound(lead), "cap": COMMON}).scalar()
    return SearchPlan(terms, common=bool(matches and matches >= COMMON))


def matching_ids(session: Session, query: str, limit: int) -> list[uuid.UUID]:
    plan = choose_plan(session, query)
    if plan is None:
        return []
    sql, params = plan_sql(plan.terms, plan.common)
    params["limit"] = limit
    return [uuid.UUID(hex=row[0]) if isinstance(row[0], str) else row[0]
            for row in session.execute(text(sql), params)]
