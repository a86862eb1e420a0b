"""What the sync figures share: the PostgreSQL server they use, scratch databases on it, and the
hub as real `frontdesk-hub serve` processes.

The server is FRONTDESK_BENCH_PG (default postgresql://postgres@127.0.0.1:5432, the machine's
own). On a server shared with other work, point FRONTDESK_BENCH_PG at a private one (`initdb` +
`pg_ctl start -o '-p 5439'`, as the README's hub section shows): the million-row load of
`sync_first` competes with everything else on it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.context import ROOT

SERVER = os.environ.get("FRONTDESK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432").rstrip("/")


def postgres_problem() -> str:
    """'' when the server answers, else why not."""
    import psycopg

    try:
        with psycopg.connect(f"{SERVER}/postgres", connect_timeout=3):
            return ""
    except psycopg.Error as exc:
        return str(exc).strip()


@contextlib.contextmanager
def scratch_database(*, template: str = ""):
    """A new database (a copy of `template`'s, when named) dropped afterwards; yields its URL."""
    import psycopg

    name = f"frontdesk_hub_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def hub_process(db_url: str, log: Path, *extra: str):
    """`frontdesk-hub serve` on a free loopback port; yields its URL."""
    import httpx

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "frontdesk.hub.cli", "--db", db_url, "serve",
                                    "--port", str(port), *extra], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start: {log.read_text()[-500:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
