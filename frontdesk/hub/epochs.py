"""The number series (epochs) of each desk, as the hub has seen them (issue 12, point 3).

A desk pushes under an epoch, its current series prefix (R1, then R1-B after a restore, ...), and
every database that starts a series draws a random `epoch_id` for it. The hub keeps both in
`hub_epoch`: so it knows every series a desk ever used, and which database uses each.

- `register` (at every handshake): the desk presents its series and its id, and the series it has
  used before. A series nobody has presented is registered to that id; the same id again is fine;
  a series (or the same generation spelled the old way) that the hub has seen under another id,
  or only as used before, is refused (`SeriesTaken`): that desk was restored from a backup on a PC
  that did not know every series used after it, and numbers issued under it would repeat.
- `new_series` (a restore that reaches the hub, or a desk refused above): the next generation
  above every series the hub and the desk know, registered to the id that asked; asking again
  with the same id gives the same series (an answer lost on the way is not a series lost).

Each runs in one transaction that first locks the desk's row, so hub processes serialise per desk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine

from frontdesk.domain import series
from frontdesk.hub.desks import Desk
from frontdesk.hub.models import HubEpoch

_LOCK_DESK = text("SELECT id FROM hub_desk WHERE id = :desk FOR NO KEY UPDATE")


class SeriesTaken(Exception):
    """The series presented was already used by another database of the desk."""

    def __init__(self, epoch: str, next_free: str) -> None:
        super().__init__(epoch)
        self.epoch, self.next_free = epoch, next_free


class NotDesksSeries(ValueError):
    """A series that is not one of this desk's."""


@dataclass(frozen=True)
class Seen:
    epoch: str
    epoch_id: str | None


def _checked(desk: Desk, prefixes: Iterable[str]) -> set[str]:
    found = set(prefixes)
    if any(series.generation_of(desk.code, p) is None for p in found):
        raise NotDesksSeries(desk.code)
    return found


def _seen(conn: Connection, desk: Desk) -> list[Seen]:
    conn.execute(_LOCK_DESK, {"desk": desk.id})
    table = HubEpoch.__table__
    rows = conn.execute(select(table.c.epoch, table.c.epoch_id).where(table.c.desk_id == desk.id))
    return [Seen(row.epoch, row.epoch_id) for row in rows]


def _add(conn: Connection, desk: Desk, epochs: dict[str, str | None]) -> None:
    if epochs:
        conn.execute(insert(HubEpoch.__table__).values(
            [{"desk_id": desk.id, "epoch": e, "epoch_id": i} for e, i in sorted(epochs.items())])
            .on_conflict_do_nothing())


def _next_free(desk: Desk, known: Iterable[str]) -> str:
    return series.next_prefix(desk.code, {desk.code, *known})


def register(engine: Engine, *, desk: Desk, epoch: str, epoch_id: str, used: Iterable[str] = ()) -> None:
    """Register the desk's current series; raise SeriesTaken when another database used it,
    NotDesksSeries when it is not the desk's (among `used`, another desk's series are ignored)."""
    _checked(desk, [epoch])
    used = {p for p in used if series.generation_of(desk.code, p) is not None} - {epoch}  # others': not its
    generation = series.generation_of(desk.code, epoch)
    with engine.begin() as conn:
        seen = _seen(conn, desk)
        same = [s for s in seen if series.generation_of(desk.code, s.epoch) == generation]
        if any(s.epoch_id != epoch_id for s in same):
            raise SeriesTaken(epoch, _next_free(desk, [s.epoch for s in seen] + [*used, epoch]))
        _add(conn, desk, {**{p: None for p in used}, **({} if same else {epoch: epoch_id})})


def new_series(engine: Engine, *, desk: Desk, epoch_id: str, used: Iterable[str] = ()) -> str:
    """The next series of the desk, above every one known, registered to `epoch_id`."""
    used = _checked(desk, used)
    with engine.begin() as conn:
        seen = _seen(conn, desk)
        mine = [s.epoch for s in seen if s.epoch_id == epoch_id]
        if mine:
            return max(mine, key=lambda p: series.generation_of(desk.code, p) or 0)
        chosen = _next_free(desk, [s.epoch for s in seen] + list(used))
        _add(conn, desk, {**{p: None for p in used}, chosen: epoch_id})
    return chosen
