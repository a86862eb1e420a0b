"""The benchmark table judges targets in the figure's own unit: seconds, MB, or round trips."""

from __future__ import annotations

from bench.results import _show
from bench.table import Row, Stats, render


def test_a_round_trip_target_is_judged_on_the_count_and_shown_as_a_count():
    over = Row("sync day: round trips", Stats.of([11, 11]), unit="trips", target="<= 10 trips")
    within = Row("sync day: round trips", Stats.of([9]), unit="trips", target="<= 10 trips")
    assert over.met is False and within.met is True
    table = render([over])
    assert "11 trips" in table and " NO " in table
    assert _show(11, "trips") == "11 trips"


def test_a_target_in_another_unit_than_the_figures_is_not_judged():
    assert Row("trips", Stats.of([3]), unit="trips", target="< 5 s").met is None
    assert Row("time", Stats.of([3]), unit="s", target="<= 10 trips").met is None
    assert Row("time", Stats.of([0.5]), unit="s", target="< 1 s").met is True
    assert Row("memory", Stats.of([300]), unit="MB", target="< 280 MB").met is False
