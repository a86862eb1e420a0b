"""The benchmark table: samples and their summary (median, spread, percentiles), one row per
figure beside its baseline, printed as plain text. Imports nothing of the app.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

_TARGET = re.compile(r"^\s*(<=|<)\s*([0-9.]+)\s*(x|ms|s|MB|trips)\s*$")
COUNTS = frozenset({"MB", "trips"})  # units whose samples are the quantity itself, not seconds


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True)
class Stats:
    """Samples of one quantity over several runs (seconds unless `unit` says otherwise)."""

    samples: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(tuple(values))

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


@dataclass
class Row:
    """One line of the table: a figure, its baseline, the ratio of their medians, the target."""

    figure: str
    value: Stats | None
    baseline_name: str = ""
    baseline: Stats | None = None
    target: str = ""
    unit: str = "s"  # "s" or "ms": how the numbers are shown (samples are seconds); "MB", "trips": samples are those
    note: str = ""
    ratio: float | None = field(default=None)

    def __post_init__(self) -> None:
        if self.ratio is None and self.value and self.baseline and self.baseline.median > 0:
            self.ratio = self.value.median / self.baseline.median

    @property
    def met(self) -> bool | None:
        """Whether the target holds: "<= 3x" / "< 5x" on the ratio, "< 50 ms" / "< 280 MB" / "<= 10 trips"
        on the median; None when there is no target or nothing to judge it on."""
        match = _TARGET.match(self.target)
        if match is None:
            return None
        op, limit, unit = match.group(1), float(match.group(2)), match.group(3)
        if unit == "x":
            measured = self.ratio
        elif (self.value is None or not self.value.samples
              or ((unit in COUNTS or self.unit in COUNTS) and unit != self.unit)):
            measured = None
        else:  # samples are seconds, or MB, or round trips
            measured = self.value.median * (1000 if unit == "ms" else 1)
        if measured is None:
            return None
        return measured <= limit if op == "<=" else measured < limit


def _fmt(seconds: float, unit: str) -> str:
    if unit == "trips":
        return f"{seconds:.0f}"
    if unit == "ms":
        value = seconds * 1000
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _summary(stats: Stats | None, unit: str) -> tuple[str, str]:
    if stats is None or not stats.samples:
        return "n/a", ""
    spread = f"{_fmt(stats.low, unit)}–{_fmt(stats.high, unit)}" if len(stats.samples) > 1 else ""
    return f"{_fmt(stats.median, unit)} {unit}", spread


HEADERS = ("figure", "median", "spread (min–max)", "baseline", "median", "spread (min–max)", "ratio", "target",
           "met", "runs")


def met_text(met: bool | None) -> str:
    return {True: "yes", False: "NO", None: ""}[met]


def render(rows: Sequence[Row]) -> str:
    """The table as text, with notes under it."""
    lines = []
    for row in rows:
        value, spread = _summary(row.value, row.unit)
        base, base_spread = _summary(row.baseline, row.unit) if row.baseline_name else ("", "")
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        runs = str(len(row.value.samples)) if row.value else ""
        lines.append((row.figure, value, spread, row.baseline_name, base, base_spread, ratio, row.target,
                      met_text(row.met), runs))
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h) for i, h in enumerate(HEADERS)]

    def fmt(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [fmt(HEADERS), fmt("-" * w for w in widths)]
    out += [fmt(line) for line in lines]
    notes = [f"- {row.figure}: {'n/a, ' if not row.value else ''}{row.note}" for row in rows if row.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)
