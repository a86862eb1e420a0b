"""Helpers of the sync tests: scratch PostgreSQL databases, the hub as a real process, desks."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
from desk_template import fresh_desk

from frontdesk.db.engine import Database
from frontdesk.domain.roles import Actor
from frontdesk.hub import database as hub_database
from frontdesk.hub import desks as hub_desks
from frontdesk.hub.pull import HORIZON
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.staff import accounts as staff
from frontdesk.services.sync import SyncReport, run_sync

ROOT = Path(__file__).resolve().parents[3]
SERVER = f"postgresql://postgres@127.0.0.1:{os.environ.get('FRONTDESK_PG_PORT', '5432')}"
ALL_ROLES = "reception,lab_technician,lab_manager,admin"


def postgres_problem() -> str:
    """'' when the server answers, else why not."""
    try:
        with psycopg.connect(f"{SERVER}/postgres", connect_timeout=3):
            return ""
    except psycopg.Error as exc:
        return str(exc).strip()


@contextlib.contextmanager
def scratch_database():
    name = f"frontdesk_hub_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_command(*args: str, db_url: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real `frontdesk-hub` command line, in English."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRONTDESK_LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "frontdesk.hub.cli", "--db", db_url, *args], env=env,
                          capture_output=True, text=True, check=check, timeout=60)


class HubProcess:
    """`frontdesk-hub serve` on a free loopback port."""

    def __init__(self, db_url: str, *, log: Path, extra: tuple[str, ...] = (), scheme: str = "http") -> None:
        self.db_url, self.log, self.extra, self.scheme = db_url, log, extra, scheme
        self.port = free_port()
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, *, ca_file: str | None = None) -> None:
        verify = ssl.create_default_context(cafile=ca_file) if ca_file else False
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "frontdesk.hub.cli", "--db", self.db_url, "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), *self.extra], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start: {self.log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=1, verify=verify).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"the hub did not answer in 30 s: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def add_desk(self, code: str, roles: str = ALL_ROLES) -> str:
        """What `frontdesk-hub add-desk` does (test_sync_hub_service runs the command itself), in
        this process: a Python start per desk made every two-desk test seconds longer."""
        engine = hub_database.engine_for(self.db_url, pool_size=1)
        try:
            hub_database.upgrade(engine)
            return hub_desks.add_desk(engine, code=code, roles=hub_desks.parse_roles(roles))
        finally:
            engine.dispose()

    def revoke_desk(self, code: str) -> None:
        hub_command("revoke-desk", code, db_url=self.db_url)


@dataclass
class Desk:
    code: str
    path: Path
    db: Database
    admin: Actor
    token: str
    hub_url: str

    def sync(self, **kwargs) -> SyncReport:
        return run_sync(self.db, hub_url=kwargs.pop("hub_url", self.hub_url), token=kwargs.pop("token", self.token),
                        actor=Actor.desk_itself(self.code), **kwargs)


def make_desk(path: Path, code: str, hub: HubProcess, *, roles: str = ALL_ROLES) -> Desk:
    fresh_desk(path, code)
    db = open_desk(path)
    admin = staff.set_first_admin_password(db, password=f"admin-password-{code}").actor
    return Desk(code, path, db, admin, hub.add_desk(code, roles), hub.url)


def outbox_size(desk: Desk) -> int:
    import sqlite3

    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    finally:
        conn.close()


def hub_rows(db_url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(db_url) as conn:
        return conn.execute(sql, params or None).fetchall()  # no parameters: a '%' in the SQL is itself


def sync_settled(hub: HubProcess, *desks: Desk) -> None:
    """Each desk syncs in turn (nothing refused), once the hub's change log can hand out everything
    written so far: a pull hands out rows below the oldest transaction still running in the hub's
    database (hub.pull), which a hub process still committing may hold back a moment."""
    for desk in desks:
        deadline = time.monotonic() + 60
        while hub_rows(hub.db_url, f"SELECT ({HORIZON.text}) <= coalesce(max(txid), 0) FROM hub_record")[0][0]:
            assert time.monotonic() < deadline, "the hub's change log stayed behind for a minute"
            time.sleep(0.2)
        report = desk.sync()
        assert report.rejected == 0, report


def sync_until(desk: Desk, arrived, *, timeout: float = 30.0) -> list[SyncReport]:
    """Sync `desk` until `arrived()` holds; the reports of the runs. A pull delivers what was committed
    below the oldest transaction still running in the hub's database, which a hub process still
    committing may hold back a moment."""
    reports = [desk.sync()]
    deadline = time.monotonic() + timeout
    while not arrived():
        if time.monotonic() > deadline:
            raise AssertionError(f"not arrived at {desk.code} after {timeout} s of syncing")
        time.sleep(0.3)
        reports.append(desk.sync())
    return reports
