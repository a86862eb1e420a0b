"""Noticing that nobody has used the app for a while, so the screen can lock.

`IdleWatcher` is an event filter on the QApplication: any key, mouse button, mouse move, wheel or
touch event marks activity. The filter only stores a timestamp (it sees every event of the app,
so it must stay cheap); one single-shot timer checks the timestamp when the time could be up and
re-arms itself for the remainder otherwise. `idle()` is emitted once per idle period; call
`pause()` while the lock screen is shown and `resume()` after unlocking.

Imports Qt only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Emits `idle()` after `minutes` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, minutes: float = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = max(1, int(minutes * 60_000))
        self._last = time.monotonic()
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QApplication.instance()
        if app is None:
            raise RuntimeError("IdleWatcher needs a QApplication")
        app.installEventFilter(self)
        self._timer.start(self._timeout_ms)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_minutes(self, minutes: float) -> None:
        """Apply a new idle time (Settings > idle lock); counting starts again from the last input."""
        self.set_timeout_ms(int(minutes * 60_000))

    def set_timeout_ms(self, ms: int) -> None:
        self._timeout_ms = max(1, int(ms))
        if not self._paused:
            self._arm()

    def pause(self) -> None:
        """Stop counting (the screen is locked)."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Start counting again from now (the screen was unlocked)."""
        self._paused = False
        self._last = time.monotonic()
        self._timer.start(self._timeout_ms)

    def is_paused(self) -> bool:
        return self._paused

    def mark_active(self) -> None:
        self._last = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self._last = time.monotonic()
        return False

    def _arm(self) -> None:
        elapsed_ms = (time.monotonic() - self._last) * 1000
        self._timer.start(max(0, int(self._timeout_ms - elapsed_ms)))

    def _on_timer_timeout(self) -> None:
        if self._paused:
            return
        elapsed_ms = (time.monotonic() - self._last) * 1000
        if elapsed_ms + 5 >= self._timeout_ms:  # a few ms of timer slack count as "up"
            self._paused = True  # once per idle period, until resume()
            self.idle.emit()
        else:
            self._arm()

    def stop(self) -> None:
        """Remove the filter (the window is closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
