"""Backups, restore and the integrity check of the desk database.

- `backup_now`: a consistent online copy (SQLite backup API) written under a temporary name,
  given the desk's badge key ring (table `backup_badge_keys`, which only copies have: the copy is
  then mode 0600, as secret as the key file), checked with `PRAGMA quick_check`, synced to disk
  and only then renamed to `frontdesk-<DESK>-<UTC stamp>.sqlite` (no personal data in the name).
  The series ledger (services.desk.series_ledger) is written beside it and in `<data>`. Then the rotation keeps
  the newest copy of each of the 7 latest days and of each of the 4 latest ISO weeks that have
  copies, and every copy (of any desk) older than the visitor retention is deleted. The copies
  taken before a migration live in `<data>/pre-migration/` and are never touched here.
- `restore`: checks the file (SQLite, sound, a known schema no newer than this app, the same
  desk), chooses the next generation of the desk's number series above every one it can find
  (the series ledgers, the live database and its pre-restore copies, the backup; R1 -> R1-B ->
  R1-C, domain.series): the desk's sync hub gives it when it answers (it has seen every series
  the desk used: services.sync.epochs), else it is chosen here and the next sync checks it; the
  series is written to the ledgers, keeps a copy of the current database in
  `<data>/pre-restore/`, merges the backup's badge keys into the desk's ring, swaps the file in
  (without the keys table) and continues every series under the new prefix, so no number is
  ever issued twice. With no ledger and no database to read (a new PC) it asks (`SeriesUnknown`,
  answered with `after_series`).
- `integrity_check`: run in the background after start; writes are held while it runs and stay
  held, with a plain message, if the file is damaged (`newest_good_backup` offers a way out).

`<data>` is the folder of the database file. Imports no Qt.
"""

from __future__ import annotations

import contextlib
import dataclasses
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

from sqlalchemy import select

from frontdesk.db import file_access
from frontdesk.db.engine import SQLITE_HEADER, Database
from frontdesk.db.migrate import current_revision, known_revisions, open_database, quick_check
from frontdesk.db.models import Badge
from frontdesk.domain import series
from frontdesk.domain.clock import ROME, months_before, utcnow
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
from frontdesk.private_files import narrow_database_files, private_dir, private_file
from frontdesk.services.desk import keyring, series_ledger
from frontdesk.services.desk.numbering import PREFIX_KEY, series_prefix, used_prefixes
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active
from frontdesk.services.sync import epochs
from frontdesk.sync.client import HubClient

logger = logging.getLogger(__name__)

KINDS = ("daily", "manual", "pre-sync")
DAILY_KEPT = 7
WEEKLY_KEPT = 4
STAMP = "%Y%m%dT%H%M%SZ"
NAME = re.compile(r"^frontdesk-(?P<desk>[A-Z][A-Z0-9]{0,3})-(?P<stamp>\d{8}T\d{6}Z)(?:_(?P<n>\d+))?\.sqlite$")
PRE_MIGRATION = "pre-migration"
PRE_RESTORE = "pre-restore"
KEYS_TABLE = "backup_badge_keys"
"""The desk's badge key ring inside a backup copy; never in the live database."""


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
    series_prefix: str  # numbers continue under this prefix (e.g. R1-B)
    previous_prefix: str
    migrated_copy: str | None  # pre-migration copy when the backup had an older schema
    warnings: tuple[str, ...] = ()  # what the person restoring must know (old badges that will not verify...)
    series_from_hub: bool = False  # the sync hub gave the new series (else it was chosen on this PC)


class SeriesUnknown(ValidationError):
    """Nothing on this PC says which number series the desk used after the backup: ask the person."""

    def __init__(self, desk: str, known: set[str]) -> None:
        super().__init__(_("This PC has no record of the number series desk {desk} used after this backup was "
                           "made (no series ledger beside the database or the backup, and no database to "
                           "replace), so the restore cannot tell which number series is surely new. "
                           "Nothing was changed.").format(desk=desk), field="after_series")
        self.desk = desk
        self.known = tuple(sorted(known, key=lambda p: (series.generation_of(desk, p) or 0, p)))


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
            # The copied header says WAL until the next line: in exclusive locking mode SQLite keeps
            # the WAL index in memory instead of a -shm file, which FAT over FUSE and network shares
            # cannot map (the copy failed there with "disk I/O error").
            dst.execute("PRAGMA locking_mode=EXCLUSIVE")
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


