"""Search-as-you-type over visitors, most recent visit first.

Every typed term must be the prefix of one of the visitor's words (accents, case and apostrophes
folded: domain.text). Each visitor has rows in `visitor_search_term` (term, last visit, id): one
per search word, plus one per ordered pair of words ("~marco rossi", "~rossi marco") so that
"Marco Ros" is one index range even though both words are common. The term index keeps the rows
of one range in term order with their last visit, so a range can be sorted by recency without
touching the visitor table.

The plan is chosen per keystroke from how many index rows each term matches, counted with a cap
(DESIGN, measured facts); no plan reads a table or an index whole:
- a term matching nothing: no visitor matches, nothing else is read;
- one term, few matches: read its range from the term index, newest first;
- one term, many matches: walk the recency index `ix_visitor_recency` and keep the rows whose
  search key contains every term, stopping at the limit (bounded: if the window runs dry, the range plan);
- several terms, one of them a whole word ("Marco" in "Marco Ros"): the exact pair range "~marco ros";
- several terms, one of them rare: drive from the rarest term's pair rows ("~k..." filtered on the
  other term; a one-letter term also reads its one-letter words, "d" of D'Alessandro);
- several terms, all common: the recency walk; if its window runs dry, drive from the term whose
  pair rows are fewest (counted with a cap), as above; unless every pair range is large and the
  window's hits promise that a longer walk (LONG_WALK rows at most) reaches the limit.
Pair rows are joined to the visitor table (CROSS JOIN: SQLite keeps that order, whatever its
version) only when a third term must be checked on the search key.
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
PAIR_CAP = 4000  # pair rows counted at most per term when choosing where a dry walk drives from
LONG_WALK = 32_000  # a dry walk goes on this far when every pair range is large and its hits promise enough

Execute = Callable[[str, dict[str, object]], Sequence[Sequence[object]]]

COUNT_SQL = ("SELECT count(*) FROM (SELECT 1 FROM visitor_search_term "
             "WHERE term >= :lo AND term < :hi LIMIT :cap)")
_WORD_COUNT_SQL = "SELECT count(*) FROM (SELECT 1 FROM visitor_search_term WHERE term = :word LIMIT :cap)"
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
    words starting with `head`, filtered on the tail; a one-letter `head` also reads the visitors
    whose one-letter word it is (no pair starts with it), checking the tail on their search key.
    Other terms are checked on the search key. Rows come newest first (a visitor may repeat)."""
    lead = f"{PAIR}{head} {tail}" if head_is_word else f"{PAIR}{head}"
    params: dict[str, object] = {"lo": lead, "hi": _upper_bound(lead), "tail": " " + tail}
    rows = ("SELECT visitor_id, last_visit_at FROM visitor_search_term "
            "WHERE term >= :lo AND term < :hi AND instr(term, :tail) > 0")
    if len(head) == 1 and not head_is_word:
        params["word"] = head
        rows += (" UNION ALL SELECT s.visitor_id, s.last_visit_at FROM visitor_search_term AS s CROSS JOIN visitor "
                 "AS v ON v.id = s.visitor_id WHERE s.term = :word AND instr(v.search_key, :tail) > 0")
    if not rest:
        return f"SELECT visitor_id FROM ({rows}) ORDER BY last_visit_at DESC LIMIT :limit", params
    where = _contains_all(rest, params)
    return (f"SELECT v.id FROM ({rows}) AS p CROSS JOIN visitor AS v ON v.id = p.visitor_id WHERE {where} "
            f"ORDER BY p.last_visit_at DESC LIMIT :limit"), params


def pair_rows(execute: Execute, term: str, cap: int) -> int:
    """How many rows `pair_sql` reads when it drives from `term` (counted up to `cap`)."""
    lead = PAIR + term
    count = int(execute(COUNT_SQL, {"lo": lead, "hi": _upper_bound(lead), "cap": cap})[0][0])
    if len(term) == 1:
        count += int(execute(_WORD_COUNT_SQL, {"word": term, "cap": cap})[0][0])
    return count


