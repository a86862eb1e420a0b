"""Keeps the evacuation list's PDF copy (in the folder set in Settings) current.

Every time the data bus says visits changed, the copy is rewritten in the background
(services.evacuation.write_evacuation_copy). Changes that arrive while a copy is being written
are folded into one more write afterwards, so the last copy always matches the last change. A
folder that cannot be reached is reported calmly (`failed`), never as a blocking error: the
reception goes on. One keeper per open database (`evacuation_keeper`), owned by the first screen
that asks for it.

Imports Qt, ui.tasks and the evacuation service; never the database.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from frontdesk.ui.tasks import data_bus, run_in_background


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
        data_bus().data_changed.connect(self._on_bus_data_changed)

    def _on_bus_data_changed(self, changed: set) -> None:
        if {"visits", "settings"} & set(changed):
            self.refresh()

    def refresh(self) -> None:
        """Rewrite the copy now (or right after the write in progress)."""
        if self._running:
            self._again = True
            return
        from frontdesk.services.evacuation import write_evacuation_copy

        self._running = True
        self._again = False
        db = self._db
        run_in_background(self, lambda: write_evacuation_copy(db), on_success=self._on_written,
                          on_error=self._on_failed, on_finished=self._on_finished)

    def is_busy(self) -> bool:
        return self._running

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
    keeper.refresh()  # the list may have changed while the app was closed (evening close, sync)
    return keeper
