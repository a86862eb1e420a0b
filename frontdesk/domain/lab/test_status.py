"""How a lab test's status moves (pure): which step is allowed from which status, and to where.

requested -> scheduled (planned) -> in progress (started; pause is a flag within it) -> completed
-> verified (by the lab manager) -> reported (in an issued report). Cancelled and rejected, each
with a reason, are final. Nothing moves back; the lab manager's reopen starts a new round of the
test (db.lab_models: the round outranks the old round's run in sync) and puts it back in the
queue. A test sent to an external lab (subcontract) is in progress from then, its results
provided externally.

Every refusal is a `StepRefused` (a ValidationError) whose message says, in the user's language,
what the test's status is and why the step cannot be taken.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

REQUESTED, SCHEDULED, IN_PROGRESS, COMPLETED, VERIFIED, REPORTED, CANCELLED, REJECTED = (
    "requested", "scheduled", "in_progress", "completed", "verified", "reported", "cancelled", "rejected")
FINAL = frozenset({CANCELLED, REJECTED})

# A test's status only moves forward (DESIGN: "a test's status never moves backwards"); a stale
# desk's older status is superseded. Cancelled and rejected are final.
TEST_STATUS_RANK = {REQUESTED: 0, SCHEDULED: 1, IN_PROGRESS: 2, COMPLETED: 3, VERIFIED: 4, REPORTED: 5,
                    CANCELLED: 6, REJECTED: 6}


def stage_of(round_: int, status: str) -> int:
    """A test's round and status as one forward-only number (db.lab_models: it leads the test's run
    in sync): a later round outranks any status of an earlier one; within a round the status ranks
    as TEST_STATUS_RANK."""
    return int(round_ or 1) * 10 + TEST_STATUS_RANK.get(status, 0)

START, PAUSE, RESUME, COMPLETE, VERIFY, REPORT, CANCEL, REJECT, REOPEN, SUBCONTRACT = (
    "start", "pause", "resume", "complete", "verify", "report", "cancel", "reject", "reopen", "subcontract")

# step -> (the statuses it may be taken from, the status it leads to; None: the status stays)
STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    START: (frozenset({SCHEDULED}), IN_PROGRESS),
    PAUSE: (frozenset({IN_PROGRESS}), None),
    RESUME: (frozenset({IN_PROGRESS}), None),
    COMPLETE: (frozenset({IN_PROGRESS}), COMPLETED),
    VERIFY: (frozenset({COMPLETED}), VERIFIED),
    REPORT: (frozenset({VERIFIED}), REPORTED),
    CANCEL: (frozenset({REQUESTED, SCHEDULED, IN_PROGRESS}), CANCELLED),
    REJECT: (frozenset({REQUESTED, SCHEDULED, IN_PROGRESS, COMPLETED}), REJECTED),
    REOPEN: (frozenset({IN_PROGRESS, COMPLETED, VERIFIED, REPORTED, CANCELLED, REJECTED}), SCHEDULED),
    SUBCONTRACT: (frozenset({REQUESTED, SCHEDULED}), IN_PROGRESS),
}
NEEDS_REASON = frozenset({CANCEL, REJECT, REOPEN})


def status_label(status: str) -> str:
    """The status in the user's language."""
    return {
        REQUESTED: _("requested"), SCHEDULED: _("scheduled"), IN_PROGRESS: _("in progress"),
        COMPLETED: _("completed"), VERIFIED: _("verified"), REPORTED: _("reported"),
        CANCELLED: _("cancelled"), REJECTED: _("rejected"),
    }.get(status, status)


def _step_label(step: str) -> str:
    return {
        START: _("started"), PAUSE: _("paused"), RESUME: _("resumed"), COMPLETE: _("completed"),
        VERIFY: _("verified"), REPORT: _("reported"), CANCEL: _("cancelled"), REJECT: _("rejected"),
        REOPEN: _("reopened"), SUBCONTRACT: _("sent to an external lab"),
    }[step]


class StepRefused(ValidationError):
    """The step may not be taken from the test's current status; `step` says which step."""

    def __init__(self, message: str, step: str):
        super().__init__(message)
        self.step = step


@dataclass(frozen=True)
class Run:
    """What the rules need of a test's run."""

    status: str
    paused: bool = False
    interrupted: bool = False  # its machine went out of service while it ran (lab_test.plan_flag)


def may(run: Run, step: str) -> bool:
    """Whether `step` may be taken now (a reason, where one is needed, aside)."""
    try:
        next_status(run, step, reason="-")
    except StepRefused:
        return False
    return True


def next_status(run: Run, step: str, *, reason: str = "") -> str:
    """The status the test has after `step`, or StepRefused saying why not."""
    if step not in STEPS:
        raise ValueError(step)
    allowed, target = STEPS[step]
    if run.status not in allowed:
        raise StepRefused(_("This test is {status}: it cannot be {step}.").format(
            status=status_label(run.status), step=_step_label(step)), step)
    if step == PAUSE and run.paused:
        raise StepRefused(_("This test is already paused."), step)
    if step == RESUME and not run.paused:
        raise StepRefused(_("This test is not paused."), step)
    if step == REOPEN and run.status == IN_PROGRESS and not run.interrupted:
        raise StepRefused(_("This test is in progress: it is reopened only when a failure of its machine "
                            "interrupted it."), step)
    if step == COMPLETE and run.paused:
        raise StepRefused(_("This test is paused: resume it before completing it."), step)
    if step in NEEDS_REASON and not reason.strip():
        raise StepRefused(_("Say why the test is {step}: the reason is kept with it.").format(
            step=_step_label(step)), step)
    return run.status if target is None else target
