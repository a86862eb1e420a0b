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


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_month - dt.timedelta(days=1)).day))
