"""Time for the demo data: moments as SQLite stores them, Rome working days, HLC stamps.

Part of the demo generator (demo.rows); pure Python, imports no SQLAlchemy and no Qt.
"""

from __future__ import annotations

import calendar
import datetime as dt

from frontdesk.domain.clock import ROME

US = 1_000_000
HMS = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400)]


_DATES: dict[int, str] = {}


def moment_text(ms: int) -> str:
    """Milliseconds since the Unix epoch as SQLite stores a UTC moment ('YYYY-MM-DD HH:MM:SS.ffffff')."""
    day, rem = divmod(ms, 86_400_000)
    date = _DATES.get(day)
    if date is None:
        date = _DATES[day] = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
    return f"{date} {HMS[rem // 1000]}.{rem % 1000 * 1000:06d}"


def hlc_stamp(ms: int, desk: str) -> str:
    """A hybrid-logical-clock stamp for a row last changed at `ms`: wall ms, logical counter, desk.

    Provisional until the sync capability defines the format; this one sorts by time as text."""
    return f"{ms:013d}-00000-{desk}"


def epoch_ms(moment: dt.datetime) -> int:
    return calendar.timegm(moment.astimezone(dt.UTC).timetuple()) * 1000 + moment.microsecond // 1000


def local_ms(day: dt.date, seconds: float) -> int:
    """A Rome wall-clock time on `day` as epoch milliseconds."""
    return epoch_ms(dt.datetime.combine(day, dt.time(0), tzinfo=ROME) + dt.timedelta(seconds=seconds))


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


_HOLIDAYS = {(1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (11, 1), (12, 8), (12, 25), (12, 26)}


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, not an Italian public holiday, not the Point's August and Christmas closures."""
    if day.weekday() >= 5 or (day.month, day.day) in _HOLIDAYS:
        return False
    if day == _easter(day.year) + dt.timedelta(days=1):
        return False
    return not ((day.month == 8 and 10 <= day.day <= 21) or (day.month == 12 and day.day >= 24))


def day_info(day: dt.date) -> tuple[str, int, int]:
    """The day as text, its Rome midnight as epoch ms, and how many seconds Rome is ahead of UTC."""
    base = local_ms(day, 0)
    return day.isoformat(), base, calendar.timegm(day.timetuple()) - base // 1000
