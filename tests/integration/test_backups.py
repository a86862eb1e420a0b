"""Backups, rotation, restore and the integrity check, with the failures the issue names."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.db.engine import Database
from frontdesk.db.models import Visitor
from frontdesk.domain.errors import Conflict, DatabaseProblem, NotFound, PermissionDenied, StorageProblem
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk import numbering
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit
from frontdesk.services.upkeep import backups

UTC = dt.UTC
LEDGER = "series-ledger-R1.json"  # the desk's series ledger lives beside its backups


@pytest.fixture
def db_path(path):
    return path  # the shared `db` opens the desk in its data folder, where its backups go


def add_visitor(db, actor, last="Rossi"):
    return create_visitor(db, data=VisitorInput("Maria", last), actor=actor, privacy_notice_version="2026-01").id


def visitor_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM visitor")}
    finally:
        conn.close()


def issue(db, count: int = 1) -> list[str]:
    with db.begin() as session:
        return [numbering.next_number(session, "badge") for _ in range(count)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path) -> None:
    """Overwrite the middle pages of an SQLite file, leaving its header intact."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            handle.seek(offset)
            handle.write(os.urandom(4096))


# --- backup ---------------------------------------------------------------------------------

def test_backup_is_a_checked_consistent_copy_without_personal_data_in_its_name(db, admin, path):
    visitor = add_visitor(db, admin, last="Quattrocchi")
    result = backups.backup_now(db, actor=admin)
    assert result.path.parent == path.parent / "backups"
    assert backups.NAME.match(result.path.name) and result.path.name.startswith("frontdesk-R1-")
    assert "quattrocchi" not in result.path.name.lower()
    assert result.size_bytes == result.path.stat().st_size > 0
    assert backups.is_good_backup(result.path)
    assert str(visitor).replace("-", "") in {i.replace("-", "") for i in visitor_ids(result.path)}
    assert sorted(p.name for p in result.path.parent.iterdir()) == [result.path.name, LEDGER]  # no temp left
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # safe on a network share
    conn.close()
    event = audit.history(db, actor=admin, record_type="backup")[0]
    assert event.action == "backup.create" and event.record_id == result.path.name


