"""How the lab timeline looks: its colours and the painting of each layer (the time axis, a lane's
time off, its out-of-service periods, its calibration lapse, its tests, a chamber's load strip),
on a QPainter the canvas hands over, at places ui.lab.timeline_geometry computes. Imports Qt,
ui.i18n helpers and the timeline's values; holds no state.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from frontdesk.domain.clock import ROME
from frontdesk.i18n import format_date
from frontdesk.services.lab.timeline import CLOSED_DAY, IN_PROGRESS, TimelineBar
from frontdesk.ui.lab.timeline_geometry import LOAD_HEIGHT, LaneBox, TimelineGeometry

TEXT = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
GRID = QColor("#d5d9df")
LANE = QColor("#ffffff")
LANE_ALT = QColor("#f8f9fb")
AFTER_HOURS = QColor("#eceff3")
CLOSED = QColor("#dfe3e8")
PLANNED = QColor("#2f6690")
RUNNING = QColor("#1e7a4c")
DONE = QColor("#b7c0ca")
LATE = QColor("#b3261e")
FLAG = QColor("#e0a100")
PIN = QColor("#1f2933")
SELECTED = QColor("#f08c00")
GHOST = QColor(47, 102, 144, 70)
OUTAGE = QColor("#b3261e")
NOW = QColor("#d9480f")
LOAD_OK, LOAD_HIGH, LOAD_FULL = QColor("#5b9bd5"), QColor("#e0a100"), QColor("#b3261e")


def bar_colour(bar: TimelineBar) -> QColor:
    if bar.done:
        return DONE
    return RUNNING if bar.status == IN_PROGRESS else PLANNED


def load_colour(count: int, capacity: int) -> QColor:
    if count >= capacity:
        return LOAD_FULL
    return LOAD_HIGH if count >= 0.8 * capacity else LOAD_OK


# --- the axis ---------------------------------------------------------------------------------------

def paint_axis(p: QPainter, geo: TimelineGeometry, font: QFont) -> None:
    """Hours across the top for a day, days (with what closes them) for a week; grid lines down."""
    bottom = geo.lanes[-1].top + geo.lanes[-1].height if geo.lanes else geo.height
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    local_start = geo.start.astimezone(ROME)
    if geo.timeline.span == "day":
        hour = local_start.replace(minute=0, second=0, microsecond=0)
        if hour < local_start:
            hour += dt.timedelta(hours=1)
        while hour <= geo.end:
            x = geo.x_of(hour)
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, 30), QPointF(x, bottom))
            p.setPen(TEXT)
            p.setFont(font)
            p.drawText(QRectF(x - 30, 6, 60, 22), Qt.AlignmentFlag.AlignCenter, hour.strftime("%H:%M"))
            hour = (hour + dt.timedelta(hours=1)).astimezone(ROME)
        return
    for day in geo.timeline.days:
        start = dt.datetime.combine(day.day, dt.time(0), tzinfo=ROME)
        left, right = geo.x_of(start), geo.x_of(start + dt.timedelta(days=1))
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(left, 0), QPointF(left, bottom))
        for hh in (6, 12, 18):
            x = geo.x_of(start.replace(hour=hh))
            p.drawLine(QPointF(x, 36), QPointF(x, 44))
        p.setFont(font)
        p.setPen(TEXT if day.working else MUTED)
        p.drawText(QRectF(left, 2, right - left, 20), Qt.AlignmentFlag.AlignCenter,
                   format_date(day.day, "EEE d MMM"))
        if day.why_off:
            p.setFont(small)
            p.setPen(LATE)
            p.drawText(QRectF(left + 2, 20, right - left - 4, 16), Qt.AlignmentFlag.AlignCenter,
                       p.fontMetrics().elidedText(day.why_off, Qt.TextElideMode.ElideRight, int(right - left - 4)))


def paint_now(p: QPainter, geo: TimelineGeometry, now: dt.datetime) -> None:
    if not geo.start <= now < geo.end or not geo.lanes:
        return
    x = geo.x_of(now)
    p.setPen(QPen(NOW, 2))
    p.drawLine(QPointF(x, geo.lanes[0].top), QPointF(x, geo.lanes[-1].top + geo.lanes[-1].height))


# --- a lane -----------------------------------------------------------------------------------------

def paint_lane_background(p: QPainter, geo: TimelineGeometry, box: LaneBox, font: QFont) -> None:
    """The lane, its time off (a closed day says why, where there is room) and its bottom line."""
    p.fillRect(QRectF(geo.left, box.top, geo.right - geo.left, box.height), LANE if box.index % 2 == 0 else LANE_ALT)
    for off in box.lane.off_times:
        if off.end <= geo.start or off.start >= geo.end:
            continue
        rect = geo.span_rect(box, off.start, off.end)
        p.fillRect(rect, CLOSED if off.kind == CLOSED_DAY else AFTER_HOURS)
        if off.kind == CLOSED_DAY and off.why and geo.timeline.span == "day":
            p.setPen(MUTED)
            p.setFont(font)
            p.drawText(rect.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignCenter, off.why)
    p.setPen(QPen(GRID, 1))
    p.drawLine(QPointF(0, box.top + box.height), QPointF(geo.right, box.top + box.height))


def paint_lane_label(p: QPainter, geo: TimelineGeometry, box: LaneBox, font: QFont, selected_lane: bool) -> None:
    """The machine's code and name, and what limits it: its calibration, a chamber's peak load."""
    lane = box.lane
    rect = QRectF(8, box.top + 4, geo.left - 16, box.height - 8)
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(SELECTED if selected_lane else TEXT)
    p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, lane.code)
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    p.setFont(small)
    line = p.fontMetrics().height()
    lines = [(MUTED, lane.name)]
    if lane.valid_until is None:
        lines.append((LATE, QCoreApplication.translate("TimelinePaint", "Never calibrated")))
    elif lane.valid_until < geo.start.astimezone(ROME).date():
        lines.append((LATE, QCoreApplication.translate("TimelinePaint", "Calibration lapsed on {day}").format(
            day=format_date(lane.valid_until))))
    if lane.is_chamber:
        lines.append((TEXT, QCoreApplication.translate("TimelinePaint", "Load: up to {count} of {capacity}").format(
            count=lane.peak_load, capacity=lane.capacity)))
    y = rect.top() + QFontMetricsF(bold).height() + 2
    for colour, text in lines:
        if y + line > box.top + box.height - 2:
            break
        p.setPen(colour)
        p.drawText(QRectF(rect.left(), y, rect.width(), line), Qt.AlignmentFlag.AlignLeft,
                   p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())))
        y += line


def paint_outages(p: QPainter, geo: TimelineGeometry, box: LaneBox, font: QFont) -> None:
    for outage in box.lane.outages:
        rect = geo.span_rect(box, outage.start, outage.end)
        if rect.width() <= 0:
            continue
        p.fillRect(rect, QColor(251, 233, 231, 200))
        p.fillRect(rect, QBrush(OUTAGE, Qt.BrushStyle.BDiagPattern))
        p.setPen(QPen(OUTAGE, 1.5))
        p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        text = QCoreApplication.translate("TimelinePaint", "Out of service: {reason}").format(reason=outage.reason)
        _tag(p, QPointF(rect.left() + 3, box.top + 2), rect.right() - 3, text, font, OUTAGE)


def paint_calibration(p: QPainter, geo: TimelineGeometry, box: LaneBox, font: QFont) -> None:
    """The moment the calibration lapses: a red dashed line, and the time after it hatched."""
    lapses = box.lane.calibration_lapses_at
    if lapses is None or not geo.start <= lapses < geo.end:
        return
    after = geo.span_rect(box, lapses, None)
    p.fillRect(after, QBrush(QColor(179, 38, 30, 70), Qt.BrushStyle.FDiagPattern))
    x = geo.x_of(lapses)
    p.setPen(QPen(LATE, 2, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x, box.top), QPointF(x, box.top + box.height))
    text = QCoreApplication.translate("TimelinePaint", "Calibration valid until {day}").format(
        day=format_date(box.lane.valid_until, "d MMM"))
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    small.setBold(True)
    p.setFont(small)
    width = p.fontMetrics().horizontalAdvance(text) + 8
    left = x - 3 - width if x - 3 - width >= geo.left else x + 3  # before the line: the days it is valid
    _tag(p, QPointF(left, box.top + 2), geo.right, text, font, LATE)


def paint_load(p: QPainter, geo: TimelineGeometry, box: LaneBox, font: QFont) -> None:
    """A chamber's load strip: a step chart of the tests inside against its capacity (the top line)."""
    lane = box.lane
    top = box.load_top
    strip = QRectF(geo.left, top, geo.right - geo.left, LOAD_HEIGHT)
    p.fillRect(strip, QColor(255, 255, 255, 170))
    for step in lane.load:
        if step.count <= 0 or step.end <= geo.start or step.start >= geo.end:
            continue
        left, right = max(geo.left, geo.x_of(step.start)), min(geo.right, geo.x_of(step.end))
        height = LOAD_HEIGHT * min(1.0, step.count / lane.capacity)
        p.fillRect(QRectF(left, top + LOAD_HEIGHT - height, right - left, height),
                   load_colour(step.count, lane.capacity))
        if right - left > 34:
            small = QFont(font)
            small.setPointSizeF(font.pointSizeF() * 0.8)
            p.setFont(small)
            p.setPen(QColor("white") if step.count >= 0.6 * lane.capacity else TEXT)  # on its fill, or above it
            p.drawText(QRectF(left + 3, top, right - left - 6, LOAD_HEIGHT - 2),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"{step.count}/{lane.capacity}")
    p.setPen(QPen(MUTED, 1, Qt.PenStyle.DotLine))
    p.drawLine(QPointF(geo.left, top), QPointF(geo.right, top))


