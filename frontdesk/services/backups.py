"""Backups, restore and the integrity check of the desk database.

- `backup_now`: a consistent online copy (SQLite backup API) written under a temporary name,
  checked with `PRAGMA quick_check`, synced to disk and only then renamed to
  `frontdesk-<DESK>-<UTC stamp>.sqlite` (no personal data in the name). Then the rotation keeps
  the newest copy of each of the 7 latest days and of each of the 4 latest ISO weeks that have
  copies, and every copy (of any desk) older than the visitor retention is deleted. The copies
  taken before a migration live in `<data>/pre-migration/` and are never touched here.
- `restore`: checks the file (SQLite, sound, a known schema no newer than this app, the same
  desk), keeps a copy of the current database in `<data>/pre-restore/`, swaps the file in,
  then moves every number series to the next letter (R1 -> R1b) so no number is issued twice.
- `integrity_check`: run in the background after start; writes are held while it runs and stay
  held, with a plain message, if the file is damaged (`newest_good_backup` offers a way out).

`<data>` is the folder of the database file. Imports no Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from frontdesk.db import file_access
from frontdesk.db.engine import SQLITE_HEADER, Database
from frontdesk.db.migrate import current_revision, known_revisions, open_database, quick_check
from frontdesk.domain.clock import ROME, utcnow
from frontdesk.domain.errors import (
    Conflict,
    DatabaseProblem,
    FrontdeskError,
    NotFound,
    StorageProblem,
    ValidationError,
)
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services import audit
from frontdesk.services.audit import ensure_active
from frontdesk.services.numbering import PREFIX_KEY, advance_series_letter, series_prefix
from frontdesk.services.privacy import months_before
from frontdesk.services.settings import read_settings

logger = logging.getLogger(__name__)

KINDS = ("daily", "manual", "pre-sync")
DAILY_KEPT = 7
WEEKLY_KEPT = 4
STAMP = "%Y%m%dT%H%M%SZ"
NAME = re.compile(r"^frontdesk-(?P<desk>[A-Z][A-Z0-9]{0,3})-(?P<stamp>\d{8}T\d{6}Z)(?:_(?P<n>\d+))?\.sqlite$")
PRE_MIGRATION = "pre-migration"
PRE_RESTORE = "pre-restore"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    desk: str
    taken_at: dt.datetime  # UTC, from the file name


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    kind: str
    taken_at: dt.datetime
    deleted: tuple[str, ...]  # file names removed by rotation and retention


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None  # the database that was replaced, in <data>/pre-restore/
    series_prefix: str  # numbers continue under this prefix (e.g. R1b)
    previous_prefix: str
    migrated_copy: str | None  # pre-migration copy when the backup had an older schema


# --- folders and names -----------------------------------------------------------------------

def default_backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def backup_folder(db) -> Path:
    """The folder set in Settings, or `<data>/backups`."""
    with db.read() as session:
        configured = read_settings(session).backup_folder
    return Path(configured) if configured else default_backup_folder(db.path)


def parse_name(path: Path) -> BackupFile | None:
    match = NAME.match(path.name)
    if not match:
        return None
    taken = dt.datetime.strptime(match["stamp"], STAMP).replace(tzinfo=dt.UTC)
    return BackupFile(path, match["desk"], taken)


def list_backups(folder: Path, *, desk: str | None = None) -> list[BackupFile]:
    """Backups in `folder` (not its subfolders), newest first."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [b for b in (parse_name(p) for p in entries if p.is_file()) if b and (desk is None or b.desk == desk)]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


# --- rotation --------------------------------------------------------------------------------

def files_to_keep(backups: list[BackupFile]) -> set[Path]:
    """One desk's rotation: the newest of each of the latest 7 days (Rome) and 4 ISO weeks with copies."""
    newest = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for item in newest:
        day = item.taken_at.astimezone(ROME).date()
        week = tuple(day.isocalendar())[:2]
        if day not in days and len(days) < DAILY_KEPT:
            days.append(day)
            keep.add(item.path)
        if week not in weeks and len(weeks) < WEEKLY_KEPT:
            weeks.append(week)
            keep.add(item.path)
    return keep


