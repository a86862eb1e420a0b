"""The verify step: each synced table's checksum (rows, and a sum of hashes of ids and stamps) kept
as rows change at the desk (db.checksums triggers, sync.checksums) and at the hub (hub.checksums),
compared per table; a table that differs is fetched again and summed from scratch, and one that
still differs is reported in the user's language."""

from __future__ import annotations

import sqlite3
import time
import uuid

from sqlalchemy import text
from sync_hub import hub_rows, sync_until

from frontdesk.db.checksums import sum_triggers
from frontdesk.db.outbox import not_queued
from frontdesk.domain.checksum import Checksum
from frontdesk.hub import database as hub_database
from frontdesk.hub.checksums import checksums as hub_checksums
from frontdesk.hub.checksums import from_scratch
from frontdesk.i18n import set_language
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.sync.checksums import _from_scratch, recompute, table_sums


def _raw(desk) -> sqlite3.Connection:
    conn = sqlite3.connect(desk.path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _company(desk, company_id: uuid.UUID) -> tuple | None:
    with desk.db.read() as session:
        return session.execute(text("SELECT name, hlc FROM company WHERE id = :id"), {"id": company_id.hex}).first()


def _outbox(desk) -> int:
    with desk.db.read() as session:
        return session.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()


def test_rows_changed_behind_syncs_back_are_found_and_fetched_again(desks):
    a, b = desks
    kept = create_company(a.db, data=CompanyInput(name="Officine Test", kind="foreign"), actor=a.admin)
    renamed = create_company(a.db, data=CompanyInput(name="Vecchio Nome Test", kind="foreign"), actor=a.admin)
    a.sync()
    for first in sync_until(b, lambda: _company(b, renamed.id) is not None):
        assert (first.differences, first.refetched) == ({}, ())
    old_name, old_stamp = _company(b, renamed.id)
    update_company(a.db, company_id=renamed.id, data=CompanyInput(name="Nuovo Nome Test", kind="foreign"),
                   actor=a.admin)
    a.sync()
    sync_until(b, lambda: _company(b, renamed.id)[0] == "Nuovo Nome Test")

    # Behind sync's back at B (the apply flag held, so nothing is queued): one row lost, one rolled
    # back to its older version, as a lost page or a lost update would leave them.
    conn = _raw(b)
    with not_queued(conn):
        conn.execute("DELETE FROM company WHERE id = ?", (kept.id.hex,))
        conn.execute("UPDATE company SET name = ?, hlc = ? WHERE id = ?", (old_name, old_stamp, renamed.id.hex))
    conn.execute("COMMIT")
    conn.close()
    assert _outbox(b) == 0

    report = b.sync()
    assert report.refetched == ("company",) and report.differences == {}
    assert any("company" in note and "fetched again" in note for note in report.notes())
    assert _company(b, kept.id)[0] == "Officine Test"
    assert _company(b, renamed.id)[0] == "Nuovo Nome Test"
    assert _outbox(b) == 0
    again = b.sync()
    assert (again.refetched, again.differences, again.pulled) == ((), {}, 0)


def test_a_table_that_still_differs_after_fetching_it_again_is_reported_in_italian(desks):
    a, b = desks
    made = create_company(a.db, data=CompanyInput(name="Officine Test", kind="foreign"), actor=a.admin)
    a.sync()
    sync_until(b, lambda: _company(b, made.id) is not None)
    conn = _raw(b)
    with not_queued(conn):  # a row the hub never had, stamped as if it came from there
        conn.execute("INSERT INTO company (id, created_at, updated_at, created_desk, updated_desk, hlc, name, "
                     "name_key, search_key, kind, vat_number, fiscal_code, sdi_code, pec, address, city, email, "
                     "phone, notes) VALUES (?, '2026-01-01', '2026-01-01', 'R9', 'R9', '0001000000000000.R9', "
                     "'Fantasma', 'fantasma', 'fantasma', 'foreign', '', '', '', '', '', '', '', '', '')",
                     (uuid.uuid4().hex,))
    conn.execute("COMMIT")
    conn.close()
    set_language("it")
    try:
        report = b.sync()
        notes = report.notes()
    finally:
        set_language("en")
    assert report.differences == {"company": (2, 1)} and report.refetched == (), report
    assert any("company" in note and "anche dopo" in note for note in notes), notes


def test_the_sums_kept_as_rows_change_equal_the_sums_from_scratch(desks, hub):
    a, b = desks
    company = create_company(a.db, data=CompanyInput(name="Officine Test", kind="foreign"), actor=a.admin)
    create_visitor(b.db, data=VisitorInput("Nicolò", "Zanchi"), actor=b.admin)
    a.sync()
    sync_until(b, lambda: _company(b, company.id) is not None)
    update_company(b.db, company_id=company.id, data=CompanyInput(name="Officine Nuove Test", kind="foreign"),
                   actor=b.admin)
    b.sync()
    sync_until(a, lambda: _company(a, company.id)[0] == "Officine Nuove Test")

    engine = hub_database.engine_for(hub.db_url)
    try:
        deadline = time.monotonic() + 20  # a long transaction elsewhere on the server holds the horizon back
        while (kept := hub_checksums(engine).sums) and time.monotonic() < deadline:
            if hub_rows(hub.db_url, "SELECT count(*) FROM hub_table_sum_delta") == [(0,)]:  # all folded
                break
            time.sleep(0.2)
        with engine.connect() as conn:
            assert kept == from_scratch(conn)
    finally:
        engine.dispose()
    for desk in (a, b):
        sync_until(desk, lambda d=desk: {t: c for t, c in table_sums(d.db).items() if c != Checksum()} == kept)
        here = table_sums(desk.db)
        conn = desk.db.raw()
        try:
            assert {t: _from_scratch(conn, t) for t in here} == table_sums(desk.db)
        finally:
            conn.close()
    assert kept["company"].rows == 1 and kept["visitor"].rows == 1 and kept["audit_event"].rows >= 3


def test_the_hub_keeps_no_personal_value_in_its_checksums(desks, hub):
    a, _b = desks
    create_visitor(a.db, data=VisitorInput("Zebedeo", "Quaglierini", email="zebedeo@example.org"), actor=a.admin)
    a.sync()
    rows = hub_rows(hub.db_url, "SELECT tbl, rows, total::text FROM hub_table_sum UNION ALL "
                                "SELECT tbl, rows, total::text FROM hub_table_sum_delta")
    assert rows and "zebedeo" not in repr(rows).lower() and "quaglierini" not in repr(rows).lower()


def _steps(db, monkeypatch) -> int:
    """SQLite virtual-machine steps (in thousands) a `table_sums` takes: its work, whatever the clock."""
    steps = [0]
    raw = db.raw

    def counted() -> sqlite3.Connection:
        conn = raw()
        conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 1000)
        return conn

    monkeypatch.setattr(db, "raw", counted)
    table_sums(db)
    monkeypatch.undo()
    return steps[0]