def _storage_problem(folder: Path, exc: BaseException, *, given: bool = False) -> StorageProblem:
    """`given`: the folder was given for this backup (the command line), so Settings is not where to change it."""
    code = getattr(exc, "errno", None)
    full = code in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    if given and full:
        return StorageProblem(_("The folder {folder} given for this backup is full. Free some space or give "
                                "another folder; no backup was made.").format(folder=folder))
    if given and code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageProblem(_("The folder {folder} given for this backup cannot be written to. Check its "
                                "permissions or give another folder; no backup was made.").format(folder=folder))
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
        private_dir(target_folder)  # the default folder is ours: 0700; a chosen one keeps its mode
    if not target_folder.is_dir():
        if folder:  # a folder given for this backup (the command line's --folder), not the Settings one
            raise StorageProblem(_("The folder {folder} given for this backup cannot be found. Check the path "
                                   "(or connect the drive it is on) and try again; no backup was made.").format(
                                       folder=target_folder))
        raise StorageProblem(_("The backup folder {folder} cannot be found. Connect the drive or choose "
                               "another folder in Settings; no backup was made.").format(folder=target_folder))
    _check_source(db)
    now = utcnow()
    final = _free_name(target_folder, db.desk, now)
    temp = final.with_name(f".{final.stem}.part")
    try:
        private_file(temp, exclusive=True)  # 0600 (where the drive has modes) before any content
        _copy_database(db.path, temp)
        _put_keys_in(temp)
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
        raise _storage_problem(target_folder, exc, given=bool(folder)) from None
    size = final.stat().st_size
    deleted = rotate(target_folder, desk=db.desk, retention_months=settings.retention_visitor_months, now=now,
                     protect=final)
    _record_series(db, target_folder)
    _audit_backup(db, actor, final.name, kind, deleted)
    return BackupResult(final, size, kind, now, tuple(deleted))


def _put_keys_in(copy: Path) -> None:
    """Write the desk's key ring into the backup copy, so that the backup alone rebuilds the desk.

    The copy holds personal data and secrets: it was created 0600 (private_file, where the drive
    has modes) before anything went in. A desk without a ring (no badge issued yet) has nothing to
    carry; a damaged ring is logged and the data is still backed up."""
    try:
        ring = keyring.load_keyring()
    except keyring.KeyRingMissing:
        return
    except StorageProblem as exc:
        logger.warning("Backup made without the badge keys: %s", exc.message)
        return
    conn = sqlite3.connect(copy)
    try:
        with conn:
            conn.execute(f"CREATE TABLE {KEYS_TABLE} (key_id TEXT PRIMARY KEY, key BLOB NOT NULL, "
                         "is_current INTEGER NOT NULL)")
            conn.executemany(f"INSERT INTO {KEYS_TABLE} VALUES (?, ?, ?)",
                             [(k, v, int(k == ring.current_id)) for k, v in ring.keys.items()])
    finally:
        conn.close()


def _record_series(db, folder: Path) -> None:
    """Write everything known of the desk's series to the ledgers beside the database and the backups.

    The backup is good either way, so a ledger that cannot be written is logged, not raised."""
    with db.read() as session:
        known = used_prefixes(session)
    data = Path(db.path).parent
    for place in (data, folder):
        known |= series_ledger.read(place, db.desk) or set()
    for place in (data, folder):
        try:
            series_ledger.record(place, db.desk, known)
        except OSError as exc:
            logger.warning("Series ledger not written to %s: %s", place, exc.strerror or exc)


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


def _used_prefixes(path: Path, *, read_only: bool = True) -> set[str] | None:
    """Series prefixes a database has used (None when it cannot be read). The live database is
    read with a normal connection (`read_only=False`), which also reads a log left by a crash."""
    try:
        conn = _read_only(path) if read_only else sqlite3.connect(path, timeout=5)
        try:
            used = {p for (p,) in conn.execute("SELECT DISTINCT prefix FROM number_series")}
            current = _setting(conn, PREFIX_KEY)
            if current:
                used.add(str(current))
            return used
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return None


def _configured_folder(path: Path) -> Path | None:
    try:
        conn = _read_only(path)
        try:
            configured = _setting(conn, "backup_folder")
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return None
    return Path(configured) if isinstance(configured, str) and configured else None


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


