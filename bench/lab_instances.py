"""Seeded labs and pending tests for the lab plan's benchmarks (`bench/lab_schedule.py`,
`bench/lab_schedule_optimum.py`): one generator, two shapes. `LARGE` is the 30-machine lab of the
10,000-test figure; `SMALL` the five-machine lab of the comparison with the exact optimum. Every
moment is a whole number of minutes apart from the others, so plans are on a minute grid.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

NOW = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)  # a Tuesday, 08:00 in Dalmine

# kind, machines, capacity, continuous, test types as (code, machine minutes, prep minutes)
_LARGE_KINDS = (
    ("tensile", 8, 1, False, (("TENSILE_RT", 45, 30), ("TENSILE_HT", 150, 60))),
    ("hardness", 6, 1, False, (("HARDNESS_HBW", 20, 15), ("HARDNESS_HV", 30, 15))),
    ("pendulum", 5, 1, False, (("CHARPY_KV", 60, 30),)),
    ("microscope", 6, 1, False, (("METALLOGRAPHY", 120, 60),)),
    ("salt_spray", 5, 22, True, (("SALT_SPRAY_NSS", 24 * 60, 0), ("SALT_SPRAY_168", 168 * 60, 0))),
)
_SMALL_KINDS = (
    ("tensile", 2, 1, False, (("TENSILE_RT", 45, 30), ("TENSILE_HT", 150, 60))),
    ("hardness", 1, 1, False, (("HARDNESS_HBW", 20, 15), ("HARDNESS_HV", 30, 15))),
    ("microscope", 1, 1, False, (("METALLOGRAPHY", 120, 60),)),
    ("salt_spray", 1, 5, True, (("SALT_SPRAY_NSS", 24 * 60, 0), ("SALT_SPRAY_168", 168 * 60, 0))),
)


@dataclass(frozen=True)
class Crew:
    """A technician: the test types they are authorised for (None: all), weekdays, absences as
    (first day, last day) counted from NOW's day."""

    test_types: frozenset[str] | None = None
    weekdays: str = "12345"
    absent: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class LabShape:
    kinds: tuple
    crew: tuple[Crew, ...]
    release_days: int  # tests are released over this many days from NOW
    due_days: tuple[int, int]  # due this many days after release (range), plus the machine days
    urgent: float  # share of urgent tests
    lapsing: tuple[tuple[str, int], ...] = ()  # (machine code, days from NOW) whose calibration lapses early
    outages: tuple[tuple[str, int, int], ...] = ()  # (machine code, first day, days) out of service


LARGE = LabShape(_LARGE_KINDS, (Crew(),) * 8, release_days=90, due_days=(6, 30), urgent=0.05)
SMALL = LabShape(
    _SMALL_KINDS,
    (Crew(frozenset({"TENSILE_RT", "TENSILE_HT", "HARDNESS_HBW", "HARDNESS_HV"})),
     Crew(frozenset({"TENSILE_RT", "TENSILE_HT", "METALLOGRAPHY", "SALT_SPRAY_NSS", "SALT_SPRAY_168"}),
          absent=((13, 17),)),
     Crew(frozenset({"HARDNESS_HBW", "HARDNESS_HV", "METALLOGRAPHY", "SALT_SPRAY_NSS", "SALT_SPRAY_168"}),
          weekdays="135")),
    release_days=10, due_days=(2, 8), urgent=0.0,
    lapsing=(("TE-01", 16),), outages=(("MI-00", 8, 2),))


def seeded_lab(seed: int, tests: int = 10_000, shape: LabShape = LARGE):
    """The lab of `shape` and `tests` pending tests with due dates (seeded). The calendar closes the
    lab from Christmas Eve to New Year's Eve on top of Italy's holidays."""
    from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
    from frontdesk.domain.lab.equipment import Machine
    from frontdesk.domain.lab.planning import Outage
    from frontdesk.domain.lab.scheduler import NORMAL, URGENT, LabMachine, LabState, PendingTest, Technician

    rng = random.Random(seed)
    today = NOW.date()
    calendar = LabCalendar(closures=(Period(dt.date(2026, 12, 24), dt.date(2026, 12, 31), "Chiusura natalizia"),))
    lapsing, machines, types = dict(shape.lapsing), [], []
    for kind, count, capacity, continuous, kind_types in shape.kinds:
        for n in range(count):
            code = f"{kind[:2].upper()}-{n:02d}"
            machine = Machine(uuid.UUID(int=rng.getrandbits(128)), code, kind, kind, capacity=capacity,
                              continuous=continuous)
            valid_until = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(60, 400))
            if code in lapsing:
                valid_until = today + dt.timedelta(days=lapsing[code])
            outages = tuple(Outage(NOW + dt.timedelta(days=first), NOW + dt.timedelta(days=first + days),
                                   "Manutenzione") for o_code, first, days in shape.outages if o_code == code)
            machines.append(LabMachine(machine, valid_until, outages))
        types += [(code, kind, minutes, prep) for code, minutes, prep in kind_types]
    codes = frozenset(code for code, *_rest in types)
    technicians = tuple(
        Technician(TechnicianSchedule(uuid.UUID(int=rng.getrandbits(128)), f"Tecnico {n}", crew.weekdays,
                                      tuple(Period(today + dt.timedelta(days=a), today + dt.timedelta(days=b))
                                            for a, b in crew.absent)),
                   crew.test_types or codes) for n, crew in enumerate(shape.crew))
    pending = []
    for _n in range(tests):
        code, kind, minutes, prep = rng.choice(types)
        released = NOW + dt.timedelta(days=rng.randrange(0, shape.release_days), hours=rng.randrange(0, 24))
        due = released.date() + dt.timedelta(days=rng.randrange(*shape.due_days) + minutes // (60 * 24))
        pending.append(PendingTest(uuid.UUID(int=rng.getrandbits(128)), code, kind, minutes, prep,
                                   URGENT if rng.random() < shape.urgent else NORMAL, due, released))
    return LabState(calendar, tuple(machines), technicians, NOW), pending
