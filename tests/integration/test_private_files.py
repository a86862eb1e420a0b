"""Files holding personal data or secrets are the user's alone (POSIX): 0600 files, 0700 folders,
checked with os.stat after the real operations (init, writes in WAL mode, backup, restore,
migration). The evacuation copy is the exception: the emergency team reads it. A backup folder on
a drive without POSIX modes (a FAT USB stick, mounted for real with fusefat) is not an error."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest
from alembic import command
from sqlalchemy import create_engine

from frontdesk import config
from frontdesk.db.migrate import alembic_config, open_database, quick_check
from frontdesk.services.desk import keyring
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk
from frontdesk.services.reception.evacuation import COPY_NAME, write_evacuation_copy
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.upkeep import backups

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def umask():
    """The usual desktop umask (022), under which files were created 0644 and folders 0755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_its_wal_and_shm_and_the_data_folder_are_private(tmp_path):
    path = tmp_path / "new-folder" / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    try:
        create_host(db, name="Dott.ssa Rota", actor=first_admin_actor(db))  # a write: the WAL has content
        wal, shm = path.with_name("desk.sqlite-wal"), path.with_name("desk.sqlite-shm")
        assert wal.exists() and wal.stat().st_size > 0 and shm.exists()
        assert {p.name: oct(mode(p)) for p in (path, wal, shm)} == dict.fromkeys(
            ("desk.sqlite", "desk.sqlite-wal", "desk.sqlite-shm"), "0o600")
        assert mode(path.parent) == 0o700  # made by the app
        assert mode(config.data_dir()) == 0o700
        assert mode(config.secrets_dir()) == 0o700 and mode(config.documents_dir()) == 0o700
        keyring.load_keyring(create=True)
        assert mode(keyring.keyring_path()) == 0o600
    finally:
        db.dispose()


def test_an_older_install_is_narrowed_when_opened_and_a_chosen_folder_keeps_its_mode(tmp_path):
    folder = tmp_path / "chosen"
    folder.mkdir(mode=0o755)
    path = folder / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    create_host(db, name="Dott.ssa Rota", actor=first_admin_actor(db))
    files = [path, path.with_name("desk.sqlite-wal"), path.with_name("desk.sqlite-shm")]
    for file in files:
        os.chmod(file, 0o644)  # as an older version of the app left them
    os.chmod(config.data_dir(), 0o755)
    db.dispose()

    db = open_desk(path)
    try:
        assert [oct(mode(f)) for f in files] == ["0o600"] * 3
        assert mode(folder) == 0o755  # the user's folder is theirs to set
        assert mode(config.data_dir()) == 0o700  # the app's own data folder is narrowed
    finally:
        db.dispose()


def test_backups_are_private_in_the_default_folder_and_in_a_chosen_one(db, admin, tmp_path):
    made = backups.backup_now(db, actor=admin)
    assert mode(made.path) == 0o600 and mode(made.path.parent) == 0o700
    chosen = tmp_path / "usb"
    chosen.mkdir(mode=0o755)
    other = backups.backup_now(db, folder=chosen, actor=admin)
    assert mode(other.path) == 0o600
    assert mode(chosen) == 0o755  # a folder the user chose is not changed


def test_the_copies_kept_before_a_migration_and_a_restore_are_private(tmp_path):
    path = tmp_path / "desk.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # a file an older app wrote (revision 0001), with a loose mode
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    os.chmod(path, 0o644)
    open_database(path, desk="R1").dispose()
    [copy] = (tmp_path / "pre-migration").glob("before-*.sqlite")
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700

    init_desk(path, desk="R1")
    db = open_desk(path)
    made = backups.backup_now(db, actor=first_admin_actor(db))
    db.dispose()
    result = backups.restore(path, made.path)
    assert mode(path) == 0o600  # the restored database
    assert mode(result.safety_copy) == 0o600 and mode(result.safety_copy.parent) == 0o700


@pytest.mark.parametrize("umask_value", [0o022, 0o027])
def test_the_evacuation_copy_gets_the_permissions_of_any_new_file_in_its_folder(db, admin, tmp_path, umask_value):
    folder = tmp_path / "emergency"
    folder.mkdir(mode=0o755)
    update_settings(db, changes={"evacuation_folder": str(folder)}, actor=admin)
    os.umask(umask_value)
    ordinary = folder / "ordinary.txt"
    ordinary.write_text("x")
    copy = write_evacuation_copy(db)
    assert copy == folder / COPY_NAME
    assert oct(mode(copy)) == oct(mode(ordinary)) == oct(0o666 & ~umask_value)  # 0644 / 0640, never 0600
    write_evacuation_copy(db)  # rewritten: still readable by the team
    assert oct(mode(copy)) == oct(0o666 & ~umask_value)
    assert [p.name for p in folder.iterdir() if p.name.startswith(".evac-")] == []


# --- a drive without POSIX modes -----------------------------------------------------------

def _can_mount_fat() -> None:
    missing = [tool for tool in ("mkfs.vfat", "fusefat", "fusermount") if shutil.which(tool) is None]
    if os.geteuid() != 0:
        reason = "mounting a FAT drive with fusefat needs root"
    elif missing or not os.path.exists("/dev/fuse"):
        reason = (f"needs {', '.join(missing) or '/dev/fuse'} (Debian packages dosfstools and fusefat, "
                  "which run-tests.sh installs)")
    else:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


@pytest.fixture
def fat_drive(tmp_path):
    """A real FAT file system (no owners, no modes: chmod fails) mounted through FUSE."""
    _can_mount_fat()
    image, mount = tmp_path / "usb.img", tmp_path / "usb"
    mount.mkdir()
    subprocess.run(["mkfs.vfat", "-C", str(image), "16384"], check=True, capture_output=True)
    subprocess.run(["fusefat", "-o", "rw+", str(image), str(mount)], check=True, capture_output=True)
    try:
        probe = mount / "probe"
        probe.write_bytes(b"")
        with pytest.raises(OSError):
            os.chmod(probe, 0o600)  # what makes this drive one "without POSIX permissions"
        probe.unlink()
        yield mount
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(["fusermount", "-u", str(mount)], check=True, capture_output=True)


def test_a_backup_folder_on_a_drive_without_posix_modes_is_not_an_error(db, admin, fat_drive, caplog):
    made = backups.backup_now(db, folder=fat_drive, actor=admin)
    assert made.path.parent == fat_drive and made.path.is_file()
    assert quick_check(made.path)
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("SELECT count(*) FROM staff_member").fetchone()[0] >= 1
    finally:
        conn.close()
    # No temp file left behind; the series ledger is there too (written atomically on FAT as well).
    assert sorted(p.name for p in fat_drive.iterdir()) == sorted([made.path.name, "series-ledger-R1.json"])
    assert "Cannot set the mode" in caplog.text or not caplog.records  # logged at most, never raised
