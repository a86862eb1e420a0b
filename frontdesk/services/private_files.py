"""Small private files written whole or not at all: the badge key ring, the series ledger.

A temporary file beside the target is created with mode 0600 before any content is written,
flushed and fsynced, then renamed over the target, and the folder is fsynced so the rename
survives a power cut. On Windows the mode is ignored by the OS (the files live in the user's
own profile or the desk's data folder).

Imports no Qt and no SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

MODE = 0o600


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def write_temp(path: Path, content: bytes) -> Path:
    """A new 0600 file beside `path` holding `content`, flushed to disk."""
    tmp = temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), MODE)
    try:
        os.chmod(tmp, MODE)  # before any content: the umask only narrows, but be explicit
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
    """Replace `path` with `content` (mode 0600) in one step. Raises OSError."""
    tmp = write_temp(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
