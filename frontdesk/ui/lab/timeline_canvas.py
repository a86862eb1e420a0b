"""The lab timeline's canvas: one lane per machine, time across, the tests as bars (painted by
ui.lab.timeline_paint at places ui.lab.timeline_geometry computes), and the moves a person makes.

Moves: drag a planned test (not one started or done) to another time, or to another lane of a
machine of the same kind, snapped to 15 minutes; or select it from the keyboard (Tab, arrows),
move it with Alt+Left/Right (15 minutes in a day, a day in a week) and Alt+Up/Down (the machine
above or below of the same kind), then Enter; Esc drops the move; P pins or unpins it. The canvas
only asks (`move_requested`, `pin_requested`): the view runs the planning service and answers with
`move_refused` (the reason shows in a bubble where the move was attempted, the bar goes back) or
a new timeline. Imports Qt, ui helpers and the timeline's values; never a service.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from frontdesk.domain.clock import ROME, utcnow
from frontdesk.services.lab.timeline import Timeline, TimelineBar
from frontdesk.ui.lab.timeline_geometry import LOAD_HEIGHT, TimelineGeometry, shown_window, snapped
from frontdesk.ui.lab.timeline_paint import (
    paint_axis,
    paint_bar,
    paint_calibration,
    paint_ghost,
    paint_lane_background,
    paint_lane_label,
    paint_load,
    paint_now,
    paint_outages,
)
from frontdesk.ui.lab.timeline_tips import bar_tip, load_tip, machine_tip, outage_tip

BUBBLE_MS = 10_000


@dataclass(frozen=True)
class MoveRequest:
    """A move asked for: the test as shown, where to, and where on the canvas to answer."""

    bar: TimelineBar
    equipment_id: uuid.UUID
    start: dt.datetime
    point: QPoint


@dataclass(frozen=True)
class _Target:
    test_id: uuid.UUID
    lane: int  # the lane's index
    start: dt.datetime


@dataclass
class _Drag:
    test_id: uuid.UUID
    lane: int
    pressed_at: QPointF
    moving: bool = False
    target: _Target | None = None


def shifted(moment: dt.datetime, shift: dt.timedelta) -> dt.datetime:
    """A moment moved by whole days on the Rome wall clock (09:00 stays 09:00 across a clock
    change), or by a part of a day in elapsed time."""
    if shift % dt.timedelta(days=1):
        return moment + shift
    return (moment.astimezone(ROME) + shift).astimezone(dt.UTC)


class TimelineCanvas(QWidget):
    move_requested = Signal(object)  # MoveRequest
    pin_requested = Signal(object, bool)  # the bar, pinned or not
    selection_changed = Signal(object)  # the selected test's id, or None
    scroll_wanted = Signal(QRect)  # make this part visible (a bar chosen from the keyboard)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._timeline: Timeline | None = None
        self._geo: TimelineGeometry | None = None
        self._step = dt.timedelta(minutes=15)
        self._selected: uuid.UUID | None = None
        self._pending: _Target | None = None  # a keyboard move not yet confirmed
        self._in_flight: _Target | None = None  # a move asked for, not yet answered
        self._drag: _Drag | None = None
        self.now = utcnow  # what "now" is (tests fix it)
        self.bubble = QLabel(self)
        self.bubble.setObjectName("timelineBubble")
        self.bubble.setWordWrap(True)
        self.bubble.setTextFormat(Qt.TextFormat.PlainText)
        self.bubble.setStyleSheet("QLabel#timelineBubble { background: #b3261e; color: white; border-radius: 6px;"
                                  " padding: 8px 10px; font-weight: 600; }")
        self.bubble.hide()
        self._bubble_timer = QTimer(self)
        self._bubble_timer.setSingleShot(True)
        self._bubble_timer.timeout.connect(self.bubble.hide)

    # --- what is shown ----------------------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, *, step: dt.timedelta) -> None:
        """Show a timeline (a reload drops any move in progress); the selection stays if its test does."""
        self._timeline, self._step = timeline, step
        self._pending = self._in_flight = self._drag = None
        self._layout()
        if self._selected is not None and self.geometry_().find(self._selected) is None:
            self._select(None)
        self.update()

    def timeline(self) -> Timeline | None:
        return self._timeline

    def geometry_(self) -> TimelineGeometry:
        if self._geo is None:
            raise RuntimeError("no timeline shown yet")
        return self._geo

    def _layout(self) -> None:
        if self._timeline is None:
            return
        start, end = shown_window(self._timeline)
        self._geo = TimelineGeometry(self._timeline, start, end, self.width())
        self.setMinimumHeight(int(self._geo.height))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout()

    def sizeHint(self):
        size = super().sizeHint()
        if self._geo is not None:
            size.setHeight(int(self._geo.height))
        return size

    # --- selection and moves --------------------------------------------------------------------
    def selected_bar(self) -> TimelineBar | None:
        found = self._geo.find(self._selected) if self._geo is not None and self._selected else None
        return found[1] if found else None

    def select(self, test_id: uuid.UUID | None) -> None:
        self._pending = None
        self._select(test_id)

    def _select(self, test_id: uuid.UUID | None) -> None:
        if test_id != self._selected:
            self._selected = test_id
            self.selection_changed.emit(test_id)
        found = self._geo.find(test_id) if self._geo is not None and test_id else None
        if found:
            self.scroll_wanted.emit(self._geo.bar_rect(*found).toAlignedRect().adjusted(-20, -20, 20, 20))
        self.update()

    def pending_move(self) -> tuple[uuid.UUID, dt.datetime] | None:
        """The keyboard move waiting for Enter: the machine and the start, or None."""
        if self._pending is None:
            return None
        return self.geometry_().lanes[self._pending.lane].lane.equipment_id, self._pending.start

    def cancel_move(self) -> None:
        """Drop the move waiting for Enter, or the one that was refused: the bar goes back."""
        self._pending = self._in_flight = None
        self.update()

    def show_refusal(self, message: str, point: QPoint) -> None:
        """The reason a move was refused, in a bubble where it was attempted; the bar goes back."""
        self.cancel_move()
        width = min(420, max(200, self.width() - 20))
        self.bubble.setFixedWidth(width)
        self.bubble.setText(message)
        self.bubble.adjustSize()
        height = self.bubble.sizeHint().height()
        x = min(max(4, point.x() - width // 2), max(4, self.width() - width - 4))
        y = point.y() - height - 14
        if y < 0:
            y = point.y() + 18
        self.bubble.setGeometry(x, y, width, height)
        self.bubble.raise_()
        self.bubble.show()
        self._bubble_timer.start(BUBBLE_MS)

    def _ask_move(self, target: _Target, point: QPoint) -> None:
        found = self.geometry_().find(target.test_id)
        if found is None:
            return
        bar = found[1]
        lane = self.geometry_().lanes[target.lane].lane
        if lane.equipment_id == bar.equipment_id and target.start == bar.start:
            self.cancel_move()
            return
        self._pending, self._in_flight = None, target
        self.update()
        self.move_requested.emit(MoveRequest(bar, lane.equipment_id, target.start, point))

    def _target_rect(self, target: _Target) -> QRectF:
        geo = self.geometry_()
        box, bar = geo.find(target.test_id)
        return geo.bar_rect(geo.lanes[target.lane], bar, target.start, box.rows.get(bar.test_id, 0))

    def target_point(self) -> QPoint:
        """The middle of where the pending (or asked) move would put its test."""
        target = self._pending or self._in_flight
        return self._target_rect(target).center().toPoint() if target else QPoint()

    # --- keyboard ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        if self._geo is None:
            super().keyPressEvent(event)
            return
        if key in arrows and alt:
            self._move_by_key(key)
        elif key in arrows:
            self._walk(key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pending is not None:
            self._ask_move(self._pending, self.target_point())
        elif key == Qt.Key.Key_Escape and (self._pending is not None or self.bubble.isVisible()):
            self.bubble.hide()
            self.cancel_move()
        elif key == Qt.Key.Key_P and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            bar = self.selected_bar()
            if bar is not None:
                self.pin_requested.emit(bar, not bar.pinned)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _walk(self, key: Qt.Key) -> None:
        """Arrows choose a bar: Left/Right along its lane, Up/Down the nearest in the lane above or below."""
        geo = self.geometry_()
        found = geo.find(self._selected) if self._selected else None
        if found is None:
            order = geo.in_order()
            if order:
                self.select(order[0])
            return
        box, bar = found
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            bars = list(box.lane.bars)
            i = bars.index(bar) + (1 if key == Qt.Key.Key_Right else -1)
            if 0 <= i < len(bars):
                self.select(bars[i].test_id)
            return
        step = 1 if key == Qt.Key.Key_Down else -1
        index = box.index + step
        while 0 <= index < len(geo.lanes):
            bars = geo.lanes[index].lane.bars
            if bars:
                nearest = min(bars, key=lambda b: abs((b.start - bar.start).total_seconds()))
                self.select(nearest.test_id)
                return
            index += step

    def _move_by_key(self, key: Qt.Key) -> None:
        geo = self.geometry_()
        bar = self.selected_bar()
        if bar is None or not bar.movable:
            return
        self.bubble.hide()
        box = geo.lane_of(bar.equipment_id)
        current = self._pending or _Target(bar.test_id, box.index, bar.start)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            shift = self._step if key == Qt.Key.Key_Right else -self._step
            target = _Target(bar.test_id, current.lane, snapped(shifted(current.start, shift)))
            if not geo.start <= target.start < geo.end:  # not past what is shown: the ghost must be seen
                return
        else:
            lane = self._same_kind(current.lane, 1 if key == Qt.Key.Key_Down else -1, box.lane.kind)
            if lane is None:
                return
            target = _Target(bar.test_id, lane, current.start)
        self._pending = target
        self.scroll_wanted.emit(self._target_rect(target).toAlignedRect().adjusted(-20, -20, 20, 20))
        self.update()

    def _same_kind(self, index: int, step: int, kind: str) -> int | None:
        lanes = self.geometry_().lanes
        index += step
        while 0 <= index < len(lanes):
            if lanes[index].lane.kind == kind:
                return index
            index += step
        return None

    def focusNextPrevChild(self, next_: bool) -> bool:
        """Tab and Shift+Tab walk the bars; past the last (or the first) the focus leaves the canvas."""
        order = self.geometry_().in_order() if self._geo is not None else []
        if self._selected in order:
            i = order.index(self._selected) + (1 if next_ else -1)
            if 0 <= i < len(order):
                self.select(order[i])
                return True
        return super().focusNextPrevChild(next_)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self._selected is None and self._geo is not None:
            order = self._geo.in_order()
            if order:
                backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
                self.select(order[-1] if backwards else order[0])
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- mouse ------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._geo is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.bubble.hide()
        self._pending = None
        hit = self._geo.bar_at(event.position())
        self._select(hit[1].test_id if hit else None)
        if hit and hit[1].movable and self._in_flight is None:
            self._drag = _Drag(hit[1].test_id, hit[0].index, event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None or self._geo is None:
            return
        if not drag.moving:
            if (event.position() - drag.pressed_at).manhattanLength() < QApplication.startDragDistance():
                return
            drag.moving = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        geo = self._geo
        box, bar = geo.find(drag.test_id)
        over = geo.lane_at(event.position().y())
        lane = over.index if over is not None and over.lane.kind == box.lane.kind else drag.lane
        shift = geo.moment_at(event.position().x()) - geo.moment_at(drag.pressed_at.x())
        drag.target = _Target(bar.test_id, lane, snapped(bar.start + shift))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.unsetCursor()
        if drag is not None and drag.moving and drag.target is not None:
            self._ask_move(drag.target, event.position().toPoint())
        self.update()

    # --- tooltips ---------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPoint) -> str:
        """What a tooltip says at a point: a test, a chamber's load, an outage, a machine."""
        if self._geo is None:
            return ""
        geo, at = self._geo, QPointF(point)
        hit = geo.bar_at(at)
        if hit is not None:
            return bar_tip(hit[1])
        box = geo.lane_at(at.y())
        if box is None:
            return ""
        if at.x() < geo.left:
            return machine_tip(box.lane)
        moment = geo.moment_at(at.x())
        if box.lane.is_chamber and box.load_top <= at.y() <= box.load_top + LOAD_HEIGHT:
            step = next((s for s in box.lane.load if s.start <= moment < s.end), None)
            if step is not None:
                return load_tip(step, box.lane.capacity)
        outage = next((o for o in box.lane.outages if o.start <= moment and (o.end is None or moment < o.end)), None)
        return outage_tip(outage) if outage is not None else ""

    # --- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(event.rect(), self.palette().window())
        if self._geo is None:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        geo, font = self._geo, QFont(self.font())
        moving = self._moving_target()
        exposed = QRectF(event.rect())
        # Only the lanes in sight (in the scroll area, a crowded week is much taller than the screen).
        shown = [box for box in geo.lanes if exposed.intersects(QRectF(0, box.top, self.width(), box.height))]
        for box in shown:
            paint_lane_background(p, geo, box, font)
        paint_axis(p, geo, font)
        for box in shown:
            target_lane = moving is not None and moving.lane == box.index
            paint_lane_label(p, geo, box, font, target_lane)
            p.save()
            p.setClipRect(QRectF(geo.left, box.top, geo.right - geo.left, box.height))
            paint_outages(p, geo, box, font)
            if box.lane.is_chamber:
                paint_load(p, geo, box, font)
            for bar in box.lane.bars:
                rect = geo.bar_rect(box, bar)
                if rect.intersects(exposed):
                    paint_bar(p, rect, bar, font, left=geo.left, selected=bar.test_id == self._selected,
                              faded=moving is not None and moving.test_id == bar.test_id)
            paint_calibration(p, geo, box, font)
            p.restore()
        if moving is not None:
            paint_ghost(p, self._target_rect(moving))
        paint_now(p, geo, self.now())
        if self.hasFocus() and self._selected is None:
            p.setPen(self.palette().highlight().color())
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def _moving_target(self) -> _Target | None:
        if self._drag is not None and self._drag.moving:
            return self._drag.target
        return self._pending or self._in_flight