def _retention_cutoff(now: dt.datetime, months: int) -> dt.datetime:
    day = months_before(now.astimezone(ROME).date(), months)
    return dt.datetime.combine(day, dt.time(0), tzinfo=ROME).astimezone(dt.UTC)


def rotate(folder: Path, *, desk: str, retention_months: int, now: dt.datetime | None = None,
           protect: Path | None = None) -> list[str]:
    """Delete this desk's copies outside the rotation and any desk's copies older than the
    retention. `protect` (the copy just made) is never deleted. Returns the deleted names."""
    folder = Path(folder)
    if folder.name == PRE_MIGRATION:
        return []
    cutoff = _retention_cutoff(now or utcnow(), retention_months)
    everything = list_backups(folder)
    keep = files_to_keep([b for b in everything if b.desk == desk])
    deleted = []
    for item in everything:
        too_old = item.taken_at < cutoff
        rotated_out = item.desk == desk and item.path not in keep
        if item.path != protect and (too_old or rotated_out):
            try:
                item.path.unlink()
                deleted.append(item.path.name)
            except FileNotFoundError:
                pass
            except OSError as exc:
                logger.warning("Could not delete old backup %s: %s", item.path.name, exc.strerror)
    return deleted


# --- copying ---------------------------------------------------------------------------------