def _fill(desk, rows: int) -> None:
    conn = _raw(desk)
    with not_queued(conn):
        conn.executemany("INSERT INTO association (id, created_at, updated_at, created_desk, updated_desk, hlc, "
                         "code, name, sort) VALUES (?, '2026-01-01', '2026-01-01', 'R1', 'R1', ?, ?, ?, 0)",
                         [(uuid.uuid4().hex, f"{i:016x}.R1", f"code{i}", f"Associazione {i}") for i in range(rows)])
    conn.execute("COMMIT")
    conn.close()


def _one_change(desk) -> None:
    conn = _raw(desk)
    with not_queued(conn):
        conn.execute("UPDATE association SET hlc = '00ffffffffffffff.R1' WHERE rowid = (SELECT max(rowid) "
                     "FROM association)")
    conn.execute("COMMIT")
    conn.close()


def test_a_verify_reads_the_changes_not_the_tables(desks, monkeypatch):
    small, large = desks
    _fill(small, 200)
    _fill(large, 40_000)
    assert _steps(large.db, monkeypatch) > 20 * _steps(small.db, monkeypatch)  # the first time: from scratch
    for desk in desks:
        _one_change(desk)
    small_steps, large_steps = _steps(small.db, monkeypatch), _steps(large.db, monkeypatch)
    assert large_steps <= small_steps + 5, (small_steps, large_steps)
    recompute(large.db, table="association")
    assert table_sums(large.db)["association"].rows == 40_000 + len(_associations_made_at_setup(large))


