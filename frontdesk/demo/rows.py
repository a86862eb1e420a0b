"""Generating the demo data as rows ready for SQLite: pure Python, deterministic for a seed.

`generate_rows(large, seed, refs=...)` returns `DemoRows`: for each table, its column names and
a list of rows in the form SQLite stores them (a `Uuid` as 32 hex digits, a UTC moment as
'YYYY-MM-DD HH:MM:SS.ffffff', a date as 'YYYY-MM-DD', booleans as 0/1), so that a plain
executemany inserts them. Content (names, VAT numbers, counts) depends only on the seed; moments
are placed relative to `refs.now`: a year of working days up to yesterday in office hours
(Europe/Rome), some visitors on site now, some expected today and on the next working days.
Row ids are uuid7 carrying the row's creation time (their random bits differ per run).

The pieces: plan (sizes, references), companies (companies, hosts), visits (people, visits),
moments (moments, working days), names (word lists). No database access here, no Qt.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
from dataclasses import dataclass, field

from frontdesk.demo.companies import CompanyMaker, company_row, make_hosts
from frontdesk.demo.moments import hlc_stamp, is_working_day, local_ms, moment_text
from frontdesk.demo.plan import LARGE, NORMAL, Refs, Size
from frontdesk.demo.visits import People, assign_visits, day_counts, make_people, past_visits, todays_visits
from frontdesk.domain.clock import ROME
from frontdesk.domain.ids import uuid7_hex_batch
from frontdesk.domain.text import search_key
from frontdesk.services.registry.visitor_search import index_terms

__all__ = ["LARGE", "NORMAL", "DemoRows", "Refs", "Size", "generate_rows", "is_working_day", "moment_text"]


@dataclass
class DemoRows:
    """Per table, in insertion order: column names and rows."""

    tables: dict[str, tuple[tuple[str, ...], list]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.tables[table][1]) if table in self.tables else 0

    @property
    def total(self) -> int:
        return sum(len(rows) for _cols, rows in self.tables.values())


SYNCED = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc")
HOST_COLS = (*SYNCED, "name", "organisation", "email", "phone", "active")
COMPANY_COLS = (*SYNCED, "name", "name_key", "search_key", "kind", "vat_number", "fiscal_code", "sdi_code", "pec",
                "address", "city", "email", "phone", "notes", "first_name", "last_name", "postcode", "province",
                "country", "association_id")
VISITOR_COLS = (*SYNCED, "first_name", "last_name", "email", "phone", "search_key", "company_id", "last_visit_at",
                "privacy_notice_version", "privacy_ack_at", "newsletter_consent", "anonymised_at")
TERM_COLS = ("term", "last_visit_at", "visitor_id")
VISIT_COLS = (*SYNCED, "visitor_id", "service_id", "host_id", "registration_id", "expected_on", "status",
              "checked_in_at", "checked_out_at", "closed_by_system", "notes", "cancel_reason")


# --- all together ---------------------------------------------------------------------------------

def generate_rows(large: bool, seed: int, *, refs: Refs) -> DemoRows:
    """All demo rows for a database whose reference data is `refs` (see the module docstring)."""
    # Millions of new lists and tuples, none of them in a cycle: the cyclic collector would only
    # rescan them again and again (a third of the time at a million visits).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(large, seed, refs)
    finally:
        if enabled:
            gc.enable()


def _generate(large: bool, seed: int, refs: Refs) -> DemoRows:
    size = LARGE if large else NORMAL
    rng = random.Random(seed)
    bits = random.Random().getrandbits  # only for the random bits of ids
    desk = refs.desk
    today = refs.now.astimezone(ROME).date()
    start_day = today - dt.timedelta(days=365)
    working = {d for d in (start_day + dt.timedelta(days=i) for i in range(-90, 400)) if is_working_day(d)}
    hosts_since = local_ms(start_day, 8 * 3600) - 30 * 86_400_000

    maker = CompanyMaker(rng, refs)
    companies = [maker.make(i) for i in range(size.companies)]
    for c in companies:
        c.row = company_row(c, rng)
    host_rows, pools = make_hosts(rng, refs)
    people = make_people(rng, maker, companies, pools, refs, size)

    fresh = (size.expected_today + size.expected_later) // 2  # registered ahead, never came yet
    past_people = size.visitors - fresh
    past = size.visits - size.on_site - size.expected_today - size.expected_later
    days = sorted(d for d in working if start_day <= d < today)
    counts = day_counts(rng, days, past)
    assign = assign_visits(rng, people, past_people, past)
    host_ids = uuid7_hex_batch([hosts_since + i for i in range(len(host_rows))], bits)
    visits, created = past_visits(rng, bits, people, days, counts, assign, refs, pools, host_ids, working)
    more, more_created = todays_visits(rng, bits, people, refs, size, host_ids, working, past_people)
    visits += more
    created += more_created
    for row, ident in zip(visits, uuid7_hex_batch(created, bits), strict=True):
        row[0] = ident

    rows = DemoRows()
    host_text = moment_text(hosts_since)
    rows.tables["host"] = (HOST_COLS, [(hid, host_text, host_text, desk, desk, hlc_stamp(hosts_since, desk), *h)
                                       for hid, h in zip(host_ids, host_rows, strict=True)])
    # A company is created a little before its first visitor.
    for v in people.order:
        c = companies[people.company_of[v]]
        if not c.first_ms or people.first_ms[v] < c.first_ms:
            c.first_ms = people.first_ms[v]
    for c in companies:
        c.first_ms -= (60 + int(rng.random() * 1800)) * 1000
    by_time = sorted(companies, key=lambda c: c.first_ms)
    company_ids = dict(zip(map(id, by_time), uuid7_hex_batch((c.first_ms for c in by_time), bits), strict=True))
    assoc = {code: ident for code, (ident, _name) in refs.associations.items()}
    rows.tables["company"] = (COMPANY_COLS, [
        (company_ids[id(c)], moment_text(c.first_ms), moment_text(c.first_ms), desk, desk,
         hlc_stamp(c.first_ms, desk), *c.row, assoc.get(c.association)) for c in by_time])
    rows.tables["visitor"], rows.tables["visitor_search_term"] = _visitor_rows(people, companies, company_ids, refs)
    rows.tables["visit"] = (VISIT_COLS, visits)
    return rows


def _visitor_rows(people: People, companies, company_ids, refs: Refs):
    """Visitor rows and their search-index rows, kept exactly as the visitors service keeps them."""
    desk, version = refs.desk, refs.privacy_notice_version
    words_of: dict[tuple[str, str], tuple[list[str], str]] = {}
    visitors, terms = [], []
    for v in people.order:
        first, last = people.first[v], people.last[v]
        found = words_of.get((first, last))
        if found is None:
            found = words_of[(first, last)] = (index_terms(first, last), search_key(first, last))
        words, key = found
        created, came = people.first_text[v], people.last_text[v]
        changed = people.last_ms[v] or people.first_ms[v]
        vid = people.ids[v]
        # The privacy notice is shown at the first check-in; someone only registered ahead has not seen it yet.
        visitors.append((vid, created, came or created, desk, desk, hlc_stamp(changed, desk), first, last,
                         people.email[v], people.phone[v], key, company_ids[id(companies[people.company_of[v]])],
                         came, version if came else "", created if came else None, people.newsletter[v], None))
        stamp = came or ""
        terms.extend([(w, stamp, vid) for w in words])
    return (VISITOR_COLS, visitors), (TERM_COLS, terms)
