"""The self-test's look at the desk's own database, read-only: integrity, schema version, desk
code, and the badge key ring that verifies the badges it issued.

Nothing is written: the file is read through a read-only connection (db.file_access), the key
ring file is only read. Raises project errors whose message says what is wrong and what to do.
Imports no Qt.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from frontdesk.db import file_access
from frontdesk.db.engine import check_file_is_sqlite
from frontdesk.db.migrate import HEAD, current_revision, known_revisions, quick_check
from frontdesk.domain.errors import DatabaseProblem, NotFound, StorageProblem
from frontdesk.i18n import _
from frontdesk.services.desk import keyring


@dataclass(frozen=True)
class DeskCheck:
    path: Path
    revision: str
    current: bool  # False: an older schema, upgraded when the app next opens it
    desk: str
    badge_keys: int  # keys in the ring (0: none yet, and no badge was issued)


def _read(path: Path) -> tuple[str, list[str]]:
    """The desk code and the key ids the issued badges name."""
    try:
        conn = file_access.connect_for_reading(path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'desk_code'").fetchone()
            key_ids = [k for (k,) in conn.execute("SELECT DISTINCT key_id FROM badge ORDER BY key_id")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = file_access.explain(exc, path)
        if problem is None:
            raise
        raise problem from exc
    desk = json.loads(row[0]) if row else ""
    return str(desk or ""), key_ids


def _ring_size(issued_keys: list[str]) -> int:
    ring_file = keyring.keyring_path()
    try:
        ring = keyring.load_keyring()  # never makes a key: this check writes nothing
    except keyring.KeyRingMissing:
        if issued_keys:
            raise  # says that badges already printed cannot be verified, and what to do
        return 0
    missing = [k for k in issued_keys if k not in ring.keys]
    if missing:
        raise StorageProblem(_("The badge key file {path} lacks the keys {keys}, so badges printed with them "
                               "cannot be verified. Restore the file from a backup.").format(
            path=ring_file, keys=", ".join(missing)))
    return len(ring.keys)


def check_desk_database(path: Path | str) -> DeskCheck:
    """Check the desk database at `path` without writing to it.

    Raises NotFound (no file), DatabaseProblem (empty, not a front-desk database, damaged, from a
    newer app, no desk code) or StorageProblem (cannot be read; badge keys missing or damaged)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(_("No database at {path}. Run 'frontdesk init --desk CODE' first.").format(path=path))
    if path.stat().st_size == 0:
        raise DatabaseProblem(_("The file {path} is empty, so it is not a front-desk database. Nothing was "
                                "changed. To create a new database, run 'frontdesk init --desk CODE'.").format(
            path=path))
    check_file_is_sqlite(path)
    if not quick_check(path):
        raise DatabaseProblem(file_access.damaged_message())
    revision = current_revision(path)
    if revision is None:
        raise DatabaseProblem(
            _("The file {name} is not a front-desk database. Nothing was changed.").format(name=path.name))
    if revision not in known_revisions():
        raise DatabaseProblem(_("This database was written by a newer version of the app. Update the app; "
                                "nothing was changed."))
    desk, issued_keys = _read(path)
    if not desk:
        raise DatabaseProblem(_("This database has no desk code. Run 'frontdesk init --desk CODE' first."))
    return DeskCheck(path, revision, revision == HEAD, desk, _ring_size(issued_keys))
