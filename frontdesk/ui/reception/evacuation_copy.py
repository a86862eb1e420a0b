"""Keeps the evacuation list's PDF copy (in the folder set in Settings) current.

Every time the data bus says visits changed, the copy is rewritten in the background
(services.reception.evacuation.write_evacuation_copy), a moment later (`CHANGE_DELAY_MS`): drawing the PDF
is Python work that would otherwise compete for the interpreter with the screens' own reloads,
which the receptionist is looking at. Changes that arrive while a write is waiting or running are
folded into it or into one more write afterwards, so the last copy always matches the last change.
The first write after start waits until the first screen has its data (`FIRST_DELAY_MS`), and
reportlab is imported on the worker, not the GUI thread. The copy is slow I/O (a network folder
may hang): it runs in the tasks' slow lane, never delaying a search. When the app quits, a write
still waiting is started and the exit waits for it, and for one folded in behind a running write,
but never longer than `QUIT_WAIT_MS` in all: a folder that hangs must not keep the app from
closing. A folder that cannot be reached is reported calmly (`failed`), never as a blocking error:
the reception goes on. One keeper per open desk, made and owned by the process policies
(ui.process.DeskDuties); the screens only listen to it.

Imports Qt, ui.tasks and the evacuation service; never the database.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from frontdesk.ui.tasks import data_bus, run_in_background

logger = logging.getLogger(__name__)

CHANGE_DELAY_MS = 400  # after a change: the screens reload first, the copy follows
FIRST_DELAY_MS = 2000  # after start: the first screen shows its data first
QUIT_WAIT_MS = 3000  # at quit: the longest the exit waits for the copy (a hanging folder is given up)


def _write_copy(db):
    from frontdesk.services.reception.evacuation import write_evacuation_copy  # reportlab: ~70 ms to import

    return write_evacuation_copy(db)


class EvacuationCopyKeeper(QObject):
    written = Signal(object)  # Path of the copy, or None when no folder is set
    failed = Signal(str)  # a calm message (StorageProblem)

    def __init__(self, db, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._running = False
        self._again = False
        self._closed = False
        self._finish_by: float | None = None  # the exit waits for the copy until then, however often asked
        self.last_path = None
        self.last_problem = ""
        self.has_result = False  # a write (or a failure) has been reported at least once
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        data_bus().data_changed.connect(self._on_bus_data_changed)
        QCoreApplication.instance().aboutToQuit.connect(self._on_about_to_quit)

    def _on_bus_data_changed(self, changed: set) -> None:
        if {"visits", "settings"} & set(changed):
            self.schedule()

    def schedule(self, delay_ms: int = CHANGE_DELAY_MS) -> None:
        """Rewrite the copy in `delay_ms` (a write already waiting is not pushed back)."""
        if not self._timer.isActive():
            self._timer.start(delay_ms)

    def _on_about_to_quit(self) -> None:
        self.finish()

    def finish(self, timeout_ms: int | None = None) -> bool:
        """Write now a copy still waiting, and wait for the writes in progress (and one folded in
        behind them), at most `timeout_ms` (`QUIT_WAIT_MS`) in all; True when the last copy is done.
        Asked again (the quit signal, then the desk closing), it never waits past the first deadline."""
        timeout_ms = QUIT_WAIT_MS if timeout_ms is None else timeout_ms
        if self._timer.isActive():
            self.refresh()
        deadline = time.monotonic() + timeout_ms / 1000
        if self._finish_by is not None:
            deadline = min(deadline, self._finish_by)
        self._finish_by = deadline
        while self._running and time.monotonic() < deadline:
            # Delivering the outcome runs `_on_finished`, which starts a write folded in behind it.
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            time.sleep(0.005)
        if self._running:
            logger.warning("The evacuation list's copy was still being written after %d ms; not waiting longer",
                           timeout_ms)
        return not self._running

    def close(self) -> None:
        """The desk closes: no more copies (one in progress ends on its own)."""
        self._closed = True
        self._timer.stop()
        data_bus().data_changed.disconnect(self._on_bus_data_changed)
        QCoreApplication.instance().aboutToQuit.disconnect(self._on_about_to_quit)

    def refresh(self) -> None:
        """Rewrite the copy now (or right after the write in progress)."""
        self._timer.stop()
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        db = self._db
        run_in_background(self, lambda: _write_copy(db), on_success=self._on_written,
                          on_error=self._on_failed, on_finished=self._on_finished, slow=True)

    def _on_written(self, path) -> None:
        self.last_path, self.last_problem, self.has_result = path, "", True
        self.written.emit(path)

    def _on_failed(self, error) -> None:
        self.last_problem, self.has_result = error.message, True
        self.failed.emit(error.message)

    def _on_finished(self) -> None:
        self._running = False
        if self._again:
            self.refresh()
