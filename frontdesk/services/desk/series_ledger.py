"""The series ledger: every number-series prefix a desk has used, kept outside its database.

A restore replaces the database file, and with it the record of the series used since the backup
was taken. So the prefixes are also listed in `series-ledger-<DESK>.json` (one file per desk, as
a backup folder may be shared), in the data folder (beside the database) and in the backup
folder, and that file is written:

- by `backup_now`, with everything known (the database and both ledgers), in both folders;
- by a restore, with the series it is about to open, *before* the restored file replaces the live
  one, so a second, third... restore of the same backup (or one on a new PC that reads the backup
  folder) never opens a series that was already used.

Content: {"desk": "R1", "series": ["R1", "R1-B"], "updated_at": "<UTC ISO time>"}. Written whole
(frontdesk.private_files: mode 0600, fsync, rename). A file that cannot be read, or that names
another desk or a series that is not the desk's, is not trusted (`read` returns None) and is
rewritten whole at the next write.

Imports no Qt and no SQLAlchemy.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from frontdesk.domain import series
from frontdesk.domain.clock import utcnow
from frontdesk.private_files import write_atomic

logger = logging.getLogger(__name__)


def file_name(desk: str) -> str:
    return f"series-ledger-{desk}.json"


def read(folder: Path, desk: str) -> set[str] | None:
    """The prefixes the ledger in `folder` lists for `desk`; None when there is no usable ledger."""
    path = Path(folder) / file_name(desk)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("Series ledger %s cannot be read: %s", path, exc)
        return None
    if not isinstance(raw, dict) or raw.get("desk") != desk:
        logger.warning("Series ledger %s is not desk %s's", path, desk)
        return None
    listed = raw.get("series")
    if not isinstance(listed, list) or not all(isinstance(p, str) and series.generation_of(desk, p) is not None
                                               for p in listed):
        logger.warning("Series ledger %s is damaged", path)
        return None
    return set(listed)


def record(folder: Path, desk: str, prefixes: Iterable[str]) -> set[str]:
    """Add `prefixes` (only `desk`'s own are kept) to the ledger in `folder`; returns what it now lists.

    Raises OSError when the folder cannot be written."""
    known = {p for p in prefixes if series.generation_of(desk, p) is not None} | {desk}
    known |= read(folder, desk) or set()
    ordered = sorted(known, key=lambda p: (series.generation_of(desk, p), p))
    content = {"desk": desk, "series": ordered, "updated_at": utcnow().isoformat()}
    write_atomic(Path(folder) / file_name(desk), (json.dumps(content, indent=2) + "\n").encode("utf-8"))
    return known
