"""Figure: the hub's push throughput with 20 desks pushing at once, against psycopg executemany.

Twenty desks are registered at a hub run as two `frontdesk-hub serve` processes on one scratch
PostgreSQL database (10 desks talk to each: the hub is stateless, so this is how it grows). Each
desk pushes its own realistic operations at the same moment, over HTTP in batches of 1,000 (the
desks' own batch size): the operations of check-ins made with the services at a template desk
(visitor, visit, badge, audit events), cloned per desk with fresh row ids so that every desk
writes its own rows. The figure is the wall time from the first push to the last answer.

The baseline, in the same run, writes the same rows (the rows the pushes leave at the hub: table,
id, values, per-field stamps, desk) with psycopg `executemany` on 20 connections at once, one
transaction each, into a table of the same shape as `hub_record` (CREATE TABLE ... LIKE
hub_record INCLUDING ALL: its key, its index and its defaults). Target: the hub's throughput at
least half the baseline's, i.e. its time at most 2x. Needs PostgreSQL (bench/hub_server.py).
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.context import Context, log
from bench.table import Row, Stats

DESKS = 20
HUB_PROCESSES = 2
BATCH = 1000


def template_ops(folder: Path, check_ins: int) -> tuple[list[dict], list[dict]]:
    """The outbox operations of `check_ins` first-time check-ins at a fresh desk (as pushed), after
    those of the desk's staff accounts (sent once before the figure: the hub accepts a change only
    from an account it holds)."""
    from frontdesk.services.desk.setup import init_desk, open_desk
    from frontdesk.services.reception.visits import check_in_new_visitor
    from frontdesk.services.registry.visitors import VisitorInput
    from frontdesk.services.staff import accounts as staff
    from frontdesk.sync import outbox

    path = folder / "template-desk.sqlite"
    init_desk(path, desk="T1")
    db = open_desk(path)
    try:
        admin = staff.set_first_admin_password(db, password="admin-password-T1").actor
        accounts = [op.as_json() for op in outbox.pending(db, limit=1_000_000) if op.table == "staff_member"]
        before = {op.seq for op in outbox.pending(db, limit=1_000_000)}
        for i in range(check_ins):
            check_in_new_visitor(db, visitor=VisitorInput("Visitatore", f"Cognome{i}", email=f"v{i}@example.it"),
                                 service_code="meeting", host_id=None, privacy_notice_shown=True, actor=admin)
        return accounts, [op.as_json() for op in outbox.pending(db, limit=1_000_000) if op.seq not in before]
    finally:
        db.dispose()


def clone_ops(ops: list[dict], copies: int) -> list[dict]:
    """`copies` copies of `ops` with fresh row ids (references between them follow), numbered from 1."""
    out = []
    for _copy in range(copies):
        fresh = {op["row_id"]: uuid.uuid4().hex for op in ops}
        for op in ops:
            data = {k: fresh.get(v, v) if isinstance(v, str) else v for k, v in op["data"].items()}
            out.append({**op, "seq": len(out) + 1, "row_id": fresh[op["row_id"]], "data": data})
    return out


def _push_all(urls: list[str], tokens: list[str], per_desk: list[list[dict]], epoch: str) -> tuple[float, int]:
    """Every desk pushes its operations at once (a thread each); returns (seconds, applied)."""
    import httpx

    from frontdesk.db.migrate import HEAD

    start = threading.Barrier(len(tokens) + 1)
    applied = [0] * len(tokens)
    errors: list[BaseException] = []

    def desk(i: int) -> None:
        try:
            with httpx.Client(base_url=urls[i % len(urls)], headers={"Authorization": f"Bearer {tokens[i]}"},
                              timeout=300) as client:
                start.wait()
                for first in range(0, len(per_desk[i]), BATCH):
                    answer = client.post("/v1/push", json={"schema_version": HEAD, "epoch": epoch,
                                                           "ops": per_desk[i][first:first + BATCH]})
                    answer.raise_for_status()
                    applied[i] += sum(r["outcome"] == "applied" for r in answer.json()["results"])
        except BaseException as exc:  # reported by the caller
            errors.append(exc)
            start.abort()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise errors[0]
    return elapsed, sum(applied)


def final_rows(ops: list[dict], desk_id: int) -> list[tuple]:
    """The rows `ops` leave at the hub: one per (table, id), its fields' last values and stamps."""
    rows: dict[tuple[str, str], tuple[dict, dict]] = {}
    for op in ops:
        data, stamps = rows.setdefault((op["table"], op["row_id"]), ({}, {}))
        data.update(op["data"])
        stamps.update(dict.fromkeys(op["data"], op["hlc"]))
    return [(tbl, row_id, json.dumps(data), json.dumps(stamps), desk_id) for (tbl, row_id), (data, stamps)
            in rows.items()]


