"""Kill the app's writer with SIGKILL many times and count acknowledged writes that were lost.

    .venv/bin/python bench/kill_loop.py            # 20 runs
    .venv/bin/python bench/kill_loop.py --runs 100 --keep /tmp/kill.sqlite
    .venv/bin/python bench/kill_loop.py --restores --runs 30 --max-run 4   # backups and restores between kills

Each run starts a child process that creates visitors through the real service
(`frontdesk.services.registry.visitors.create_visitor`) and prints each id only after the call returned,
i.e. after the commit. The parent kills it at a random moment, then checks
`PRAGMA integrity_check` and that every printed id is in the file. Zero lost is the only good
answer. The baseline printed beside it is the same loop with raw sqlite3 (synchronous=FULL, WAL),
so the write rate means something on a noisy machine.

With `--restores` the child checks visitors in (each check-in issues a badge number, printed
after the commit) and between kills the parent takes backups and restores one of them, often the
same one again, sometimes on a "new PC" (data folder and key file gone, only the backup folder
left). It counts every acknowledged badge number and how many were issued twice (zero is the only
good answer), how many were lost before a restore, and whether the badge keys survived.

Unix only (SIGKILL). Imports the app only in the child and for set-up, backups and restores.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
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
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.registry.visitors import VisitorInput, create_visitor

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


RESTORE_CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.registry.visitors import VisitorInput, create_visitor
    from frontdesk.services.reception.visits import check_in

    db = open_desk(Path(sys.argv[1]))
    actor = first_admin_actor(db)
    n = 0
    sys.stdout.write("ready %f\\n" % time.monotonic()); sys.stdout.flush()
    while True:
        n += 1
        visitor = create_visitor(db, data=VisitorInput("Kill", f"Restore{n}"), actor=actor,
                                 privacy_notice_version="2026-01")
        done = check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None, actor=actor)
        sys.stdout.write(done.badge.data.number + "\\n")
        sys.stdout.flush()
""")


def lost_after(path: Path, acked: list[str], table: str) -> tuple[bool, int]:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {uuid.UUID(str(row[0])).hex for row in conn.execute(f"SELECT id FROM {table}")}
    finally:
        conn.close()
    return ok, len(set(acked) - present)


def badge_numbers_after(path: Path, acked: list[str]) -> tuple[bool, int]:
    """(integrity ok, acknowledged badge numbers missing from the file)."""
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {row[0] for row in conn.execute("SELECT number FROM badge")}
    finally:
        conn.close()
    return ok, len(set(acked) - present)


def unverifiable_badges(path: Path, keyring) -> int:
    """Badges of the restored file signed with a key the desk's ring no longer holds."""
    conn = sqlite3.connect(path)
    try:
        used = [row[0] for row in conn.execute("SELECT key_id FROM badge")]
    finally:
        conn.close()
    if not used:
        return 0
    keys = keyring.load_keyring().keys
    return sum(key_id not in keys for key_id in used)


def restore_loop(args, rng: random.Random) -> int:
    """Kills with backups and restores between them: no badge number may ever be issued twice."""
    folder = Path(tempfile.mkdtemp(prefix="kill-restore-"))
    os.environ["FRONTDESK_HOME"] = str(folder / "pc")  # the key file; children inherit it
    from frontdesk.domain.roles import Actor
    from frontdesk.services.desk import keyring
    from frontdesk.services.desk.settings import update_settings
    from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk
    from frontdesk.services.upkeep import backups

    live = args.keep or folder / "pc" / "frontdesk.sqlite"
    nas = folder / "nas"  # the backup folder set in Settings, which outlives the PC
    archive = folder / "usb"  # every backup also copied here: rotation keeps one a day in the folder
    nas.mkdir(parents=True)
    archive.mkdir()
    init_desk(live, desk="R1")
    db = open_desk(live)
    try:
        update_settings(db, changes={"backup_folder": str(nas)}, actor=first_admin_actor(db))
    finally:
        db.dispose()
    issued: list[str] = []
    counts = {"kills": 0, "backups": 0, "restores": 0, "same backup again": 0, "new PCs": 0, "lost": 0,
              "integrity failures": 0, "badges whose key was lost": 0}
    taken: list[Path] = []
    restored: set[Path] = set()
    for run in range(1, args.runs + 1):
        acked, _seconds = one_run(RESTORE_CHILD, live, rng, args.max_run)
        counts["kills"] += 1
        issued += acked
        ok, lost = badge_numbers_after(live, acked)
        counts["lost"] += lost
        counts["integrity failures"] += 0 if ok else 1
        if not taken or rng.random() < 0.5:
            db = open_desk(live)
            try:
                made = backups.backup_now(db, actor=Actor.desk_itself("R1")).path
                taken.append(Path(shutil.copy2(made, archive / made.name)))
            finally:
                db.dispose()
            counts["backups"] += 1
        if rng.random() < 0.7:
            backup = rng.choice(taken)
            if rng.random() < 0.2:  # the PC dies: a new one with an empty data folder and no key file
                shutil.rmtree(live.parent)
                counts["new PCs"] += 1
            counts["same backup again"] += backup in restored
            restored.add(backup)
            result = backups.restore(live, backup)
            counts["restores"] += 1
            counts["badges whose key was lost"] += unverifiable_badges(live, keyring)
            print(f"run {run:3d}: restored {backup.name} -> series {result.series_prefix}", flush=True)
        duplicates = len(issued) - len(set(issued))
        print(f"run {run:3d}: {len(issued):6d} badge numbers acknowledged so far, issued twice {duplicates}",
              flush=True)
    duplicates = len(issued) - len(set(issued))
    series_used = sorted({number.rsplit("-", 1)[0] for number in issued}, key=lambda p: (len(p), p))
    print()
    print(f"restores: {', '.join(f'{v} {k}' for k, v in counts.items())}")
    print(f"restores: {len(issued)} badge numbers acknowledged, {len(set(issued))} distinct, "
          f"{duplicates} issued twice, series {' '.join(series_used)}")
    bad = duplicates or counts["lost"] or counts["integrity failures"] or counts["badges whose key was lost"]
    print("RESULT:", "no number issued twice, nothing acknowledged lost" if not bad else
          f"{duplicates} ISSUED TWICE, {counts['lost']} LOST, {counts['integrity failures']} DAMAGED, "
          f"{counts['badges whose key was lost']} BADGES WHOSE KEY WAS LOST")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--max-run", type=float, default=1.5, help="longest time before the kill, seconds")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="database file to use (kept afterwards)")
    parser.add_argument("--restores", action="store_true",
                        help="check in instead, taking backups and restoring them between kills")
    args = parser.parse_args(argv)
    if args.restores:
        return restore_loop(args, random.Random(args.seed))

    from frontdesk.services.desk.setup import init_desk

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
