"""Figure: a realistic day through a real hub. Desk A checks in 300 visitors (each with its
visitor, visit, badge and audit rows) and edits 50 companies, then syncs (push, the echo of its
own rows, verify); desk B syncs and receives it all (pull, verify). Both talk to the hub (a real
`frontdesk-hub serve` process on loopback) through the fault proxy (bench/fault_proxy.py), which
counts the round trips (HTTP requests) on the wire and, for the second figure, adds 40 ms to each.

The day is prepared once; each run starts from copies of the desks' files and a copy of the hub's
database as they were before the day's sync (PostgreSQL `CREATE DATABASE ... TEMPLATE`), with a
hub process of its own. The baseline, measured in the same run: the same operations written raw,
psycopg `executemany` into a jsonb table on the same PostgreSQL plus sqlite3 `executemany` into an
SQLite file. Targets (issue 12): under 1 s on loopback, at most 10 round trips.

    .venv/bin/python -m bench.run --only sync_day   # beside nothing else
    .venv/bin/python -m bench.sync_day              # the same figure, on its own

Needs PostgreSQL: FRONTDESK_BENCH_PG, default postgresql://postgres@127.0.0.1:5432 (bench.hub_server).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/sync_day.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench.context import Context, log
from bench.fault_proxy import FaultProxy
from bench.hub_server import SERVER, hub_process, postgres_problem, scratch_database
from bench.table import Row, Stats, render

DELAY_S = 0.040
LOOPBACK = "sync day: A pushes, B pulls, each verifies (loopback)"
TRIPS = "sync day: round trips of A + B (counted by the proxy)"
DELAYED = "sync day: the same, +40 ms per round trip"
BASELINE = "raw psycopg + sqlite3 executemany, same ops"


@dataclass(frozen=True)
class Day:
    """The state before the day's sync: the desks' files, their tokens, the hub's database."""

    files: dict[str, Path]
    tokens: dict[str, str]
    hub_db: str  # the template database's name
    ops: list[dict]


@dataclass(frozen=True)
class Run:
    push_s: float
    pull_s: float
    push_paths: list[str]
    pull_paths: list[str]
    pushed: int
    pulled: int
    differences: dict


def _sync(path: Path, code: str, token: str, proxy: FaultProxy) -> tuple[float, list[str], object]:
    from frontdesk.domain.roles import Actor
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.sync import run_sync
    from frontdesk.sync.client import HubClient

    db = open_desk(path)
    try:
        proxy.reset_count()
        with HubClient(proxy.url, token) as client:
            started = time.perf_counter()
            report = run_sync(db, hub_url=proxy.url, token=token, actor=Actor.desk_itself(code), client=client)
            elapsed = time.perf_counter() - started
        return elapsed, proxy.paths(), report
    finally:
        db.dispose()


def prepare_day(folder: Path, hub_db: str) -> Day:
    """Two desks registered at a fresh hub, synced once (reference data, 50 companies), then
    desk A's day of work: 300 check-ins and 50 companies changed, not yet synced."""
    from frontdesk.domain.roles import Role
    from frontdesk.hub.database import engine_for, upgrade
    from frontdesk.hub.desks import add_desk
    from frontdesk.services.desk.setup import init_desk, open_desk
    from frontdesk.services.reception.visits import check_in_new_visitor
    from frontdesk.services.registry.companies import CompanyInput, create_company, get_company, update_company
    from frontdesk.services.registry.visitors import VisitorInput
    from frontdesk.services.staff import accounts as staff
    from frontdesk.sync import outbox

    db_url = f"{SERVER}/{hub_db}"
    engine = engine_for(db_url)
    upgrade(engine)
    files, tokens, admins = {}, {}, {}
    for code in ("R1", "R2"):
        files[code] = folder / f"{code}-before.sqlite"
        init_desk(files[code], desk=code)
        db = open_desk(files[code])
        admins[code] = staff.set_first_admin_password(db, password=f"admin-password-{code}").actor
        db.dispose()
        tokens[code] = add_desk(engine, code=code, roles=frozenset(Role))
    engine.dispose()
    admin = admins["R1"]
    a_db = open_desk(files["R1"])
    try:
        companies = [create_company(a_db, data=CompanyInput(name=f"Azienda {i}", kind="foreign"), actor=admin).id
                     for i in range(50)]
    finally:
        a_db.dispose()
    with hub_process(db_url, folder / "hub.log") as url, FaultProxy(_port(url)) as proxy:
        for code in ("R1", "R2"):  # the companies and the reference data, before the day
            _sync(files[code], code, tokens[code], proxy)
    a_db = open_desk(files["R1"])
    try:
        for i in range(300):
            check_in_new_visitor(a_db, visitor=VisitorInput("Visitatore", f"Numero{i}", company_id=companies[i % 50]),
                                 service_code="meeting", host_id=None, privacy_notice_shown=True, actor=admin)
        for i, company_id in enumerate(companies):
            current = get_company(a_db, company_id=company_id)
            update_company(a_db, company_id=company_id, data=CompanyInput(name=current.name, kind="foreign",
                                                                          city=f"Città {i}"), actor=admin)
        ops = [op.as_json() for op in outbox.pending(a_db, limit=100_000)]
    finally:
        a_db.dispose()
    for path in files.values():  # one file each, no WAL beside it, for plain copies
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return Day(files, tokens, hub_db, ops)


