"""Damaged, read-only, full, busy and empty databases on the command line and in the services
(issue 8, points 4-7): nothing is written to a file whose integrity is not known to be good; a
read-only file, folder or drive, a full disk and a lock held past the busy timeout each get their
own plain message while reading goes on; only `init` creates a database; `self-test` checks the
database it is pointed at. The commands run for real, in a subprocess."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from desk_files import damage_middle, digest, frontdesk, make_desk, open_visits
from mounts import fill, read_only_bind, tmpfs, writable_bind

from frontdesk.db.migrate import HEAD
from frontdesk.domain.errors import DatabaseProblem, FrontdeskError, StorageProblem
from frontdesk.domain.roles import Actor
from frontdesk.services.desk.setup import first_admin_actor, open_desk
from frontdesk.services.reception.visits import close_open_visits
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.upkeep.backups import integrity_check


@pytest.fixture
def home() -> Path:
    return Path(os.environ["FRONTDESK_HOME"])  # the test's own, shared with the commands it runs


@pytest.fixture
def desk_file(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return make_desk(folder / "frontdesk.sqlite", visitors=150)


def backup_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".sqlite")


def sound(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def close_yesterdays_visits(db) -> int:
    return close_open_visits(db, actor=Actor.desk_itself("R1"))


# --- point 4: a damaged file is never written -------------------------------------------------

@pytest.mark.parametrize("command", [("close-visits",), ("init", "--desk", "R1"), ("backup", "--folder", "{backups}")],
                         ids=["close-visits", "init", "backup"])
def test_write_commands_refuse_a_damaged_file_and_leave_it_as_it_was(desk_file, home, tmp_path, command):
    backups = tmp_path / "backups"
    backups.mkdir()
    damage_middle(desk_file)
    before = digest(desk_file)
    result = frontdesk("--db", str(desk_file), *(a.format(backups=backups) for a in command), home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert "Created the database" not in result.stdout and "close" not in result.stdout
    assert digest(desk_file) == before
    assert list(backups.iterdir()) == []


def test_a_database_opened_for_a_background_check_holds_writes_until_it_passes(desk_file):
    db = open_desk(desk_file, check=False)  # the app's start-up: the check runs on a worker
    try:
        with pytest.raises(DatabaseProblem, match="being checked"):
            close_yesterdays_visits(db)
        assert open_visits(desk_file) == 1
        assert integrity_check(db) is True and db.writes_held is None
        assert close_yesterdays_visits(db) == 1
    finally:
        db.dispose()


def test_a_damaged_file_opened_without_the_check_is_never_written(desk_file):
    damage_middle(desk_file)
    before = digest(desk_file)
    db = open_desk(desk_file, check=False)
    try:
        assert integrity_check(db) is False
        with pytest.raises(DatabaseProblem, match="damaged"):
            close_yesterdays_visits(db)
    finally:
        db.dispose()
    assert digest(desk_file) == before
    with pytest.raises(DatabaseProblem, match="damaged"):
        open_desk(desk_file)  # the command line's way: checked now, refused


# --- point 6: only init creates a database ----------------------------------------------------

@pytest.mark.parametrize("command", [("backup", "--folder", "{backups}"), ("close-visits",)],
                         ids=["backup", "close-visits"])
def test_an_empty_file_is_not_given_a_schema(tmp_path, home, command):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    backups = tmp_path / "backups"
    backups.mkdir()
    result = frontdesk("--db", str(empty), *(a.format(backups=backups) for a in command), home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "is empty" in result.stderr and "frontdesk init --desk CODE" in result.stderr
    assert "Traceback" not in result.stderr
    assert empty.stat().st_size == 0 and list(backups.iterdir()) == []


def test_init_is_what_creates_a_database_in_an_empty_file(tmp_path, home):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    created = frontdesk("--db", str(empty), "init", "--desk", "R1", home=home)
    assert created.returncode == 0, created.stderr
    assert "Created the database of desk R1" in created.stdout and empty.stat().st_size > 0
    closed = frontdesk("--db", str(empty), "close-visits", home=home)
    assert closed.returncode == 0 and "nothing to close" in closed.stdout


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, home):
    other = tmp_path / "contacts.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contact(name TEXT)")
    conn.execute("INSERT INTO contact VALUES ('Mario Rossi')")
    conn.commit()
    conn.close()
    before = digest(other)
    result = frontdesk("--db", str(other), "close-visits", home=home, language="it")
    assert result.returncode == 2 and "non è un database" in result.stderr, result.stderr
    assert digest(other) == before


# --- point 7: self-test checks the database it is pointed at -----------------------------------

def test_self_test_fails_on_a_damaged_database_and_leaves_it_alone(desk_file, home):
    damage_middle(desk_file)
    before = digest(desk_file)
    result = frontdesk("--db", str(desk_file), "self-test", home=home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL desk database" in result.stdout and "damaged" in result.stdout
    assert "self-test FAILED" in result.stdout
    assert digest(desk_file) == before


def test_self_test_checks_a_sound_database_and_its_badge_keys_read_only(desk_file, home):
    before = digest(desk_file)
    result = frontdesk("--db", str(desk_file), "self-test", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "desk database" in x)
    assert line.startswith("ok") and "integrity check" in line and f"schema {HEAD} (current)" in line
    assert "desk R1" in line and "1 badge key(s)" in line
    assert digest(desk_file) == before
    (home / "secrets" / "badge-keys.json").unlink()  # the badge printed for Anna can no longer be verified
    keyless = frontdesk("--db", str(desk_file), "self-test", home=home)
    assert keyless.returncode == 1 and "badge key file" in keyless.stdout and "missing" in keyless.stdout


def test_self_test_on_a_named_database_that_does_not_exist_fails(tmp_path, home):
    result = frontdesk("--db", str(tmp_path / "nowhere.sqlite"), "self-test", home=home)
    assert result.returncode == 1 and "FAIL desk database" in result.stdout
    assert not (tmp_path / "nowhere.sqlite").exists()


# --- point 5: read-only, full, busy: a plain message each, and reading goes on -----------------

def test_read_only_drive_is_read_and_not_called_damaged(desk_file, home, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    with read_only_bind(desk_file.parent):
        db = open_desk(desk_file)  # integrity checked through an immutable read: not "damaged"
        try:
            assert first_admin_actor(db).name == "Amministratore"
            assert integrity_check(db) is True
            assert "drive that holds the database" in db.writes_held
            with pytest.raises(FrontdeskError, match="is read-only"):
                close_yesterdays_visits(db)
        finally:
            db.dispose()
        close = frontdesk("--db", str(desk_file), "close-visits", home=home, language="it")
        backup = frontdesk("--db", str(desk_file), "backup", "--folder", str(backups), home=home)
        self_test = frontdesk("--db", str(desk_file), "self-test", home=home)
    assert close.returncode == 2, close.stdout + close.stderr
    assert "sola lettura" in close.stderr and "danneggiat" not in close.stderr and "Traceback" not in close.stderr
    assert backup.returncode == 0, backup.stderr
    assert "not recorded in the activity log" in backup.stderr and "Traceback" not in backup.stderr
    [copy] = backup_files(backups)
    assert sound(copy)
    assert self_test.returncode == 0, self_test.stdout
    assert open_visits(desk_file) == 1


def test_read_only_file_says_so(desk_file, home):
    with read_only_bind(desk_file):
        db = open_desk(desk_file)
        try:
            assert first_admin_actor(db).name == "Amministratore"
            assert db.writes_held.startswith(f"The database file {desk_file} is read-only")
        finally:
            db.dispose()
        close = frontdesk("--db", str(desk_file), "close-visits", home=home)
    assert close.returncode == 2 and f"The database file {desk_file} is read-only" in close.stderr, close.stderr
    assert open_visits(desk_file) == 1


def test_read_only_folder_says_so(desk_file, home, tmp_path):
    view = tmp_path / "view"
    view.mkdir()
    inside = view / desk_file.name
    with read_only_bind(desk_file.parent, view), writable_bind(desk_file, inside):
        assert os.access(inside, os.W_OK) and not os.access(view, os.W_OK)
        close = frontdesk("--db", str(inside), "close-visits", home=home)
    assert close.returncode == 2, close.stdout + close.stderr
    assert f"The folder {view} that holds the database is read-only" in close.stderr
    assert open_visits(desk_file) == 1


def test_full_disk_says_so_and_reading_goes_on(tmp_path, home):
    backups = tmp_path / "backups"
    backups.mkdir()
    with tmpfs(tmp_path / "disk", size="8m") as disk:
        path = make_desk(disk / "frontdesk.sqlite")
        app = sqlite3.connect(path)  # the app has the file open, so its working files exist
        app.execute("SELECT count(*) FROM visit").fetchone()
        try:
            fill(disk)
            close = frontdesk("--db", str(path), "close-visits", home=home)
            backup = frontdesk("--db", str(path), "backup", "--folder", str(backups), home=home)
            db = open_desk(path)
            try:
                assert first_admin_actor(db).name == "Amministratore"
                with pytest.raises(StorageProblem, match="is full"):
                    close_yesterdays_visits(db)
                with pytest.raises(StorageProblem, match="is full"):
                    create_visitor(db, data=VisitorInput("Luca", "Verdi"), actor=first_admin_actor(db))
            finally:
                db.dispose()
        finally:
            app.close()
        assert open_visits(path) == 1
    assert close.returncode == 2, close.stdout + close.stderr
    assert f"The disk that holds the database ({path.parent}) is full" in close.stderr
    assert "Traceback" not in close.stderr
    assert backup.returncode == 0, backup.stderr  # the copy goes elsewhere; only its log line is lost
    assert len(backup_files(backups)) == 1


def test_a_lock_held_past_the_busy_timeout_says_another_program_is_using_it(desk_file, home, tmp_path, monkeypatch):
    backups = tmp_path / "backups"
    backups.mkdir()
    holder = sqlite3.connect(desk_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    try:
        close = frontdesk("--db", str(desk_file), "close-visits", home=home, FRONTDESK_BUSY_TIMEOUT_MS="300")
        backup = frontdesk("--db", str(desk_file), "backup", "--folder", str(backups), home=home,
                           FRONTDESK_BUSY_TIMEOUT_MS="300")
        monkeypatch.setenv("FRONTDESK_BUSY_TIMEOUT_MS", "300")
        db = open_desk(desk_file)
        try:
            assert first_admin_actor(db).name == "Amministratore"
            with pytest.raises(DatabaseProblem, match="Another program is using the database"):
                close_yesterdays_visits(db)
        finally:
            db.dispose()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert close.returncode == 2, close.stdout + close.stderr
    assert "Another program is using the database" in close.stderr and "Traceback" not in close.stderr
    assert backup.returncode == 0 and len(backup_files(backups)) == 1, backup.stderr
    assert open_visits(desk_file) == 1
