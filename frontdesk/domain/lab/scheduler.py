"""The lab's automatic plan: pending tests placed on machines under the planning rules (pure).

The rules are the planning's (`planning.check_slot` checks one slot; this module finds many):
a machine works on the lab's working days (`LabCalendar`) that are its weekdays, in its hours; a
one-at-a-time machine runs a test inside one day's hours; a continuous chamber runs through nights
and holidays, loaded and unloaded in working hours; a machine never holds more tests at once than
its capacity; no test ends after the calibration lapses (`planning.calibration_lapses_at`) nor
overlaps an out-of-service period; a test starts only once released and prepared; a technician
authorised for the test type is present (`LabCalendar.technician_absence`) on the day the test
runs, or, for a chamber, on the days it is loaded and unloaded (the test goes to who loads it).

The heuristic: pinned tests and tests starting within the stable window keep their slots; the
others, urgent first, then by due date (EDD), then release, each take the earliest feasible start
on any machine of their kind. With `improve` (off: the plain EDD baseline), a normal test that
would end late takes the place of the longest normal test before it on its machine when that puts
it on time, and the longer one is placed again after all the others (Moore–Hodgson's rule: one
late test for one on time, and the long one's hours left to the tests that follow); when none before
it is longer, the late test goes first and the normal tests before it on its machine are placed again
after it, kept when fewer are late, else the late test is placed again after all the others.
Urgent tests are placed before every normal test, each at its earliest feasible start, so no normal
test takes a slot an urgent one could have used.

Time inside is whole minutes after `now` (floored to the minute); each machine keeps its load as a
step function over sorted breakpoints, so a plan of 10,000 tests on 30 machines takes about a second.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from frontdesk.domain.lab.calendar import LabCalendar, TechnicianSchedule, at_rome, rome_day_of
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.planning import CALIBRATION, HOURS, KIND, TECHNICIAN, TOO_LONG, Outage, calibration_lapses_at
from frontdesk.i18n import _, format_date

NORMAL, URGENT = "normal", "urgent"
STABLE_DAYS = 2
HORIZON_DAYS = 366
HORIZON = "horizon"  # no slot within the plan's horizon
_NEVER = -(1 << 40)
_CANDIDATES = 40  # tests before a late one on its machine that it may take the place of


@dataclass(frozen=True)
class PendingTest:
    """A test waiting for (or holding) a slot; `kind` is the machine kind it needs, `test_type` its
    method (what technicians are authorised for); moments are aware datetimes. A `running` test is
    in the plan only to hold its machine (kept, or left out when its machine failed)."""

    __test__ = False
    id: uuid.UUID
    test_type: str
    kind: str
    machine_minutes: int
    prep_min: int = 0
    priority: str = NORMAL
    due_on: dt.date | None = None
    released_at: dt.datetime | None = None
    pinned: PlacedSlot | None = None
    current: PlacedSlot | None = None
    running: bool = False  # in progress on its `pinned` slot: holds the machine, never moved nor planned again


@dataclass(frozen=True)
class PlacedSlot:
    machine_id: uuid.UUID
    start: dt.datetime
    end: dt.datetime
    technician_id: uuid.UUID | None = None


@dataclass(frozen=True)
class LabMachine:
    """A machine with what limits it in time: calibration valid until a day (None: never) and outages."""

    machine: Machine
    valid_until: dt.date | None
    outages: tuple[Outage, ...] = ()


@dataclass(frozen=True)
class Technician:
    schedule: TechnicianSchedule
    test_types: frozenset[str]


@dataclass(frozen=True)
class Planned:
    test_id: uuid.UUID
    machine_id: uuid.UUID
    start: dt.datetime
    end: dt.datetime
    technician_id: uuid.UUID | None  # a chamber's: who loads it (and unloads it when present)
    kept: bool = False  # pinned or in the stable window


@dataclass(frozen=True)
class Unplaced:
    test_id: uuid.UUID
    rule: str
    reason: str


@dataclass(frozen=True)
class Late:
    test_id: uuid.UUID
    due_on: dt.date
    by: dt.timedelta

    @property
    def reason(self) -> str:
        hours = self.by.days * 24 + -(-self.by.seconds // 3600)  # whole hours, rounded up
        return _("{days} d {hours} h late: due by {due}.").format(
            days=hours // 24, hours=hours % 24, due=format_date(self.due_on, "text"))


@dataclass(frozen=True)
class Plan:
    made_at: dt.datetime
    planned: dict[uuid.UUID, Planned]
    unplaced: tuple[Unplaced, ...]
    late: tuple[Late, ...]


@dataclass(frozen=True)
class LabState:
    """Everything the plan is made from."""

    calendar: LabCalendar
    machines: tuple[LabMachine, ...]
    technicians: tuple[Technician, ...]
    now: dt.datetime
    stable_days: int = STABLE_DAYS
    horizon_days: int = HORIZON_DAYS


class _NoSlot(Exception):
    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


@dataclass(eq=False)
class _Lane:
    """One machine's time: working windows, limits, and its load as a step function."""

    machine: Machine
    opens: list[int]
    closes: list[int]
    days: list[dt.date]
    lapse: int  # the minute the calibration lapses (_NEVER: never calibrated)
    blocks: list[tuple[int, int]]
    times: list[int] = field(default_factory=lambda: [-1 << 40])
    load: list[int] = field(default_factory=lambda: [0])
    cache: dict = field(default_factory=dict)  # (type, minutes, ready) -> a start no earlier than the earliest
    staffed: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, start: int, end: int, step: int) -> None:
        first, last = self._cut(start), self._cut(end)
        for i in range(first, last):
            self.load[i] += step
        if step < 0:
            self.cache.clear()

    def _cut(self, moment: int) -> int:
        i = bisect_right(self.times, moment) - 1
        if self.times[i] != moment:
            i += 1
            self.times.insert(i, moment)
            self.load.insert(i, self.load[i - 1])
        return i

    def free_from(self, start: int, end: int) -> int | None:
        """None if [start, end) is below capacity throughout, else the first moment after the block."""
        times, load, capacity = self.times, self.load, self.machine.capacity
        i, count = bisect_right(times, start) - 1, len(times)
        while i < count and times[i] < end:
            if load[i] >= capacity:
                while i < count and load[i] >= capacity:
                    i += 1
                return times[i] if i < count else 1 << 40
            i += 1
        for b_start, b_end in self.blocks:
            if b_start < end and b_end > start:
                return b_end
        return None


