"""Time: stored in UTC, shown and reasoned about in Europe/Rome."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ROME = ZoneInfo("Europe/Rome")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today_in_rome(now: dt.datetime | None = None) -> dt.date:
    return (now or utcnow()).astimezone(ROME).date()


def rome_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments at which a Rome calendar day starts and ends."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=ROME)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=ROME)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they are UTC by our storage rule."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
