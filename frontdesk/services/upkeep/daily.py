"""The desk's daily upkeep, run by the app after its start-up integrity check and then each hour:
a consistent backup once a day (rotated), and the anonymisation of visitors past the retention.
The command line's `frontdesk backup` and the future nightly sync call the same pieces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.roles import Actor
from frontdesk.services.privacy.retention import RetentionReport, apply_retention
from frontdesk.services.upkeep.backups import BackupResult, backup_folder, backup_now, list_backups


@dataclass(frozen=True)
class UpkeepReport:
    backup: BackupResult | None  # None when today's backup already existed
    retention: RetentionReport


def backup_due(db, *, now: dt.datetime | None = None) -> bool:
    """True when this desk has no backup taken today (Rome calendar day) in the backup folder."""
    today = today_in_rome(now or utcnow())
    folder = backup_folder(db)
    if not folder.is_dir():
        return True
    return not any(today_in_rome(b.taken_at) == today for b in list_backups(folder, desk=db.desk))


def daily_upkeep(db, *, now: dt.datetime | None = None) -> UpkeepReport:
    """Today's backup if not yet taken, then retention; both done by the desk itself."""
    desk = Actor.desk_itself(db.desk)
    result = backup_now(db, actor=desk, kind="daily") if backup_due(db, now=now) else None
    return UpkeepReport(result, apply_retention(db, actor=desk))