class _Planner:
    def __init__(self, state: LabState) -> None:
        self.state = state
        self.epoch = state.now.astimezone(dt.UTC).replace(second=0, microsecond=0)
        self.today = rome_day_of(self.epoch)
        self.last_day = self.today + dt.timedelta(days=state.horizon_days)
        self.end = self.minutes(at_rome(self.last_day + dt.timedelta(days=1), dt.time(0)))
        windows: dict[tuple, tuple[list[int], list[int], list[dt.date]]] = {}
        self.lanes: dict[uuid.UUID, _Lane] = {}
        self.by_kind: dict[str, list[_Lane]] = {}
        for item in state.machines:
            machine = item.machine
            key = (machine.hours_from, machine.hours_to, machine.weekdays)
            if key not in windows:
                windows[key] = self._windows(machine)
            opens, closes, days = windows[key]
            lapse = _NEVER if item.valid_until is None else self.minutes(calibration_lapses_at(item.valid_until))
            blocks = [(self.minutes(o.starts_at), self.end if o.ends_at is None else self.minutes(o.ends_at))
                      for o in item.outages]
            lane = _Lane(machine, opens, closes, days, lapse, blocks)
            self.lanes[machine.id] = lane
            if machine.active:
                self.by_kind.setdefault(machine.kind, []).append(lane)
        self.present: dict[tuple[str, dt.date], list[uuid.UUID]] = {}
        self.booked: dict[tuple[uuid.UUID, dt.date], int] = {}

    def minutes(self, moment: dt.datetime) -> int:
        return int((moment - self.epoch).total_seconds() // 60)

    def moment(self, minutes: int) -> dt.datetime:
        return self.epoch + dt.timedelta(minutes=minutes)

    def _windows(self, machine: Machine) -> tuple[list[int], list[int], list[dt.date]]:
        opens, closes, days = [], [], []
        if machine.minutes_a_day() <= 0:
            return opens, closes, days
        day = self.today
        while day <= self.last_day:
            if machine.works_on(day) and self.state.calendar.is_working_day(day):
                opens.append(self.minutes(at_rome(day, machine.hours_from)))
                closes.append(self.minutes(at_rome(day, machine.hours_to)))
                days.append(day)
            day += dt.timedelta(days=1)
        return opens, closes, days

    def technicians(self, test_type: str, day: dt.date) -> list[uuid.UUID]:
        key = (test_type, day)
        found = self.present.get(key)
        if found is None:
            calendar = self.state.calendar
            found = [t.schedule.staff_id for t in self.state.technicians if test_type in t.test_types
                     and calendar.technician_absence(t.schedule, day) is None]
            self.present[key] = found
        return found

    def staffed(self, lane: _Lane, test_type: str) -> list[bool]:
        """For each of the lane's working windows, whether someone authorised for the type is there."""
        found = lane.staffed.get(test_type)
        if found is None:
            found = lane.staffed[test_type] = [bool(self.technicians(test_type, day)) for day in lane.days]
        return found

    def earliest(self, lane: _Lane, test: PendingTest, ready: int) -> int:
        """The earliest feasible start on the lane from `ready`, or _NoSlot with the rule that stops it."""
        key = (test.test_type, test.machine_minutes, ready)
        start = max(ready, lane.cache.get(key, ready))
        found = (self._chamber if lane.machine.continuous else self._bench)(lane, test, start)
        lane.cache[key] = found
        return found

    def _bench(self, lane: _Lane, test: PendingTest, start: int) -> int:
        minutes, opens, closes = test.machine_minutes, lane.opens, lane.closes
        staffed = self.staffed(lane, test.test_type)
        i, count = bisect_left(closes, start + minutes), len(opens)
        while i < count:
            if start < opens[i]:
                start = opens[i]
            end = start + minutes
            if end > closes[i] or not staffed[i]:
                i += 1
                continue
            if end > lane.lapse:
                raise _NoSlot(CALIBRATION)
            after = lane.free_from(start, end)
            if after is None:
                return start
            start = after
            i = bisect_left(closes, start + minutes)
        raise _NoSlot(HORIZON)

    def _chamber(self, lane: _Lane, test: PendingTest, start: int) -> int:
        minutes, opens, closes = test.machine_minutes, lane.opens, lane.closes
        staffed = self.staffed(lane, test.test_type)
        while True:
            i = bisect_left(closes, start)
            if i >= len(opens):
                raise _NoSlot(HORIZON)
            if start < opens[i]:
                start = opens[i]
            if not staffed[i]:
                start = opens[i + 1] if i + 1 < len(opens) else self.end
                continue
            end = start + minutes
            if end > lane.lapse:
                raise _NoSlot(CALIBRATION)
            j = bisect_left(closes, end)
            if j >= len(opens):
                raise _NoSlot(HORIZON)
            if end < opens[j]:
                start = opens[j] - minutes
                continue
            if not staffed[j]:
                start = (opens[j + 1] if j + 1 < len(opens) else self.end) - minutes
                continue
            after = lane.free_from(start, end)
            if after is None:
                return start
            start = after

    def place(self, test: PendingTest, ready: int) -> tuple[_Lane, int]:
        """The lane and start of the earliest feasible slot over the machines of the test's kind."""
        lanes = self.by_kind.get(test.kind)
        if not lanes:
            raise _NoSlot(KIND)
        best, rules = None, []
        for lane in lanes:
            try:
                start = self.earliest(lane, test, ready)
            except _NoSlot as refused:
                rules.append(refused.rule)
                continue
            if best is None or start < best[1]:
                best = (lane, start)
        if best is None:
            raise _NoSlot(self._why(test, lanes, rules))
        return best

    def _why(self, test: PendingTest, lanes: list[_Lane], rules: list[str]) -> str:
        if not any(lane.opens for lane in lanes):
            return HOURS
        if not any(lane.machine.continuous or lane.machine.minutes_a_day() >= test.machine_minutes
                   for lane in lanes if lane.opens):
            return TOO_LONG
        if not any(t for t in self.state.technicians if test.test_type in t.test_types):
            return TECHNICIAN
        if HORIZON not in rules:
            return CALIBRATION
        return HORIZON

    def technician_for(self, test: PendingTest, lane: _Lane, start: int) -> uuid.UUID | None:
        """Who runs the test: the least booked of those authorised and present that day. A chamber's
        test is assigned to who loads it (its week shows the loading and the unloading), one also
        there on the unloading day when there is one; the run itself books no one's hours."""
        day = rome_day_of(self.moment(start))
        present = self.technicians(test.test_type, day)
        if not present:  # a kept slot whose technician is no longer there: the lab manager decides
            return None
        if lane.machine.continuous:
            unload = set(self.technicians(test.test_type, rome_day_of(self.moment(start + test.machine_minutes))))
            return min(present, key=lambda s: (s not in unload, self.booked.get((s, day), 0), s.int))
        staff = min(present, key=lambda s: (self.booked.get((s, day), 0), s.int))
        self.booked[(staff, day)] = self.booked.get((staff, day), 0) + test.machine_minutes
        return staff


def _due_minutes(planner: _Planner, test: PendingTest) -> int | None:
    if test.due_on is None:
        return None
    return planner.minutes(at_rome(test.due_on + dt.timedelta(days=1), dt.time(0)))


def _order(test: PendingTest) -> tuple:
    return (test.priority != URGENT, test.due_on or dt.date.max,
            test.released_at or dt.datetime.min.replace(tzinfo=dt.UTC), test.id.int)


def stable_until(state: LabState) -> dt.datetime:
    """The end of the stable window: the midnight after the lab's next `stable_days` working days,
    today included when it is one."""
    if state.stable_days <= 0:
        return state.now
    day = state.calendar.next_working_day(rome_day_of(state.now), include=True)
    for _i in range(state.stable_days - 1):
        day = state.calendar.next_working_day(day)
    return at_rome(day + dt.timedelta(days=1), dt.time(0))


def make_plan(state: LabState, tests: list[PendingTest] | tuple[PendingTest, ...], *, improve: bool = True) -> Plan:
    """Place every pending test; see the module's notes for the rules and the heuristic."""
    planner = _Planner(state)
    frozen_until = stable_until(state)
    kept: dict[uuid.UUID, Planned] = {}
    movable: list[PendingTest] = []
    for test in tests:
        slot = test.pinned or (test.current if test.current and test.current.start < frozen_until else None)
        lane = planner.lanes.get(slot.machine_id) if slot else None
        if slot is None or lane is None or _blocked(planner, lane, slot):
            if not test.running:  # a run its machine's failure interrupted holds nothing: the lab manager decides
                movable.append(test)
            continue
        start, end = planner.minutes(slot.start), planner.minutes(slot.end)
        lane.add(start, end, 1)
        technician = slot.technician_id or (planner.technician_for(test, lane, start) if start >= 0 else None)
        kept[test.id] = Planned(test.id, slot.machine_id, slot.start, slot.end, technician, kept=True)
    movable.sort(key=_order)
    placing = _Placing(planner, improve)
    for test in movable:
        placing.place(test)
    for test in placing.deferred:
        placing.place(test, defer=False)
    placed, unplaced = placing.placed, placing.unplaced
    planned = dict(kept)
    for test in movable:
        if test.id in placed:
            lane, start, end = placed[test.id]
            planned[test.id] = Planned(test.id, lane.machine.id, planner.moment(start), planner.moment(end),
                                       planner.technician_for(test, lane, start))
    late = []
    for test in tests:
        due = _due_minutes(planner, test)
        if due is not None and test.id in planned:
            over = planner.minutes(planned[test.id].end) - due
            if over > 0:
                late.append(Late(test.id, test.due_on, dt.timedelta(minutes=over)))
    return Plan(state.now, planned, tuple(unplaced), tuple(late))


def _ready(planner: _Planner, test: PendingTest) -> int:
    released = max(0, planner.minutes(test.released_at)) if test.released_at else 0
    return released + test.prep_min


def _blocked(planner: _Planner, lane: _Lane, slot: PlacedSlot) -> bool:
    """A kept slot that a machine failure or a lapsed calibration now forbids is planned again."""
    start, end = planner.minutes(slot.start), planner.minutes(slot.end)
    if not lane.machine.active or end > lane.lapse:
        return True
    return any(b_start < end and b_end > start for b_start, b_end in lane.blocks)


class _Placing:
    """The placement pass. With `improve`, a normal test that would end late takes the place of the
    longest normal test before it on its machine (Moore–Hodgson's rule), which is placed again after
    all the others: one test made late for one made on time, and the time the long one held left to
    the tests that follow. A late test longer than those before it goes before them if fewer are late
    so, else is itself placed again last."""

    def __init__(self, planner: _Planner, improve: bool) -> None:
        self.planner, self.improve = planner, improve
        self.placed: dict[uuid.UUID, tuple[_Lane, int, int]] = {}
        self.tests: dict[uuid.UUID, PendingTest] = {}
        self.starts: dict[_Lane, list[tuple[int, uuid.UUID]]] = {}
        self.unplaced: list[Unplaced] = []
        self.deferred: list[PendingTest] = []

    def place(self, test: PendingTest, *, defer: bool = True) -> None:
        try:
            lane, start = self.planner.place(test, _ready(self.planner, test))
        except _NoSlot as refused:
            self.unplaced.append(Unplaced(test.id, refused.rule, _reason(refused.rule, test)))
            return
        self._put(test, lane, start)
        if self.improve and defer and test.priority == NORMAL and self._late(test):
            self._make_room(test, lane, start)

    def _late(self, test: PendingTest) -> bool:
        due = _due_minutes(self.planner, test)
        return due is not None and self.placed[test.id][2] > due

    def _put(self, test: PendingTest, lane: _Lane, start: int) -> None:
        lane.add(start, start + test.machine_minutes, 1)
        self.placed[test.id] = (lane, start, start + test.machine_minutes)
        self.tests[test.id] = test
        insort(self.starts.setdefault(lane, []), (start, test.id))

    def _take(self, test: PendingTest) -> tuple[_Lane, int]:
        lane, start, end = self.placed.pop(test.id)
        lane.add(start, end, -1)
        items = self.starts[lane]
        del items[bisect_left(items, (start, test.id))]
        return lane, start

    def _make_room(self, test: PendingTest, lane: _Lane, start: int) -> None:
        ready = _ready(self.planner, test)
        items = self.starts[lane]
        longest = None
        for o_start, other_id in reversed(items[max(0, bisect_left(items, (start, test.id)) - _CANDIDATES):]):
            other = self.tests[other_id]
            if ready <= o_start < start and other.priority == NORMAL and other.machine_minutes > \
                    (longest or test).machine_minutes:
                longest = other
        if longest is None and self._displace(test, lane, start, ready):
            return
        if longest is None:  # it is the longest: it goes after all the others, its hours to the rest
            self._take(test)
            self.deferred.append(test)
            return
        self._take(test)
        back = self._take(longest)
        try:
            new_lane, new_start = self.planner.place(test, ready)
        except _NoSlot:
            new_lane = None
        if new_lane is not None:
            self._put(test, new_lane, new_start)
            if not self._late(test):
                self.deferred.append(longest)
                return
            self._take(test)
        self._put(longest, *back)
        self._put(test, lane, start)

    def _displace(self, test: PendingTest, lane: _Lane, start: int, ready: int) -> bool:
        """The late test first, and the normal tests that start on its machine between its ready
        moment and its start placed again after it: kept when fewer of them all are late."""
        items = self.starts[lane]
        movers = [self.tests[i] for o_start, i in items[max(0, bisect_left(items, (start, test.id)) - _CANDIDATES):]
                  if ready <= o_start < start and self.tests[i].priority == NORMAL]
        if not movers:
            return False
        before = 1 + sum(self._late(other) for other in movers)
        backs = [(test, self._take(test))] + [(other, self._take(other)) for other in movers]
        placed = []
        try:
            for one in [test, *sorted(movers, key=_order)]:
                self._put(one, *self.planner.place(one, _ready(self.planner, one)))
                placed.append(one)
        except _NoSlot:
            pass
        if len(placed) == len(backs) and sum(self._late(one) for one in placed) < before:
            return True
        for one in placed:
            self._take(one)
        for one, back in backs:
            self._put(one, *back)
        return False


def _reason(rule: str, test: PendingTest) -> str:
    return unplaced_reason(rule, kind=test.kind, test_type=test.test_type, minutes=test.machine_minutes)


def unplaced_reason(rule: str, *, kind: str, test_type: str, minutes: int) -> str:
    """Why a test of that type, kind and length has no slot, in the user's language (a stored plan's
    reasons are written again in the language of whoever reads them)."""
    if rule == KIND:
        return _("No machine of kind “{kind}” can run test type {type}.").format(kind=kind, type=test_type)
    if rule == HOURS:
        return _("No machine of kind “{kind}” has working hours.").format(kind=kind)
    if rule == TOO_LONG:
        return _("Test type {type} takes {minutes} minutes: longer than a working day of every machine "
                 "of kind “{kind}”.").format(type=test_type, minutes=minutes, kind=kind)
    if rule == TECHNICIAN:
        return _("No technician is authorised for test type {type}.").format(type=test_type)
    if rule == CALIBRATION:
        return _("The calibration of every machine of kind “{kind}” lapses before this test could end: "
                 "calibrate one first.").format(kind=kind)
    return _("No machine of kind “{kind}” has a free slot for this test within the plan's horizon.").format(
        kind=kind)


class LoadedPlan:
    """The lab's plan loaded once, to place new tests tentatively (the promised date at the desk).

    Two variants of the machines' load, built once by `load_plan`: `full` holds every test that has a
    slot (current, pinned or running), and the tests with none placed after them as `make_plan`
    would (urgent first, then by due date); `ahead` holds only what an urgent test cannot pass (the
    kept slots: pinned, in the stable window, running; and the urgent tests), since a replan places
    an urgent test before every other normal test. `tentative` places new tests on the variant of
    their priority and takes them out again: the loaded plan is the same afterwards. One call at a
    time (a lock): the lanes are changed and restored in place."""

    def __init__(self, full: _Planner, ahead: _Planner) -> None:
        self._full, self._ahead = full, ahead
        self._lock = threading.Lock()

    @property
    def state(self) -> LabState:
        return self._full.state

    def tentative(self, new_tests) -> dict[uuid.UUID, Planned | Unplaced]:
        """Each new test at its earliest feasible slot (urgent before normal, then by due date), the
        earlier ones of the call holding their slots for the later ones; nothing is kept."""
        found: dict[uuid.UUID, Planned | Unplaced] = {}
        with self._lock:
            saved = [(lane, lane.times[:], lane.load[:], dict(lane.cache))
                     for planner in (self._full, self._ahead) for lane in planner.lanes.values()]
            try:
                for test in sorted(new_tests, key=_order):
                    try:
                        planner, lane, start = _hold(self._full, self._ahead, test)
                    except _NoSlot as refused:
                        found[test.id] = Unplaced(test.id, refused.rule, _reason(refused.rule, test))
                        continue
                    found[test.id] = Planned(test.id, lane.machine.id, planner.moment(start),
                                             planner.moment(start + test.machine_minutes), None)
            finally:
                for lane, times, load, cache in saved:
                    lane.times, lane.load, lane.cache = times, load, cache
        return found


def load_plan(state: LabState, tests: list[PendingTest] | tuple[PendingTest, ...]) -> LoadedPlan:
    """The machines' load of the stored plan, for `LoadedPlan.tentative` (see there)."""
    frozen_until = stable_until(state)
    full, ahead = _Planner(state), _Planner(state)
    loose: list[PendingTest] = []
    for test in tests:
        slot = test.pinned or test.current
        lane = full.lanes.get(slot.machine_id) if slot else None
        if slot is None or lane is None or _blocked(full, lane, slot):
            if not test.running:
                loose.append(test)
            continue
        start, end = full.minutes(slot.start), full.minutes(slot.end)
        lane.add(start, end, 1)
        if test.pinned or test.priority == URGENT or slot.start < frozen_until:
            ahead.lanes[slot.machine_id].add(start, end, 1)
    loose.sort(key=_order)
    for test in loose:  # taken in since the plan was made: after the planned ones, as a replan would
        try:
            _hold(full, ahead, test)
        except _NoSlot:
            continue
    return LoadedPlan(full, ahead)


def _hold(full: _Planner, ahead: _Planner, test: PendingTest) -> tuple[_Planner, _Lane, int]:
    """Place `test` on the variant of its priority and hold its slot there (an urgent one: on both,
    so the normal tests placed after it see it too). Raises _NoSlot."""
    planner = ahead if test.priority == URGENT else full
    lane, start = planner.place(test, _ready(planner, test))
    for holder in (full, ahead) if test.priority == URGENT else (full,):
        holder.lanes[lane.machine.id].add(start, start + test.machine_minutes, 1)
    return planner, lane, start
