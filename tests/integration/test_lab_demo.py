"""The lab's demo data (normal size, real SQLite file): requests, samples with specimens and labels
that verify, tests, custody chains that follow the custody rule, and number series that continue."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections import defaultdict

import pytest

from frontdesk.demo.fill import run_demo
from frontdesk.demo.lab import NORMAL_SAMPLES, TEST_TYPES
from frontdesk.domain.errors import FrontdeskError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.lab import custody as rule
from frontdesk.domain.lab import sample_tokens
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.setup import first_admin_actor, open_desk
from frontdesk.services.lab.history import find_samples, sample_history
from frontdesk.services.lab.scans import sample_for_scan


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labdemo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRONTDESK_HOME", str(folder / "home"))
        report = run_demo(folder / "demo.sqlite", desk="R1", seed=2026)
        keys = dict(load_keyring().keys)
    return folder / "demo.sqlite", report, keys


@pytest.fixture
def conn(demo):
    connection = sqlite3.connect(demo[0])
    yield connection
    connection.close()


def test_counts_and_references(demo, conn):
    assert demo[1].samples == NORMAL_SAMPLES
    assert conn.execute("SELECT count(*) FROM lab_sample").fetchone()[0] == NORMAL_SAMPLES
    assert conn.execute("SELECT count(*) FROM lab_request").fetchone()[0] >= 20
    assert conn.execute("SELECT count(*) FROM lab_sample WHERE parent_id IS NOT NULL").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM lab_test").fetchone()[0] >= NORMAL_SAMPLES
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    codes = dict(conn.execute("SELECT code, id FROM lab_test_type").fetchall())
    assert set(TEST_TYPES) <= set(codes)
    assert all(codes[c] == reference_id("lab_test_type", c).hex for c in TEST_TYPES)
    # the contact is a person of the request's company
    assert conn.execute("SELECT count(*) FROM lab_request r JOIN visitor v ON v.id = r.contact_id "
                        "WHERE v.company_id <> r.company_id").fetchone()[0] == 0


def test_labels_verify_and_name_their_sample(demo, conn):
    for ident, lab_id, token in conn.execute("SELECT id, lab_id, label_token FROM lab_sample"):
        claim = sample_tokens.verify(token, demo[2])
        assert claim.sample_id == uuid.UUID(hex=ident) and claim.lab_id == lab_id


def test_every_chain_follows_the_custody_rule(conn):
    chains = defaultdict(list)
    for sample, kind, location, keep in conn.execute("SELECT sample_id, kind, location, keep_until "
                                                     "FROM lab_custody_event ORDER BY sample_id, at, id"):
        chains[sample].append((kind, location, keep))
    assert len(chains) == NORMAL_SAMPLES
    for steps in chains.values():
        assert steps[0][0] == "received"
        last = None
        for kind, location, keep in steps:
            try:
                rule.check_step(kind=kind, last_kind=last, lab_id="x", location=location,
                                keep_until=dt.date.fromisoformat(keep) if keep else None, today=dt.date(2000, 1, 1),
                                notes="")
            except FrontdeskError as error:
                pytest.fail(f"{steps}: {error}")
            last = kind
    assert conn.execute("SELECT max(at) FROM lab_custody_event").fetchone()[0] <= \
        conn.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')").fetchone()[0]


def test_the_desk_continues_the_series_and_opens_a_history(demo, conn):
    path, _report, _keys = demo
    last_lab = conn.execute("SELECT max(lab_id) FROM lab_sample WHERE parent_id IS NULL").fetchone()[0]
    assert conn.execute("SELECT last_value FROM number_series WHERE name = 'sample'").fetchone()[0] == \
        int(last_lab.split("-")[-1])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRONTDESK_HOME", str(path.parent / "home"))
        db = open_desk(path)
        try:
            newest = find_samples(db, limit=1)[0]
            history = sample_history(db, sample_id=newest.id, actor=first_admin_actor(db))
            assert history.custody and history.tests and history.request.company_name
            token = conn.execute("SELECT label_token FROM lab_sample WHERE id = ?", (newest.id.hex,)).fetchone()[0]
            assert sample_for_scan(db, text=token).lab_id == newest.lab_id
        finally:
            db.dispose()


def test_tests_are_planned_on_machines_and_technicians(demo, conn):
    """Issue 14: the demo's queues are filled — the done tests ran on a machine of their kind by a
    technician; recent ones sit in the technicians' queues from yesterday to the day after tomorrow."""
    from frontdesk.demo.lab import MACHINES_OF
    from frontdesk.domain.clock import today_in_rome
    from frontdesk.domain.lab.test_status import stage_of
    from frontdesk.services.lab.queue import queue_page

    rows = conn.execute("SELECT t.status, t.stage, t.equipment_id, e.code, tt.code, t.technician_id, "
                        "t.planned_start, t.planned_end, t.started_at, t.completed_at, t.plan_flag FROM lab_test t "
                        "JOIN lab_test_type tt ON tt.id = t.test_type_id "
                        "LEFT JOIN lab_equipment e ON e.id = t.equipment_id").fetchall()
    for status, stage, _machine, code, type_code, technician, start, end, started, completed, flag in rows:
        assert stage == stage_of(1, status)
        if status == "requested" or (status == "scheduled" and flag == "moved" and start is None):
            assert technician is None and start is None  # not planned, or its machine failed: the plan found none
            continue
        assert code in MACHINES_OF[type_code] and technician is not None and start < end
        assert (started is not None) == (status != "scheduled")
        assert (completed is not None) == (status in ("completed", "verified", "reported"))
    statuses = {r[0] for r in rows}
    assert {"scheduled", "in_progress", "completed", "verified"} <= statuses
    assert conn.execute("SELECT count(*) FROM lab_test WHERE (status = 'verified') <> (verified_at IS NOT NULL) "
                        "OR verified_at < completed_at").fetchone()[0] == 0  # verified after it was done
    db = open_desk(demo[0])
    try:
        marco = conn.execute("SELECT id FROM staff_member WHERE username = 'tecnico'").fetchone()[0]
        today = today_in_rome()
        days = [today + dt.timedelta(days=n) for n in (-1, 0, 1, 2)]
        queued = [queue_page(db, day=day, technician_id=uuid.UUID(hex=marco)) for day in days]
        assert any(queued)
        assert all(r.technician_name == "Marco Locatelli" for page in queued for r in page)
    finally:
        db.dispose()


def test_the_demo_desk_is_the_planning_desk_and_made_one_plan(demo, conn):
    """Issue 15: the demo's timeline, queues and intake start from a stored plan."""
    from frontdesk.services.lab.auto_plan import latest_run, plan_due

    [(cause, made_by, tests)] = conn.execute("SELECT cause, made_by, tests FROM lab_plan_run").fetchall()
    assert (cause, made_by) == ("night", None) and tests > 0
    assert conn.execute("SELECT value FROM site_setting WHERE key = 'lab_planning_desk'").fetchone() == ('"R1"',)
    db = open_desk(demo[0])
    try:
        assert latest_run(db).tests == tests
        assert plan_due(db) is None  # made today, and nothing changed since
    finally:
        db.dispose()


def test_the_decision_rules_are_the_catalogues_codes(conn):
    """Receipts and reports print a request's decision rule by its label: the demo uses known codes."""
    from frontdesk.domain.lab.requests import decision_rule

    rules = {code for (code,) in conn.execute("SELECT DISTINCT decision_rule FROM lab_request "
                                              "WHERE decision_rule <> ''")}
    assert rules and all(decision_rule(code) is not None for code in rules)