def _baseline(db_url: str, desk_ids: list[int], per_desk: list[list[dict]], table: str) -> float:
    """The same rows with psycopg executemany, 20 connections at once, one transaction each."""
    import psycopg

    rows = [final_rows(ops, desk_ids[i]) for i, ops in enumerate(per_desk)]
    connections = [psycopg.connect(db_url) for _ in per_desk]
    start = threading.Barrier(len(per_desk) + 1)
    errors: list[BaseException] = []

    def desk(i: int) -> None:
        try:
            start.wait()
            with connections[i].cursor() as cur:
                cur.executemany(f"INSERT INTO {table} (tbl, row_id, data, stamps, desk_id) "
                                "VALUES (%s, %s, %s, %s, %s)", rows[i])
            connections[i].commit()
        except BaseException as exc:
            errors.append(exc)
            start.abort()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(len(per_desk))]
    try:
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
    finally:
        for conn in connections:
            conn.close()
    if errors:
        raise errors[0]
    return elapsed


def push_throughput(ctx: Context) -> list[Row]:
    import contextlib

    from bench.hub_server import SERVER, hub_process, postgres_problem, scratch_database
    from frontdesk.domain.roles import Role
    from frontdesk.hub.database import engine_for, upgrade
    from frontdesk.hub.desks import add_desk
    from frontdesk.hub.models import HubDesk

    label = f"hub push, {DESKS} desks at once ({HUB_PROCESSES} hub processes)"
    if problem := postgres_problem():
        return [Row(label, None, note=f"skipped: no PostgreSQL at {SERVER} ({problem[:80]})")]
    runs = ctx.runs_for(quick=1, full=3)
    check_ins, copies = (25, 4) if ctx.quick else (50, 10)  # per desk: check_ins x copies check-ins
    folder = Path(tempfile.mkdtemp(prefix="push-", dir=ctx.workdir))
    log(f"{label}: making the template check-ins ...")
    accounts, template = template_ops(folder, check_ins)
    hub_times, raw_times = [], []
    total = 0
    with scratch_database() as db_url:
        engine = engine_for(db_url)
        upgrade(engine)
        tokens = [add_desk(engine, code=f"D{i:02d}", roles=frozenset(Role)) for i in range(DESKS)]
        with engine.connect() as conn:
            desk_ids = [conn.execute(HubDesk.__table__.select().where(HubDesk.code == f"D{i:02d}")).one().id
                        for i in range(DESKS)]
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE bench_push (LIKE hub_record INCLUDING ALL)")
        engine.dispose()
        with contextlib.ExitStack() as hubs:
            urls = [hubs.enter_context(hub_process(db_url, folder / f"hub{i}.log")) for i in range(HUB_PROCESSES)]
            made_at_d00 = [{**op, "data": {**op["data"], **{k: "D00" for k in ("created_desk", "updated_desk")
                                                             if k in op["data"]}}} for op in accounts]
            if _push_all(urls[:1], tokens[:1], [made_at_d00], epoch="A0")[1] != len(accounts):
                raise RuntimeError("the hub refused the desks' staff accounts")
            for run in range(runs):
                per_desk = [clone_ops(template, copies) for _ in range(DESKS)]
                total = sum(len(ops) for ops in per_desk)
                log(f"{label}: run {run + 1}/{runs}: {total:,} operations ...")
                seconds, applied = _push_all(urls, tokens, per_desk, epoch=f"B{run}")
                if applied != total:
                    raise RuntimeError(f"the hub applied {applied} of {total} operations")
                hub_times.append(seconds)
                raw_times.append(_baseline(db_url, desk_ids, per_desk, "bench_push"))
    hub_rate, raw_rate = total / min(hub_times), total / min(raw_times)
    row = Row(label, Stats.of(hub_times), f"psycopg executemany, {DESKS} connections", Stats.of(raw_times),
              target="<= 2x")
    note = (f"{total:,} operations per run ({len(template) * copies} per desk: {check_ins * copies} check-ins with "
            f"visitor, visit, badge, audit); best {hub_rate:,.0f} operations/s through the hub, their rows raw at "
            f"{raw_rate:,.0f} operations/s; throughput ratio {1 / row.ratio:.2f}x (target >= 0.5x)")
    row.note = note
    return [row]
