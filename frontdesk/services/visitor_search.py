"""Search-as-you-type over visitors, most recent visit first.

Every typed term must be the prefix of one of the visitor's words (accents, case and apostrophes
folded: domain.text). Each visitor has rows in `visitor_search_term` (term, last visit, id): one
per search word, plus one per ordered pair of words ("~marco rossi", "~rossi marco") so that
"Marco Ros" is one index range even though both words are common. The term index keeps the rows
of one range in term order with their last visit, so a range can be sorted by recency without
touching the visitor table.

The plan is chosen per keystroke from how many index rows each term matches, counted with a cap
(DESIGN, measured facts):
- a term matching nothing: no visitor matches, nothing else is read;
- few matches: read the range (or the pair range) from the term index, newest first;
- many matches: walk the recency index `ix_visitor_recency` and keep the rows whose search key
  contains every term, stopping at the limit (bounded: if the window runs dry, the range plan).
Every query is plain SQL run through `find_ids(execute, ...)`, so the benchmark times the same
plan with the stdlib sqlite3 module. Imports no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import delete, insert, text, update
from sqlalchemy.orm import Session

from frontdesk.db.models import VisitorSearchTerm
from frontdesk.domain.search_terms import PAIR, index_terms, term_stamp
from frontdesk.domain.text import query_terms

COMMON = 300  # a term matching fewer index rows is read from its range; more: walk by recency first
WALK_WINDOW = 4000  # rows the recency walk reads at most before the range plan takes over (~1 ms)

Execute = Callable[[str, dict[str, object]], Sequence[Sequence[object]]]

COUNT_SQL = ("SELECT count(*) FROM (SELECT 1 FROM visitor_search_term "
             "WHERE term >= :lo AND term < :hi LIMIT :cap)")
_ONLY_WORD_SQL = "SELECT 1 FROM visitor_search_term WHERE term > :lo AND term < :hi LIMIT 1"


def index_visitor(session: Session, visitor_id: uuid.UUID, first: str, last: str, last_visit_at) -> None:
    session.execute(delete(VisitorSearchTerm).where(VisitorSearchTerm.visitor_id == visitor_id))
    terms = index_terms(first, last)
    if terms:
        stamp = term_stamp(last_visit_at)
        session.execute(insert(VisitorSearchTerm),
                        [{"term": term, "last_visit_at": stamp, "visitor_id": visitor_id} for term in terms])


def touch_visitor(session: Session, visitor_id: uuid.UUID, last_visit_at) -> None:
    session.execute(update(VisitorSearchTerm).where(VisitorSearchTerm.visitor_id == visitor_id)
                    .values(last_visit_at=term_stamp(last_visit_at)))


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _terms(query: str) -> list[str]:
    """Typed terms without repeats and without terms implied by a longer one ('ro rossi' -> 'rossi')."""
    terms = list(dict.fromkeys(query_terms(query)))
    return [t for t in terms if not any(o != t and o.startswith(t) for o in terms)]


def _contains_all(terms: list[str], params: dict[str, object]) -> str:
    for i, term in enumerate(terms):
        params[f"t{i}"] = " " + term
    return " AND ".join(f"instr(v.search_key, :t{i}) > 0" for i in range(len(terms)))


def walk_sql(terms: list[str]) -> tuple[str, dict[str, object]]:
    """Newest visitors first along the recency index (at most :window rows), keeping those whose
    search key has every term. Returns (id, last visit); the caller keeps the order by last visit."""
    params: dict[str, object] = {}
    where = _contains_all(terms, params)
    sql = (f"SELECT id, last_visit_at FROM (SELECT v.id, v.search_key, v.last_visit_at FROM visitor AS v "
           f"INDEXED BY ix_visitor_recency ORDER BY v.last_visit_at DESC LIMIT :window) AS v "
           f"WHERE {where} LIMIT :limit")
    return sql, params


def range_sql(term: str) -> tuple[str, dict[str, object]]:
    """Visitors with a word starting with `term`, newest first, from the term index alone.
    A visitor with two such words is listed twice (callers dedupe)."""
    return ("SELECT visitor_id FROM visitor_search_term WHERE term >= :lo AND term < :hi "
            "ORDER BY last_visit_at DESC LIMIT :limit"), {"lo": term, "hi": _upper_bound(term)}


def pair_sql(head: str, tail: str, rest: list[str], *, head_is_word: bool) -> tuple[str, dict[str, object]]:
    """Visitors with a word starting with `head` and another starting with `tail`, from the pair
    rows ("~head tail..."): the exact pair range when `head` is a whole word, else all pairs of
    words starting with `head`, filtered on the tail; other terms checked on the search key."""
    lead = f"{PAIR}{head} {tail}" if head_is_word else f"{PAIR}{head}"
    params: dict[str, object] = {"lo": lead, "hi": _upper_bound(lead), "tail": " " + tail}
    pairs = "FROM visitor_search_term WHERE term >= :lo AND term < :hi AND instr(term, :tail) > 0"
    if not rest:
        return f"SELECT visitor_id {pairs} ORDER BY last_visit_at DESC LIMIT :limit", params
    where = _contains_all(rest, params)
    return (f"SELECT v.id FROM visitor AS v WHERE v.id IN (SELECT visitor_id {pairs}) AND {where} "
            f"ORDER BY v.last_visit_at DESC LIMIT :limit"), params


def _distinct(rows, limit: int) -> list:
    seen: dict[object, None] = {}
    for row in rows:
        seen.setdefault(row[0])
        if len(seen) == limit:
            break
    return list(seen)


def _run_range(execute: Execute, plan: tuple[str, dict[str, object]], limit: int) -> list:
    """A range plan's first `limit` distinct visitors (a visitor may have several matching rows)."""
    sql, params = plan
    fetch = limit + 8
    while True:
        rows = execute(sql, {**params, "limit": fetch})
        ids = _distinct(rows, limit)
        if len(ids) == limit or len(rows) < fetch:
            return ids
        fetch *= 4


