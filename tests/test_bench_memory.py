"""The memory figure (bench/figures_memory.py) measures what it says, on the small demo database:
every screen and the evacuation list's preview opened and closed in a subprocess, beside an empty
window. Not a timing test; the memory bounds are the issue's target (the preview used to render
A4 pages at 600 dpi, 140 MB each, and keep them after it was closed)."""

from __future__ import annotations

import re

from bench.context import Context
from bench.figures_memory import TARGET_MB, memory


def test_the_memory_figure_opens_every_screen_and_preview_within_the_target(tmp_path):
    rows = {row.figure: row for row in memory(Context(quick=True, workdir=tmp_path))}
    assert set(rows) == {"memory: peak, every screen", "memory: peak, every screen and preview",
                         "memory: resident after the previews are closed"}
    for row in rows.values():
        assert row.value is not None and row.baseline is not None and row.value.median > 0
    peak = rows["memory: peak, every screen and preview"]
    assert re.search(r"evacuation preview of [1-9]\d* page", peak.note), peak.note
    assert peak.value.median - peak.baseline.median <= TARGET_MB
    after = rows["memory: resident after the previews are closed"]
    assert after.value.median - after.baseline.median < 50, after.note  # closed previews leave nothing big
