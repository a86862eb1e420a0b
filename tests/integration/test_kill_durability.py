"""Durability: a process killed with SIGKILL in the middle of a burst of writes loses nothing it
acknowledged, and every connection runs with synchronous=FULL (power-cut durability).

The child creates visitors through the real service and prints each id only after the call
returned, i.e. after the commit; the parent kills it at a random moment and then checks the file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid

import pytest

from frontdesk.services.desk.setup import init_desk, open_desk

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.registry.visitors import VisitorInput, create_visitor

    db = open_desk(Path(sys.argv[1]))
    actor = first_admin_actor(db)
    n = 0
    while True:
        n += 1
        summary = create_visitor(db, data=VisitorInput("Kill", f"Test{n}"), actor=actor,
                                 privacy_notice_version="2026-01")
        sys.stdout.write(summary.id.hex + "\\n")  # acknowledged: the commit has returned
        sys.stdout.flush()
""")


def run_and_kill(path, *, rng: random.Random, min_acks: int = 5, extra_s: float = 0.6) -> list[str]:
    """Start the writer, let it acknowledge a few writes, kill it at a random moment; return the ids."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    acked: list[str] = []
    try:
        os.set_blocking(child.stdout.fileno(), False)
        buffer = b""
        deadline = None
        start = time.monotonic()
        while True:
            chunk = child.stdout.read() or b""
            buffer += chunk
            lines = buffer.split(b"\n")
            buffer = lines.pop()  # an unfinished line is not an acknowledgement
            acked += [line.decode() for line in lines if line]
            if deadline is None and len(acked) >= min_acks:
                deadline = time.monotonic() + rng.uniform(0, extra_s)
            if deadline is not None and time.monotonic() >= deadline:
                break
            if child.poll() is not None:
                raise AssertionError("writer died: " + child.stderr.read().decode()[-2000:])
            if time.monotonic() - start > 60:
                raise AssertionError("writer acknowledged nothing in 60 s")
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        buffer += child.stdout.read() or b""  # what was written before the kill still counts
        acked += [line.decode() for line in buffer.split(b"\n")[:-1] if line]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return acked


def check_after_kill(path, acked: list[str]) -> int:
    """integrity_check is ok; returns how many acknowledged ids are missing."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {uuid.UUID(str(row[0])).hex for row in conn.execute("SELECT id FROM visitor")}
    finally:
        conn.close()
    return len(set(acked) - present)


@pytest.mark.slow  # three kills of a child that starts the app's services: about 15 s
def test_sigkill_during_a_burst_of_writes_loses_nothing_acknowledged(tmp_path):
    path = tmp_path / "desk.sqlite"
    init_desk(path, desk="R1")
    rng = random.Random(20260115)
    total = 0
    for _ in range(3):  # about 5 s each (the child's start-up dominates); bench/kill_loop.py does more
        acked = run_and_kill(path, rng=rng)
        total += len(acked)
        assert check_after_kill(path, acked) == 0
    db = open_desk(path)  # and the app opens it again
    try:
        with db.begin() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM visitor").scalar() >= total
    finally:
        db.dispose()


def test_synchronous_full_on_every_connection(tmp_path):
    path = tmp_path / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    try:
        for engine in (db.engine, db.read_engine):
            # Several pooled connections at once, asked directly (no BEGIN IMMEDIATE, which would queue them).
            connections = [engine.raw_connection() for _ in range(4)]
            try:
                for conn in connections:
                    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
                    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            finally:
                for conn in connections:
                    conn.close()
        with db.begin() as session:
            assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
        with db.read() as session:
            assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
        raw = db.raw()
        try:
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2
        finally:
            raw.close()
    finally:
        db.dispose()
