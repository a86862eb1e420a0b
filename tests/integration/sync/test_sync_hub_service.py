"""The hub as a service: its command line, health, OpenAPI, TLS with the site's own CA, its
schema, the change log read in commit order, and concurrent hub processes applying once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import httpx
import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sync_hub import ROOT, HubProcess, hub_command, hub_rows, make_desk

from frontdesk.domain.errors import SyncError
from frontdesk.hub import database as hub_database
from frontdesk.hub.desks import token_hash
from frontdesk.hub.models import HubBase
from frontdesk.hub.pull import Cursor, pull
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.sync import run as sync_run
from frontdesk.sync.client import HubClient


def test_add_desk_prints_the_token_once_keeps_only_its_hash_and_refuses_a_code_in_use(pg_url):
    first = hub_command("add-desk", "r1", "--roles", "reception,admin", db_url=pg_url)
    token = first.stdout.strip().splitlines()[-1]
    assert "Desk R1 registered" in first.stdout and len(token) >= 40
    assert hub_rows(pg_url, "SELECT code, token_hash, roles FROM hub_desk") == [
        ("R1", token_hash(token), "admin,reception")]
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_desk WHERE token_hash = %s OR roles LIKE %s",
                    token, f"%{token}%") == [(0,)]
    again = hub_command("add-desk", "R1", "--roles", "reception", db_url=pg_url, check=False)
    assert again.returncode == 2 and "already registered" in again.stderr and "Traceback" not in again.stderr
    bad = hub_command("add-desk", "R2", "--roles", "janitor", db_url=pg_url, check=False)
    assert bad.returncode == 2 and "Unknown role" in bad.stderr
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_desk") == [(1,)]
    gone = hub_command("revoke-desk", "R9", db_url=pg_url, check=False)
    assert gone.returncode == 2 and "No active desk" in gone.stderr


def test_health_and_the_openapi_description_need_no_token_and_the_rest_does(hub):
    assert httpx.get(f"{hub.url}/health").json() == {"status": "ok"}
    paths = httpx.get(f"{hub.url}/openapi.json").json()["paths"]
    assert {"/health", "/v1/handshake", "/v1/push", "/v1/pull", "/v1/counts"} <= set(paths)
    for path in ("/v1/handshake", "/v1/push", "/v1/pull"):
        assert httpx.post(f"{hub.url}{path}", json={}).status_code == 401
    assert httpx.get(f"{hub.url}/v1/counts", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_the_hub_schema_equals_its_models_and_head_is_current(pg_url):
    engine = hub_database.engine_for(pg_url)
    try:
        hub_database.upgrade(engine)
        hub_database.upgrade(engine)  # a second process starting: nothing to do
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    HubBase.metadata) == []
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == hub_database.HEAD
    finally:
        engine.dispose()


def test_a_pull_never_skips_a_row_committed_out_of_order(pg_url):
    engine = hub_database.engine_for(pg_url)
    hub_database.upgrade(engine)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO hub_desk (code, token_hash, roles) VALUES ('R1', 'x', 'admin')")
    insert = ("INSERT INTO hub_record (tbl, row_id, data, stamps, desk_id) "
              "VALUES ('company', %s, '{\"name\": \"x\"}', '{}', 1)")
    try:
        early = psycopg.connect(pg_url)  # takes its transaction id first, commits last
        early.execute("SELECT pg_current_xact_id()")
        early.execute(insert, ("a" * 32,))
        with psycopg.connect(pg_url) as late:
            late.execute(insert, ("b" * 32,))
            late.commit()
        page = pull(engine, after=Cursor(), limit=100)
        assert page.rows == []  # the later row waits: the earlier transaction is still running
        early.commit()
        early.close()
        page = pull(engine, after=Cursor(), limit=1)
        second = pull(engine, after=page.cursor, limit=1)
        assert [r["row_id"] for r in page.rows + second.rows] == ["a" * 32, "b" * 32]
        assert pull(engine, after=second.cursor, limit=100).rows == []
    finally:
        engine.dispose()


def test_a_transaction_running_in_another_database_of_the_server_does_not_hold_the_log_back(pg_url):
    """Transaction ids are the server's: a long transaction in another database (a report, another
    application) must not stop the hub handing out what was committed in its own."""
    engine = hub_database.engine_for(pg_url)
    hub_database.upgrade(engine)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO hub_desk (code, token_hash, roles) VALUES ('R1', 'x', 'admin')")
    elsewhere = psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres")
    try:
        elsewhere.execute("SELECT pg_current_xact_id()")  # takes an id first and stays open
        with psycopg.connect(pg_url) as conn:
            conn.execute("INSERT INTO hub_record (tbl, row_id, data, stamps, desk_id) "
                         "VALUES ('company', %s, '{\"name\": \"x\"}', '{}', 1)", ("c" * 32,))
        assert [r["row_id"] for r in pull(engine, after=Cursor(), limit=100).rows] == ["c" * 32]
    finally:
        elsewhere.rollback()
        elsewhere.close()
        engine.dispose()


def test_two_hub_processes_receiving_one_push_at_once_apply_it_once(desks, hub, tmp_path):
    a, _b = desks
    for n in range(30):
        create_company(a.db, data=CompanyInput(name=f"Company {n}", kind="foreign"), actor=a.admin)
    from frontdesk.sync import outbox

    ops = [op.as_json() for op in outbox.pending(a.db, limit=1000)]
    second = HubProcess(hub.db_url, log=tmp_path / "hub2.log")
    second.start()
    answers: list[list[dict]] = []

    def send(url: str) -> None:
        with HubClient(url, a.token) as client:
            answers.append(client.push(schema_version=sync_run.HEAD, epoch="R1", ops=ops))

    try:
        threads = [threading.Thread(target=send, args=(url,)) for url in (hub.url, second.url, hub.url)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        second.stop()
    assert len(answers) == 3
    assert all({r["outcome"] for r in answer} == {"applied"} for answer in answers)
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_applied_op") == [(len(ops),)]
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'company'") == [(30,)]


def test_a_sequence_number_reused_for_another_operation_is_refused(desks, hub):
    a, _b = desks
    op = {"seq": 1, "table": "host", "row_id": "ab" * 16, "hlc": "01a2326163400003.R1",
          "data": {"name": "First"}, "actor": {}}
    with HubClient(hub.url, a.token) as client:
        first = client.push(schema_version=sync_run.HEAD, epoch="X1", ops=[op])[0]
        assert first == {"seq": 1, "outcome": "rejected", "reason": "permission_denied"}  # the desk itself
        assert client.push(schema_version=sync_run.HEAD, epoch="X1", ops=[op])[0] == first  # a replay
        other = {**op, "data": {"name": "Second"}}
        assert client.push(schema_version=sync_run.HEAD, epoch="X1", ops=[other])[0] == {
            "seq": 1, "outcome": "rejected", "reason": "sequence_reused"}


def _make_ca(folder) -> tuple[str, str, str]:
    def ssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Point test CA")
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "hub.key", "-out", "hub.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    ssl("x509", "-req", "-in", "hub.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "hub.pem",
        "-days", "2", "-extfile", "ext.cnf")
    return str(folder / "ca.pem"), str(folder / "hub.pem"), str(folder / "hub.key")


def test_tls_the_desk_verifies_the_hub_against_the_sites_ca(pg_url, tmp_path):
    ca, cert, key = _make_ca(tmp_path)
    hub = HubProcess(pg_url, log=tmp_path / "hub.log", extra=("--ssl-certfile", cert, "--ssl-keyfile", key),
                     scheme="https")
    hub.start(ca_file=ca)
    try:
        desk = make_desk(tmp_path / "R1.sqlite", "R1", hub)
        try:
            with pytest.raises(SyncError, match="certificate could not be verified"):
                desk.sync()  # the system's store does not know the site's CA
            report = desk.sync(ca_file=ca)
            assert report.pushed > 0 and report.rejected == 0
        finally:
            desk.db.dispose()
    finally:
        hub.stop()


def test_frontdesk_sync_command_runs_once_and_says_what_it_did(hub, tmp_path):
    desk = make_desk(tmp_path / "R1.sqlite", "R1", hub)
    desk.db.dispose()
    (tmp_path / "token").write_text(desk.token + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRONTDESK_HOME": str(tmp_path / "home"),
           "FRONTDESK_LANGUAGE": "it"}
    command = [sys.executable, "-m", "frontdesk", "--db", str(desk.path), "sync", "--hub", hub.url,
               "--token-file", str(tmp_path / "token")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Sincronizzazione completata" in done.stdout
    (tmp_path / "token").write_text("forged\n")
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "token" in refused.stderr and "Traceback" not in refused.stderr
