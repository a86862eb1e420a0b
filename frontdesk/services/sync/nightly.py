"""The nightly sync and "Sync now": when a run is due, the run with this desk's settings, and the
status the app shows (issue 12, point 6).

- `sync_due(db, now=...)`: the last good sync is older than a day (or there was none), or the
  nightly hour (Settings, Europe/Rome) has passed since the last nightly run began.
- `nightly_sync(db, now=..., actor=...)`: a checked backup first (kind "pre-sync"), then one run
  with the hub address, token file and CA file of the desk's settings. The start of the attempt is
  remembered first, so a hub that is down is tried again at the next hour, not in a loop.
- `sync_now(db, actor=...)`: the same run without the backup (a person pressed the button).
- `sync_status(db)`: the last good sync, what waits in the outbox, what the hub refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from frontdesk.db.engine import Database
from frontdesk.db.models import synced_models
from frontdesk.domain.clock import ROME, as_utc, today_in_rome, utcnow
from frontdesk.domain.errors import PermissionDenied, SyncError
from frontdesk.domain.roles import Actor
from frontdesk.i18n import _
from frontdesk.services.desk.settings import get_settings, read_settings
from frontdesk.services.sync.run import SyncReport, run_sync
from frontdesk.services.upkeep.backups import BackupResult, backup_now
from frontdesk.sync.client import HubClient

LAST_GOOD_KEY = "last_good_sync"  # written by run_sync after a complete run
LAST_NIGHTLY_KEY = "last_nightly_run"  # when the last nightly attempt began
MAX_AGE = dt.timedelta(days=1)


@dataclass(frozen=True)
class SyncStatus:
    last_good: dt.datetime | None  # UTC
    waiting: int  # changes in the outbox
    rejected: int  # changes the hub refused, kept for a person
    configured: bool = True  # a hub address is set


# The tables a pull may change (the app reloads their views after a run that changed rows).
SYNCED_TABLES = tuple(model.__tablename__ for model in synced_models())


@dataclass(frozen=True)
class NightlyResult:
    backup: BackupResult
    report: SyncReport


def sync_status(db: Database) -> SyncStatus:
    with db.read() as session:
        good = _state(session, LAST_GOOD_KEY)
        waiting = session.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        rejected = session.execute(text("SELECT count(*) FROM sync_rejected")).scalar_one()
        configured = bool(read_settings(session).hub_url)
    return SyncStatus(last_good=good, waiting=waiting, rejected=rejected, configured=configured)


def sync_due(db: Database, *, now: dt.datetime | None = None) -> bool:
    """Whether a nightly run is due at `now`: never synced, last good sync over a day ago, or the
    nightly hour passed since the last nightly run began. A desk with no hub address never is."""
    now = as_utc(now or utcnow())
    settings = get_settings(db)
    if not settings.hub_url:
        return False
    with db.read() as session:
        good = _state(session, LAST_GOOD_KEY)
        last_run = _state(session, LAST_NIGHTLY_KEY)
    if good is None or now - good > MAX_AGE:
        return True
    hour = last_hour_before(now, settings.sync_hour)
    return last_run is None or last_run < hour


def next_sync_at(db: Database, *, now: dt.datetime | None = None) -> dt.datetime:
    """The next moment (UTC) of the nightly hour after `now`."""
    now = as_utc(now or utcnow())
    hour = get_settings(db).sync_hour
    day = today_in_rome(now)
    return _at(day, hour) if _at(day, hour) > now else _at(day + dt.timedelta(days=1), hour)


def last_hour_before(now: dt.datetime, hour: str) -> dt.datetime:
    """The latest moment at or before `now` when Rome's clock read `hour` (HH:MM), in UTC."""
    day = today_in_rome(now)
    return _at(day, hour) if _at(day, hour) <= now else _at(day - dt.timedelta(days=1), hour)


def _at(day: dt.date, hour: str) -> dt.datetime:
    """`hour` (HH:MM) of `day` in Rome, in UTC (an hour skipped by the change to summer time is
    read as the hour after it, as zoneinfo does)."""
    hh, mm = (int(part) for part in hour.split(":"))
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ROME).astimezone(dt.UTC)


def sync_now(db: Database, *, actor: Actor, client: HubClient | None = None) -> SyncReport:
    """One run with this desk's hub settings. Raises SyncError with a message for the desk."""
    if not isinstance(actor, Actor):
        raise PermissionDenied(_("Your role does not allow this action."))
    settings = get_settings(db)
    return run_sync(db, hub_url=settings.hub_url, token=read_token(settings.hub_token_file), actor=actor,
                    ca_file=settings.hub_ca_file or None, client=client)


def nightly_sync(db: Database, *, now: dt.datetime | None = None, actor: Actor,
                 client: HubClient | None = None) -> NightlyResult:
    """The nightly run: remembered as begun, a backup, then `sync_now`. A failed backup stops it
    (StorageProblem: nothing was sent); a hub that does not answer raises SyncError."""
    if not isinstance(actor, Actor):
        raise PermissionDenied(_("Your role does not allow this action."))
    now = as_utc(now or utcnow())
    with db.begin() as session:
        session.execute(text("INSERT OR REPLACE INTO sync_state (key, value, number) VALUES (:k, :v, 0)"),
                        {"k": LAST_NIGHTLY_KEY, "v": now.isoformat()})
    backup = backup_now(db, actor=actor, kind="pre-sync")
    return NightlyResult(backup=backup, report=sync_now(db, actor=actor, client=client))


def read_token(path: str) -> str:
    """The token in the file set in Settings ('' when none is set: the client says what to do)."""
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise SyncError(_("The hub token file {path} cannot be read. Check the path in Settings (Sync) and "
                          "that this user may read it; nothing was changed.").format(path=path)) from None


def _state(session, key: str) -> dt.datetime | None:
    value = session.execute(text("SELECT value FROM sync_state WHERE key = :k"), {"k": key}).scalar()
    if not value:
        return None
    try:
        return as_utc(dt.datetime.fromisoformat(value))
    except ValueError:
        return None
