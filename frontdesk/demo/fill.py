"""Demo data: `run_demo` (what `frontdesk demo` calls) and `fill_demo`, which fills a desk database
with realistic, deterministic data: companies of the province of Bergamo with valid VAT numbers,
their people, the Point's hosts and a year of visits, some visitors on site now and some expected.

Rows are generated first (`demo.rows.generate_rows`, pure Python) and then inserted with plain
executemany on the session's own SQLite connection, inside one transaction (`insert_rows`): at a
million visits the ORM or even Core would spend most of the time converting values. A database
that holds real data is refused; a database already filled with demo data is left as it is.
Imports no Qt.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import Sample, TestType
from frontdesk.db.migrate import open_database
from frontdesk.db.models import (
    Association,
    Base,
    Company,
    Host,
    NumberSeries,
    Service,
    Visit,
    Visitor,
    VisitorSearchTerm,
)
from frontdesk.db.outbox import not_queued
from frontdesk.demo.lab import TEST_TYPES as LAB_TEST_TYPES
from frontdesk.demo.lab import contacts_of, lab_rows
from frontdesk.demo.lab_equipment import demo_authorisations, demo_lab_rows
from frontdesk.demo.moments import epoch_ms
from frontdesk.demo.plan import Refs
from frontdesk.demo.rows import DemoRows, generate_rows
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.roles import Actor
from frontdesk.i18n import _, format_number
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import has_numbers, series_prefix
from frontdesk.services.desk.settings import read_flag, read_settings, write_setting
from frontdesk.services.desk.setup import DEMO_FLAG, init_desk, open_desk
from frontdesk.services.lab.auto_plan import replan
from frontdesk.services.staff import audit

__all__ = ["DemoReport", "fill_demo", "generate_rows", "insert_rows", "insert_statements", "read_refs",
           "run_demo"]

GENERATOR_KEY = "demo_generator"
GENERATOR_VERSION = 8  # 3: the lab (requests, samples, tests, custody); 4: tests planned, technicians; 5: results;
# 6: the demo desk is the lab's planning desk and the fill ends with the automatic plan's first run;
# 7: companies with postcode, province, country; public bodies; private persons with first and last name;
# 8: the requests' decision rules are the catalogue's codes (their labels print on receipts and reports)
BULK_CACHE_KIB = 262_144  # page cache while loading: index pages of a million rows stay in memory
_CHUNK = 50_000

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoReport:
    path: str
    desk: str
    large: bool
    seed: int
    companies: int
    visitors: int
    visits: int
    hosts: int
    search_terms: int
    samples: int = 0
    seconds_init: float = 0.0
    seconds_generate: float = 0.0
    seconds_insert: float = 0.0
    seconds_total: float = 0.0
    skipped: bool = False  # the database already held demo data and was left as it was

    def __str__(self) -> str:
        if self.skipped:
            text = _("The database already holds demo data ({companies} companies, {visitors} visitors, "
                     "{visits} visits): nothing was added.")
        else:
            text = _("Demo data ready: {companies} companies, {visitors} visitors, {visits} visits "
                     "in {seconds} s.")
        return text.format(companies=format_number(self.companies), visitors=format_number(self.visitors),
                           visits=format_number(self.visits), seconds=format_number(self.seconds_total, 1))


def read_refs(session: Session, *, desk: str) -> Refs:
    """The reference rows generated data points at (associations and services loaded by init)."""
    associations = {a.code: (a.id.hex, a.name) for a in session.scalars(select(Association).order_by(Association.sort))}
    services = {s.code: s.id.hex for s in session.scalars(select(Service).order_by(Service.sort))}
    return Refs(desk=desk, now=utcnow(), associations=associations, services=services,
                privacy_notice_version=read_settings(session).privacy_notice_version)


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def insert_statements(rows: DemoRows) -> list[tuple[str, str, list]]:
    """(table, INSERT statement, rows) in insertion order. Columns the generator does not fill
    get their model's scalar default as a literal, so a column added later does not break the demo."""
    statements = []
    for name, (columns, data) in rows.tables.items():
        table = Base.metadata.tables[name]
        unknown = set(columns) - set(table.c.keys())
        if unknown:
            raise RuntimeError(f"demo columns missing from the model {name}: {sorted(unknown)}")
        names, values = list(columns), ["?"] * len(columns)
        for column in table.c:
            if column.name in columns:
                continue
            default = column.default
            if default is not None and getattr(default, "is_scalar", False):
                names.append(column.name)
                values.append(_literal(default.arg))
            elif not column.nullable and column.server_default is None:
                raise RuntimeError(f"demo data has no value for {name}.{column.name}")
        statements.append((name, f"INSERT INTO {name} ({', '.join(names)}) VALUES ({', '.join(values)})", data))
    return statements


def insert_rows(conn: sqlite3.Connection, rows: DemoRows, progress: Progress | None = None) -> None:
    """Insert generated rows with executemany on `conn`, inside the caller's transaction."""
    total, done = max(rows.total, 1), 0
    cursor = conn.cursor()
    try:
        for name, sql, data in insert_statements(rows):
            for start in range(0, len(data), _CHUNK):
                chunk = data[start:start + _CHUNK]
                cursor.executemany(sql, chunk)
                done += len(chunk)
                if progress:
                    progress(name, done / total)
    finally:
        cursor.close()