def restore(path_of_live_db: Path | str, backup_file: Path | str, *, after_series: str | None = None,
            hub: HubClient | None = None) -> RestoreResult:
    """Replace the desk database with a backup (the app must be closed on this PC).

    `after_series` is the newest series (or number) the desk is known to have used, for a PC
    that has no record of it. The new series comes from the desk's sync hub when it answers (the
    one in the desk's settings, or `hub`). Raises NotFound, DatabaseProblem (not a backup, damaged, newer
    schema), Conflict (in use, or another desk's backup), SeriesUnknown (nothing says which
    series the desk used: ask, then pass `after_series`), ValidationError (`after_series` is
    not this desk's), StorageProblem (cannot write the data folder or the key file)."""
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
    typed = series.series_in(desk, after_series) if after_series is not None else None
    if after_series is not None and typed is None:
        raise ValidationError(_("{text} is not a number series of desk {desk}: type the newest badge number "
                                "printed at this desk, e.g. {example}. Nothing was changed.").format(
                                    text=after_series.strip() or '""', desk=desk,
                                    example=series.format_number(series.prefix_for(desk, 1), 123)),
                              field="after_series")
    data = live.parent
    private_dir(data, narrow_existing=False)
    folders = _backup_folders(live, source, desk, live_exists)
    known, sure = _known_series(live, source, desk, folders, live_exists, typed)
    epoch_id = epochs.new_epoch_id()
    asked = epochs.series_from_hub(desk=desk, used=known, epoch_id=epoch_id, client=hub,
                                   **_hub_settings(live if live_exists else source))
    if asked.prefix is None and not sure:
        raise SeriesUnknown(desk, known)
    prefix = asked.prefix or series.next_prefix(desk, known)
    warnings = _write_ledgers(data, folders, desk, known | {prefix}) + ([asked.note] if asked.note else [])
    stamp = utcnow().strftime(STAMP)
    safety = _keep_current(live, data / PRE_RESTORE, desk, stamp) if live_exists else None
    had_keys = _merge_keys_of(source)
    temp = live.with_name(f".{live.name}.restoring")
    try:
        _unlink_quietly(temp)
        private_file(temp, exclusive=True)  # the restored database is 0600 like the one it replaces
        _copy_database(source, temp)
        _take_keys_out(temp)
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
    result = _after_restore(live, source, desk, safety, (prefix, epoch_id), had_keys, warnings)
    return dataclasses.replace(result, series_from_hub=asked.prefix is not None)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _backup_folders(live: Path, source: Path, desk: str, live_exists: bool) -> list[Path]:
    """The desk's backup folders that exist: the default one, those set in Settings (of the live
    database and of the backup), and the restored file's own folder when it holds this desk's backups."""
    candidates = [default_backup_folder(live)]
    candidates += [f for f in (_configured_folder(p) for p in ([live] if live_exists else []) + [source]) if f]
    if list_backups(source.parent, desk=desk):
        candidates.append(source.parent)
    found: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and not any(_same_folder(folder, seen) for seen in found):
            found.append(folder)
    return found


def _known_series(live: Path, source: Path, desk: str, folders: list[Path], live_exists: bool,
                  typed: str | None) -> tuple[set[str], bool]:
    """The series this PC knows the desk used, and whether that is sure: False when no ledger and
    no live database can be read and nobody said (then only the hub, or the person, can tell)."""
    data = live.parent
    ledgers = [series_ledger.read(place, desk) for place in (data, *folders)]
    in_live = _used_prefixes(live, read_only=False) if live_exists else None
    in_backup = _used_prefixes(source) or set()
    sure = in_live is not None or typed is not None or any(ledger is not None for ledger in ledgers)
    known = {desk} | in_backup | (in_live or set()) | ({typed} if typed else set())
    for ledger in ledgers:
        known |= ledger or set()
    for copy in sorted((data / PRE_RESTORE).glob("*.sqlite")):  # databases earlier restores replaced
        known |= _used_prefixes(copy) or set()
    return known, sure


def _hub_settings(path: Path) -> dict[str, str]:
    """The desk's hub settings (address, token file, CA file) as `path` holds them."""
    try:
        conn = _read_only(path)
        try:
            values = {key: _setting(conn, f"hub_{key}") for key in ("url", "token_file", "ca_file")}
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        values = {}
    return {"hub_url": str(values.get("url") or ""), "token_file": str(values.get("token_file") or ""),
            "ca_file": str(values.get("ca_file") or "")}


