"""Private folders (0700) and files (0600) for what holds personal data or secrets: the data
folder, the database (SQLite gives its -wal, -shm and -journal files the database file's mode),
backups, the copies kept before a migration or a restore, the key ring, saved documents; and
small private files written whole or not at all (`write_atomic`: the key ring, the series ledger).

On POSIX a file is created with its final mode (`os.open` with 0600, before any content and
before SQLite opens it); an existing one whose mode lets group or others in loses those bits
(its owner's bits stay as they are). A file system
without POSIX modes (a FAT or exFAT USB drive, some network shares) refuses `chmod`: that is
logged and ignored, never an error, because the drive itself decides who reads it. On Windows
modes mean nothing; the data folder is in the user's own profile, which other users cannot read.

Imports nothing of the app (the db layer uses it too) and no Qt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def _chmod(path: Path, mode: int) -> None:
    """chmod that a drive without POSIX modes may refuse: logged and ignored."""
    try:
        os.chmod(path, mode)
    except OSError as exc:  # no POSIX modes on this drive (FAT, some shares): the drive decides
        logger.info("Cannot set the mode of %s (%s); left as the drive gives it", path.name,
                    exc.strerror or exc.__class__.__name__)


def _narrow(path: Path) -> None:
    """Take group and others out of an existing file's or folder's mode (the owner's bits stay,
    so a file its owner made read-only stays read-only)."""
    if not _POSIX:
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    if current & 0o077:
        _chmod(path, current & ~0o077)


def private_dir(path: Path | str, *, narrow_existing: bool = True) -> Path:
    """Make sure the folder exists: a folder made here is 0700; an existing one loses group and
    others' bits unless `narrow_existing` is False (a folder the user chose, e.g. the one holding a
    `--db` file, keeps its mode)."""
    folder = Path(path)
    if not folder.is_dir():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if _POSIX:
            _chmod(folder, FOLDER_MODE)  # mkdir's mode passes through the umask: be explicit
    elif narrow_existing:
        _narrow(folder)
    return folder


def private_file(path: Path | str, *, exclusive: bool = False) -> Path:
    """Create the file empty with mode 0600 if it does not exist (with `exclusive`, it must not:
    FileExistsError), or take group and others out of an existing one's mode. Call it before
    SQLite opens a new database file."""
    target = Path(path)
    if not exclusive and target.exists():
        _narrow(target)
        return target
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if _POSIX:
            try:
                os.fchmod(fd, FILE_MODE)  # the umask only narrows os.open's mode; be explicit
            except OSError as exc:
                logger.info("Cannot set the mode of %s (%s); left as the drive gives it", target.name,
                            exc.strerror or exc.__class__.__name__)
    finally:
        os.close(fd)
    return target


def narrow_database_files(path: Path | str) -> None:
    """Take group and others out of the modes of an existing database and its -wal, -shm and
    -journal files (an install made before files were private, or a file copied in)."""
    base = Path(path)
    for candidate in (base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal"))):
        if candidate.exists():
            _narrow(candidate)


def write_temp(path: Path, content: bytes) -> Path:
    """A new 0600 file beside `path` holding `content`, flushed to disk; returns its path."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if _POSIX:
            _chmod(tmp, FILE_MODE)  # before any content: the umask only narrows, but be explicit
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` with `content` (mode 0600) in one step that survives a power cut: a temporary
    file beside it, fsynced, renamed over it, then the folder fsynced. Raises OSError."""
    tmp = write_temp(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; a drive that cannot fsync a folder is let be)."""
    if not _POSIX:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
