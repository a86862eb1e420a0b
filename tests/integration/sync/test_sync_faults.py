"""Faults on the wire, with real hub processes behind a fault-injecting proxy (bench/fault_proxy.py):
the connection cut before the hub sees a request, after it committed, half-way through a pull
page; a 500; an answer slower than the desk's timeout; the hub killed (SIGKILL) right after its
commit; the desk killed (SIGKILL) while it applies a page. Two hub processes serve one PostgreSQL
and the proxy sends the desk's requests to them in turn (or to the one still alive).

Each fault ends the run with a clear Italian SyncError and nothing half-applied (the desk's outbox
and watermark as before, or as after a whole page); the next run converges: every desk holds the
hub's rows, every operation a desk ever queued was applied at the hub once, outboxes are empty.
The in-process variants (a page interrupted by an exception, the hub stopped, a replayed push)
are in test_sync_failures.py.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sync_hub import ROOT, Desk, HubProcess, hub_rows, outbox_size, scratch_database

from bench.fault_proxy import (
    CUT_AFTER_HUB,
    CUT_BEFORE_HUB,
    CUT_HALF_ANSWER,
    ERROR_500,
    HOLD,
    SLOW,
    FaultProxy,
)
from frontdesk.db.migrate import HEAD
from frontdesk.db.models import synced_models
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.errors import SyncError
from frontdesk.domain.roles import Role
from frontdesk.domain.text import name_key, search_key
from frontdesk.hub.database import engine_for
from frontdesk.hub.desks import add_desk
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.registry.companies import CompanyInput, create_company, search_companies
from frontdesk.services.staff import accounts as staff
from frontdesk.sync import outbox
from frontdesk.sync.client import HubClient

BROKE = "La connessione con l'hub di sincronizzazione si è interrotta"
ERROR = "ha risposto con un errore (500)"
SLOW_MESSAGE = "è troppo lento a rispondere"
MESSAGES = {CUT_BEFORE_HUB: BROKE, CUT_AFTER_HUB: BROKE, CUT_HALF_ANSWER: BROKE, ERROR_500: ERROR,
            SLOW: SLOW_MESSAGE}
TIMEOUT_S = 1.5  # the desk's client timeout in these tests; the proxy holds a SLOW answer longer


@pytest.fixture
def hubs(pg_url, tmp_path):
    """Two hub processes on one PostgreSQL database, started together (the first to get the
    advisory lock upgrades the schema)."""
    made = [HubProcess(pg_url, log=tmp_path / f"hub{n}.log") for n in (1, 2)]
    starters = [threading.Thread(target=hub.start) for hub in made]
    try:
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join(60)
        for hub in made:
            assert hub.process is not None and hub.process.poll() is None, hub.log.read_text()
        yield made
    finally:
        for hub in made:
            hub.stop()


@pytest.fixture
def proxy(hubs):
    with FaultProxy(*(hub.port for hub in hubs), slow_s=TIMEOUT_S + 2) as made:
        yield made


@pytest.fixture
def pair(tmp_path, hubs, proxy):
    """Desks R1 and R2 registered at the hub, both talking to it through the proxy."""
    engine = engine_for(hubs[0].db_url)
    try:
        made = [_make_desk(tmp_path / f"{code}.sqlite", code, engine, proxy.url) for code in ("R1", "R2")]
    finally:
        engine.dispose()
    yield made
    for desk in made:
        desk.db.dispose()


def _make_desk(path: Path, code: str, engine, url: str) -> Desk:
    """A desk on a real SQLite file, registered at the hub with every role (in-process: quicker
    than `frontdesk-hub add-desk`, which test_sync_hub_service.py covers)."""
    init_desk(path, desk=code)
    db = open_desk(path)
    admin = staff.set_first_admin_password(db, password=f"admin-password-{code}").actor
    return Desk(code, path, db, admin, add_desk(engine, code=code, roles=frozenset(Role)), url)


def _sync(desk: Desk) -> object:
    with HubClient(desk.hub_url, desk.token, timeout=TIMEOUT_S) as client:
        return desk.sync(client=client)


def _desk_state(desk: Desk) -> tuple:
    """The outbox, the watermark and every synced row: what a failed run must leave as it was."""
    conn = sqlite3.connect(desk.path)
    try:
        queued = conn.execute("SELECT seq, table_name, row_id, data FROM sync_outbox ORDER BY seq").fetchall()
        state = conn.execute("SELECT key, value FROM sync_state WHERE key NOT IN ('clock', 'last_good_sync') "
                             "ORDER BY key").fetchall()
    finally:
        conn.close()
    return queued, state, _desk_rows(desk.path)


def _desk_rows(path: Path) -> dict[tuple[str, str], dict]:
    conn = sqlite3.connect(path)
    try:
        rows = {}
        for model in synced_models():
            fields = synced_fields(model)
            for row in conn.execute(f"SELECT id, {', '.join(fields)} FROM {model.__tablename__}"):
                rows[(model.__tablename__, row[0])] = dict(zip(fields, row[1:], strict=True))
        return rows
    finally:
        conn.close()


def _hub_record(db_url: str) -> dict[tuple[str, str], dict]:
    return {(tbl, row_id): data for tbl, row_id, data in
            hub_rows(db_url, "SELECT tbl, row_id, data FROM hub_record WHERE data <> '{}'::jsonb")}


def _queued_ever(desk: Desk) -> int:
    """How many operations this desk ever queued (the outbox's AUTOINCREMENT counter)."""
    conn = sqlite3.connect(desk.path)
    try:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").fetchone()
    finally:
        conn.close()
    return row[0] if row else 0


def assert_converged(desks: list[Desk], db_url: str) -> None:
    """Every desk equals the hub; every operation each desk ever queued was applied there, once."""
    hub = _hub_record(db_url)
    for desk in desks:
        assert outbox_size(desk) == 0, desk.code
        rows = _desk_rows(desk.path)
        assert set(rows) == set(hub), desk.code
        for key, data in hub.items():
            assert {k: rows[key][k] for k in data} == data, (desk.code, key)
        applied = hub_rows(db_url, "SELECT a.seq, a.outcome FROM hub_applied_op a JOIN hub_desk d ON d.id = a.desk_id "
                                   "WHERE d.code = %s ORDER BY a.seq", desk.code)
        assert [seq for seq, _outcome in applied] == list(range(1, _queued_ever(desk) + 1)), desk.code
        assert {outcome for _seq, outcome in applied} <= {"applied", "superseded"}, desk.code
        conn = sqlite3.connect(desk.path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


def _make_companies(desk: Desk, prefix: str, n: int) -> None:
    for i in range(n):
        create_company(desk.db, data=CompanyInput(name=f"{prefix} {i}", kind="foreign"), actor=desk.admin)


# --- the proxy itself ----------------------------------------------------------------------------


def test_the_proxy_counts_every_round_trip_and_adds_its_delay(pair, proxy, hubs):
    a, _b = pair
    _make_companies(a, "Counted", 3)
    seen: list[str] = []
    with HubClient(a.hub_url, a.token) as client:
        client._http.event_hooks["request"].append(lambda request: seen.append(request.url.path))
        a.sync(client=client)
    assert proxy.paths() == seen and seen[0] == "/v1/handshake" and "/v1/push" in seen
    assert {trip.upstream for trip in proxy.trips} == {hubs[0].port, hubs[1].port}  # in turn, both hubs
    assert all(trip.answered and trip.status == 200 for trip in proxy.trips)

    proxy.reset_count()
    proxy.delay = 0.040
    started = time.perf_counter()
    report = a.sync()
    elapsed = time.perf_counter() - started
    assert report.pushed == 0 and proxy.round_trips >= 4  # handshake, keys, pull, counts
    assert elapsed >= 0.040 * proxy.round_trips


# --- each fault, on the push and on the pull ------------------------------------------------------


@pytest.mark.parametrize("fault", [CUT_BEFORE_HUB, CUT_AFTER_HUB, CUT_HALF_ANSWER, ERROR_500, SLOW])
def test_a_fault_on_the_push_changes_nothing_here_and_the_next_run_converges(pair, proxy, hubs, fault):
    a, b = pair
    _make_companies(a, "Pushed", 4)
    before = _desk_state(a)
    proxy.fail_next("/v1/push", fault)
    set_language("it")
    with pytest.raises(SyncError) as error:
        _sync(a)
    assert MESSAGES[fault] in error.value.message
    assert _desk_state(a) == before  # nothing settled, nothing pulled: all is sent again next time
    hub_names = [n for (n,) in hub_rows(hubs[0].db_url, "SELECT data->>'name' FROM hub_record WHERE tbl = 'company'")]
    committed = fault in (CUT_AFTER_HUB, CUT_HALF_ANSWER, SLOW)  # the hub applied it; the desk never heard
    assert sorted(hub_names) == ([f"Pushed {i}" for i in range(4)] if committed else [])

    for desk in (a, b, a):
        report = _sync(desk)
        assert report.rejected == 0 and report.waiting == 0 and report.differences == {}
    assert_converged(pair, hubs[0].db_url)
    assert sorted(c.name for c in search_companies(b.db, query="pushed")) == [f"Pushed {i}" for i in range(4)]


@pytest.mark.parametrize("fault", [CUT_BEFORE_HUB, CUT_AFTER_HUB, CUT_HALF_ANSWER, ERROR_500, SLOW])
def test_a_fault_on_a_pull_page_keeps_the_pages_before_it_and_none_of_it_then_converges(pair, proxy, hubs, fault):
    a, b = pair
    _make_companies(a, "Pulled", 6)
    _sync(a)
    _sync(b)  # B's own rows reach the hub; B has pulled A's
    _make_companies(a, "Later", 5)
    _sync(a)
    before = _desk_state(b)
    proxy.fail_next("/v1/pull", fault, skip=1)  # the second page of 3 rows
    set_language("it")
    with pytest.raises(SyncError) as error, HubClient(b.hub_url, b.token, timeout=TIMEOUT_S) as client:
        b.sync(client=client, page=3)
    assert MESSAGES[fault] in error.value.message
    after = _desk_state(b)
    assert after[0] == before[0] and after[1] != before[1]  # the first page and its watermark were kept
    assert len(set(after[2]) - set(before[2])) == 3
    _assert_watermark_matches(b, hubs[0].db_url, known=set(before[2]))  # none of the second page

    report = _sync(b)
    assert report.pulled >= 5 and report.differences == {}
    _sync(a)
    assert_converged(pair, hubs[0].db_url)


@pytest.mark.parametrize("path", ["/v1/handshake", "/v1/keys", "/v1/counts"])
def test_a_cut_at_the_handshake_the_key_hand_over_or_the_verify_step_loses_nothing(pair, proxy, hubs, path):
    a, b = pair
    _make_companies(a, "Elsewhere", 3)
    proxy.fail_next(path, CUT_HALF_ANSWER)
    set_language("it")
    with pytest.raises(SyncError, match=BROKE):
        _sync(a)
    # Cut at the verify step, the run had pushed and pulled: the last good sync is not recorded.
    conn = sqlite3.connect(a.path)
    assert conn.execute("SELECT count(*) FROM sync_state WHERE key = 'last_good_sync'").fetchone() == (0,)
    conn.close()
    for desk in (a, b, a):
        _sync(desk)
    assert_converged(pair, hubs[0].db_url)


# --- two hub processes, and one killed after its commit -----------------------------------------


def test_an_answer_lost_at_one_hub_process_is_replayed_at_the_other_and_applied_once(pair, proxy, hubs):
    a, b = pair
    _make_companies(a, "Twice", 5)
    proxy.use(hubs[0].port)
    proxy.fail_next("/v1/push", CUT_AFTER_HUB)
    with pytest.raises(SyncError):
        _sync(a)
    applied = hub_rows(hubs[0].db_url, "SELECT count(*) FROM hub_applied_op")
    log = hub_rows(hubs[0].db_url, "SELECT tbl, row_id, data FROM hub_record ORDER BY 1, 2")
    proxy.use(hubs[1].port)
    proxy.reset_count()
    report = _sync(a)
    assert {t.upstream for t in proxy.trips} == {hubs[1].port}
    assert report.pushed > 0 and report.applied == report.pushed  # answered from the record, not applied again
    assert hub_rows(hubs[0].db_url, "SELECT count(*) FROM hub_applied_op") == applied  # nothing claimed twice
    assert hub_rows(hubs[0].db_url, "SELECT tbl, row_id, data FROM hub_record WHERE tbl = 'company' ORDER BY 1, 2") \
        == [row for row in log if row[0] == "company"]
    proxy.use(hubs[0].port, hubs[1].port)
    for desk in (b, a, b):
        _sync(desk)
    assert_converged(pair, hubs[0].db_url)


def test_the_hub_killed_right_after_its_commit_then_another_process_takes_over(pair, proxy, hubs, tmp_path):
    a, b = pair
    _make_companies(a, "Survivor", 5)
    proxy.use(hubs[0].port)
    proxy.fail_next("/v1/push", HOLD)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            _sync(a)
        except BaseException as exc:  # kept for the assertion below
            failure.append(exc)

    runner = threading.Thread(target=run)
    runner.start()
    assert proxy.held.wait(30), "the push never reached the hub"
    hubs[0].process.send_signal(signal.SIGKILL)  # the hub has committed; its answer is held in the proxy
    hubs[0].process.wait(10)
    names = hub_rows(hubs[0].db_url, "SELECT data->>'name' FROM hub_record WHERE tbl = 'company' ORDER BY 1")
    assert names == [(f"Survivor {i}",) for i in range(5)]
    replacement = HubProcess(hubs[0].db_url, log=tmp_path / "hub3.log")
    replacement.start()
    try:
        proxy.use(replacement.port, hubs[1].port)
        proxy.release()
        runner.join(30)
        assert len(failure) == 1 and isinstance(failure[0], SyncError)
        assert outbox_size(a) > 0  # unanswered: still queued
        for desk in (a, b, a):
            report = _sync(desk)
            assert report.rejected == 0 and report.differences == {}
        assert_converged(pair, hubs[0].db_url)
        assert [c.name for c in search_companies(b.db, query="survivor")] == [f"Survivor {i}" for i in range(5)]
    finally:
        replacement.stop()


# --- the desk killed while it applies a page ------------------------------------------------------


def _seed_hub_with_companies(hub: HubProcess, template: dict, n: int) -> None:
    """`n` whole company rows pushed by a desk of their own (S1), 1000 per request."""
    engine = engine_for(hub.db_url)
    try:
        token = add_desk(engine, code="S1", roles=frozenset(Role))
    finally:
        engine.dispose()
    with HubClient(hub.url, token, timeout=120) as client:
        for start in range(0, n, 1000):
            ops = [{**template, "seq": i + 1, "row_id": f"{i:032x}", "data": {
                **template["data"], "name": f"Seeded {i:05d}", "name_key": name_key(f"Seeded {i:05d}"),
                "search_key": search_key(f"Seeded {i:05d}", str(template["data"].get("city") or ""))}}
                   for i in range(start, min(n, start + 1000))]
            results = client.push(schema_version=HEAD, epoch="S1", ops=ops)
            assert {r["outcome"] for r in results} == {"applied"}


def _write_lock_held(path: Path) -> bool:
    """True while another connection holds the file's write lock (a transaction is being applied)."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    finally:
        conn.close()


def _assert_watermark_matches(desk: Desk, db_url: str, *, known: set) -> None:
    """The desk holds every hub row up to its stored watermark and, besides the rows it `known`
    before, none after it: its pages were applied whole, each with its watermark."""
    conn = sqlite3.connect(desk.path)
    try:
        stored = conn.execute("SELECT value FROM sync_state WHERE key = 'pull_cursor'").fetchone()
    finally:
        conn.close()
    cursor = json.loads(stored[0]) if stored else {"txid": 0, "tbl": "", "row_id": ""}
    mark = (cursor["txid"], cursor["tbl"], cursor["row_id"])
    here = set(_desk_rows(desk.path))
    log = hub_rows(db_url, "SELECT txid, tbl, row_id FROM hub_record WHERE data <> '{}'::jsonb")
    assert {(tbl, row_id) for txid, tbl, row_id in log if (txid, tbl, row_id) <= mark} <= here
    assert not {(tbl, row_id) for txid, tbl, row_id in log if (txid, tbl, row_id) > mark} & (here - known)


@pytest.mark.parametrize("page", [1, 2])
def test_the_desk_killed_while_applying_a_page_keeps_its_file_whole_and_converges(pair, proxy, hubs, tmp_path, page):
    a, b = pair
    _make_companies(a, "Template", 1)
    template = next(op.as_json() for op in outbox.pending(a.db, limit=100) if op.table == "company")
    _sync(a)
    _seed_hub_with_companies(hubs[0], template, 4000)
    b.db.dispose()
    known = set(_desk_rows(b.path))  # B's own rows: at the hub after B's push, here all along
    token_file = tmp_path / "R2.token"
    token_file.write_text(b.token + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRONTDESK_LANGUAGE": "it"}
    command = [sys.executable, "-m", "frontdesk", "--db", str(b.path), "sync", "--hub", proxy.url,
               "--token-file", str(token_file)]
    proxy.reset_count()
    desk = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proxy.wait_for_answers("/v1/pull", page, timeout=120), "the page never reached the desk"
        deadline = time.monotonic() + 30
        while not _write_lock_held(b.path):  # the page's bytes have passed: wait until it is being applied
            assert desk.poll() is None, desk.stderr.read().decode()
            assert time.monotonic() < deadline, "the desk never started applying the page"
        desk.send_signal(signal.SIGKILL)
    finally:
        desk.wait(30)
    assert desk.returncode == -signal.SIGKILL

    conn = sqlite3.connect(b.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        companies = conn.execute("SELECT count(*) FROM company").fetchone()[0]
    finally:
        conn.close()
    _assert_watermark_matches(b, hubs[0].db_url, known=known)  # every page before it, none of the one killed
    assert proxy.paths() == ["/v1/handshake", "/v1/keys", "/v1/push"] + ["/v1/pull"] * page
    assert (companies == 0) if page == 1 else (0 < companies < 4001)

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    b.db = open_desk(b.path)
    _sync(a)
    assert_converged(pair, hubs[0].db_url)
    assert [c.name for c in search_companies(b.db, query="seeded 03999")] == ["Seeded 03999"]


# --- the pull's horizon: transactions of the hub's database only ----------------------------------


def test_a_write_left_open_in_another_database_of_the_server_does_not_hold_back_pulls(pair, hubs):
    """Transaction ids are the server's: another application's open write (here a table created in
    a database of its own) must not keep the desks from receiving what the hub has committed."""
    a, b = pair
    with scratch_database() as other, psycopg.connect(other) as elsewhere:
        elsewhere.execute("CREATE TABLE busy (n int)")  # an open transaction holding a transaction id
        elsewhere.execute("INSERT INTO busy VALUES (1)")
        _make_companies(a, "Meanwhile", 3)
        assert _sync(a).differences == {}
        report = _sync(b)
        assert report.differences == {} and report.pulled > 0
        assert [c.name for c in search_companies(b.db, query="meanwhile")] == [f"Meanwhile {i}" for i in range(3)]
        elsewhere.rollback()
    _sync(a)
    assert_converged(pair, hubs[0].db_url)


def test_a_write_still_open_in_the_hubs_database_holds_back_the_rows_after_it_until_it_ends(pair, hubs):
    """The other side of the horizon: a transaction of the hub's own database that began before a
    push may still commit rows with a smaller id, so nothing after it is sent until it ends."""
    a, b = pair
    _sync(b)
    with psycopg.connect(hubs[0].db_url) as pending:
        pending.execute("SELECT pg_current_xact_id()")  # holds a transaction id older than the push below
        _make_companies(a, "Held", 2)
        _sync(a)
        report = _sync(b)
        assert "company" not in report.differences  # the hub names the table pending: no verdict yet
        assert search_companies(b.db, query="held") == []  # nothing after the open transaction, nothing skipped
        pending.rollback()
    _sync(b)
    _sync(a)
    assert_converged(pair, hubs[0].db_url)
    assert [c.name for c in search_companies(b.db, query="held")] == ["Held 0", "Held 1"]