def one_run(day: Day, folder: Path, *, delay: float) -> Run:
    files = {}
    for code, path in day.files.items():
        files[code] = folder / f"{code}-run.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{files[code]}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(path, files[code])
    with scratch_database(template=day.hub_db) as db_url, \
            hub_process(db_url, folder / "hub.log") as url, FaultProxy(_port(url), delay=delay) as proxy:
        push_s, push_paths, pushed = _sync(files["R1"], "R1", day.tokens["R1"], proxy)
        pull_s, pull_paths, pulled = _sync(files["R2"], "R2", day.tokens["R2"], proxy)
    return Run(push_s, pull_s, push_paths, pull_paths, pushed.pushed, pulled.pulled,
               {**pushed.differences, **pulled.differences})


def raw_baseline(folder: Path, ops: list[dict]) -> float:
    import psycopg

    rows = [(op["table"], op["row_id"], json.dumps(op["data"])) for op in ops]
    lite_path = folder / "raw.sqlite"
    lite_path.unlink(missing_ok=True)
    with scratch_database() as db_url:
        started = time.perf_counter()
        with psycopg.connect(db_url) as conn:
            conn.execute("CREATE TABLE bench_raw (tbl text, row_id text, data jsonb)")
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO bench_raw VALUES (%s, %s, %s)", rows)
            conn.commit()
        lite = sqlite3.connect(lite_path)
        lite.execute("CREATE TABLE raw (tbl text, row_id text, data text)")
        lite.executemany("INSERT INTO raw VALUES (?, ?, ?)", rows)
        lite.commit()
        lite.close()
        return time.perf_counter() - started


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _trips(paths: list[str]) -> str:
    counted = Counter(path.removeprefix("/v1/") for path in paths)
    return ", ".join(f"{name} {n}" if n > 1 else name for name, n in counted.items())


def measure(ctx: Context) -> list[Row]:
    problem = postgres_problem()
    if problem:
        return [Row(LOOPBACK, None, note=f"PostgreSQL not reachable at {SERVER}: {problem[:120]}")]
    runs = ctx.runs_for(quick=1, full=3)
    folder = ctx.workdir / "sync-day"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with scratch_database() as hub_url:
        log("sync day: preparing the day (300 check-ins, 50 companies changed) ...")
        day = prepare_day(folder, hub_url.rsplit("/", 1)[1])
        loopback, delayed, baseline = [], [], []
        for run in range(runs):
            log(f"sync day: run {run + 1}/{runs} ...")
            loopback.append(one_run(day, folder, delay=0.0))
            delayed.append(one_run(day, folder, delay=DELAY_S))
            baseline.append(raw_baseline(folder, day.ops))
    last = loopback[-1]
    trips = [len(r.push_paths) + len(r.pull_paths) for r in loopback]
    problems = sorted({f"{table} {here}/{there}" for r in loopback + delayed
                       for table, (here, there) in r.differences.items()})
    where = (f"{len(day.ops):,} operations; A {_ms(loopback, 'push_s')} ms ({last.pushed} pushed), "
             f"B {_ms(loopback, 'pull_s')} ms ({last.pulled} pulled)")
    return [
        Row(LOOPBACK, Stats.of([r.push_s + r.pull_s for r in loopback]), BASELINE, Stats.of(baseline),
            target="< 1 s", note=where + (f"; verify found differences: {', '.join(problems)}" if problems else "")),
        Row(TRIPS, Stats.of(trips), unit="trips", target="<= 10 trips",
            note=f"A: {len(last.push_paths)} ({_trips(last.push_paths)}); "
                 f"B: {len(last.pull_paths)} ({_trips(last.pull_paths)})"),
        Row(DELAYED, Stats.of([r.push_s + r.pull_s for r in delayed]), BASELINE, Stats.of(baseline),
            note=f"{DELAY_S * 1000:.0f} ms added by the proxy before each of the {trips[-1]} round trips; "
                 f"A {_ms(delayed, 'push_s')} ms, B {_ms(delayed, 'pull_s')} ms"),
    ]


def _ms(runs: list[Run], name: str) -> str:
    values = sorted(getattr(r, name) for r in runs)
    return f"{values[len(values) // 2] * 1000:.0f}"


def main() -> int:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="bench.sync_day", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ctx = Context(quick=False, workdir=Path(tempfile.mkdtemp(prefix="frontdesk-sync-day-")), runs=args.runs)
    print(render(measure(ctx)))
    shutil.rmtree(ctx.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
