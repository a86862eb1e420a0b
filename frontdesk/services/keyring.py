"""The desk's badge key ring, kept out of the database in a 0600 file.

`config.secrets_dir()/badge-keys.json` holds {"current": key_id, "keys": {key_id: base64 key}}.
The current key signs new badges; every key in the ring verifies old ones, so rotating never
invalidates a badge already printed. Losing this file means no old badge verifies any more, so
a damaged file is reported, never silently replaced.

Writes are atomic (temp file created 0600 before any content, fsync, os.replace). Creating the
first key uses a hard link so that two processes starting at once (the GUI and a scheduled
`frontdesk sync`) agree on one key instead of each writing its own. Rotations are rare admin
actions and are not serialised between processes. On Windows the file mode is ignored by the
OS (the file lives in the user's own profile).

Imports no Qt; SQLAlchemy only through the audit service, when a rotation is recorded.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from frontdesk import config
from frontdesk.domain import badge_tokens
from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _

FILE_NAME = "badge-keys.json"
_MODE = 0o600
_KEY_ID = re.compile(r"[A-Z0-9]{1,16}")
_MIN_KEY_BYTES = 16


@dataclass(frozen=True)
class KeyRing:
    """The keys that verify badges and the id of the one that signs new badges."""

    current_id: str
    keys: Mapping[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.current_id not in self.keys:
            raise ValueError("the current key must be in the ring")
        object.__setattr__(self, "keys", MappingProxyType(dict(self.keys)))

    def current(self) -> tuple[str, bytes]:
        """(key id, key) of the key that signs new badges."""
        return self.current_id, self.keys[self.current_id]


def keyring_path() -> Path:
    return config.secrets_dir() / FILE_NAME


def load_keyring() -> KeyRing:
    """The desk's ring, creating it with a first key when there is none.

    Raises StorageProblem if the file exists but cannot be read or is damaged.
    """
    path = keyring_path()
    if not path.exists():
        key_id, key = badge_tokens.new_key()
        _create_once(path, KeyRing(key_id, {key_id: key}))
    return _read(path)


def rotate(db, *, actor: Actor) -> str:
    """Make a new current key, keeping the old ones for verification; returns the new key id.

    Administrators only; audited (key ids, never keys) in a transaction that commits only after
    the new ring is on disk, so a rotation that failed is never recorded as done."""
    require(actor, Permission.ROTATE_KEYS)
    from frontdesk.services import audit  # imported here: loading the ring needs no database

    with db.begin() as session:
        audit.ensure_active(session, actor)
        ring = load_keyring()
        key_id, key = badge_tokens.new_key()
        while key_id in ring.keys:  # 40 random bits: a clash is unlikely but cheap to rule out
            key_id, key = badge_tokens.new_key()
        save_keyring(KeyRing(key_id, {**ring.keys, key_id: key}))
        audit.record(session, actor, "keyring.rotate", record_type="keyring", record_id=key_id,
                     changes={"current": [ring.current_id, key_id], "keys": len(ring.keys) + 1})
    return key_id


def save_keyring(ring: KeyRing) -> None:
    """Replace the ring on disk atomically (used by rotate and when a hub hands over its ring)."""
    _write_atomic(keyring_path(), _dumps(ring))


def _read(path: Path) -> KeyRing:
    with contextlib.suppress(OSError):
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, _MODE)  # e.g. restored from a backup with a looser mode
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        ring = KeyRing(str(raw["current"]), {str(k): _b64decode(v) for k, v in raw["keys"].items()})
    except OSError as exc:
        raise StorageProblem(_("The badge key file {path} cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _damaged(path) from exc
    if not all(_KEY_ID.fullmatch(k) and len(v) >= _MIN_KEY_BYTES for k, v in ring.keys.items()):
        raise _damaged(path)
    return ring


def _damaged(path: Path) -> StorageProblem:
    return StorageProblem(_("The badge key file {path} is damaged. Restore it from a backup; "
                            "without it, badges already printed cannot be verified.").format(path=path))


def _b64decode(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("key must be base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("bad base64") from exc


def _dumps(ring: KeyRing) -> bytes:
    keys = {k: base64.b64encode(v).decode("ascii") for k, v in sorted(ring.keys.items())}
    return (json.dumps({"current": ring.current_id, "keys": keys}, indent=2) + "\n").encode("utf-8")


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _write_temp(path: Path, content: bytes) -> Path:
    """A new 0600 file beside `path` holding `content`, flushed to disk."""
    tmp = _temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _MODE)
    try:
        os.chmod(tmp, _MODE)  # before any content: the umask only narrows, but be explicit
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = _write_temp(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _create_once(path: Path, ring: KeyRing) -> None:
    """Write the first ring unless another process got there first (then theirs wins)."""
    tmp = _write_temp(path, _dumps(ring))
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: fall back to a plain atomic write
        if not path.exists():
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
