"""Demo data on real SQLite files: deterministic content, valid VAT numbers, the demo flag, search
working on generated visitors exactly as on hand-entered ones, times in the past and in office
hours in Europe/Rome, records consistent with each other, and refusal of a database with real data."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import uuid
from collections import defaultdict

import pytest

from frontdesk.demo.fill import fill_demo, run_demo
from frontdesk.demo.moments import is_working_day
from frontdesk.domain.clock import ROME, utcnow
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.fiscal import validate_foreign_vat, validate_partita_iva
from frontdesk.i18n import language, set_language
from frontdesk.services.desk.setup import first_admin_actor, init_desk, is_demo, open_desk
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitor_search import index_terms, term_stamp
from frontdesk.services.registry.visitors import search_visitors


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One normal-size demo database shared by the read-only tests of this module."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRONTDESK_HOME", str(folder / "home"))
        report = run_demo(folder / "demo.sqlite", desk="R1", seed=2026)
    return folder / "demo.sqlite", report


@pytest.fixture
def conn(demo):
    connection = sqlite3.connect(demo[0])
    yield connection
    connection.close()


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _content(path) -> dict[str, object]:
    c = sqlite3.connect(path)
    try:
        return {
            "companies": c.execute("SELECT name, vat_number, kind, city FROM company ORDER BY name, vat_number")
            .fetchall(),
            "visitors": c.execute("SELECT first_name, last_name, email FROM visitor ORDER BY 1, 2, 3").fetchall(),
            "visits": c.execute("SELECT status, count(*) FROM visit GROUP BY status ORDER BY status").fetchall(),
        }
    finally:
        c.close()


def test_counts_and_report(demo, conn):
    _path, report = demo
    assert (report.companies, report.visitors, report.visits) == (2_000, 6_000, 24_000)
    assert not report.skipped
    assert conn.execute("SELECT count(*) FROM company").fetchone()[0] == 2_000
    assert conn.execute("SELECT count(*) FROM visitor").fetchone()[0] == 6_000
    assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 24_000
    assert conn.execute("SELECT count(*) FROM host").fetchone()[0] == report.hosts > 20
    previous = language()
    try:
        set_language("en")
        assert "2,000 companies, 6,000 visitors, 24,000 visits" in str(report)
        set_language("it")
        assert "2.000" in str(report) and "24.000" in str(report)
    finally:
        set_language(previous)


def test_same_seed_gives_the_same_data(demo, tmp_path):
    path, _report = demo
    again = tmp_path / "again.sqlite"
    run_demo(again, desk="R1", seed=2026)
    assert _content(again) == _content(path)
    other = tmp_path / "other.sqlite"
    run_demo(other, desk="R1", seed=7)
    assert _content(other)["companies"] != _content(path)["companies"]


def test_italian_vat_numbers_are_valid_and_foreign_ones_accepted(conn):
    rows = conn.execute("SELECT kind, vat_number, fiscal_code, association_id FROM company").fetchall()
    kinds = defaultdict(int)
    for kind, vat, fiscal, _assoc in rows:
        kinds[kind] += 1
        if kind == "it":
            assert validate_partita_iva(vat) == vat
            assert fiscal == vat
        elif kind == "foreign" and vat:
            assert validate_foreign_vat(vat) == vat
        else:
            assert vat == ""
    assert kinds["it"] > 1_800 and kinds["foreign"] > 20 and kinds["private"] > 20


def test_companies_are_spread_over_the_associations(conn):
    shares = dict(conn.execute("SELECT a.code, count(*) FROM company c JOIN association a ON a.id = c.association_id "
                               "GROUP BY a.code").fetchall())
    assert len(shares) >= 10
    assert shares["none"] > 200
    assert shares["confartigianato"] > shares["fai"]
    assert conn.execute("SELECT count(*) FROM company WHERE association_id IS NULL").fetchone()[0] == 0


def test_every_company_has_people_and_names_look_italian(conn):
    lonely = conn.execute("SELECT count(*) FROM company c WHERE NOT EXISTS "
                          "(SELECT 1 FROM visitor v WHERE v.company_id = c.id)").fetchone()[0]
    assert lonely == 0
    firsts = {r[0] for r in conn.execute("SELECT DISTINCT first_name FROM visitor")}
    lasts = {r[0] for r in conn.execute("SELECT DISTINCT last_name FROM visitor")}
    assert {"Nicolò", "Chiara", "Mattia"} <= firsts
    assert {"Rota", "Locatelli", "Pesenti", "D'Alessandro"} <= lasts


def test_database_is_flagged_demo(demo):
    db = open_desk(demo[0])
    try:
        assert is_demo(db)
    finally:
        db.dispose()


def test_search_finds_demo_visitors_without_accents(demo, conn):
    db = open_desk(demo[0])
    try:
        vid, last = conn.execute("SELECT id, last_name FROM visitor WHERE first_name = 'Nicolò' "
                                 "AND last_name NOT LIKE '% %' ORDER BY last_visit_at DESC").fetchone()
        found = search_visitors(db, query=f"nicolo {last[:3]}", limit=50)
        assert uuid.UUID(hex=vid) in {v.id for v in found}
        assert all(v.first_name.startswith(("Nicol", "nicol")) or "nicol" in v.last_name.lower() for v in found
                   if v.first_name == "Nicolò")
        apostrophe = conn.execute("SELECT id FROM visitor WHERE last_name = 'D''Alessandro' "
                                  "ORDER BY last_visit_at DESC").fetchone()[0]
        assert uuid.UUID(hex=apostrophe) in {v.id for v in search_visitors(db, query="dalessandro", limit=50)}
        common = search_visitors(db, query="r", limit=20)  # the plan that walks the recency index
        assert len(common) == 20
        stamps = [v.last_visit_at for v in common]
        assert stamps == sorted(stamps, reverse=True)
    finally:
        db.dispose()


def test_search_index_matches_what_the_visitors_service_would_write(conn):
    terms = defaultdict(set)
    for term, stamp, vid in conn.execute("SELECT term, last_visit_at, visitor_id FROM visitor_search_term"):
        terms[vid].add((term, stamp))
    for vid, first, last, last_visit in conn.execute("SELECT id, first_name, last_name, last_visit_at FROM visitor"):
        stamp = term_stamp(_utc(last_visit)) if last_visit else ""
        assert terms[vid] == {(w, stamp) for w in index_terms(first, last)}, (first, last)


def test_last_visit_is_the_latest_check_in(conn):
    wrong = conn.execute(
        "SELECT count(*) FROM visitor v WHERE v.last_visit_at IS NOT "
        "(SELECT max(checked_in_at) FROM visit WHERE visit.visitor_id = v.id)").fetchone()[0]
    assert wrong == 0


def test_visits_are_in_the_past_in_office_hours_in_rome(conn):
    now = utcnow()
    today = now.astimezone(ROME).date()
    rows = conn.execute("SELECT status, checked_in_at, checked_out_at, closed_by_system, expected_on, created_at "
                        "FROM visit").fetchall()
    by_status = defaultdict(int)
    for status, came, left, closed, expected_on, created in rows:
        by_status[status] += 1
        assert _utc(created) <= now
        if status == "out":
            came_local, left_local = _utc(came).astimezone(ROME), _utc(left).astimezone(ROME)
            assert _utc(left) < now
            assert is_working_day(came_local.date()) and came_local.date() < today
            assert dt.time(8, 0) <= came_local.time() < dt.time(18, 0)
            assert came_local < left_local <= came_local.replace(hour=20, minute=0, second=0, microsecond=0)
            assert (left_local.time() == dt.time(20, 0)) == bool(closed)
            assert _utc(created) <= _utc(came)
        elif status == "on_site":
            assert left is None and _utc(came) <= now and _utc(came).astimezone(ROME).date() == today
        elif status == "expected":
            assert came is None and dt.date.fromisoformat(expected_on) >= today
        else:
            assert status == "cancelled" and came is None and expected_on
    assert by_status["on_site"] >= 5 and by_status["cancelled"] > 0
    assert conn.execute("SELECT count(*) FROM visit WHERE status = 'expected' AND expected_on = ?",
                        (today.isoformat(),)).fetchone()[0] >= 5


def test_rows_carry_time_ordered_ids_and_their_desk(conn):
    for table in ("company", "visitor", "visit", "host"):
        for ident, created, desk, changed_desk, hlc in conn.execute(
                f"SELECT id, created_at, created_desk, updated_desk, hlc FROM {table} LIMIT 200"):
            value = uuid.UUID(hex=ident)
            assert value.version == 7
            millis = value.int >> 80
            assert abs(millis - _utc(created).timestamp() * 1000) < 1000
            assert desk == changed_desk == "R1" and hlc.endswith("-R1")
    assert conn.execute("SELECT count(*) FROM visitor v JOIN company c ON c.id = v.company_id "
                        "WHERE c.created_at > v.created_at").fetchone()[0] == 0


def test_the_fill_is_audited(conn):
    (changes,) = conn.execute("SELECT changes FROM audit_event WHERE action = 'demo.fill'").fetchone()
    assert '"visits": [null, 24000]' in changes


def test_a_filled_demo_database_is_left_as_it_is(demo, tmp_path):
    path = tmp_path / "twice.sqlite"
    run_demo(path)
    report = run_demo(path)
    assert report.skipped and report.visits == 24_000
    previous = language()
    try:
        set_language("en")
        assert "nothing was added" in str(report)
    finally:
        set_language(previous)


def test_a_database_with_real_data_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "real.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    try:
        create_company(db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157"),
                       actor=first_admin_actor(db))
        with pytest.raises(ValidationError):
            fill_demo(db)
    finally:
        db.dispose()
    with pytest.raises(ValidationError):
        run_demo(path)
    db = open_desk(path)
    try:
        assert not is_demo(db)
        c = sqlite3.connect(path)
        assert c.execute("SELECT count(*) FROM company").fetchone()[0] == 1
        assert c.execute("SELECT count(*) FROM visit").fetchone()[0] == 0
        c.close()
    finally:
        db.dispose()


def test_an_empty_real_desk_can_become_a_demo(tmp_path):
    path = tmp_path / "empty.sqlite"
    init_desk(path, desk="L1")
    db = open_desk(path)
    try:
        report = fill_demo(db, seed=1)
        assert report.visits == 24_000 and is_demo(db)
        c = sqlite3.connect(path)
        assert c.execute("SELECT count(*) FROM visit WHERE created_desk = 'L1'").fetchone()[0] == 24_000
        c.close()
    finally:
        db.dispose()


@pytest.mark.slow
def test_large_demo_reaches_the_benchmark_size(tmp_path):
    started = time.perf_counter()
    report = run_demo(tmp_path / "large.sqlite", large=True)
    elapsed = time.perf_counter() - started
    c = sqlite3.connect(tmp_path / "large.sqlite")
    try:
        assert c.execute("SELECT count(*) FROM visitor").fetchone()[0] == 200_000
        assert c.execute("SELECT count(*) FROM visit").fetchone()[0] == 1_000_000
        assert c.execute("SELECT count(*) FROM company").fetchone()[0] == 20_000
        assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        c.close()
    assert (report.visitors, report.visits) == (200_000, 1_000_000)
    print(f"large demo: {elapsed:.1f} s ({report.seconds_generate:.1f} generate, {report.seconds_insert:.1f} insert)")


def test_a_file_that_is_not_a_database_is_refused_and_unchanged(tmp_path):
    from frontdesk.domain.errors import DatabaseProblem

    path = tmp_path / "notes.sqlite"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(DatabaseProblem):
        run_demo(path)
    assert path.read_text(encoding="utf-8") == "not a database"
