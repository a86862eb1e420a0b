"""Kill the app's writer with SIGKILL many times and count acknowledged writes that were lost.

    .venv/bin/python bench/kill_loop.py            # 20 runs
    .venv/bin/python bench/kill_loop.py --runs 100 --keep /tmp/kill.sqlite

Each run starts a child process that creates visitors through the real service
(`frontdesk.services.visitors.create_visitor`) and prints each id only after the call returned,
i.e. after the commit. The parent kills it at a random moment, then checks
`PRAGMA integrity_check` and that every printed id is in the file. Zero lost is the only good
answer. The baseline printed beside it is the same loop with raw sqlite3 (synchronous=FULL, WAL),
so the write rate means something on a noisy machine.

Unix only (SIGKILL). Imports the app only in the child and for `init_desk`.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from frontdesk.services.setup import first_admin_actor, open_desk
    from frontdesk.services.visitors import VisitorInput, create_visitor

    db = open_desk(Path(sys.argv[1]))
    actor = first_admin_actor(db)
    n = 0
    sys.stdout.write("ready %f\\n" % time.monotonic()); sys.stdout.flush()
    while True:
        n += 1
        summary = create_visitor(db, data=VisitorInput("Kill", f"Loop{n}"), actor=actor)
        sys.stdout.write(summary.id.hex + "\\n")
        sys.stdout.flush()
""")

RAW_CHILD = textwrap.dedent("""
    import sqlite3, sys, time, uuid
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=5000"):
        conn.execute("PRAGMA " + pragma)
    conn.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)")
    sys.stdout.write("ready %f\\n" % time.monotonic()); sys.stdout.flush()
    while True:
        key = uuid.uuid4().hex
        conn.execute("BEGIN IMMEDIATE"); conn.execute("INSERT INTO t VALUES (?)", (key,)); conn.execute("COMMIT")
        sys.stdout.write(key + "\\n"); sys.stdout.flush()
""")


def one_run(code: str, path: Path, rng: random.Random, max_run_s: float) -> tuple[list[str], float]:
    """Run a child until a random moment after it is ready; returns (acknowledged ids, seconds writing)."""
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    os.set_blocking(child.stdout.fileno(), False)
    buffer, acked, ready_at, kill_at = b"", [], None, None
    try:
        while True:
            buffer += child.stdout.read() or b""
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line.startswith(b"ready"):
                    ready_at = time.monotonic()
                    kill_at = ready_at + rng.uniform(0.05, max_run_s)
                elif line:
                    acked.append(line.decode())
            if kill_at is not None and time.monotonic() >= kill_at:
                break
            if child.poll() is not None:
                raise SystemExit("the writer died by itself:\n" + child.stderr.read().decode()[-3000:])
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        buffer += child.stdout.read() or b""
        acked += [line.decode() for line in buffer.split(b"\n")[:-1] if line and not line.startswith(b"ready")]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
        child.stderr.close()
    return acked, time.monotonic() - (ready_at or time.monotonic())


def lost_after(path: Path, acked: list[str], table: str) -> tuple[bool, int]:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {uuid.UUID(str(row[0])).hex for row in conn.execute(f"SELECT id FROM {table}")}
    finally:
        conn.close()
    return ok, len(set(acked) - present)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--max-run", type=float, default=1.5, help="longest time before the kill, seconds")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="database file to use (kept afterwards)")
    args = parser.parse_args(argv)

    from frontdesk.services.setup import init_desk

    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="kill-loop-"))
    app_db = args.keep or folder / "desk.sqlite"
    raw_db = folder / "raw.sqlite"
    init_desk(app_db, desk="R1")
    totals = {"app": [0, 0, 0.0, 0], "raw": [0, 0, 0.0, 0]}  # acked, lost, seconds, bad integrity
    for run in range(1, args.runs + 1):
        for name, code, path, table in (("app", CHILD, app_db, "visitor"), ("raw", RAW_CHILD, raw_db, "t")):
            acked, seconds = one_run(code, path, rng, args.max_run)
            ok, lost = lost_after(path, acked, table)
            total = totals[name]
            total[0] += len(acked)
            total[1] += lost
            total[2] += seconds
            total[3] += 0 if ok else 1
        app = totals["app"]
        print(f"run {run:3d}: app acknowledged {app[0]:6d} so far, lost {app[1]}, integrity failures {app[3]}",
              flush=True)
    print()
    for name, (acked, lost, seconds, bad) in totals.items():
        rate = acked / seconds if seconds else 0.0
        print(f"{name:4s}: {args.runs} kills, {acked} acknowledged writes, {lost} lost, "
              f"{bad} integrity failures, {rate:,.0f} committed writes/s")
    app_rate = totals["app"][0] / totals["app"][2] if totals["app"][2] else 0
    raw_rate = totals["raw"][0] / totals["raw"][2] if totals["raw"][2] else 0
    if raw_rate:
        print(f"app / raw sqlite3 write rate: {app_rate / raw_rate:.2f}")
    lost = totals["app"][1] + totals["raw"][1]
    bad = totals["app"][3] + totals["raw"][3]
    print("RESULT:", "zero acknowledged writes lost" if not lost and not bad else f"{lost} LOST, {bad} DAMAGED")
    return 1 if lost or bad else 0


if __name__ == "__main__":
    sys.exit(main())
