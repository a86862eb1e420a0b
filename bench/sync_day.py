"""A realistic day through a real hub (phase 1 of sync): desk A checks in 300 visitors (each with
its visitor, visit, badge and audit rows) and edits 50 companies, then syncs; desk B syncs and
receives it all. Each figure is printed beside a baseline measured in the same run: the same
operations written raw, psycopg `executemany` into a jsonb table on the same PostgreSQL plus
sqlite3 `executemany` into an SQLite file, with the ratio.

    .venv/bin/python -m bench.sync_day        # needs PostgreSQL at 127.0.0.1:5432 (user postgres)

Round trips are the HTTP requests each desk made (handshake, push batches, pull pages, counts).
Nothing is asserted: the output is for people.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgresql://postgres@127.0.0.1:5432"


@contextlib.contextmanager
def scratch_database():
    name = f"frontdesk_hub_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def hub_process(db_url: str, log: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "frontdesk.hub.cli", "--db", db_url, "serve",
                                    "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def main() -> int:
    from frontdesk.domain.roles import Actor, Role
    from frontdesk.hub.database import engine_for, upgrade
    from frontdesk.hub.desks import add_desk
    from frontdesk.services.desk.setup import init_desk, open_desk
    from frontdesk.services.reception.visits import check_in_new_visitor
    from frontdesk.services.registry.companies import CompanyInput, create_company, get_company, update_company
    from frontdesk.services.registry.visitors import VisitorInput
    from frontdesk.services.staff import accounts as staff
    from frontdesk.services.sync import run_sync
    from frontdesk.sync import outbox
    from frontdesk.sync.client import HubClient

    folder = Path(tempfile.mkdtemp(prefix="frontdesk-sync-bench-"))
    os.environ["FRONTDESK_HOME"] = str(folder / "home")
    with scratch_database() as db_url:
        engine = engine_for(db_url)
        upgrade(engine)
        desks = {}
        for code in ("R1", "R2"):
            path = folder / f"{code}.sqlite"
            init_desk(path, desk=code)
            db = open_desk(path)
            admin = staff.set_first_admin_password(db, password=f"admin-password-{code}").actor
            desks[code] = (db, admin, add_desk(engine, code=code, roles=frozenset(Role)))
        engine.dispose()
        with hub_process(db_url, folder / "hub.log") as url:
            def sync(code: str) -> tuple[float, int, object]:
                db, _admin, token = desks[code]
                requests = []
                client = HubClient(url, token)
                client._http.event_hooks["request"].append(requests.append)
                started = time.perf_counter()
                report = run_sync(db, hub_url=url, token=token, actor=Actor.desk_itself(code), client=client)
                elapsed = time.perf_counter() - started
                client.close()
                return elapsed, len(requests), report

            a_db, a_admin, _ = desks["R1"]
            companies = [create_company(a_db, data=CompanyInput(name=f"Azienda {i}", kind="foreign"),
                                        actor=a_admin).id for i in range(50)]
            sync("R1"), sync("R2")  # the companies and the reference data, before the day
            for i in range(300):
                check_in_new_visitor(a_db, visitor=VisitorInput("Visitatore", f"Numero{i}",
                                                                company_id=companies[i % 50]),
                                     service_code="meeting", host_id=None, privacy_notice_shown=True,
                                     actor=a_admin)
            for i, company_id in enumerate(companies):
                current = get_company(a_db, company_id=company_id)
                update_company(a_db, company_id=company_id, data=CompanyInput(
                    name=current.name, kind="foreign", city=f"Città {i}"), actor=a_admin)
            ops = [op.as_json() for op in outbox.pending(a_db, limit=100_000)]
            push_s, push_trips, push_report = sync("R1")
            pull_s, pull_trips, pull_report = sync("R2")

        baseline_s = raw_baseline(db_url, folder, ops)
    for db, _admin, _token in desks.values():
        db.dispose()
    print(f"sync of a realistic day ({len(ops)} operations: 300 check-ins with badges, 50 companies changed)")
    print(f"  desk A sync (push, echo, verify): {push_s * 1000:7.0f} ms, {push_trips} round trips, "
          f"{push_report.pushed} pushed")
    print(f"  desk B sync (pull, verify):       {pull_s * 1000:7.0f} ms, {pull_trips} round trips, "
          f"{pull_report.pulled} pulled")
    print(f"  baseline, raw psycopg executemany + raw sqlite3 executemany of the same operations: "
          f"{baseline_s * 1000:.0f} ms")
    print(f"  ratio: A {push_s / baseline_s:.1f}x, B {pull_s / baseline_s:.1f}x, "
          f"A+B {(push_s + pull_s) / baseline_s:.1f}x the baseline")
    return 0


def raw_baseline(db_url: str, folder: Path, ops: list[dict]) -> float:
    rows = [(op["table"], op["row_id"], json.dumps(op["data"])) for op in ops]
    started = time.perf_counter()
    with psycopg.connect(db_url) as conn:
        conn.execute("CREATE TABLE bench_raw (tbl text, row_id text, data jsonb)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO bench_raw VALUES (%s, %s, %s)", rows)
        conn.commit()
    lite = sqlite3.connect(folder / "raw.sqlite")
    lite.execute("CREATE TABLE raw (tbl text, row_id text, data text)")
    lite.executemany("INSERT INTO raw VALUES (?, ?, ?)", rows)
    lite.commit()
    lite.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