def _fewest_pairs(execute: Execute, terms: list[str]) -> tuple[str, int]:
    """The term whose pair rows are fewest, counted up to PAIR_CAP (ties: the longest term), and their count."""
    sizes = {t: pair_rows(execute, t, PAIR_CAP) for t in terms}
    best = min(terms, key=lambda t: (sizes[t], -len(t)))
    return best, sizes[best]


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


def _walk(execute: Execute, terms: list[str], limit: int, window: int = WALK_WINDOW) -> tuple[list | None, int]:
    """The recency walk over at most `window` rows: (ids newest first, or None when the window held
    fewer than `limit` matches, then another plan decides; how many matches it held)."""
    sql, params = walk_sql(terms)
    rows = execute(sql, {**params, "window": window, "limit": limit})
    if len(rows) < limit:
        return None, len(rows)
    return [row[0] for row in sorted(rows, key=lambda row: row[1] or "", reverse=True)], len(rows)


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
            ids, _hits = _walk(execute, terms, limit)
            if ids is not None:
                return ids
        return _run_range(execute, range_sql(term), limit)
    # Several terms. A whole typed word ("Marco" in "Marco Ros") makes the pair range exact and small.
    head = next((t for t in by_rarity if _is_word(execute, t)), None)
    whole = head is not None
    if not whole:
        if counts[by_rarity[0]] < COMMON:
            head = by_rarity[0]  # drive from the rarest term
        else:  # every term common: their mix is likely common too
            ids, hits = _walk(execute, terms, limit)
            if ids is not None:
                return ids
            head, pairs = _fewest_pairs(execute, terms)
            if pairs >= PAIR_CAP and hits and WALK_WINDOW * limit // hits <= LONG_WALK // 2:
                # Dense everywhere, and the walk's hits say a longer walk reaches the limit: walk on.
                ids, _hits = _walk(execute, terms, limit, window=LONG_WALK)
                if ids is not None:
                    return ids
    tail = next(t for t in by_rarity if t != head)
    rest = [t for t in terms if t not in (head, tail)]
    return _run_range(execute, pair_sql(head, tail, rest, head_is_word=whole), limit)


_ROWS_SQL = ("SELECT v.id, v.first_name, v.last_name, v.company_id, c.name, v.email, v.phone, v.last_visit_at, "
             "v.privacy_notice_version, v.newsletter_consent FROM visitor AS v "
             "LEFT JOIN company AS c ON c.id = v.company_id WHERE v.id IN ({marks})")


def found_rows(execute: Execute, ids: Sequence[object]) -> list[Sequence[object]]:
    """The visitors `find_ids` found, as stored (id, first name, surname, company id, company name,
    e-mail, phone, last visit, privacy notice version, newsletter consent), in the order of `ids`."""
    if not ids:
        return []
    rows = execute(_ROWS_SQL.format(marks=", ".join(f":i{n}" for n in range(len(ids)))),
                   {f"i{n}": i for n, i in enumerate(ids)})
    by_id = {row[0]: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def search_rows(execute: Execute, query: str, limit: int) -> list[Sequence[object]]:
    """What a search shows, as stored: `find_ids` then `found_rows` (the service's statements, which
    the benchmark also times with the stdlib sqlite3 module)."""
    return found_rows(execute, find_ids(execute, query, limit))


def driver_execute(session: Session) -> Execute:
    """`execute` on the session's own sqlite3 connection, inside its transaction. The search's
    statements are plain SQL with plain parameters and run on every keystroke: SQLAlchemy's
    statement handling cost more than SQLite's work on most of them (measured), so they skip it."""
    driver = session.connection().connection.driver_connection

    def execute(sql: str, params: dict[str, object]):
        return driver.execute(sql, params).fetchall()

    return execute


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
