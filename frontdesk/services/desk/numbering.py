"""Number series of the desk (badges, sample IDs, receipts): never issued twice.

Numbers carry the desk's series prefix: the desk code (`R1`) until the first restore, then the
next generation of the series (`R1-B`, `R1-C`, ...), as domain.series spells it, so numbers issued
after the backup can never repeat. services.upkeep.backups chooses the generation (it knows the ledger of
series outside the database, services.desk.series_ledger); this module issues numbers under it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import NumberSeries
from frontdesk.domain import series
from frontdesk.services.desk.settings import read_flag, write_setting

PREFIX_KEY = "series_prefix"


def series_prefix(session: Session) -> str:
    return str(read_flag(session, PREFIX_KEY, "") or session.info.get("desk", ""))


def _issuing_prefix(session: Session) -> str:
    """The current prefix. One left in the old spelling by an earlier version's restore ("R1b",
    which no badge can carry, so no number was issued under it) continues as the same generation
    spelled the current way ("R1-B"): every ledger and backup that lists "R1b" already covers it."""
    prefix = series_prefix(session)
    desk = session.info.get("desk", "")
    if desk and not series.is_current_form(desk, prefix):
        generation = series.generation_of(desk, prefix)
        prefix = (series.prefix_for(desk, generation) if generation is not None
                  else series.next_prefix(desk, used_prefixes(session)))
        write_setting(session, PREFIX_KEY, prefix)
    return prefix


def next_counter(session: Session, name: str) -> tuple[str, int]:
    """The current prefix and the next value of series `name` under it (a receipt spells its own number)."""
    prefix = _issuing_prefix(session)
    row = session.get(NumberSeries, (name, prefix))
    if row is None:
        row = NumberSeries(name=name, prefix=prefix, last_value=0)
        session.add(row)
    row.last_value += 1
    session.flush()
    return prefix, row.last_value


def next_number(session: Session, name: str) -> str:
    """The next number of series `name` (e.g. "badge") as "R1-000042" (or "R1-B-000042" after a restore)."""
    return series.format_number(*next_counter(session, name))


def has_numbers(session: Session, name: str) -> bool:
    """True once the desk has issued a number of series `name` under any prefix."""
    return session.scalar(select(NumberSeries.name).where(NumberSeries.name == name,
                                                          NumberSeries.last_value > 0).limit(1)) is not None


def used_prefixes(session: Session) -> set[str]:
    return {p for (p,) in session.execute(select(NumberSeries.prefix).distinct())} | {series_prefix(session)}


def continue_under(session: Session, prefix: str) -> None:
    """Issue every series' next numbers under `prefix` (chosen by the restore, see services.upkeep.backups)."""
    write_setting(session, PREFIX_KEY, prefix)


def next_numbers(session: Session, name: str, count: int) -> list[str]:
    """`count` consecutive numbers of series `name` in one step (the samples of one intake)."""
    if count < 1:
        return []
    prefix = _issuing_prefix(session)
    row = session.get(NumberSeries, (name, prefix))
    if row is None:
        row = NumberSeries(name=name, prefix=prefix, last_value=0)
        session.add(row)
    first = row.last_value + 1
    row.last_value += count
    session.flush()
    return [series.format_number(prefix, value) for value in range(first, first + count)]
