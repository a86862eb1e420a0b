"""Where things are on the lab timeline (ui.lab.timeline_canvas): time across, one lane per machine
down; the lanes' heights (overlapping tests stack in rows; a chamber has a load strip under its
bars), a moment's x and an x's moment, the bar under a point, and the 15-minute snap of a move.
Nothing is painted here. Imports Qt's geometry types and the timeline's values only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF

from frontdesk.domain.lab.calendar import at_rome
from frontdesk.services.lab.timeline import DAY, Timeline, TimelineBar, TimelineLane

LABEL_WIDTH = 200  # the machines' names, left of the time axis
HEADER_HEIGHT = 46  # hours or days across the top
RIGHT_MARGIN = 32  # room for the last hour's label
LANE_PADDING = 6
ROW_HEIGHT = 24  # one row of bars; thinner when many tests overlap
MIN_ROW_HEIGHT = 6
ROWS_AREA = 150  # the rows of a crowded lane share this height, down to MIN_ROW_HEIGHT each
LOAD_HEIGHT = 28  # a chamber's load strip
MIN_LANE_HEIGHT = 48
SNAP = dt.timedelta(minutes=15)
DAY_MARGIN = dt.timedelta(hours=1)  # the day view shows the machines' hours with an hour either side


def snapped(moment: dt.datetime) -> dt.datetime:
    """The moment rounded to the nearest quarter of an hour (Rome and UTC quarters are the same)."""
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    quarters = round((moment - epoch) / SNAP)
    return epoch + quarters * SNAP


def shown_window(timeline: Timeline) -> tuple[dt.datetime, dt.datetime]:
    """What the canvas spans: a week whole; a day from the earliest opening of its machines to the
    latest closing, an hour either side (the night is shaded anyway)."""
    if timeline.span != DAY or not timeline.lanes:
        return timeline.start, timeline.end
    opens = min(lane.hours_from for lane in timeline.lanes)
    closes = max(lane.hours_to for lane in timeline.lanes)
    start = max(timeline.start, at_rome(timeline.first, opens) - DAY_MARGIN)
    end = min(timeline.end, at_rome(timeline.first, closes) + DAY_MARGIN)
    return start, end


@dataclass
class LaneBox:
    """A lane on the canvas: its place, and the row each of its bars is drawn in."""

    index: int
    lane: TimelineLane
    top: float
    height: float
    row_height: float
    rows: dict[uuid.UUID, int] = field(default_factory=dict)
    row_count: int = 1

    @property
    def bars_top(self) -> float:
        return self.top + LANE_PADDING

    @property
    def load_top(self) -> float:
        """Where a chamber's load strip starts (its bottom is the lane's)."""
        return self.top + self.height - LANE_PADDING - LOAD_HEIGHT

    def contains(self, y: float) -> bool:
        return self.top <= y < self.top + self.height


def rows_of(bars: tuple[TimelineBar, ...]) -> tuple[dict[uuid.UUID, int], int]:
    """Each bar's row, overlapping bars in separate rows (greedy, by start), and how many rows."""
    ends: list[dt.datetime] = []
    rows: dict[uuid.UUID, int] = {}
    for bar in sorted(bars, key=lambda b: (b.start, b.end)):
        row = next((i for i, end in enumerate(ends) if end <= bar.start), len(ends))
        if row == len(ends):
            ends.append(bar.end)
        else:
            ends[row] = bar.end
        rows[bar.test_id] = row
    return rows, max(len(ends), 1)


class TimelineGeometry:
    """The canvas's layout for a timeline, a shown window and a width."""

    def __init__(self, timeline: Timeline, start: dt.datetime, end: dt.datetime, width: float) -> None:
        self.timeline = timeline
        self.start, self.end = start, end
        self.left = float(LABEL_WIDTH)
        self.right = max(self.left + 100.0, width - RIGHT_MARGIN)
        self.lanes: list[LaneBox] = []
        top = float(HEADER_HEIGHT)
        for index, lane in enumerate(timeline.lanes):
            rows, count = rows_of(lane.bars)
            row_height = max(MIN_ROW_HEIGHT, min(ROW_HEIGHT, ROWS_AREA / count))
            height = max(MIN_LANE_HEIGHT, 2 * LANE_PADDING + count * row_height
                         + (LOAD_HEIGHT + LANE_PADDING if lane.is_chamber else 0))
            self.lanes.append(LaneBox(index, lane, top, height, row_height, rows, count))
            top += height
        self.height = top + 1

    # --- time across --------------------------------------------------------------------------
    def x_of(self, moment: dt.datetime) -> float:
        span = (self.end - self.start).total_seconds()
        return self.left + (moment - self.start).total_seconds() / span * (self.right - self.left)

    def moment_at(self, x: float) -> dt.datetime:
        span = (self.end - self.start).total_seconds()
        return self.start + dt.timedelta(seconds=(x - self.left) / (self.right - self.left) * span)

    def span_rect(self, box: LaneBox, start: dt.datetime, end: dt.datetime | None) -> QRectF:
        """The lane's full height from one moment to another (None: to the right edge), clipped."""
        left = max(self.left, self.x_of(start))
        right = self.right if end is None else min(self.right, self.x_of(end))
        return QRectF(left, box.top, max(0.0, right - left), box.height)

    # --- lanes and bars -----------------------------------------------------------------------
    def lane_at(self, y: float) -> LaneBox | None:
        return next((box for box in self.lanes if box.contains(y)), None)

    def lane_of(self, equipment_id: uuid.UUID) -> LaneBox | None:
        return next((box for box in self.lanes if box.lane.equipment_id == equipment_id), None)

    def bar_rect(self, box: LaneBox, bar: TimelineBar, start: dt.datetime | None = None, row: int | None = None
                 ) -> QRectF:
        """Where a bar is drawn; with `start` (and `row`), where it would be drawn moved there."""
        begins = start or bar.start
        ends = begins + (bar.end - bar.start)
        row = box.rows.get(bar.test_id, 0) if row is None else min(row, box.row_count - 1)
        left, right = self.x_of(begins), self.x_of(ends)
        top = box.bars_top + row * box.row_height
        return QRectF(left, top + 1, max(3.0, right - left), max(2.0, box.row_height - 2))

    def bar_at(self, point: QPointF) -> tuple[LaneBox, TimelineBar] | None:
        """The bar under a point (the topmost drawn, that is the last of its lane)."""
        box = self.lane_at(point.y())
        if box is None or point.x() < self.left:
            return None
        for bar in reversed(box.lane.bars):
            if self.bar_rect(box, bar).contains(point):
                return box, bar
        return None

    def find(self, test_id: uuid.UUID) -> tuple[LaneBox, TimelineBar] | None:
        for box in self.lanes:
            for bar in box.lane.bars:
                if bar.test_id == test_id:
                    return box, bar
        return None

    def in_order(self) -> list[uuid.UUID]:
        """The bars as Tab walks them: lane by lane, each by start."""
        return [bar.test_id for box in self.lanes for bar in box.lane.bars]
