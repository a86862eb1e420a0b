"""What every area of the main window shares: the desk context and the `AreaView` base.

`DeskContext` is what a view is built with (the open database handle, the acting user, the
desk). `AreaView` reloads itself when the data bus names an area it shows (rule 4), lazily
when hidden, and says `data_loaded` once its first data is on screen (the start-up benchmark
waits for it). Imports Qt and ui.tasks only; nothing of services or the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from frontdesk.ui.tasks import data_bus


@dataclass(frozen=True)
class DeskContext:
    """The open desk: `db` is the services' database handle (opaque to the UI); `duties` what the
    process keeps for it (ui.process.DeskDuties: the evacuation copy, the sign-in failures)."""

    db: Any
    actor: Any  # frontdesk.domain.roles.Actor
    desk: str
    is_demo: bool
    language: str = "it"
    duties: Any = None  # ui.process.DeskDuties, given by the app (and by tests that need it)


class AreaView(QWidget):
    """Base of the main window's screens."""

    data_loaded = Signal()  # the first data (and every reload) is on screen
    notice_shown = Signal(str)  # a calm, non-error message for the window's banner
    areas: frozenset[str] = frozenset()  # data-bus areas this view shows

    def __init__(self, context: DeskContext | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = False
        data_bus().data_changed.connect(self._on_bus_data_changed)

    def reload(self) -> None:
        """Fetch this view's data again (in the background) and show it."""
        self.data_loaded.emit()

    def _on_bus_data_changed(self, changed: set) -> None:
        if not self.areas or not (self.areas & set(changed)):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