def _copy_database(source: Path, target: Path) -> None:
    """Consistent copy with the backup API; the copy uses a rollback journal (safe on network shares).
    The source is read through a read-only connection (it may sit on a read-only drive)."""
    src = file_access.connect_for_reading(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # directories cannot be fsynced on some systems; the file itself was
    finally:
        os.close(fd)


def _storage_problem(folder: Path, exc: BaseException) -> StorageProblem:
    code = getattr(exc, "errno", None)
    full = code in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    if full:
        return StorageProblem(_("The backup folder {folder} is full. Free some space or choose another folder "
                                "in Settings; no backup was made.").format(folder=folder))
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageProblem(_("The backup folder {folder} cannot be written to. Check its permissions or "
                                "choose another folder in Settings; no backup was made.").format(folder=folder))
    return StorageProblem(_("The backup could not be written to {folder}. Check the folder or the network "
                            "drive and try again; no backup was made.").format(folder=folder))


def _unlink_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _free_name(folder: Path, desk: str, now: dt.datetime) -> Path:
    base = f"frontdesk-{desk}-{now.strftime(STAMP)}"
    path = folder / f"{base}.sqlite"
    n = 2
    while path.exists():
        path = folder / f"{base}_{n}.sqlite"
        n += 1
    return path


def _damaged_message() -> str:
    return file_access.damaged_message()


def _check_source(db) -> None:
    """The live database can be read (also on a read-only drive); if not, say why, as a problem of
    the database rather than of the backup folder."""
    try:
        file_access.connect_for_reading(db.path).close()
    except sqlite3.Error as exc:
        if file_access.is_damage(exc):
            return  # the copy's own check below reports it, and holds writes
        problem = file_access.explain(exc, db.path)
        if problem is None:
            raise
        raise problem from exc


def backup_now(db, *, folder: Path | str | None = None, actor: Actor, kind: str = "daily") -> BackupResult:
    """Take a checked backup now, then rotate. Raises StorageProblem (folder missing, not writable,
    full: nothing is left half-written) or DatabaseProblem (the database itself failed the check)."""
    require(actor, Permission.BACKUP)
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of backup."))
    with db.read() as session:
        ensure_active(session, actor)
        settings = read_settings(session)
    chosen = folder or settings.backup_folder
    target_folder = Path(chosen) if chosen else default_backup_folder(db.path)
    if not chosen:
        target_folder.mkdir(parents=True, exist_ok=True)
    if not target_folder.is_dir():
        raise StorageProblem(_("The backup folder {folder} cannot be found. Connect the drive or choose "
                               "another folder in Settings; no backup was made.").format(folder=target_folder))
    _check_source(db)
    now = utcnow()
    final = _free_name(target_folder, db.desk, now)
    temp = final.with_name(f".{final.stem}.part")
    try:
        with open(temp, "xb"):
            pass
        _copy_database(db.path, temp)
        if not quick_check(temp):
            _unlink_quietly(temp)
            db.writes_held = _damaged_message()
            raise DatabaseProblem(_("The database failed its integrity check, so no backup was made and the "
                                    "existing backups were kept.") + " " + _damaged_message())
        _fsync(temp)
        os.replace(temp, final)
        _fsync(target_folder)
    except FrontdeskError:
        _unlink_quietly(temp, temp.with_name(temp.name + "-journal"))
        raise
    except (OSError, sqlite3.Error) as exc:
        _unlink_quietly(temp, temp.with_name(temp.name + "-journal"))
        if file_access.is_damage(exc):  # the live file could not even be read through
            db.mark_checked(False)
            raise DatabaseProblem(_("The database failed its integrity check, so no backup was made and the "
                                    "existing backups were kept.") + " " + _damaged_message()) from None
        raise _storage_problem(target_folder, exc) from None
    size = final.stat().st_size
    deleted = rotate(target_folder, desk=db.desk, retention_months=settings.retention_visitor_months, now=now,
                     protect=final)
    _audit_backup(db, actor, final.name, kind, deleted)
    return BackupResult(final, size, kind, now, tuple(deleted))


def _audit_backup(db, actor: Actor, name: str, kind: str, deleted: list[str]) -> None:
    """Record the backup in the audit trail when the database can be written. The copy is made and
    checked by now: a database that cannot take the record (read-only, full, busy) does not undo it."""
    if db.writes_held:
        logger.info("Backup %s made while writes are held; not audited", name)
        return
    try:
        with db.begin() as session:
            audit.record(session, actor, "backup.create", record_type="backup", record_id=name,
                         changes={"kind": kind, "deleted": len(deleted)})
    except (StorageProblem, DatabaseProblem) as problem:
        logger.warning("Backup %s made, but not recorded in the activity log: %s", name, problem.message)


# --- integrity -------------------------------------------------------------------------------

def integrity_check(db) -> bool:
    """PRAGMA quick_check with writes held; True when the file is sound (writes then resume,
    unless the file cannot be written at all). When it is damaged, writes stay held with a plain
    message for the user. A file that cannot be read for another reason raises the project error
    that says why, and writes stay held with that message."""
    db.hold_for_check()
    try:
        ok = quick_check(db.path)
    except FrontdeskError as problem:
        db.writes_held = problem.message
        raise
    db.mark_checked(ok)
    if not ok:
        logger.error("Integrity check failed for the desk database")
    return ok


def is_good_backup(path: Path) -> bool:
    """An SQLite file that passes quick_check and has a schema this app knows."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                return False
        if not quick_check(path):
            return False
        return current_revision(path) in known_revisions()
    except (OSError, FrontdeskError):
        return False


def newest_good_backup(folder: Path | str, *, desk: str | None = None) -> Path | None:
    """The newest backup in `folder` that passes the checks (None when there is none)."""
    for item in list_backups(Path(folder), desk=desk):
        if is_good_backup(item.path):
            return item.path
    return None


# --- restore ---------------------------------------------------------------------------------

def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def _setting(conn: sqlite3.Connection, key: str) -> object:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _used_prefixes(path: Path) -> set[str]:
    """Series prefixes a database has used (empty when it cannot be read)."""
    try:
        conn = _read_only(path)
        try:
            used = {p for (p,) in conn.execute("SELECT DISTINCT prefix FROM number_series")}
            current = _setting(conn, PREFIX_KEY)
            if current:
                used.add(str(current))
            return used
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return set()


def _desk_of(path: Path) -> str | None:
    try:
        conn = _read_only(path)
        try:
            return _setting(conn, "desk_code") or None  # type: ignore[return-value]
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return None


def _in_use(path: Path) -> bool:
    """True while another connection (the app) has the database open."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        return False
    except sqlite3.OperationalError as exc:
        return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) \
            or "locked" in str(exc)
    except sqlite3.DatabaseError:
        return False  # a damaged file: nobody can be using it, and it is what the restore replaces
    finally:
        conn.close()


