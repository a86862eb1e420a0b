"""A backup carries the badge key ring, and a lost key file is never silently replaced (issue 8, point 3).

Real SQLite files and key files; a "new PC" is a fresh FRONTDESK_HOME and data folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from desk_files import backup_copy

from frontdesk.domain import badge_tokens
from frontdesk.domain.clock import ROME, today_in_rome, utcnow
from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.roles import Actor
from frontdesk.services.desk import keyring
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.upkeep import backups

LATER = dt.timedelta(minutes=5)


def _visitor(db, actor: Actor, last: str):
    return create_visitor(db, data=VisitorInput("Maria", last), actor=actor, privacy_notice_version="2026-01").id


def _badges_of_a_day_and_a_course(path: Path, actor: Actor) -> tuple[str, str]:
    """A one-day visit's token and a three-day course's token, both checked in today."""
    db = open_desk(path)
    try:
        one_day = check_in(db, visitor_id=_visitor(db, actor, "Giorno"), service_code="meeting", host_id=None,
                           actor=actor).badge.data.token
        student = _visitor(db, actor, "Corso")
        today = today_in_rome()
        reg = register_visit(db, visitor_id=student, service_code="training", host_id=None, day_from=today,
                             day_to=today + dt.timedelta(days=2), title="Saldatura", actor=actor)
        course = check_in(db, visitor_id=student, service_code="training", host_id=None, registration_id=reg,
                          actor=actor).badge.data.token
        return one_day, course
    finally:
        db.dispose()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _new_pc(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "new-pc"
    monkeypatch.setenv("FRONTDESK_HOME", str(home))
    assert not keyring.keyring_path().exists()
    return home / "frontdesk.sqlite"


def test_on_a_new_pc_the_restored_desk_verifies_every_badge_already_printed(desk, path, tmp_path, monkeypatch):
    one_day, course = _badges_of_a_day_and_a_course(path, desk)
    ring = keyring.load_keyring()
    backup = backup_copy(path, desk)

    new_pc = _new_pc(tmp_path, monkeypatch)
    result = backups.restore(new_pc, backup)
    assert result.warnings == ()
    assert dict(keyring.load_keyring().keys) == dict(ring.keys)
    assert keyring.load_keyring().current() == ring.current()
    if sys.platform != "win32":
        assert stat.S_IMODE(keyring.keyring_path().stat().st_mode) == 0o600

    db = open_desk(new_pc)
    try:
        assert scan_badge(db, text=one_day, actor=desk, now=utcnow() + LATER).action == "checked_out"
        tomorrow = dt.datetime.combine(today_in_rome() + dt.timedelta(days=1), dt.time(9), tzinfo=ROME)
        assert scan_badge(db, text=course, actor=desk, now=tomorrow).action == "checked_in"
    finally:
        db.dispose()


def test_the_backup_holds_the_ring_privately_and_the_restored_database_does_not(desk, path):
    _badges_of_a_day_and_a_course(path, desk)
    key_id, key = keyring.load_keyring().current()
    backup = backup_copy(path, desk)
    assert backups.KEYS_TABLE in _tables(backup)
    assert backups.KEYS_TABLE not in _tables(path)  # the live database never holds the keys
    assert key in backup.read_bytes()
    if sys.platform != "win32":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # as secret as the key file
    assert backups.is_good_backup(backup)

    backups.restore(path, backup)
    assert backups.KEYS_TABLE not in _tables(path)
    assert key not in path.read_bytes()  # dropped with secure_delete: not left in free pages
    assert keyring.load_keyring().current() == (key_id, key)


def test_restore_merges_the_backups_keys_into_the_ring_and_drops_none(desk, path):
    _badges_of_a_day_and_a_course(path, desk)
    first_id, first_key = keyring.load_keyring().current()
    backup = backup_copy(path, desk)
    hub = keyring.KeyRing("HUBKEY1", {"HUBKEY1": b"h" * 32})
    keyring.save_keyring(hub)  # e.g. the hub handed over the site's ring, which lacks this desk's old key
    backups.restore(path, backup)
    ring = keyring.load_keyring()
    assert dict(ring.keys) == {"HUBKEY1": b"h" * 32, first_id: first_key}
    assert ring.current_id == "HUBKEY1"  # the ring in use keeps signing


def test_a_backup_without_keys_says_plainly_that_old_badges_will_not_verify(desk, path, tmp_path, monkeypatch):
    one_day, _course = _badges_of_a_day_and_a_course(path, desk)
    backup = backup_copy(path, desk)
    conn = sqlite3.connect(backup)  # as a backup made by a version without this fix
    conn.execute(f"DROP TABLE {backups.KEYS_TABLE}")
    conn.commit()
    conn.close()

    new_pc = _new_pc(tmp_path, monkeypatch)
    result = backups.restore(new_pc, backup)
    assert len(result.warnings) == 1
    assert "badges printed before" in result.warnings[0] and "will not verify" in result.warnings[0]
    assert keyring.keyring_path().exists()  # a new key, made in the open, so the desk can check in again
    db = open_desk(new_pc)
    try:
        with pytest.raises(badge_tokens.UnknownBadgeKey):
            scan_badge(db, text=one_day, actor=desk, now=utcnow() + LATER)
        fresh = check_in(db, visitor_id=_visitor(db, desk, "Nuova"), service_code="meeting", host_id=None,
                         actor=desk).badge.data
        assert fresh.number == "R1-B-000001"
        assert scan_badge(db, text=fresh.token, actor=desk, now=utcnow() + LATER).action == "checked_out"
    finally:
        db.dispose()


def test_a_backup_without_keys_restored_where_the_keys_are_says_nothing(desk, path):
    _badges_of_a_day_and_a_course(path, desk)
    backup = backup_copy(path, desk)
    conn = sqlite3.connect(backup)
    conn.execute(f"DROP TABLE {backups.KEYS_TABLE}")
    conn.commit()
    conn.close()
    assert backups.restore(path, backup).warnings == ()  # this PC's ring verifies every badge of the backup


def test_a_missing_key_file_is_never_replaced_on_a_desk_that_issued_badges(desk, path):
    one_day, _course = _badges_of_a_day_and_a_course(path, desk)
    keyring.keyring_path().unlink()  # deleted by mistake, or a profile reset
    db = open_desk(path)
    try:
        conn = sqlite3.connect(path)
        before = conn.execute("SELECT count(*) FROM badge").fetchone()[0]
        conn.close()
        someone = _visitor(db, desk, "Senzachiave")
        with pytest.raises(StorageProblem, match=r"badge key file .* is missing"):
            check_in(db, visitor_id=someone, service_code="meeting", host_id=None, actor=desk)
        with pytest.raises(StorageProblem, match="is missing"):
            scan_badge(db, text=one_day, actor=desk, now=utcnow() + LATER)
        assert not keyring.keyring_path().exists()
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT count(*) FROM badge").fetchone()[0] == before  # nothing half-written
        assert conn.execute(f"SELECT count(*) FROM visit WHERE visitor_id = '{someone.hex}'").fetchone()[0] == 0
        conn.close()
    finally:
        db.dispose()


def test_a_desk_that_never_issued_a_badge_makes_its_first_key(desk, path):
    db = open_desk(path)
    try:
        with pytest.raises(badge_tokens.NotABadge):
            scan_badge(db, text="hello", actor=desk)
        assert not keyring.keyring_path().exists()  # a scan never makes a key
        badge = check_in(db, visitor_id=_visitor(db, desk, "Prima"), service_code="meeting", host_id=None,
                         actor=desk).badge.data
        assert badge_tokens.parse(badge.token).claim.key_id == keyring.load_keyring().current_id
    finally:
        db.dispose()


def test_the_cli_prints_the_warning_and_exits_zero(desk, path, tmp_path):
    import subprocess

    _badges_of_a_day_and_a_course(path, desk)
    backup = backup_copy(path, desk)
    conn = sqlite3.connect(backup)
    conn.execute(f"DROP TABLE {backups.KEYS_TABLE}")
    conn.commit()
    conn.close()
    new_pc = tmp_path / "cli-pc"
    env = {**os.environ, "FRONTDESK_HOME": str(new_pc), "FRONTDESK_LANGUAGE": "en"}
    done = subprocess.run([sys.executable, "-m", "frontdesk", "--db", str(new_pc / "frontdesk.sqlite"), "restore",
                           str(backup)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "will not verify" in done.stdout and "R1-B" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_desk_without_keys_yet_backs_up_privately_and_restores_without_a_word(desk, path):
    backup = backup_copy(path, desk)
    assert backups.KEYS_TABLE not in _tables(backup)  # no badge issued, no ring: nothing to carry
    if sys.platform != "win32":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    result = backups.restore(path, backup)
    assert result.warnings == () and not keyring.keyring_path().exists()
