"""Desk database files for the tests of damaged, read-only, full, busy and empty databases: a
desk with staff and a visit left open yesterday (so `close-visits` has something to write), a file
damaged the way the issue describes (4 KB of random bytes in the middle), and the real command
line in a subprocess."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desk_template import fresh_desk

from frontdesk.domain.clock import ROME
from frontdesk.domain.roles import Role
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.reception.visits import check_in_new_visitor
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff import accounts as staff
from frontdesk.services.upkeep import backups

ADMIN_PASSWORD = "admin-password"
RECEPTION_PASSWORD = "reception-pw"


def make_desk(path: Path, *, visitors: int = 0) -> Path:
    """An initialised desk R1: admin and 'giulia' (reception) with passwords, `visitors` extra
    visitors, and Anna Bianchi checked in yesterday morning and never checked out."""
    fresh_desk(path)
    db = open_desk(path)
    try:
        admin = staff.set_first_admin_password(db, password=ADMIN_PASSWORD).actor
        staff.create_staff(db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                           password=RECEPTION_PASSWORD, actor=admin)
        for i in range(visitors):
            create_visitor(db, data=VisitorInput("Maria", f"Rossi{i:04d}" + "x" * 120), actor=admin,
                           privacy_notice_version="2026-01")
        check_in_new_visitor(db, visitor=VisitorInput(first_name="Anna", last_name="Bianchi"),
                             service_code="meeting", host_id=None, privacy_notice_shown=True, actor=admin)
    finally:
        db.dispose()
    yesterday = dt.datetime.combine(dt.datetime.now(ROME).date() - dt.timedelta(days=1), dt.time(10), tzinfo=ROME)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE visit SET checked_in_at = ? WHERE status = 'on_site'",
                 (yesterday.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),))
    conn.commit()
    conn.close()  # the last connection: the log is folded into the file and removed
    return path


def backup_copy(path: Path, actor, folder: Path | None = None) -> Path:
    """A backup of the desk at `path` (closed before and after, as a command would leave it)."""
    db = open_desk(path)
    try:
        return backups.backup_now(db, folder=folder, actor=actor).path
    finally:
        db.dispose()


def open_visits(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM visit WHERE status = 'on_site'").fetchone()[0]
    finally:
        conn.close()


def sign_in_events(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM audit_event WHERE action = 'staff.sign_in'").fetchone()[0]
    finally:
        conn.close()


def is_damaged(path: Path) -> bool:
    try:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True


def damage_middle(path: Path) -> None:
    """Random bytes over the middle one of the pages that hold rows (the header and the schema stay
    intact, so the file still opens: the damage is found by the integrity check, as on a real disk
    where a data page went bad)."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name NOT IN ('sqlite_schema', "
                                            "'sqlite_master') ORDER BY pageno")]
    finally:
        conn.close()
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size)
        handle.write(os.urandom(page_size))
    assert is_damaged(path), "the damage must be one quick_check sees"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def frontdesk(*args: str, home: Path, language: str = "en", timeout: int = 180, **env: str):
    """The real `frontdesk` command in a subprocess."""
    environment = {k: v for k, v in os.environ.items() if k != "FRONTDESK_DB"}
    environment.update({"FRONTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "FRONTDESK_LANGUAGE": language,
                        **env})
    return subprocess.run([sys.executable, "-m", "frontdesk", *args], capture_output=True, text=True,
                          env=environment, timeout=timeout)
