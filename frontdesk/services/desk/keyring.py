"""The desk's badge key ring, kept out of the database in a 0600 file.

`config.secrets_dir()/badge-keys.json` holds {"current": key_id, "keys": {key_id: base64 key}}.
The current key signs new badges; every key in the ring verifies old ones, so rotating never
invalidates a badge already printed. Losing this file means no old badge verifies any more, so
a damaged file is reported, never silently replaced, and a missing one is made anew only when
the caller says the desk has issued no badge yet (`load_keyring(create=...)`, decided by the
services that know the database). Every backup carries the ring and a restore merges it back
(`merge_keys`: keys are added, never dropped).

Writes are atomic (frontdesk.private_files: temp file created 0600 before any content, fsync,
os.replace). Creating the first key uses a hard link so that two processes starting at once (the
GUI and a scheduled `frontdesk sync`) agree on one key instead of each writing its own. Rotations
and merges are rare admin actions and are not serialised between processes. On Windows the file
mode is ignored by the OS (the file lives in the user's own profile).

Imports no Qt; SQLAlchemy only through the audit service, when a rotation is recorded.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
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
from frontdesk.private_files import FILE_MODE as _MODE
from frontdesk.private_files import fsync_dir, write_atomic, write_temp

logger = logging.getLogger(__name__)

FILE_NAME = "badge-keys.json"
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


class KeyRingMissing(StorageProblem):
    """There is no key file, and the desk has issued badges that only its lost keys verify."""


class KeyRingDamaged(StorageProblem):
    """The key file is there but is not a key ring."""


def load_keyring(*, create: bool = False) -> KeyRing:
    """The desk's ring. When there is none, a first key is made only with `create=True`, which
    callers pass only while the desk has issued no badge (so no printed badge needs a lost key).

    Raises KeyRingMissing when there is no file and `create` is False; StorageProblem if the file
    exists but cannot be read or is damaged.
    """
    path = keyring_path()
    if not path.exists():
        if not create:
            raise KeyRingMissing(_("The badge key file {path} is missing. Badges already printed cannot be "
                                   "checked without it, so no new key is made. Put the file back from a copy, "
                                   "or restore the newest backup (frontdesk restore), which holds the keys.")
                                 .format(path=path))
        key_id, key = badge_tokens.new_key()
        _create_once(path, KeyRing(key_id, {key_id: key}))
    return _read(path)


def merge_keys(keys: Mapping[str, bytes], *, current: str) -> KeyRing:
    """Add `keys` (from a backup) to the desk's ring and return it; no key is ever dropped.

    With no ring on this PC the keys become the ring, `current` signing. An existing ring keeps
    its current key, and keeps its own bytes for an id it already holds. A damaged file (which
    verifies nothing) is set aside beside it, for an expert, and the keys replace it."""
    try:
        ring = load_keyring()
    except KeyRingMissing:
        ring = None
    except KeyRingDamaged:
        path = keyring_path()
        os.replace(path, path.with_name(f"{path.name}.damaged-{secrets.token_hex(4)}"))
        ring = None
    if ring is None:
        merged = KeyRing(current, keys)
    else:
        clashes = [k for k, v in keys.items() if k in ring.keys and ring.keys[k] != v]
        if clashes:
            logger.warning("Key ids %s differ between the backup and this PC's ring; this PC's keys are kept",
                           ", ".join(sorted(clashes)))
        merged = KeyRing(ring.current_id, {**keys, **ring.keys})
        if dict(merged.keys) == dict(ring.keys):
            return ring
    save_keyring(merged)
    return merged


def rotate(db, *, actor: Actor) -> str:
    """Make a new current key, keeping the old ones for verification; returns the new key id.

    Administrators only; audited (key ids, never keys) in a transaction that commits only after
    the new ring is on disk, so a rotation that failed is never recorded as done."""
    require(actor, Permission.ROTATE_KEYS)
    from frontdesk.services.staff import audit  # imported here: loading the ring needs no database

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
    write_atomic(keyring_path(), _dumps(ring))


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
    if not usable_keys(ring.keys):
        raise _damaged(path)
    return ring


def usable_keys(keys: Mapping[str, bytes]) -> bool:
    """True when every id and key has the shape of a badge key (ids as tokens name them, 16+ bytes)."""
    return all(isinstance(k, str) and _KEY_ID.fullmatch(k) and isinstance(v, bytes) and len(v) >= _MIN_KEY_BYTES
               for k, v in keys.items())


def _damaged(path: Path) -> StorageProblem:
    return KeyRingDamaged(_("The badge key file {path} is damaged. Restore it from a backup; "
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


def _create_once(path: Path, ring: KeyRing) -> None:
    """Write the first ring unless another process got there first (then theirs wins)."""
    tmp = write_temp(path, _dumps(ring))
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
    fsync_dir(path.parent)