def _write_ledgers(data: Path, folders: list[Path], desk: str, known: set[str]) -> list[str]:
    """Record the series in the data folder (required) and the backup folders (warned about when
    they cannot be written), before anything else changes."""
    try:
        series_ledger.record(data, desk, known)
    except OSError as exc:
        raise StorageProblem(_("The data folder {folder} cannot be written to ({reason}). Nothing was changed.")
                             .format(folder=data, reason=exc.strerror or exc)) from None
    warnings = []
    for folder in folders:
        try:
            series_ledger.record(folder, desk, known)
        except OSError:
            warnings.append(_("The list of number series this desk has used could not be written to the backup "
                              "folder {folder}. Take a backup as soon as the app runs again.").format(folder=folder))
    return warnings


def _keys_of(backup: Path) -> tuple[dict[str, bytes], str] | None:
    """The key ring a backup carries (keys, current id); None when it has none, or none usable."""
    try:
        conn = _read_only(backup)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (KEYS_TABLE,)).fetchone():
                return None
            rows = conn.execute(f"SELECT key_id, key, is_current FROM {KEYS_TABLE}").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    keys = {k: v for k, v, _current in rows if isinstance(k, str) and isinstance(v, bytes)}
    current = [k for k, _v, is_current in rows if is_current]
    if len(keys) != len(rows) or len(current) != 1 or current[0] not in keys or not keyring.usable_keys(keys):
        logger.warning("The badge keys in backup %s are damaged; restoring without them", backup.name)
        return None
    return keys, current[0]


def _merge_keys_of(backup: Path) -> bool:
    """Merge the backup's badge keys into this PC's ring (none dropped). True when it had keys."""
    found = _keys_of(backup)
    if found is None:
        return False
    keys, current = found
    try:
        keyring.merge_keys(keys, current=current)
    except OSError as exc:
        raise StorageProblem(_("The badge keys could not be written to {path} ({reason}). The database was "
                               "not restored.").format(path=keyring.keyring_path(), reason=exc.strerror or exc)) \
            from None
    return True


def _take_keys_out(copy: Path) -> None:
    """Drop the keys table from the restored copy; secure_delete zeroes the freed pages, so the
    live database never holds the keys."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute(f"DROP TABLE IF EXISTS {KEYS_TABLE}")
    finally:
        conn.close()


def _keep_current(live: Path, folder: Path, desk: str, stamp: str) -> Path:
    private_dir(folder)
    target = folder / f"frontdesk-{desk}-{stamp}-before-restore.sqlite"
    try:
        private_file(target)
        _copy_database(live, target)
    except sqlite3.DatabaseError:
        # A damaged file may not copy through SQLite: keep its bytes (and its log) as they are.
        _unlink_quietly(target)
        shutil.copy2(live, target)
        for suffix in ("-wal", "-shm"):
            if Path(f"{live}{suffix}").exists():
                shutil.copy2(f"{live}{suffix}", f"{target}{suffix}")
        narrow_database_files(target)  # copy2 copied the damaged file's mode too
    except OSError as exc:
        raise _storage_problem(folder, exc) from None
    return target


def _after_restore(live: Path, source: Path, desk: str, safety: Path | None, epoch: tuple[str, str],
                   had_keys: bool, warnings: list[str]) -> RestoreResult:
    prefix, epoch_id = epoch
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
            epochs.start_series(session, prefix=prefix, epoch_id=epoch_id)
            audit.record(session, Actor.desk_itself(desk), "backup.restore", record_type="backup",
                         record_id=source.name, changes={"series_prefix": [previous, prefix]})
        with db.read() as session:
            badge_keys = {k for (k,) in session.execute(select(Badge.key_id).distinct())}
    finally:
        db.dispose()
    warnings = [*warnings, *_badges_without_keys(badge_keys, had_keys)]
    return RestoreResult(source, safety, prefix, previous, migrated, tuple(warnings))


def _badges_without_keys(badge_keys: set[str], had_keys: bool) -> list[str]:
    """What to tell about badges of the restored database that this PC's ring cannot verify. A desk
    with such badges and no ring gets a new key here, in the open, so that it can check in again."""
    try:
        ring = keyring.load_keyring()
    except keyring.KeyRingMissing:
        if not badge_keys:
            return []
        ring = keyring.load_keyring(create=True)
    except StorageProblem as exc:
        return [exc.message]
    if badge_keys <= set(ring.keys):
        return []
    if not had_keys:
        return [_("This backup does not contain the badge keys, and this PC does not have them: badges printed "
                  "before the restore will not verify. Print a new badge for each visitor on site and for each "
                  "multi-day course.")]
    return [_("Some badges printed before the restore were signed with keys that neither this backup nor this "
              "PC holds: they will not verify. Print a new badge for each visitor on site and for each multi-day "
              "course.")]
