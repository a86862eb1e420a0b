"""Keeps the evacuation list's PDF copy (in the folder set in Settings) current.

Every time the data bus says visits changed, the copy is rewritten in the background
(services.reception.evacuation.write_evacuation_copy), a moment later (`CHANGE_DELAY_MS`): drawing the PDF
is Python work that would otherwise compete for the interpreter with the screens' own reloads,
which the receptionist is looking at. Changes that arrive while a write is waiting or running are
folded into it or into one more write afterwards, so the last copy always matches the last change.
The first write after start waits until the first screen has its data (`FIRST_DELAY_MS`), and
reportlab is imported on the worker, not the GUI thread. When the app quits, a write still waiting
is started and the exit waits for it, and for one folded in behind a running write. A folder that cannot be reached is
reported calmly (`failed`), never as a blocking error: the reception goes on. One keeper per open
database (`evacuation_keeper`), owned by the first screen that asks for it.

Imports Qt, ui.tasks and the evacuation service; never the database.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from frontdesk.ui.tasks import data_bus, run_in_background, wait_for_idle

CHANGE_DELAY_MS = 400  # after a change: the screens reload first, the copy follows
FIRST_DELAY_MS = 2000  # after start: the first screen shows its data first
QUIT_WAIT_MS = 10_000  # at quit: how long the exit waits for the copy


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
        if self._timer.isActive():
            self.refresh()
        if self._running:
            wait_for_idle(QUIT_WAIT_MS)  # delivers it, which starts (and waits for) any write folded in

    def refresh(self) -> None:
        """Rewrite the copy now (or right after the write in progress)."""
        self._timer.stop()
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        db = self._db
        run_in_background(self, lambda: _write_copy(db), on_success=self._on_written,
                          on_error=self._on_failed, on_finished=self._on_finished)

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


_keepers: dict[int, EvacuationCopyKeeper] = {}


def evacuation_keeper(db, owner: QObject) -> EvacuationCopyKeeper:
    """The keeper of `db`'s evacuation copy, made (and owned by `owner`) on first request."""
    keeper = _keepers.get(id(db))
    if keeper is not None and shiboken6.isValid(keeper) and keeper._db is db:
        return keeper
    keeper = EvacuationCopyKeeper(db, owner)
    _keepers[id(db)] = keeper
    keeper.schedule(FIRST_DELAY_MS)  # the list may have changed while the app was closed (evening close, sync)
    return keeper
