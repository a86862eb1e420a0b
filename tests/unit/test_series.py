"""The one rule for series prefixes (domain.series): every prefix it makes fits a badge token and
can never be another desk's series."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain import badge_tokens as bt
from frontdesk.domain import series

desks = st.from_regex(series.DESK_CODE, fullmatch=True)
generations = st.integers(min_value=0, max_value=26**6)
KEY_ID, KEY = bt.new_key()


def test_the_first_generations():
    assert [series.prefix_for("R1", g) for g in (0, 1, 2, 25, 26, 27, 51, 52)] == [
        "R1", "R1-B", "R1-C", "R1-Z", "R1-BA", "R1-BB", "R1-BZ", "R1-CA"]
    assert series.format_number("R1-B", 1) == "R1-B-000001"
    assert series.format_number("R1", 1_234_567) == "R1-1234567"


@given(desks, generations, st.integers(min_value=1, max_value=10**9))
def test_every_prefix_makes_numbers_a_badge_token_carries(desk, generation, value):
    number = series.format_number(series.prefix_for(desk, generation), value)
    day = dt.date(2026, 3, 12)
    claim = bt.BadgeClaim(bt.VISIT, uuid.uuid4(), number, day, day, KEY_ID)
    token = bt.issue(claim, KEY)  # raises ValueError for a number the token alphabet refuses
    assert bt.verify(token.lower(), {KEY_ID: KEY}, today=day) == claim  # as a scanner with Caps Lock types it
    assert value >= 10**6 or len(number) <= 20  # fits an e-invoice number (at most 20 characters)


@given(desks, generations)
def test_a_restored_series_is_never_a_desk_code_and_reads_back(desk, generation):
    prefix = series.prefix_for(desk, generation)
    assert bool(series.DESK_CODE.fullmatch(prefix)) == (generation == 0)
    assert series.generation_of(desk, prefix) == generation
    assert series.is_current_form(desk, prefix)
    assert series.series_in(desk, series.format_number(prefix, 42).lower()) == prefix


@given(desks, generations, desks, generations)
def test_two_series_are_the_same_only_for_the_same_desk_and_generation(desk_a, gen_a, desk_b, gen_b):
    same = series.prefix_for(desk_a, gen_a) == series.prefix_for(desk_b, gen_b)
    assert same == (desk_a == desk_b and gen_a == gen_b)
    numbers_clash = series.format_number(series.prefix_for(desk_a, gen_a), 7) == \
        series.format_number(series.prefix_for(desk_b, gen_b), 7)
    assert numbers_clash == same


def test_next_prefix_goes_above_everything_known():
    assert series.next_prefix("R1", []) == "R1-B"
    assert series.next_prefix("R1", ["R1"]) == "R1-B"
    assert series.next_prefix("R1", ["R1", "R1-D"]) == "R1-E"  # never back into the gap of B and C
    assert series.next_prefix("R1", ["R1", "R1-Z"]) == "R1-BA"
    assert series.next_prefix("R1", ["R1", "L1-F", "R1B", "R12-C"]) == "R1-B"  # other desks' series
    assert series.next_prefix("R1", ["R1", "R1b", "R1c"]) == "R1-D"  # the old spelling counts


def test_old_style_prefixes_are_understood_but_not_current():
    assert series.generation_of("R1", "R1b") == 1 and series.generation_of("R1", "R1z") == 25
    assert not series.is_current_form("R1", "R1b")
    assert series.generation_of("R1", "R1B") is None  # desk R1B's own series, not R1's
    assert series.generation_of("R1", "R1-A") is None and series.generation_of("R1", "R1-AB") is None
    assert series.generation_of("R1", "R1-b") is None and series.generation_of("R1", "R1-B1") is None


def test_what_people_type_for_a_series():
    assert series.series_in("R1", " r1-c ") == "R1-C"
    assert series.series_in("R1", "R1-C-000042") == "R1-C"
    assert series.series_in("R1", "R1-000042") == "R1"
    assert series.series_in("R1", "R1b") == "R1b"
    for wrong in ("", "L1-B", "R1-", "R1-C-", "R1-C-12A", "R1B", "R1-A"):
        assert series.series_in("R1", wrong) is None, wrong


@pytest.mark.parametrize("desk", ["", "r1", "R1-B", "R12345", "1R"])
def test_only_desk_codes_have_series(desk):
    with pytest.raises(ValueError):
        series.prefix_for(desk, 1)