def check_backup_file(backup_file: Path) -> str:
    """Raise DatabaseProblem unless the file is a sound front-desk backup this app can open;
    returns its desk code."""
    name = backup_file.name
    not_backup = _("The file {name} is not a front-desk backup. Nothing was changed.").format(name=name)
    if not backup_file.is_file():
        raise NotFound(_("The file {name} cannot be found.").format(name=backup_file))
    with open(backup_file, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseProblem(not_backup)
    if not quick_check(backup_file):
        raise DatabaseProblem(_("The backup {name} is damaged. Nothing was changed: choose an older backup.")
                              .format(name=name))
    revision = current_revision(backup_file)
    if revision is None:
        raise DatabaseProblem(not_backup)
    if revision not in known_revisions():
        raise DatabaseProblem(_("The backup {name} was made by a newer version of the app. Update the app "
                                "first; nothing was changed.").format(name=name))
    desk = _desk_of(backup_file)
    if not desk:
        raise DatabaseProblem(not_backup)
    return str(desk)


def restore(path_of_live_db: Path | str, backup_file: Path | str) -> RestoreResult:
    """Replace the desk database with a backup (the app must be closed on this PC).

    Raises NotFound, DatabaseProblem (not a backup, damaged, newer schema), Conflict (in use, or
    another desk's backup), StorageProblem (cannot write the data folder)."""
    live = Path(path_of_live_db)
    source = Path(backup_file)
    desk = check_backup_file(source)
    live_exists = live.exists() and live.stat().st_size > 0
    if live_exists:
        live_desk = _desk_of(live)
        if live_desk and live_desk != desk:
            raise Conflict(_("This backup belongs to desk {backup}, but this database is desk {live}. "
                             "Nothing was changed.").format(backup=desk, live=live_desk))
        if _in_use(live):
            raise Conflict(_("The database is in use: close the front-desk app on this PC and try again."))
    data = live.parent
    data.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime(STAMP)
    safety = _keep_current(live, data / PRE_RESTORE, desk, stamp) if live_exists else None
    used = _used_prefixes(safety) if safety else set()
    temp = live.with_name(f".{live.name}.restoring")
    try:
        _unlink_quietly(temp)
        _copy_database(source, temp)
        if not quick_check(temp):
            raise DatabaseProblem(_("The copied backup failed its check. Nothing was changed."))
        _fsync(temp)
        for stale in (Path(f"{live}-wal"), Path(f"{live}-shm"), Path(f"{live}-journal")):
            _unlink_quietly(stale)  # a stale log would be replayed onto the restored file
        os.replace(temp, live)
        _fsync(data)
    except (OSError, sqlite3.Error) as exc:
        _unlink_quietly(temp)
        raise _storage_problem(data, exc) from None
    finally:
        _unlink_quietly(temp)
    return _after_restore(live, source, desk, safety, used)


def _keep_current(live: Path, folder: Path, desk: str, stamp: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"frontdesk-{desk}-{stamp}-before-restore.sqlite"
    try:
        _copy_database(live, target)
    except sqlite3.DatabaseError:
        # A damaged file may not copy through SQLite: keep its bytes (and its log) as they are.
        _unlink_quietly(target)
        shutil.copy2(live, target)
        for suffix in ("-wal", "-shm"):
            if Path(f"{live}{suffix}").exists():
                shutil.copy2(f"{live}{suffix}", f"{target}{suffix}")
    except OSError as exc:
        raise _storage_problem(folder, exc) from None
    return target


def _after_restore(live: Path, source: Path, desk: str, safety: Path | None, used: set[str]) -> RestoreResult:
    copies = live.parent / PRE_MIGRATION
    migrated = None
    head_before = current_revision(live)
    db: Database = open_database(live, desk=desk, copies_dir=copies)
    try:
        if current_revision(live) != head_before:
            found = sorted(copies.glob("before-*.sqlite"))
            migrated = str(found[-1]) if found else None
        with db.begin() as session:
            previous = series_prefix(session)
            prefix = advance_series_letter(session, desk, also_used=used)
            audit.record(session, Actor.desk_itself(desk), "backup.restore", record_type="backup",
                         record_id=source.name, changes={"series_prefix": [previous, prefix]})
    finally:
        db.dispose()
    return RestoreResult(source, safety, prefix, previous, migrated)
