"""The date promised at the desk, as the intake screen asks for it while the request is typed.

`promise_board` reads the lab once (one read transaction: the plan's input, the catalogue's
durations, the report lead time) and loads the stored plan (domain.lab.scheduler.load_plan: a few
hundred milliseconds on 10,000 tests, so the screen does it in the background). The board then
answers `promise(tests_asked, priority, due_on)` with no database and in milliseconds: the tests
are placed tentatively on the loaded plan (domain.lab.promise), nothing is stored. Any desk can
do this; only the planning desk stores plans.

Imports no Qt. Plain values in, frozen values out (the board itself holds the loaded plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.lab_models import TestType
from frontdesk.domain.clock import utcnow
from frontdesk.domain.lab.planning import machine_minutes
from frontdesk.domain.lab.promise import Promise, line_id, promise_of
from frontdesk.domain.lab.requests import TestAsked
from frontdesk.domain.lab.scheduler import LoadedPlan, PendingTest, load_plan
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.plan_state import lab_state_in, pending_tests_in


@dataclass(frozen=True)
class _Kind:
    kind: str
    duration_min: int
    prep_min: int


class PromiseBoard:
    """The lab's plan as loaded at `made_at`, ready to promise dates for new requests."""

    def __init__(self, loaded: LoadedPlan, kinds: dict[str, _Kind], lead_days: int) -> None:
        self._loaded, self._kinds, self.lead_days = loaded, kinds, lead_days

    @property
    def made_at(self) -> dt.datetime:
        return self._loaded.state.now

    @property
    def available(self) -> bool:
        """Whether the lab has any machine to plan on (else no date can be computed)."""
        return bool(self._loaded.state.machines)

    def promise(self, tests_asked: Sequence[TestAsked], priority: str, due_on: dt.date | None) -> Promise:
        """The report day of each test asked and of the request (see domain.lab.promise)."""
        lines: list[PendingTest | str] = []
        for index, asked in enumerate(tests_asked):
            kind = self._kinds.get(asked.code)
            if kind is None:
                lines.append(_("The test {code} is not in the lab's catalogue.").format(code=asked.code))
                continue
            lines.append(PendingTest(line_id(index), asked.code, kind.kind,
                                     machine_minutes(hours=asked.hours, duration_min=kind.duration_min),
                                     kind.prep_min, priority, due_on, self.made_at))
        return promise_of(self._loaded, lines, due_on=due_on, lead_days=self.lead_days)


def promise_board(db, *, now: dt.datetime | None = None) -> PromiseBoard:
    """Read the lab and load its plan (see the module docstring)."""
    now = now or utcnow()
    with db.read() as session:
        state = lab_state_in(session, now)
        tests = pending_tests_in(session)
        kinds = {code: _Kind(kind, duration, prep) for code, kind, duration, prep in session.execute(
            select(TestType.code, TestType.equipment_kind, TestType.duration_min, TestType.prep_min)
            .where(TestType.active.is_(True)))}
        lead_days = read_settings(session).lab_report_lead_days
    return PromiseBoard(load_plan(state, tests), kinds, lead_days)