def _tag(p: QPainter, at: QPointF, right: float, text: str, font: QFont, colour: QColor) -> None:
    """A small bold label on a white ground from `at`, cut (elided) at `right`."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    small.setBold(True)
    p.setFont(small)
    metrics = p.fontMetrics()
    width = min(metrics.horizontalAdvance(text) + 8, right - at.x())
    if width < 30:
        return
    label = QRectF(at.x(), at.y(), width, metrics.height() + 2)
    p.fillRect(label, QColor(255, 255, 255, 225))
    p.setPen(colour)
    p.drawText(label, Qt.AlignmentFlag.AlignCenter,
               metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 8)))


# --- a test -----------------------------------------------------------------------------------------

def at_risk(bar: TimelineBar) -> bool:
    """Late and not yet done: what the lab manager must look at (a test done late is history)."""
    return bar.late_by is not None and not bar.done


def paint_bar(p: QPainter, rect: QRectF, bar: TimelineBar, font: QFont, *, left: float, selected: bool,
              faded: bool) -> None:
    """A test: its status's colour; late: red hatching and a red border; flagged: an amber corner;
    pinned: a dark outline and a pin; selected: an orange ring. Its text starts at `left` (the
    axis) when the bar began before the shown time."""
    p.save()
    if faded:
        p.setOpacity(0.35)
    colour = bar_colour(bar)
    p.fillRect(rect, colour)
    if at_risk(bar):
        p.fillRect(rect, QBrush(QColor(179, 38, 30, 150), Qt.BrushStyle.BDiagPattern))
        p.setPen(QPen(LATE, 2))
    elif bar.pinned:
        p.setPen(QPen(PIN, 2))
    else:
        p.setPen(QPen(colour.darker(130), 1))
    p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    right = rect.right()
    if bar.pinned and rect.height() >= 10 and rect.width() >= 14:
        right -= 12
        _pin(p, QPointF(right + 6, rect.top() + rect.height() / 2))
    if bar.plan_flag and rect.width() >= 8:
        size = min(10.0, rect.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(FLAG)
        p.drawPolygon(QPolygonF([rect.topLeft(), rect.topLeft() + QPointF(size, 0),
                                 rect.topLeft() + QPointF(0, size)]))
    text_left = max(rect.left(), left)
    if rect.height() >= 12 and right - text_left > 24:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        p.setFont(small)
        p.setPen(TEXT if bar.done else QColor("white"))
        inner = QRectF(text_left + 4, rect.top(), right - text_left - 6, rect.height())
        metrics = p.fontMetrics()
        texts = (f"{bar.sample_lab_id} · {bar.test_name}", bar.sample_lab_id)  # the sample first of all
        text = next((t for t in texts if metrics.horizontalAdvance(t) <= inner.width()),
                    metrics.elidedText(bar.sample_lab_id, Qt.TextElideMode.ElideLeft, int(inner.width())))
        p.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    p.restore()
    if selected:
        p.setPen(QPen(SELECTED, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect.adjusted(-2, -2, 2, 2))


def _pin(p: QPainter, centre: QPointF) -> None:
    """A drawing pin: a round head and a short needle (fonts offscreen may lack the emoji)."""
    p.setPen(QPen(QColor("white"), 1.5))
    p.drawLine(centre + QPointF(0, 1), centre + QPointF(0, 6))
    path = QPainterPath()
    path.addEllipse(centre + QPointF(0, -2), 4, 4)
    p.fillPath(path, QColor("#e8590c"))
    p.setPen(QPen(QColor("white"), 1))
    p.drawPath(path)


def paint_ghost(p: QPainter, rect: QRectF) -> None:
    """Where a test is being moved to, before the move is confirmed."""
    p.fillRect(rect, GHOST)
    p.setPen(QPen(SELECTED, 2, Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