def _counts(session: Session) -> dict[str, int]:
    def count(model) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return {"companies": count(Company), "visitors": count(Visitor), "visits": count(Visit), "hosts": count(Host),
            "search_terms": count(VisitorSearchTerm), "samples": count(Sample)}


def _already_filled(session: Session) -> dict[str, int] | None:
    """The counts of a demo database that already holds data; None when it can be filled.
    Raises ValidationError for a database with real data."""
    counts = _counts(session)
    has_data = counts["companies"] or counts["visitors"] or counts["visits"]
    if not has_data:
        return None
    if not read_flag(session, DEMO_FLAG, False):
        raise ValidationError(_("This database holds real companies and visitors: demo data is only added to a "
                                "new database or a demo one. Nothing was changed."))
    return counts


def fill_demo(db, *, large: bool = False, seed: int = 2026, progress: Progress | None = None) -> DemoReport:
    """Fill an initialised desk database with demo data and mark it as a demo database.

    Raises ValidationError when the database holds real data. A demo database that is already
    filled is left unchanged (the report says `skipped`)."""
    started = time.perf_counter()
    with db.read() as session:
        existing = _already_filled(session)
        refs = None if existing else read_refs(session, desk=db.desk)
        test_types = set(session.scalars(select(TestType.code)))
        prefix = series_prefix(session)
        signing = not existing and load_keyring(create=not (has_numbers(session, "badge")
                                                            or has_numbers(session, "sample"))).current()
    if existing:
        return DemoReport(str(db.path), db.desk, large, seed, skipped=True, **existing)
    if progress:
        progress("generate", 0.0)
    rows = generate_rows(large, seed, refs=refs)
    key_id, key = signing
    lab = lab_rows(large=large, seed=seed, desk=db.desk, prefix=prefix, now_ms=epoch_ms(refs.now),
                   existing_types=test_types,
                   contacts=contacts_of(rows.tables["visitor"][1], limit=5_000, seed=seed),
                   sign=lambda sample_id, lab_id: sample_tokens.issue(
                       sample_tokens.SampleClaim(sample_id, lab_id, key_id), key))
    rows.tables.update(lab.tables)
    generated = time.perf_counter()
    with db.begin() as session:
        if _already_filled(session):  # someone else filled it meanwhile
            raise ValidationError(_("The database was filled by another process meanwhile. Nothing was changed."))
        write_setting(session, DEMO_FLAG, True)
        write_setting(session, "lab_planning_desk", db.desk)  # the demo desk makes the lab's automatic plan
        write_setting(session, GENERATOR_KEY, {"version": GENERATOR_VERSION, "seed": seed, "large": large})
        conn = session.connection().connection.driver_connection
        previous_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        try:
            with not_queued(conn):  # demo rows stay out of the sync outbox (a bulk load twice as slow)
                session.add_all(demo_lab_rows(today_in_rome(), utcnow()))  # the machines and technicians tests name
                session.flush()
                insert_rows(conn, rows, progress)
                session.add_all(demo_authorisations(tuple(LAB_TEST_TYPES)))
                session.flush()
        finally:
            conn.execute(f"PRAGMA cache_size={previous_cache}")
        # The lab IDs and request numbers the intake takes next continue after the demo's.
        session.merge(NumberSeries(name="sample", prefix=prefix, last_value=lab.numbered))
        session.merge(NumberSeries(name="lab_request", prefix=prefix, last_value=lab.requests))
        counts = {"companies": rows.count("company"), "visitors": rows.count("visitor"),
                  "visits": rows.count("visit"), "hosts": rows.count("host"),
                  "search_terms": rows.count("visitor_search_term"), "samples": rows.count("lab_sample")}
        audit.record(session, Actor.desk_itself(db.desk), "demo.fill", record_type="database", record_id="demo",
                     changes={key: [None, value] for key, value in counts.items()} | {"seed": [None, seed]})
    inserted = time.perf_counter()
    # The plan the desk makes by itself when none was made since midnight: the timeline, the queues
    # and the intake's promised dates start from a plan, as at a lab's planning desk each morning.
    replan(db, actor=Actor.desk_itself(db.desk), cause="night")
    if progress:
        progress("done", 1.0)
    return DemoReport(str(db.path), db.desk, large, seed, seconds_generate=generated - started,
                      seconds_insert=inserted - generated, seconds_total=time.perf_counter() - started, **counts)


def run_demo(path: Path | str, *, desk: str = "R1", large: bool = False, seed: int = 2026,
             progress: Progress | None = None) -> DemoReport:
    """`frontdesk demo`: create (or upgrade) the database at `path` as a demo desk and fill it.

    Refuses, before changing anything, a database that holds real data."""
    started = time.perf_counter()
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        db = open_database(path)
        try:
            with db.read() as session:
                _already_filled(session)
        finally:
            db.dispose()
    init_desk(path, desk=desk, demo=True)
    db = open_desk(path)
    initialised = time.perf_counter()
    try:
        report = fill_demo(db, large=large, seed=seed, progress=progress)
    finally:
        db.dispose()
    return dataclasses.replace(report, path=str(path), seconds_init=initialised - started,
                               seconds_total=time.perf_counter() - started)
