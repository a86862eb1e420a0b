"""The nightly sync while the app runs, "Sync now", and the sync status for the status bar.

`NightlySync(db, desk).start()` reads the status, runs the nightly sync at once when it is due
(`services.sync.nightly.sync_due`: the app was not running at the hour, or the last good sync is
over a day old), then arms a timer for the next nightly hour (Settings, Europe/Rome). Like the
evening close, the timer wakes at least every `MAX_WAIT_MS` and compares with the wall clock.
`sync_now()` runs one sync for the person who asked. Runs go to the slow-I/O lane (a hub that
hangs never delays a search), one at a time; `busy_changed` says when one is running, `finished`
carries the summary for the banner, and an error (the hub down, a refused token) reaches the
error display with the client's message. After every run and every write the status is read
again (`status_changed`), and a run that changed rows announces their areas on the data bus.

Imports Qt, ui.tasks, domain and the sync services; never the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction

from frontdesk.domain.clock import ROME, utcnow
from frontdesk.domain.roles import Actor, Permission
from frontdesk.ui.tasks import areas_of, data_bus, run_in_background

MAX_WAIT_MS = 15 * 60 * 1000


def status_text(status, now: dt.datetime) -> str:
    """"Last sync: today 02:00 · waiting: 3 · refused: 1" (or "never"), in the desk's language."""
    if status.last_good is None:
        when = QCoreApplication.translate("NightlySync", "never")
    else:
        local, today = status.last_good.astimezone(ROME), now.astimezone(ROME).date()
        hour = local.strftime("%H:%M")
        if local.date() == today:
            when = QCoreApplication.translate("NightlySync", "today {hour}").format(hour=hour)
        elif local.date() == today - dt.timedelta(days=1):
            when = QCoreApplication.translate("NightlySync", "yesterday {hour}").format(hour=hour)
        else:
            when = f"{local:%d/%m/%Y} {hour}"
    parts = [QCoreApplication.translate("NightlySync", "Last sync: {when}").format(when=when),
             QCoreApplication.translate("NightlySync", "waiting: {count}").format(count=status.waiting)]
    if status.rejected:
        parts.append(QCoreApplication.translate("NightlySync", "refused: {count}").format(count=status.rejected))
    return " · ".join(parts)


