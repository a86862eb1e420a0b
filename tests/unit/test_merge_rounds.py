"""A lab test's run merges by its stage (round, then status): a reopened round outranks the old
round's run, and a stale status never brings its stale run fields along (domain.merge BY_VALUE and
Policy.together; db.lab_models.TestJob)."""

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.lab.test_status import stage_of
from frontdesk.domain.merge import BY_VALUE, SUPERSEDED, RowState, merge, rank

POLICY = TestJob.__sync__


def run(stamp: str, round_: int, status: str, **data) -> RowState:
    values = {"stage": stage_of(round_, status), "round": round_, "status": status, **data}
    return RowState(values, {name: stamp for name in values})


def test_a_stage_ranks_as_its_number_and_a_later_round_outranks_any_status():
    assert rank(BY_VALUE, 2) > rank(BY_VALUE, 1) > rank(BY_VALUE, None)
    assert rank(BY_VALUE, True) == rank(BY_VALUE, "3") == -1
    assert stage_of(2, "requested") > stage_of(1, "reported") > stage_of(1, "verified")


def test_a_reopened_round_wins_over_the_old_round_finished_later_elsewhere():
    reopened = run("0002", 2, "scheduled", completed_by=None)
    late_old_round = run("0003", 1, "verified", completed_by="someone")
    for first, second in ((reopened, late_old_round), (late_old_round, reopened)):
        merged = merge(POLICY, first, second).state.data
        assert (merged["round"], merged["status"], merged["completed_by"]) == (2, "scheduled", None)


def test_a_stale_status_is_superseded_with_its_run_fields():
    started = run("0002", 1, "in_progress", started_by="tech")
    stale = run("0003", 1, "scheduled", started_by=None)
    outcome = merge(POLICY, started, stale)
    assert outcome.outcome == SUPERSEDED
    assert (outcome.state.data["status"], outcome.state.data["started_by"]) == ("in_progress", "tech")
