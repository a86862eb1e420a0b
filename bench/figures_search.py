"""Figure: search-as-you-type on the demo database, per keystroke.

The workload is 200 queries taken from the data, as a receptionist types them: the prefixes
(1 to 5 characters, as typed, accents and apostrophes included) of the most common and of rare
surnames and first names, and misses (random letters that match nobody). The figure is the
service call `search_visitors(db, query)` (p50/p95/max over the workload; median and spread over
runs); the baseline runs the same query plan (`visitor_search.find_ids`, the same SQL and plan
choice) with the stdlib sqlite3 module. Target: p95 < 5 ms. A second row times 48 two-word
queries ("Marco R" ... "Marco Ross"). The page cache is warmed by one discarded pass.
"""

from __future__ import annotations

import random
import sqlite3
import string
import time

from bench.context import Context, log
from bench.table import Row, Stats, percentile

WORKLOAD_SIZE = 200


def _names(conn: sqlite3.Connection, column: str) -> list[tuple[str, int]]:
    return conn.execute(f"SELECT {column}, count(*) AS n FROM visitor GROUP BY {column} ORDER BY n DESC, {column}"
                        ).fetchall()


def _matches(conn: sqlite3.Connection, text: str) -> bool:
    return bool(_raw_find(conn, text))


def _raw_find(conn: sqlite3.Connection, query: str) -> list:
    from frontdesk.services.registry.visitor_search import find_ids

    return find_ids(lambda sql, params: conn.execute(sql, params).fetchall(), query, 20)


def workload(conn: sqlite3.Connection, seed: int = 7) -> tuple[list[str], list[str]]:
    """200 keystroke queries of single names from the data, and two-word queries (see the docstring)."""
    rng = random.Random(seed)
    surnames, firsts = _names(conn, "last_name"), _names(conn, "first_name")
    common = [n for n, _ in surnames[:9]] + [n for n, _ in firsts[:9]]
    rare_pool = [n for n, c in surnames if c <= 3] or [n for n, _ in surnames[-20:]]
    rare_first = [n for n, c in firsts if c <= 3] or [n for n, _ in firsts[-10:]]
    rare = rng.sample(rare_pool, min(12, len(rare_pool))) + rng.sample(rare_first, min(6, len(rare_first)))
    queries = [name[:n] for name in common + rare for n in range(1, min(5, len(name)) + 1)]
    queries = queries[: WORKLOAD_SIZE - 30]
    while len(queries) < WORKLOAD_SIZE:
        miss = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 5)))
        if not _matches(conn, miss):
            queries.append(miss)
    pairs = []
    for _ in range(12):  # "Marco R", "Marco Ro", "Marco Ros", "Marco Ross"
        first, last = rng.choice(firsts[:30])[0], rng.choice(surnames[:60])[0]
        pairs += [f"{first} {last[:n]}" for n in range(1, 5)]
    return queries, pairs


def _raw_pass(conn: sqlite3.Connection, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        _raw_find(conn, query)
        times.append(time.perf_counter() - started)
    return times


def _service_pass(db, queries: list[str]) -> list[tuple[float, str]]:
    from frontdesk.services.registry.visitors import search_visitors

    times = []
    for query in queries:
        started = time.perf_counter()
        search_visitors(db, query)
        times.append((time.perf_counter() - started, query))
    return times


def _measure(db, raw, queries, runs):
    """Per run, the service's and the raw plan's times per query; and each query's worst service time."""
    _service_pass(db, queries)  # warm-up, discarded
    _raw_pass(raw, queries)
    service_runs, raw_runs, slowest = [], [], {}
    for _ in range(runs):
        timed = _service_pass(db, queries)
        service_runs.append([t for t, _q in timed])
        for t, q in timed:
            slowest[q] = max(slowest.get(q, 0.0), t)
        raw_runs.append(_raw_pass(raw, queries))
    worst = sorted(slowest.items(), key=lambda item: -item[1])[:5]
    return service_runs, raw_runs, ", ".join(f"{q!r} {t * 1000:.1f}" for q, t in worst)


def search_as_you_type(ctx: Context) -> list[Row]:
    from frontdesk.db.engine import PRAGMAS
    from frontdesk.services.desk.setup import open_desk

    path = ctx.demo_db()
    runs = ctx.runs_for(quick=2, full=5)
    raw = sqlite3.connect(path)
    for pragma in PRAGMAS:
        raw.execute(pragma)
    visitors = raw.execute("SELECT count(*) FROM visitor").fetchone()[0]
    queries, pairs = workload(raw)
    db = open_desk(path)
    try:
        log(f"search: {len(queries)} + {len(pairs)} queries on {visitors:,} visitors, {runs} runs (+1 warm-up) ...")
        service_runs, raw_runs, worst = _measure(db, raw, queries, runs)
        pair_service, pair_raw, pair_worst = _measure(db, raw, pairs, runs)
    finally:
        db.dispose()
        raw.close()
    rows = []
    for label, q, target in (("p50", 50, ""), ("p95", 95, "< 5 ms"), ("max", 100, "")):
        note = f"{visitors:,} visitors; slowest (service, ms): {worst}" if label == "p95" else ""
        rows.append(Row(f"search-as-you-type {label} (service call)",
                        Stats.of([percentile(r, q) for r in service_runs]),
                        f"raw sqlite3, same plan ({label})", Stats.of([percentile(r, q) for r in raw_runs]),
                        target=target, unit="ms", note=note))
    rows.append(Row(f"search, {len(pairs)} 'Name Surn' queries p95 (service)",
                    Stats.of([percentile(r, 95) for r in pair_service]), "raw sqlite3, same plan (p95)",
                    Stats.of([percentile(r, 95) for r in pair_raw]), unit="ms",
                    note=f"slowest (service, ms): {pair_worst}"))
    return rows
