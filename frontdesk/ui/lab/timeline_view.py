"""The Lab timeline screen (the lab manager's plan): a day or a week, one lane per machine
(ui.lab.timeline_canvas), with when the automatic plan was last computed and how many tests it
leaves late or unplaced.

A move on the canvas is made by services.lab.planning.plan_test in the background, with the test's
technician, the start the person saw (a move someone else made meanwhile is a Conflict: its message
shows and the timeline reloads) and pinned, so the automatic plan leaves it; a refusal shows its
reason in a bubble where the move was attempted and on the red banner, and nothing changes. P pins
or unpins (pin_test). Ctrl+Left/Right: the day or week before or after; Ctrl+Home: today. The
screen reloads when it is shown and when lab tables change (here, in another window, by a sync).

Imports Qt, ui helpers and the lab services; never the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRect, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import Conflict, NotFound
from frontdesk.i18n import format_date, format_datetime
from frontdesk.services.lab.planning import pin_test, plan_test
from frontdesk.services.lab.timeline import DAY, WEEK, Timeline, lab_timeline, range_of
from frontdesk.ui.lab.timeline_canvas import MoveRequest, TimelineCanvas
from frontdesk.ui.reception.scan_input import ERROR, ScanBanner
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background

DAY_STEP, WEEK_STEP = dt.timedelta(minutes=15), dt.timedelta(days=1)  # what Alt+Left/Right moves a test by
CAUSES = {
    "night": QT_TRANSLATE_NOOP("TimelineView", "the first run of the day"),
    "change": QT_TRANSLATE_NOOP("TimelineView", "after a change"),
    "outage": QT_TRANSLATE_NOOP("TimelineView", "after a machine went out of service"),
    "manual": QT_TRANSLATE_NOOP("TimelineView", "on request"),
}


class TimelineView(AreaView):
    areas = frozenset({"lab_test", "lab_equipment", "lab_calibration", "lab_out_of_service", "lab_closure",
                       "lab_plan_run", "lab_request", "lab_sample", "settings", "staff", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._loads = NewestWins()
        self._day = today_in_rome()
        self._span = DAY
        self._loaded = False

        title = QLabel(self.tr("Lab timeline"))
        title.setProperty("role", "title")
        self.day_button = QPushButton(self.tr("Day"))
        self.week_button = QPushButton(self.tr("Week"))
        self.spans = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            self.spans.addButton(button)
        self.day_button.setChecked(True)
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("The day or week before (Ctrl+Left)"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Today (Ctrl+Home)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("The day or week after (Ctrl+Right)"))
        self.range_label = QLabel()
        self.range_label.setObjectName("timelineRange")
        self.range_label.setProperty("role", "subtitle")
        self.plan_label = QLabel()
        self.plan_label.setObjectName("timelinePlan")
        self.plan_label.setProperty("role", "muted")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("timelineCounts")
        toolbar = QHBoxLayout()
        for widget in (self.day_button, self.week_button):
            toolbar.addWidget(widget)
        toolbar.addSpacing(12)
        for widget in (self.previous_button, self.today_button, self.next_button):
            toolbar.addWidget(widget)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.range_label)
        toolbar.addStretch(1)

        hint = QLabel(self.tr("Drag a planned test to another time or machine, or choose it with Tab and the arrows, "
                              "move it with Alt+arrows and press Enter; Esc cancels, P pins it. A test moved by hand "
                              "is pinned: the automatic plan leaves it."))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.banner = ScanBanner(self)
        self.empty = QLabel(self.tr("No machine in use: add the lab's machines under Equipment and calendar."))
        self.empty.setProperty("role", "muted")
        self.empty.hide()
        self.canvas = TimelineCanvas()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("timelineScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.canvas)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.plan_label)
        heading.addSpacing(12)
        heading.addWidget(self.counts_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addLayout(toolbar)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll, 1)

        self.day_button.clicked.connect(lambda: self.set_span(DAY))
        self.week_button.clicked.connect(lambda: self.set_span(WEEK))
        self.previous_button.clicked.connect(lambda: self.move_range(-1))
        self.next_button.clicked.connect(lambda: self.move_range(1))
        self.today_button.clicked.connect(lambda: self.show_day(today_in_rome()))
        for keys, slot in (("Ctrl+Left", lambda: self.move_range(-1)), ("Ctrl+Right", lambda: self.move_range(1)),
                           ("Ctrl+Home", lambda: self.show_day(today_in_rome()))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.canvas.move_requested.connect(self._on_canvas_move_requested)
        self.canvas.pin_requested.connect(self._on_canvas_pin_requested)
        self.canvas.scroll_wanted.connect(self._on_canvas_scroll_wanted)

    # --- what is shown --------------------------------------------------------------------------
    def span(self) -> str:
        return self._span

    def shown_day(self) -> dt.date:
        return self._day

    def set_span(self, span: str) -> None:
        self._span = span
        (self.day_button if span == DAY else self.week_button).setChecked(True)
        self.reload()

    def show_day(self, day: dt.date) -> None:
        self._day = day
        self.reload()

    def move_range(self, step: int) -> None:
        self.show_day(self._day + dt.timedelta(days=step * (1 if self._span == DAY else 7)))

    def focus_first(self) -> None:
        self.canvas.setFocus()

    def reload(self) -> None:
        ticket, db, day, span = self._loads.next(), self._db, self._day, self._span
        first, last = range_of(day, span)
        self.range_label.setText(format_date(first, "EEEE d MMMM yyyy") if span == DAY else self.tr(
            "{first} to {last}").format(first=format_date(first, "d MMMM"), last=format_date(last, "d MMMM yyyy")))
        run_in_background(self, lambda: lab_timeline(db, day=day, span=span),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, timeline: Timeline) -> None:
        self._loaded = True
        self.canvas.set_timeline(timeline, step=DAY_STEP if timeline.span == DAY else WEEK_STEP)
        self.empty.setVisible(not timeline.lanes)
        run = timeline.latest_run
        if run is None:
            self.plan_label.setText(self.tr("No automatic plan computed yet"))
            self.counts_label.clear()
        else:
            cause = CAUSES.get(run.cause)
            self.plan_label.setText(self.tr("Plan computed on {day} at {time} ({cause})").format(
                day=format_datetime(run.made_at, "d MMMM"),
                time=format_datetime(run.made_at, "HH:mm"), cause=self.tr(cause) if cause else run.cause))
            self.counts_label.setText(self.tr("Late: {late} · Not placed: {unplaced}").format(
                late=run.late, unplaced=run.unplaced))
            worrying = run.late or run.unplaced
            self.counts_label.setStyleSheet("color: #b3261e; font-weight: 600;" if worrying else "color: #1e6b3a;")
        self.data_loaded.emit()

    def showEvent(self, event) -> None:
        """Shown again: what it shows may have changed (the day, the plan) while it was hidden."""
        was_stale = self._stale
        super().showEvent(event)
        if self._loaded and not was_stale:
            self.reload()

    # --- moves ----------------------------------------------------------------------------------
    def _on_canvas_move_requested(self, move: MoveRequest) -> None:
        db, actor, bar = self._db, self.context.actor, move.bar
        self.banner.hide()
        task = run_in_background(
            self, lambda: plan_test(db, test_id=bar.test_id, equipment_id=move.equipment_id, start=move.start,
                                    technician_id=bar.technician_id, actor=actor, expected_start=bar.start,
                                    pin=True),
            write=True, on_success=lambda planned: self._on_moved(move, planned),
            on_error=lambda error: self._on_move_refused(move, error), key=f"timeline-move:{id(self)}:{bar.test_id}")
        if task is None:  # the same test's move is still being saved
            self.canvas.cancel_move()

    def _on_moved(self, move: MoveRequest, planned) -> None:
        self.notice_shown.emit(self.tr("Moved and pinned: {sample}, {start}").format(
            sample=move.bar.sample_lab_id, start=format_datetime(planned.planned_start, "EEE d MMM, HH:mm")))

    def _on_move_refused(self, move: MoveRequest, error) -> None:
        self.canvas.show_refusal(error.message, move.point)
        self.banner.show_result(ERROR, error.message)
        if isinstance(error, Conflict | NotFound):  # what is shown is out of date: show what is there now
            self.reload()

    def _on_canvas_pin_requested(self, bar, pinned: bool) -> None:
        db, actor = self._db, self.context.actor
        self.banner.hide()
        run_in_background(self, lambda: pin_test(db, test_id=bar.test_id, pinned=pinned, actor=actor), write=True,
                          on_error=lambda error: self.banner.show_result(ERROR, error.message),
                          key=f"timeline-pin:{id(self)}:{bar.test_id}")

    def _on_canvas_scroll_wanted(self, rect: QRect) -> None:
        self.scroll.ensureVisible(rect.center().x(), rect.center().y(), rect.width() // 2, rect.height() // 2)