class NightlySync(QObject):
    status_changed = Signal(object)  # services.sync.nightly.SyncStatus
    busy_changed = Signal(bool)
    finished = Signal(str)  # the run's summary (and what a person should look at)
    armed = Signal(object)  # the UTC moment of the next nightly run

    def __init__(self, db, desk: str, parent: QObject | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = Actor.desk_itself(desk)  # the run acts as the desk; each change keeps its own actor
        self._clock = clock
        self.busy = False
        self.status = None
        self.next_run: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        data_bus().data_changed.connect(self._on_bus_data_changed)

    def start(self) -> None:
        """Catch up when due, then arm the timer."""
        from frontdesk.services.sync.nightly import sync_due

        db, now = self._db, self._clock()
        self.refresh_status()
        run_in_background(self, lambda: sync_due(db, now=now), on_success=self._on_due_known)

    def sync_now(self) -> None:
        """One run asked for by a person, now (no backup first)."""
        from frontdesk.services.sync.nightly import sync_now

        db, actor = self._db, self._actor
        self._run(lambda: _outcome(sync_now(db, actor=actor)))

    def run_nightly(self) -> None:
        from frontdesk.services.sync.nightly import nightly_sync

        db, actor, now = self._db, self._actor, self._clock()
        self._run(lambda: _outcome(nightly_sync(db, now=now, actor=actor).report), then=self._schedule)

    def refresh_status(self) -> None:
        from frontdesk.services.sync.nightly import sync_status

        db = self._db
        run_in_background(self, lambda: sync_status(db), on_success=self._on_status_read)

    def interval_ms(self) -> int:
        return self._timer.interval() if self._timer.isActive() else 0

    def show_in(self, window) -> None:
        """Wire to the main window: its status bar line, its "Sync now" action, its banner, and the
        way to the refused changes (File > Refused changes, or a click on the status bar line)."""
        self.status_changed.connect(
            lambda status: window.show_sync_status(status_text(status, self._clock()) if status.configured else ""))
        self.busy_changed.connect(window.set_sync_busy)
        self.finished.connect(window.banner.show_notice)
        window.sync_requested.connect(self.sync_now)
        window.attach_sync()
        self.rejected_link = RejectedChangesLink(window, self._db, self)
        self.status_changed.connect(self.rejected_link.show_status)

    # --- runs -----------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], tuple[str, bool]], then: Callable[[], None] | None = None) -> None:
        if self.busy:
            return
        self._set_busy(True)

        def finished() -> None:
            self._set_busy(False)
            self.refresh_status()
            if then is not None:
                then()

        task = run_in_background(self, fn, on_success=self._on_run_done, on_finished=finished, slow=True,
                                 key=f"sync:{id(self._db)}")
        if task is None:  # a run of this desk is already going (from another window of the app)
            self._set_busy(False)

    def _on_run_done(self, outcome: tuple[str, bool]) -> None:
        from frontdesk.services.sync.nightly import SYNCED_TABLES

        message, changed = outcome
        if changed:
            data_bus().data_changed.emit(areas_of(SYNCED_TABLES))
        self.finished.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if self.busy != busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _on_status_read(self, status) -> None:
        self.status = status
        self.status_changed.emit(status)

    # --- the timer ------------------------------------------------------------------------------
    def _on_due_known(self, due: bool) -> None:
        if due:
            self.run_nightly()
        else:
            self._schedule()

    def _schedule(self) -> None:
        from frontdesk.services.sync.nightly import next_sync_at

        db, now = self._db, self._clock()
        run_in_background(self, lambda: next_sync_at(db, now=now), on_success=self._arm)

    def _arm(self, moment: dt.datetime) -> None:
        self.next_run = moment
        wait_ms = int((moment - self._clock()).total_seconds() * 1000)
        self._timer.start(max(0, min(wait_ms, MAX_WAIT_MS)))
        self.armed.emit(moment)

    def _on_timer_timeout(self) -> None:
        if self.next_run is not None and self._clock() >= self.next_run:
            self.run_nightly()
        else:
            self._schedule()

    def _on_bus_data_changed(self, changed: set) -> None:
        if "settings" in changed:  # the hour may have changed
            self._schedule()
        if not self.busy:
            self.refresh_status()


class RejectedChangesLink(QObject):
    """File > Refused changes, and a click on the status bar's sync line, open the refused changes
    (ui.sync.rejected_view) for whoever is signed in, when their role may see them."""

    def __init__(self, window, db, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window, self._db = window, db
        self.dialog = None
        self.action = QAction(window)
        self.action.setObjectName("rejectedChangesAction")
        self.action.triggered.connect(self.open)
        window.file_menu.insertAction(window.lock_action, self.action)
        window.file_menu.aboutToShow.connect(lambda: self.action.setEnabled(self.allowed()))  # after a sign-in
        window.sync_label.installEventFilter(self)
        self.show_status(None)

    def _actor(self):
        context = self._window.context
        return context.actor if context is not None else None

    def allowed(self) -> bool:
        actor = self._actor()
        return actor is not None and actor.can(Permission.EDIT_SETTINGS)

    def show_status(self, status) -> None:
        refused = getattr(status, "rejected", 0) or 0
        self.action.setText(QCoreApplication.translate("NightlySync", "&Refused changes ({count})...").format(
            count=refused) if refused else QCoreApplication.translate("NightlySync", "&Refused changes..."))
        self.action.setEnabled(self.allowed())
        label = self._window.sync_label
        if refused and self.allowed():
            label.setCursor(Qt.CursorShape.PointingHandCursor)
            label.setToolTip(QCoreApplication.translate("NightlySync", "Click to see the changes the hub refused"))
        else:
            label.unsetCursor()
            label.setToolTip("")

    def open(self) -> None:
        from frontdesk.ui.sync.rejected_view import open_rejected_changes

        self.action.setEnabled(self.allowed())
        if self.allowed():
            self.dialog = open_rejected_changes(self._window, self._db, self._actor())

    def eventFilter(self, watched, event) -> bool:
        if watched is self._window.sync_label and event.type() == QEvent.Type.MouseButtonRelease:
            self.open()
            return True
        return super().eventFilter(watched, event)


def _outcome(report) -> tuple[str, bool]:
    """What the banner says after a run, and whether it changed rows here (worker thread: no Qt)."""
    return " ".join([report.summary(), *report.notes()]), report.changed > 0