def _associations_made_at_setup(desk) -> list:
    with desk.db.read() as session:
        return session.execute(text("SELECT id FROM association WHERE code NOT LIKE 'code%' AND hlc <> ''")).all()


def test_the_checksum_triggers_are_there_after_every_migration(desks):
    for desk in desks:
        with desk.db.read() as session:
            names = set(session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert set(sum_triggers()) <= names


def test_upgrading_to_0006_lists_the_audit_events_a_desk_that_pulled_has_received(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from frontdesk.db.migrate import alembic_config, open_database

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # a desk at revision 0004 that has synced: one event sent, one waiting
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('desk_code', '\"R1\"')")
        conn.exec_driver_sql("INSERT INTO sync_state (key, value, number) VALUES ('pull_cursor', '{}', 0)")
        conn.exec_driver_sql("DELETE FROM sync_outbox")
        for event in ("a" * 32, "b" * 32):
            conn.exec_driver_sql("INSERT INTO audit_event (id, at, desk, actor_label, record_type, record_id, action, "
                                 "changes) VALUES (?, '2026-11-30 10:00:00', 'R1', 'Desk', 'company', 'x', "
                                 "'company.create', '{}')", (event,))
        conn.exec_driver_sql("DELETE FROM sync_outbox WHERE row_id = ?", ("a" * 32,))
    engine.dispose()
    db = open_database(path, desk="R1")
    try:
        with db.read() as session:
            received = session.execute(text("SELECT table_name, row_id FROM sync_received")).all()
            names = set(session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert received == [("audit_event", "a" * 32)]
        assert set(sum_triggers()) <= names
        assert table_sums(db)["audit_event"].rows == 1
    finally:
        db.dispose()


def test_the_hub_recount_command_rebuilds_checksums_after_the_record_was_changed_by_hand(desks, hub):
    from sync_hub import hub_command

    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Officine Test", kind="foreign"), actor=a.admin)
    a.sync()
    hub_rows(hub.db_url, "DELETE FROM hub_record WHERE tbl = 'company' RETURNING row_id")  # by hand, in psql
    out = hub_command("recount", db_url=hub.db_url)
    assert out.stdout.startswith("Checksums rebuilt from the site's record:")
    engine = hub_database.engine_for(hub.db_url)
    try:
        sums = hub_checksums(engine).sums
        with engine.connect() as conn:
            assert sums == from_scratch(conn) and "company" not in sums
    finally:
        engine.dispose()


def test_a_table_with_changes_not_pullable_yet_gets_no_verdict_until_they_are(desks, hub):
    import psycopg

    from frontdesk.sync.client import HubClient

    a, b = desks
    company = create_company(a.db, data=CompanyInput(name="Prima Test", kind="foreign"), actor=a.admin)
    sync_until(a, lambda: _company(a, company.id)[1] != "")  # at the hub and pullable (A has its stamp back)
    long_one = psycopg.connect(hub.db_url)  # a writing transaction left open: the pulls' horizon stays here
    try:
        long_one.execute("SELECT pg_current_xact_id()")
        update_company(a.db, company_id=company.id, data=CompanyInput(name="Seconda Test", kind="foreign"),
                       actor=a.admin)
        for desk in (a, b):
            report = desk.sync()
            assert (report.differences, report.refetched) == ({}, ())  # no verdict, no table fetched again
        assert _company(b, company.id) is None  # B never had it, and its newest version is not pullable yet
        with HubClient(hub.url, b.token) as client:
            assert "company" in client.checksums()[1]
    finally:
        long_one.rollback()
        long_one.close()
    reports = sync_until(b, lambda: _company(b, company.id)[0] == "Seconda Test")
    assert (reports[-1].differences, reports[-1].refetched) == ({}, ())
