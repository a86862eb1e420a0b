"""The merge rule's erasure marker and fields that move together (domain.merge): an erased row's
personal fields stay cleared whatever arrives later; a person's check-out outranks the evening
close whatever the stamps; both stay commutative and idempotent."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.db.models import ANONYMOUS, Registration, Visit, Visitor
from frontdesk.domain import hlc
from frontdesk.domain.merge import APPLIED, SET_ONCE, SUPERSEDED, Erasure, Policy, merge, uniform

PERSON = Policy(forward={"anonymised_at": SET_ONCE},
                erasure=Erasure("anonymised_at", {"first_name": ANONYMOUS, "phone": "", "email": ""}))
CLOSE = Policy(forward={"status": {"on_site": 1, "out": 2}, "closed_by": {"": 0, "system": 1, "person": 2}},
               together={"closed_by": ("checked_out_at", "checked_out_by")})
ERASED_AT = "2026-12-01 10:00:00.000000"


def s(n: int, desk: str = "R1") -> str:
    return hlc.stamp(n, desk)


def _person(n: int = 1):
    return merge(PERSON, None, uniform({"first_name": "Ermenegilda", "phone": "035 1", "email": "e@x.it",
                                        "anonymised_at": None, "city": "Bergamo"}, s(n))).state


def test_an_edit_made_after_the_erasure_does_not_bring_the_phone_back():
    erased = merge(PERSON, _person(), uniform({"first_name": ANONYMOUS, "phone": "", "email": "",
                                              "anonymised_at": ERASED_AT}, s(10, "R1"))).state
    later = merge(PERSON, erased, uniform({"phone": "333 999"}, s(20, "R2")))
    assert later.outcome == SUPERSEDED
    assert later.state == erased


def test_an_edit_that_arrived_before_the_erasure_is_cleared_by_it():
    edited = merge(PERSON, _person(), uniform({"phone": "333 999"}, s(20, "R2"))).state
    erased = merge(PERSON, edited, uniform({"anonymised_at": ERASED_AT}, s(10, "R1")))
    assert erased.outcome == APPLIED
    assert erased.state.data["phone"] == "" and erased.state.data["first_name"] == ANONYMOUS
    assert erased.state.stamps["phone"] == s(10, "R1")  # the marker's: the same whichever came first
    assert erased.state.data["city"] == "Bergamo"  # not personal: untouched


def test_a_replayed_creation_never_brings_the_name_back():
    created = uniform({"first_name": "Ermenegilda", "phone": "035 1", "email": "e@x.it", "anonymised_at": None},
                      s(1))
    erased = merge(PERSON, merge(PERSON, None, created).state, uniform({"anonymised_at": ERASED_AT}, s(10))).state
    assert merge(PERSON, erased, created).outcome == SUPERSEDED
    # even a whole row carrying the marker and a value is stored cleared
    assert merge(PERSON, None, uniform({"first_name": "X", "anonymised_at": ERASED_AT}, s(1))).state.data[
        "first_name"] == ANONYMOUS


def test_a_persons_check_out_beats_the_evening_close_earlier_or_later():
    open_visit = merge(CLOSE, None, uniform({"status": "on_site", "closed_by": "", "checked_out_at": None,
                                             "checked_out_by": None}, s(1))).state
    system = uniform({"status": "out", "closed_by": "system", "checked_out_at": "20:00", "checked_out_by": None},
                     s(50, "R1"))
    for when in (10, 90):  # the person's check-out stamped before, then after the close
        person = uniform({"status": "out", "closed_by": "person", "checked_out_at": "18:30",
                          "checked_out_by": "staff-7"}, s(when, "R2"))
        one = merge(CLOSE, merge(CLOSE, open_visit, system).state, person)
        other = merge(CLOSE, merge(CLOSE, open_visit, person).state, system)
        assert one.outcome == APPLIED and one.state == other.state
        assert (one.state.data["closed_by"], one.state.data["checked_out_at"], one.state.data["checked_out_by"]) \
            == ("person", "18:30", "staff-7")


def test_a_change_carries_its_whole_group():
    assert CLOSE.with_groups(["checked_out_at", "notes"]) == {"notes", "closed_by", "checked_out_at",
                                                              "checked_out_by"}
    assert CLOSE.with_groups(["notes"]) == {"notes"}
    assert CLOSE.leader_of("checked_out_by") == "closed_by" and CLOSE.leader_of("notes") == "notes"


def test_the_models_declare_their_erasure_from_their_personal_columns():
    for model in (Visitor, Visit, Registration):
        erasure = model.__sync__.erasure
        personal = {c.name for c in model.__table__.columns if c.info.get("personal")}
        assert erasure.marker == "anonymised_at" and personal <= set(erasure.cleared)
        assert model.__sync__.forward["anonymised_at"] is SET_ONCE
    assert Visitor.__sync__.erasure.cleared["first_name"] == ANONYMOUS
    assert Visit.__sync__.together["closed_by"] == ("checked_out_at", "checked_out_by", "closed_by_system")


# Changes as desks make them: a field set at a stamp, the erasure (marker and cleared values in one
# write), or a whole close (its group in one write).
_field = st.tuples(st.just("field"), st.sampled_from(["first_name", "phone", "email", "city"]),
                   st.sampled_from(["Ermenegilda", "035 1", "", "Bergamo"]))
_erase = st.tuples(st.just("erase"), st.sampled_from([ERASED_AT, "2026-12-02 09:00:00.000000"]), st.none())
_close = st.tuples(st.just("close"), st.sampled_from(["system", "person"]), st.sampled_from(["18:30", "20:00"]))
changes = st.lists(st.tuples(st.one_of(_field, _erase, _close), st.integers(1, 30), st.sampled_from(["R1", "R2"])),
                   min_size=1, max_size=6)
BOTH = Policy(forward={**PERSON.forward, **CLOSE.forward}, together=CLOSE.together, erasure=PERSON.erasure)


def _change(kind, a, b, stamp):
    if kind == "field":
        return uniform({a: b}, stamp)
    if kind == "erase":
        return uniform({**PERSON.erasure.cleared, "anonymised_at": a}, stamp)
    return uniform({"closed_by": a, "checked_out_at": b, "checked_out_by": a}, stamp)


@given(changes)
def test_erasure_and_groups_keep_merging_order_independent_and_idempotent(items):
    incoming = [_change(*change, s(n, desk)) for change, n, desk in items]
    results = set()
    for order in itertools.islice(itertools.permutations(incoming), 24):
        state = None
        for change in (*order, *order):  # each twice: a replay changes nothing
            state = merge(BOTH, state, change).state
        results.add((tuple(sorted(state.data.items())), tuple(sorted(state.stamps.items()))))
        if state.data.get("anonymised_at"):
            assert all(state.data[k] == v for k, v in BOTH.erasure.cleared.items() if k in state.data)
    assert len(results) == 1


@given(changes, changes)
def test_merging_two_merged_states_equals_merging_everything(left, right):
    """Associativity: a desk's merged state meeting the hub's gives what one replica would."""
    def fold(items, state=None):
        for change, n, desk in items:
            state = merge(BOTH, state, _change(*change, s(n, desk))).state
        return state

    whole = fold(left + right)
    assert merge(BOTH, fold(left), fold(right)).state == whole


_visit_change = st.tuples(st.sampled_from(["system", "person", "notes", "erase"]), st.integers(1, 30),
                          st.sampled_from(["R1", "R2"]))


@given(st.lists(_visit_change, min_size=1, max_size=6))
def test_the_visits_own_policy_is_order_independent_and_a_person_always_wins(items):
    """Visit.__sync__ as declared: closes by the system and by a person, notes, erasure."""
    policy = Visit.__sync__
    base = uniform({"status": "on_site", "closed_by": "", "checked_out_at": None, "checked_out_by": None,
                    "closed_by_system": 0, "notes": "", "cancel_reason": "", "anonymised_at": None}, s(0))

    def change(kind, n, desk):
        if kind == "notes":
            return uniform({"notes": f"nota {n}"}, s(n, desk))
        if kind == "erase":
            return uniform({"notes": "", "cancel_reason": "", "anonymised_at": ERASED_AT}, s(n, desk))
        person = kind == "person"
        return uniform({"status": "out", "closed_by": kind, "checked_out_at": f"t{n}",
                        "checked_out_by": f"staff {desk}" if person else None, "closed_by_system": int(not person)},
                       s(n, desk))

    incoming = [change(*item) for item in items]
    results = set()
    for order in itertools.islice(itertools.permutations(incoming), 24):
        state = merge(policy, None, base).state
        for one in (*order, *order):
            state = merge(policy, state, one).state
        results.add((tuple(sorted(state.data.items())), tuple(sorted(state.stamps.items()))))
    assert len(results) == 1
    kinds = {kind for kind, _n, _d in items}
    if "person" in kinds:
        assert (state.data["closed_by"], state.data["closed_by_system"]) == ("person", 0)
    if "erase" in kinds:
        assert state.data["notes"] == ""
