"""The intake's "Expected report date" panel: for each test asked and for the whole request, the
day the report can be issued, from the lab's plan as it is now (services.lab.promise).

The screen hands it the board (loaded in the background) and, at each edit, the request's test
lines, priority and date needed; the panel computes the promise 150 ms after the last edit, on the
GUI thread (the board answers in milliseconds), so typing is never held up. It shows "Computing…"
while the board loads, "No lab plan available" when there is none, and the request's date in bold,
red with the days it misses when it comes after the date needed.

Imports Qt and frontdesk.domain / frontdesk.i18n only; the board is handed in.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from frontdesk.domain.lab.promise import Promise
from frontdesk.domain.lab.requests import TestAsked
from frontdesk.i18n import format_date
from frontdesk.ui.style import ERROR

DEBOUNCE_MS = 150
LINE_DATE = "EEE d MMM yyyy"  # "gio 10 dic 2026"; the request's date is written in full


class PromisePanel(QFrame):
    """The promised report date of the request being typed."""

    promise_shown = Signal()  # a new promise (or state) is on screen

    LOADING, UNAVAILABLE, READY = "loading", "unavailable", "ready"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._board = None
        self._state = self.LOADING
        self._request: tuple[list[tuple[str, TestAsked]], str, dt.date | None] = ([], "normal", None)
        self._promise: Promise | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        title = QLabel(self.tr("Expected report date"))
        title.setProperty("role", "subtitle")
        self.status_label = QLabel()
        self.status_label.setObjectName("promiseStatus")
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self._lines_box = QWidget()
        self._lines = QGridLayout(self._lines_box)
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setHorizontalSpacing(12)
        self._lines.setVerticalSpacing(3)
        self._lines.setColumnStretch(0, 2)
        self._lines.setColumnStretch(1, 2)
        self.request_label = QLabel()
        self.request_label.setObjectName("promiseRequest")
        self.request_label.setWordWrap(True)
        self.request_label.setTextFormat(Qt.TextFormat.PlainText)
        self.late_label = QLabel()
        self.late_label.setObjectName("promiseLate")
        self.late_label.setProperty("role", "field-error")
        self.late_label.setWordWrap(True)
        self.note_label = QLabel(self.tr("An estimate from the lab's plan as it is now; the receipt prints it."))
        self.note_label.setProperty("role", "muted")
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addWidget(self._lines_box)
        layout.addWidget(self.request_label)
        layout.addWidget(self.late_label)
        layout.addWidget(self.note_label)
        self._show()

    # --- what the screen hands in ------------------------------------------------------------------
    def set_loading(self) -> None:
        """The board is being (re)loaded: the last promise stays until the new board answers."""
        if self._board is None:
            self._state = self.LOADING
            self._show()

    def set_board(self, board) -> None:
        """The loaded board (services.lab.promise.PromiseBoard), or None when there is no plan."""
        self._board = board if board is not None and board.available else None
        self._state = self.READY if self._board is not None else self.UNAVAILABLE
        self._compute()

    def stop_loading(self) -> None:
        """Loading ended without a board (it failed): no plan, unless an earlier board is still shown."""
        if self._state == self.LOADING:
            self.set_board(None)

    def set_request(self, lines: list[tuple[str, TestAsked]], priority: str, due_on: dt.date | None) -> None:
        """The request as typed: (label, test asked) per test line, its priority and date needed."""
        self._request = (list(lines), priority, due_on)
        self._timer.start()  # restarted at each edit: computed once the typing pauses

    def promise(self) -> Promise | None:
        """The promise for the request as typed now (computed at once if an edit is pending)."""
        if self._timer.isActive():
            self._timer.stop()
            self._compute()
        return self._promise

    def board_made_at(self) -> dt.datetime | None:
        """When the board shown was read (None: none yet)."""
        return self._board.made_at if self._board is not None else None

    def promised_on(self) -> dt.date | None:
        promise = self.promise()
        return promise.report_on if promise is not None else None

    # --- showing ------------------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        self._compute()

    def _compute(self) -> None:
        lines, priority, due_on = self._request
        self._promise = None
        if self._board is not None and lines:
            self._promise = self._board.promise([asked for _label, asked in lines], priority, due_on)
        self._show()

    def _show(self) -> None:
        while self._lines.count():
            widget = self._lines.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        self.request_label.clear()
        self.late_label.hide()
        promise, lines = self._promise, self._request[0]
        if self._state == self.LOADING:
            self.status_label.setText(self.tr("Computing…"))
        elif self._state == self.UNAVAILABLE:
            self.status_label.setText(self.tr("No lab plan available"))
        elif promise is None:
            self.status_label.setText(self.tr("Choose the tests to see when the report can be issued."))
        self.status_label.setVisible(promise is None)
        self._lines_box.setVisible(promise is not None)
        if promise is not None:
            self._show_promise(promise, [label for label, _asked in lines])
        self.promise_shown.emit()

    def _show_promise(self, promise: Promise, labels: list[str]) -> None:
        for row, (label, line) in enumerate(zip(labels, promise.lines, strict=True)):
            name = QLabel(label)
            name.setWordWrap(True)
            if line.report_on is not None:
                when = QLabel(format_date(line.report_on, LINE_DATE))
            else:
                when = QLabel(line.reason)
                when.setWordWrap(True)
                when.setProperty("role", "field-error")
            when.setObjectName("promiseLineDate")
            self._lines.addWidget(name, row, 0)
            self._lines.addWidget(when, row, 1)
        days = promise.days_late
        red = promise.report_on is None or days > 0
        self.request_label.setStyleSheet(f"font-weight: 600; color: {ERROR};" if red else "font-weight: 600;")
        if promise.report_on is None:
            self.request_label.setText(promise.reason)
            return
        self.request_label.setText(self.tr("Whole request: %1").replace("%1", format_date(promise.report_on, "full")))
        if days:
            self.late_label.setText(self.tr("Past the date needed by 1 day") if days == 1
                                    else self.tr("Past the date needed by %1 days").replace("%1", str(days)))
            self.late_label.show()
