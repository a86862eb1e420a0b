"""Number series of the desk (badges, sample IDs, receipts): never issued twice.

Numbers carry the desk's series prefix (the desk code, e.g. `R1`); after a restore the prefix
moves to the next series letter (`R1b`), so numbers issued after the backup can never repeat.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import NumberSeries
from frontdesk.services.settings import read_flag, write_setting

PREFIX_KEY = "series_prefix"


def series_prefix(session: Session) -> str:
    return str(read_flag(session, PREFIX_KEY, "") or session.info.get("desk", ""))


def next_number(session: Session, name: str) -> str:
    """The next number of series `name` (e.g. "badge") as "R1-000042"."""
    prefix = series_prefix(session)
    row = session.get(NumberSeries, (name, prefix))
    if row is None:
        row = NumberSeries(name=name, prefix=prefix, last_value=0)
        session.add(row)
    row.last_value += 1
    session.flush()
    return f"{prefix}-{row.last_value:06d}"


def used_prefixes(session: Session) -> set[str]:
    return {p for (p,) in session.execute(select(NumberSeries.prefix).distinct())} | {series_prefix(session)}


def advance_series_letter(session: Session, desk: str, *, also_used: set[str] = frozenset()) -> str:
    """Move every series to the next unused letter: R1 -> R1b -> R1c ... Returns the new prefix.

    `also_used` names prefixes seen elsewhere (the database a restore replaces), so a letter
    used after the backup was taken is never reused."""
    used = used_prefixes(session) | set(also_used)
    for letter in "bcdefghijklmnopqrstuvwxyz":
        candidate = f"{desk}{letter}"
        if candidate not in used:
            write_setting(session, PREFIX_KEY, candidate)
            return candidate
    raise RuntimeError("series letters exhausted")
