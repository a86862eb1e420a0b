"""The evening close while the app runs: at the check-out hour set in Settings (default 20:00,
Europe/Rome) the visits still open are closed and marked as closed by the system.

`EveningClose(db, desk).start()` runs the close once at once (catching up a day the app was not
running at the hour: the service closes only visits whose day's hour has passed, so running
early changes nothing) and then arms a timer for `services.reception.visits.next_close_at`. The timer wakes
at least every `MAX_WAIT_MS` and compares with the wall clock, so a PC that slept or whose clock
was corrected still closes on time. The close acts as the desk itself (DESIGN rule 1).

Imports Qt, ui.tasks, domain.roles/clock and the visits service; never the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.domain.clock import utcnow
from frontdesk.domain.roles import Actor
from frontdesk.ui.tasks import data_bus, run_in_background

MAX_WAIT_MS = 15 * 60 * 1000


class EveningClose(QObject):
    closed = Signal(int)  # how many visits the close ended
    armed = Signal(object)  # the UTC moment of the next close

    def __init__(self, db, desk: str, parent: QObject | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent)
        self._db = db
        self._desk = desk
        self._clock = clock
        self.next_close: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        data_bus().data_changed.connect(self._on_bus_data_changed)

    def start(self) -> None:
        self.close_now()

    def close_now(self) -> None:
        """Close what is due now, then arm the timer for the next close."""
        from frontdesk.services.reception.visits import close_open_visits

        db, actor, now = self._db, Actor.desk_itself(self._desk), self._clock()
        run_in_background(self, lambda: close_open_visits(db, actor=actor, now=now),
                          on_success=self._on_closed, on_finished=self._schedule,
                          write=True, key=f"evening-close:{id(db)}")

    def interval_ms(self) -> int:
        """How long the timer waits now (0 when not armed)."""
        return self._timer.interval() if self._timer.isActive() else 0

    def _on_closed(self, count: int) -> None:
        if count:
            self.closed.emit(count)

    def _schedule(self) -> None:
        from frontdesk.services.reception.visits import next_close_at

        db, now = self._db, self._clock()
        run_in_background(self, lambda: next_close_at(db, now=now), on_success=self._arm)

    def _arm(self, moment: dt.datetime) -> None:
        self.next_close = moment
        wait_ms = int((moment - self._clock()).total_seconds() * 1000)
        self._timer.start(max(0, min(wait_ms, MAX_WAIT_MS)))
        self.armed.emit(moment)

    def _on_timer_timeout(self) -> None:
        if self.next_close is not None and self._clock() >= self.next_close:
            self.close_now()
        else:
            self._schedule()

    def _on_bus_data_changed(self, changed: set) -> None:
        if "settings" in changed:  # the hour may have changed
            self._schedule()