def _walk(execute: Execute, terms: list[str], limit: int, window: int | None = WALK_WINDOW) -> list | None:
    """The recency walk; None when its window held fewer than `limit` matches (then a range decides).
    With no window it walks the whole index and its answer is final."""
    sql, params = walk_sql(terms)
    rows = execute(sql, {**params, "window": -1 if window is None else window, "limit": limit})
    if len(rows) < limit and window is not None:
        return None
    return [row[0] for row in sorted(rows, key=lambda row: row[1] or "", reverse=True)]


def _is_word(execute: Execute, term: str) -> bool:
    """True when `term` is a whole word and no longer word starts with it (its pair rows are exact)."""
    return len(term) > 1 and not execute(_ONLY_WORD_SQL, {"lo": term, "hi": _upper_bound(term)})


def find_ids(execute: Execute, query: str, limit: int) -> list:
    """Ids (as the driver returns them) of the visitors matching every term, newest visit first.

    `execute(sql, params)` runs one statement and returns its rows."""
    terms = _terms(query)
    if not terms or limit <= 0:
        return []
    counts = {t: int(execute(COUNT_SQL, {"lo": t, "hi": _upper_bound(t), "cap": COMMON})[0][0]) for t in terms}
    if min(counts.values()) == 0:
        return []  # some term starts no word at all
    # Rarest first; among common ones (count capped) the longest, which is likely the rarest.
    by_rarity = sorted(terms, key=lambda t: (counts[t], -len(t)))
    if len(terms) == 1:
        term = terms[0]
        if counts[term] >= COMMON:
            ids = _walk(execute, terms, limit)
            if ids is not None:
                return ids
        return _run_range(execute, range_sql(term), limit)
    # Several terms. A whole typed word ("Marco" in "Marco Ros") makes the pair range exact and small.
    head = next((t for t in by_rarity if _is_word(execute, t)), None)
    whole = head is not None
    if not whole:
        if counts[by_rarity[0]] >= COMMON:  # every term common: their mix is likely common too
            ids = _walk(execute, terms, limit)
            if ids is not None:
                return ids
        heads = [t for t in by_rarity if len(t) > 1]  # pair rows start with words of two letters or more
        if not heads:  # single letters only ("m r"): dense enough for the walk, however far it goes
            return _walk(execute, terms, limit, window=None)
        head = heads[0]
    tail = next(t for t in by_rarity if t != head)
    rest = [t for t in terms if t not in (head, tail)]
    return _run_range(execute, pair_sql(head, tail, rest, head_is_word=whole), limit)


def matching_ids(session: Session, query: str, limit: int) -> list[uuid.UUID]:
    """The ids of the visitors matching `query`, newest visit first (see `find_ids`)."""
    def execute(sql: str, params: dict[str, object]):
        return session.execute(text(sql), params).all()

    return [uuid.UUID(hex=i) if isinstance(i, str) else i for i in find_ids(execute, query, limit)]


def count_matching(session: Session, query: str) -> int:
    """How many visitors match `query` (all of them, not a page): what a screen shows as its total.

    One term counts from the term index; several terms check every visitor's search key (tens of
    milliseconds on the large demo database: callers run it apart from the search itself)."""
    terms = _terms(query)
    if not terms:
        return int(session.execute(text("SELECT count(*) FROM visitor WHERE anonymised_at IS NULL")).scalar_one())
    if len(terms) == 1:
        return int(session.execute(text(
            "SELECT count(DISTINCT visitor_id) FROM visitor_search_term WHERE term >= :lo AND term < :hi"),
            {"lo": terms[0], "hi": _upper_bound(terms[0])}).scalar_one())
    params: dict[str, object] = {}
    where = _contains_all(terms, params)
    return int(session.execute(text(f"SELECT count(*) FROM visitor AS v WHERE {where}"), params).scalar_one())
