"""How the desk's SQLite file is reached, and what to tell the user when it cannot be.

- `write_problem(path)`: why the file cannot be written (read-only file, folder or drive), or None.
- `connect_for_reading(path)`: a read-only connection that also works where SQLite cannot make
  its `-wal`/`-shm` files (a read-only folder or drive): it falls back to `immutable=1`, which is
  safe only there, because nothing can write the file and its write-ahead log is empty.
- `explain(error, path)`: SQLite's operational errors (read-only, disk full, busy beyond the
  timeout, cannot open, I/O, damaged) as project errors whose message says what happened and
  what to do. The engine's sessions and the raw connections of backups and checks use it, so
  no raw `sqlite3.OperationalError` text reaches the user.
- `busy_timeout_ms()`: how long a writer waits for another one (FRONTDESK_BUSY_TIMEOUT_MS, for
  tests and support; 5 s by default).

Messages are functions, so they are made in the language chosen when they are shown.
Imports no Qt and no SQLAlchemy.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from frontdesk.domain.errors import DatabaseProblem, FrontdeskError, StorageProblem
from frontdesk.i18n import _

DEFAULT_BUSY_TIMEOUT_MS = 5000
DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
Message = Callable[[], str]


def busy_timeout_ms() -> int:
    try:
        value = int(os.environ.get("FRONTDESK_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT_MS


# --- messages --------------------------------------------------------------------------------

def checking_message() -> str:
    return _("The database is being checked; saving resumes in a moment.")


def damaged_message() -> str:
    return _("The database is damaged, so nothing more is saved to it. Close the app and restore the newest "
             "good backup (frontdesk restore), or call support.")


def busy_message() -> str:
    return _("Another program is using the database, so this was not saved. Close the other program (for "
             "example another copy of the front desk open on the same file), wait a moment and try again.")


def full_message(path: Path) -> str:
    return _("The disk that holds the database ({folder}) is full, so this was not saved. Free some space on "
             "it, or call support, then try again.").format(folder=Path(path).parent)


def io_message(path: Path) -> str:
    return _("The disk that holds the database ({folder}) reported an error, so this was not saved. Check the "
             "disk or the network drive and try again; if it happens again, call support.").format(
        folder=Path(path).parent)


def cannot_open_message(path: Path) -> str:
    return _("The database file {path} cannot be opened. Check that its drive or network share is connected, "
             "then start the app again.").format(path=path)


def _read_only_file(path: Path) -> str:
    return _("The database file {path} is read-only, so nothing can be saved: the data can be looked at but "
             "not changed. Ask support to make the file writable, then start the app again.").format(path=path)


def _read_only_folder(path: Path) -> str:
    return _("The folder {folder} that holds the database is read-only, so nothing can be saved (the database "
             "needs to write its working files beside it): the data can be looked at but not changed. Ask "
             "support to make the folder writable, then start the app again.").format(folder=Path(path).parent)


def _read_only_drive(path: Path) -> str:
    return _("The drive that holds the database ({folder}) is read-only, so nothing can be saved: the data can "
             "be looked at but not changed. Ask support to make the drive writable or to move the database to "
             "one that is, then start the app again.").format(folder=Path(path).parent)


# --- what the file allows ----------------------------------------------------------------------

def _drive_is_read_only(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: the access checks below still tell
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def write_problem(path: Path) -> Message | None:
    """Why the database at `path` cannot be written (a message function), or None when it can.

    Checked with `os.access` and `statvfs`, which also answer for root on a read-only mount."""
    path = Path(path).absolute()
    folder = path.parent
    exists = path.exists()
    if exists and not os.access(path, os.W_OK):
        return (lambda: _read_only_drive(path)) if _drive_is_read_only(folder) else (lambda: _read_only_file(path))
    if folder.exists() and not os.access(folder, os.W_OK):
        # A writable file in a read-only folder: SQLite cannot make its -wal/-shm files beside it.
        if not exists and _drive_is_read_only(folder):
            return lambda: _read_only_drive(path)
        return lambda: _read_only_folder(path)
    return None


def _disk_is_full(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return statvfs(folder).f_bavail == 0
    except OSError:
        return False


# --- reading ---------------------------------------------------------------------------------

def _uri(path: Path, mode: str) -> str:
    return f"{Path(path).absolute().as_uri()}?{mode}"


def _wal_is_empty(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def connect_for_reading(path: Path, *, timeout_s: float | None = None) -> sqlite3.Connection:
    """A read-only sqlite3 connection to `path`, already opened (errors surface here, not later).

    Where SQLite cannot create the `-shm` file (read-only folder or drive) and the write-ahead log
    is empty, the file is opened as immutable: nothing can change it from here, so that is safe.
    Raises sqlite3 errors (pass them to `explain`)."""
    timeout = busy_timeout_ms() / 1000 if timeout_s is None else timeout_s
    conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, timeout=timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if _primary(exc) != sqlite3.SQLITE_CANTOPEN or write_problem(path) is None or not _wal_is_empty(path):
            raise
    except BaseException:  # a damaged schema ("malformed"): never leave the file open behind us
        conn.close()
        raise
    conn = sqlite3.connect(_uri(path, "immutable=1"), uri=True, timeout=timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


# --- errors ----------------------------------------------------------------------------------

def _primary(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(exc: BaseException) -> bool:
    """True for SQLite's "malformed" / "not a database" errors (the file itself is damaged)."""
    exc = getattr(exc, "orig", None) or exc
    return isinstance(exc, sqlite3.DatabaseError) and _primary(exc) in DAMAGE_CODES


def explain(exc: BaseException, path: Path) -> FrontdeskError | None:
    """The project error for an SQLite error met on the database at `path`, or None when it is not
    an operational problem of the file (a bug, or a constraint the caller handles).

    Accepts the driver's error or SQLAlchemy's wrapper of it (which keeps it in `.orig`)."""
    exc = getattr(exc, "orig", None) or exc
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.IntegrityError):
        return None
    code = _primary(exc)
    if code in DAMAGE_CODES:
        return DatabaseProblem(damaged_message())
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseProblem(busy_message())
    if code == sqlite3.SQLITE_FULL:
        return StorageProblem(full_message(path))
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        problem = write_problem(path)
        return StorageProblem(problem() if problem else cannot_open_message(path))
    if code == sqlite3.SQLITE_IOERR:
        if _disk_is_full(Path(path).absolute().parent):
            return StorageProblem(full_message(path))
        return StorageProblem(io_message(path))
    return None


def explain_os_error(exc: OSError, path: Path) -> FrontdeskError | None:
    """The same messages for an OSError met on the database's own file or folder."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageProblem(full_message(path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        problem = write_problem(path)
        return StorageProblem(problem() if problem else cannot_open_message(path))
    return None
