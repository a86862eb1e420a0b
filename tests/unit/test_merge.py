"""The shared merge rule (domain.merge): per-field last writer wins, forward-only fields,
append-only rows; commutative and idempotent."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain import hlc
from frontdesk.domain.merge import APPLIED, SET_ONCE, SUPERSEDED, Policy, RowState, merge, uniform

LWW = Policy()
VISIT = Policy(forward={"status": {"expected": 0, "on_site": 1, "out": 2}, "checked_out_at": SET_ONCE})
AUDIT = Policy(append_only=True)


def s(n: int, desk: str = "R1") -> str:
    return hlc.stamp(n, desk)


def test_a_new_row_takes_every_field():
    merged = merge(LWW, None, uniform({"name": "Acme", "city": "Dalmine"}, s(5)))
    assert merged.outcome == APPLIED
    assert merged.state.data == {"name": "Acme", "city": "Dalmine"}
    assert merged.state.stamps == {"name": s(5), "city": s(5)}


def test_different_fields_changed_at_two_desks_both_stay():
    base = merge(LWW, None, uniform({"name": "Acme", "city": "", "phone": ""}, s(1))).state
    at_a = uniform({"city": "Bergamo"}, s(10, "R1"))
    at_b = uniform({"phone": "035 123"}, s(8, "R2"))
    one = merge(LWW, merge(LWW, base, at_a).state, at_b).state
    other = merge(LWW, merge(LWW, base, at_b).state, at_a).state
    assert one == other
    assert one.data == {"name": "Acme", "city": "Bergamo", "phone": "035 123"}


def test_an_older_change_to_the_same_field_is_superseded():
    state = merge(LWW, None, uniform({"city": "Bergamo"}, s(10))).state
    merged = merge(LWW, state, uniform({"city": "Milano"}, s(9, "R2")))
    assert merged.outcome == SUPERSEDED
    assert merged.state.data["city"] == "Bergamo"


def test_equal_times_are_broken_by_the_desk_code():
    state = merge(LWW, None, uniform({"city": "A"}, s(10, "R1"))).state
    assert merge(LWW, state, uniform({"city": "B"}, s(10, "R2"))).state.data["city"] == "B"


def test_a_forward_only_field_never_goes_back_even_with_a_newer_stamp():
    state = merge(VISIT, None, uniform({"status": "out", "checked_out_at": "2026-12-01 17:00:00.000000"}, s(5))).state
    stale = merge(VISIT, state, uniform({"status": "on_site", "checked_out_at": None}, s(50, "R2")))
    assert stale.outcome == SUPERSEDED
    assert stale.state.data == {"status": "out", "checked_out_at": "2026-12-01 17:00:00.000000"}
    forward = merge(VISIT, merge(VISIT, None, uniform({"status": "on_site"}, s(50))).state,
                    uniform({"status": "out"}, s(5, "R2")))
    assert forward.outcome == APPLIED and forward.state.data["status"] == "out"


def test_append_only_rows_are_only_inserted():
    state = merge(AUDIT, None, uniform({"action": "visit.check_in"}, s(5))).state
    merged = merge(AUDIT, state, uniform({"action": "forged"}, s(99)))
    assert merged.outcome == SUPERSEDED and merged.state.data == {"action": "visit.check_in"}


def test_local_fields_never_travel():
    policy = Policy(local=frozenset({"failed_attempts"}))
    merged = merge(policy, None, uniform({"name": "x", "failed_attempts": 3}, s(1)))
    assert merged.state.data == {"name": "x"}


def test_a_replay_changes_nothing():
    change = uniform({"city": "Bergamo"}, s(10))
    state = merge(LWW, None, change).state
    assert merge(LWW, state, change).outcome == SUPERSEDED


def test_stamps_order_like_time_then_counter():
    assert s(hlc.logical_value(1000, 0)) < s(hlc.logical_value(1000, 1)) < s(hlc.logical_value(1001, 0))


changes = st.lists(st.tuples(st.sampled_from(["city", "phone", "status"]),
                             st.sampled_from(["expected", "on_site", "out", "x"]),
                             st.integers(1, 20), st.sampled_from(["R1", "R2", "L1"])), min_size=1, max_size=6)


@given(changes)
def test_merging_is_order_independent_and_idempotent(items):
    incoming = [uniform({field: value}, s(n, desk)) for field, value, n, desk in items]
    results = set()
    for order in itertools.islice(itertools.permutations(incoming), 24):
        state = None
        for change in (*order, *order):  # each twice: a replay changes nothing
            state = merge(VISIT, state, change).state
        results.add((tuple(sorted(state.data.items())), tuple(sorted(state.stamps.items()))))
    assert len(results) == 1


def test_row_state_is_not_shared_with_the_input():
    data = {"city": "A"}
    state = merge(LWW, RowState(data, {"city": s(1)}), uniform({"city": "B"}, s(2))).state
    assert data == {"city": "A"} and state.data == {"city": "B"}