def test_backup_to_a_configured_folder_and_roles(db, admin, tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    update_settings(db, changes={"backup_folder": str(folder)}, actor=admin)
    assert backups.backup_folder(db) == folder
    assert backups.backup_now(db, actor=Actor.desk_itself("R1"), kind="pre-sync").path.parent == folder
    staff.create_staff(db, username="tec", display_name="Tec", role=Role.LAB_TECHNICIAN, password="password-t",
                       actor=admin)
    technician = staff.sign_in(db, username="tec", password="password-t").actor
    assert backups.backup_now(db, actor=technician, kind="manual").kind == "manual"
    staff.set_active(db, staff_id=technician.staff_id, active=False, actor=admin)
    with pytest.raises(PermissionDenied):
        backups.backup_now(db, actor=technician)
    with pytest.raises(PermissionDenied):
        backups.backup_now(db, actor=Actor(desk="R1", role=Role.RECEPTION, staff_id=staff.new_id(), name="ghost"))


def test_missing_backup_folder_is_a_clear_storage_problem(db, admin, tmp_path):
    missing = tmp_path / "not-mounted" / "backups"
    with pytest.raises(StorageProblem, match="cannot be found"):
        backups.backup_now(db, folder=missing, actor=admin)
    assert not missing.exists()  # a missing share is not silently created on the local disk
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    with pytest.raises(StorageProblem, match="cannot be found"):
        backups.backup_now(db, folder=not_a_folder, actor=admin)


@pytest.mark.parametrize("failure", [
    OSError(errno.ENOSPC, "No space left on device"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_full_disk_leaves_nothing_half_written(db, admin, tmp_path, monkeypatch, failure):
    folder = tmp_path / "share"
    folder.mkdir()
    earlier = backups.backup_now(db, folder=folder, actor=admin).path
    if isinstance(failure, sqlite3.OperationalError):
        failure.sqlite_errorcode = sqlite3.SQLITE_FULL

    def copy_then_fail(source, target):
        Path(target).write_bytes(b"SQLite format 3\x00" + b"\x00" * 1000)  # a partial copy
        raise failure

    monkeypatch.setattr(backups, "_copy_database", copy_then_fail)
    with pytest.raises(StorageProblem, match="is full"):
        backups.backup_now(db, folder=folder, actor=admin)
    assert sorted(p.name for p in folder.iterdir()) == [earlier.name, LEDGER]


def test_unwritable_backup_folder(db, admin, tmp_path, monkeypatch):
    folder = tmp_path / "share"
    folder.mkdir()

    def refuse(source, target):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(backups, "_copy_database", refuse)
    with pytest.raises(StorageProblem, match="cannot be written to"):
        backups.backup_now(db, folder=folder, actor=admin)
    assert list(folder.iterdir()) == []


def test_a_really_full_filesystem(db, admin, tmp_path):
    """A 64 KiB tmpfs (needs root to mount; skipped elsewhere)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here")
    try:
        for i in range(30):
            add_visitor(db, admin, last=f"Pad{i}" + "x" * 150)
        with pytest.raises(StorageProblem, match="is full"):
            backups.backup_now(db, folder=folder, actor=admin)
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_backup_of_a_damaged_database_is_refused_and_keeps_the_old_backups(db, admin, path, tmp_path):
    for i in range(200):
        add_visitor(db, admin, last=f"Nome{i}")
    good = backups.backup_now(db, actor=admin).path
    db.dispose()
    damage(path)
    broken = Database(path, desk="R1")
    try:
        # found by the backup's own integrity check, or earlier when the damage reaches the schema's pages
        with pytest.raises(DatabaseProblem, match=r"integrity check|database is damaged"):
            backups.backup_now(broken, actor=admin)
        assert broken.writes_held  # never written to again
        assert sorted(p.name for p in good.parent.iterdir()) == [good.name, LEDGER]
    finally:
        broken.dispose()


# --- rotation -------------------------------------------------------------------------------

def _files(folder: Path, stamps: list[dt.datetime], desk: str = "R1") -> list[Path]:
    made = []
    for stamp in stamps:
        p = folder / f"frontdesk-{desk}-{stamp.strftime(backups.STAMP)}.sqlite"
        p.write_bytes(b"x")
        made.append(p)
    return made


def test_rotation_keeps_7_daily_and_4_weekly(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    now = dt.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)  # a Tuesday
    stamps = [now - dt.timedelta(days=d, hours=h) for d in range(60) for h in (0, 6)]  # two a day, 60 days
    _files(folder, stamps)
    other_desk = _files(folder, [now - dt.timedelta(days=40)], desk="L1")
    unrelated = folder / "notes.txt"
    unrelated.write_text("keep me")
    deleted = backups.rotate(folder, desk="R1", retention_months=24, now=now)
    kept = sorted(b.taken_at for b in backups.list_backups(folder, desk="R1"))
    days = {k.date() for k in kept}
    assert len(deleted) == 120 - len(kept)
    assert {now.date() - dt.timedelta(days=d) for d in range(7)} <= days  # the newest of each of 7 days
    # The 7 days (25-31 March) cover ISO weeks 13 and 14; weeks 12 and 11 add their newest copy (Sundays).
    assert len(kept) == 7 + 2
    assert dt.datetime(2026, 3, 22, 12, tzinfo=UTC) in kept and dt.datetime(2026, 3, 15, 12, tzinfo=UTC) in kept
    assert all(k.hour == 12 for k in kept)  # the newest of each day
    weeks = {tuple(k.isocalendar())[:2] for k in kept}
    assert len(weeks) == 4
    assert other_desk[0].exists() and unrelated.exists()  # other desks rotate their own


def test_retention_deletes_any_desks_backups_older_than_it(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    now = dt.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    old = _files(folder, [now - dt.timedelta(days=70)], desk="L1") + _files(folder, [now - dt.timedelta(days=80)])
    young = _files(folder, [now - dt.timedelta(days=20)], desk="L1")
    deleted = backups.rotate(folder, desk="R1", retention_months=2, now=now)
    assert sorted(deleted) == sorted(p.name for p in old)
    assert young[0].exists()


def test_pre_migration_copies_are_never_touched(db, admin, path):
    copies = path.parent / "pre-migration"
    copies.mkdir(exist_ok=True)
    old = _files(copies, [dt.datetime(2020, 1, d, tzinfo=UTC) for d in range(1, 20)])
    migration_copy = copies / "before-0001-20200101T000000Z.sqlite"
    migration_copy.write_bytes(b"x")
    update_settings(db, changes={"retention_visitor_months": 1}, actor=admin)
    backups.backup_now(db, actor=admin)  # into <data>/backups
    assert backups.rotate(copies, desk="R1", retention_months=1) == []
    assert all(p.exists() for p in old) and migration_copy.exists()


# --- restore --------------------------------------------------------------------------------

def test_restore_brings_back_the_backup_and_never_reissues_a_number(db, admin, path):
    kept = add_visitor(db, admin, last="Prima")
    before = issue(db, 2)
    backup = backups.backup_now(db, actor=admin).path
    lost = add_visitor(db, admin, last="Dopo")
    after = issue(db, 3)  # numbers handed out after the backup, then the disk dies
    db.dispose()

    result = backups.restore(path, backup)
    assert result.previous_prefix == "R1" and result.series_prefix == "R1-B"
    ids = {i.replace("-", "") for i in visitor_ids(path)}
    assert kept.hex in ids and lost.hex not in ids
    assert result.safety_copy.parent == path.parent / "pre-restore"
    assert lost.hex in {i.replace("-", "") for i in visitor_ids(result.safety_copy)}
    assert "R1" in result.safety_copy.name and "Dopo" not in result.safety_copy.name

    again = open_desk(path)
    try:
        new_numbers = issue(again, 3)
        assert new_numbers[0] == "R1-B-000001"
        assert not set(new_numbers) & set(before + after)
        assert audit.history(again, actor=admin, record_type="backup")[0].action == "backup.restore"
    finally:
        again.dispose()


def test_restoring_twice_moves_to_the_next_unused_letter(db, admin, path):
    backup = backups.backup_now(db, actor=admin).path
    issue(db)
    db.dispose()
    assert backups.restore(path, backup).series_prefix == "R1-B"
    reopened = open_desk(path)
    issue(reopened)
    reopened.dispose()
    assert backups.restore(path, backup).series_prefix == "R1-C"  # the backup only knew R1


def test_restore_is_refused_while_the_app_has_the_database_open(db, admin, path):
    backup = backups.backup_now(db, actor=admin).path
    add_visitor(db, admin)
    before = visitor_ids(path)
    with pytest.raises(Conflict, match="in use"):
        backups.restore(path, backup)
    assert visitor_ids(path) == before


def _assert_untouched(path: Path, previous: str) -> None:
    assert digest(path) == previous
    assert not (path.parent / "pre-restore").exists()


def test_restore_of_a_file_that_is_not_a_backup(db, admin, path, tmp_path):
    db.dispose()
    previous = digest(path)
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some text" * 50)
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for candidate in (text, empty, other):
        with pytest.raises(DatabaseProblem, match="not a front-desk backup"):
            backups.restore(path, candidate)
        _assert_untouched(path, previous)
    with pytest.raises(NotFound):
        backups.restore(path, tmp_path / "missing.sqlite")
    _assert_untouched(path, previous)


def test_restore_of_a_damaged_backup(db, admin, path):
    for i in range(200):
        add_visitor(db, admin, last=f"Nome{i}")
    backup = backups.backup_now(db, actor=admin).path
    db.dispose()
    previous = digest(path)
    damage(backup)
    with pytest.raises(DatabaseProblem, match="damaged"):
        backups.restore(path, backup)
    _assert_untouched(path, previous)


def test_restore_refuses_a_backup_from_a_newer_schema(db, admin, path):
    backup = backups.backup_now(db, actor=admin).path
    db.dispose()
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    conn.commit()
    conn.close()
    previous = digest(path)
    with pytest.raises(DatabaseProblem, match="newer version"):
        backups.restore(path, backup)
    _assert_untouched(path, previous)
    assert backups.newest_good_backup(backup.parent) is None


def test_restore_refuses_another_desks_backup(db, admin, path, tmp_path):
    other_path = tmp_path / "l1.sqlite"
    init_desk(other_path, desk="L1")
    other = open_desk(other_path)
    other_backup = backups.backup_now(other, folder=tmp_path, actor=Actor.desk_itself("L1")).path
    other.dispose()
    db.dispose()
    with pytest.raises(Conflict, match="desk L1"):
        backups.restore(path, other_backup)


def test_restore_over_a_file_destroyed_beyond_recognition(db, admin, path):
    visitor = add_visitor(db, admin)
    backup = backups.backup_now(db, actor=admin).path
    db.dispose()
    garbage = os.urandom(path.stat().st_size)
    path.write_bytes(garbage)
    result = backups.restore(path, backup)
    assert result.safety_copy.read_bytes() == garbage  # kept byte for byte, for the experts
    assert visitor.hex in {i.replace("-", "") for i in visitor_ids(path)}
    assert result.series_prefix == "R1-B"


def test_restore_onto_a_new_pc_and_stale_logs_are_removed(db, admin, path, tmp_path):
    visitor = add_visitor(db, admin)
    backup = backups.backup_now(db, actor=admin).path
    db.dispose()
    new_pc = tmp_path / "newpc" / "frontdesk.sqlite"
    new_pc.parent.mkdir()
    Path(f"{new_pc}-wal").write_bytes(os.urandom(5000))  # leftovers of a crashed install
    result = backups.restore(new_pc, backup)
    assert result.safety_copy is None and result.series_prefix == "R1-B"
    assert visitor.hex in {i.replace("-", "") for i in visitor_ids(new_pc)}
    reopened = open_desk(new_pc)
    try:
        with reopened.read() as session:
            assert session.get(Visitor, visitor) is not None
    finally:
        reopened.dispose()


# --- integrity check ------------------------------------------------------------------------

def test_integrity_check_holds_writes_while_it_runs(db, admin, monkeypatch):
    seen = []
    real = backups.quick_check

    def spy(p):
        seen.append(db.writes_held)
        with pytest.raises(DatabaseProblem), db.begin():
            pass
        return real(p)

    monkeypatch.setattr(backups, "quick_check", spy)
    assert backups.integrity_check(db) is True
    assert seen and seen[0] and db.writes_held is None
    add_visitor(db, admin)  # writes work again


def test_a_damaged_database_is_never_written_and_the_newest_good_backup_is_offered(db, admin, path, tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    for i in range(200):
        add_visitor(db, admin, last=f"Nome{i}")
    older = backups.backup_now(db, folder=folder, actor=admin).path
    newest = folder / (older.name.replace(older.name[13:29], "20991231T000000Z"))
    shutil.copy(older, newest)
    damage(newest)  # the newest file is itself damaged: skipped
    db.dispose()
    damage(path)
    broken = Database(path, desk="R1")
    try:
        assert backups.integrity_check(broken) is False
        assert "damaged" in broken.writes_held
        with pytest.raises(DatabaseProblem, match="damaged"), broken.begin():
            pass
        with pytest.raises(DatabaseProblem, match="damaged"):
            create_visitor(broken, data=VisitorInput("A", "B"), actor=admin)
    finally:
        broken.dispose()
    assert backups.newest_good_backup(folder) == older
    assert backups.newest_good_backup(folder, desk="L1") is None
    assert backups.newest_good_backup(tmp_path / "nowhere") is None
    backups.restore(path, older)
    healthy = open_desk(path)
    try:
        assert backups.integrity_check(healthy)
        with healthy.read() as session:
            assert len(session.scalars(select(Visitor.id)).all()) == 200
    finally:
        healthy.dispose()
