"""Benchmark results as JSON (one file per run) and the comparison of two runs.

`python -m bench.run` writes its rows here: a full run to bench/results/latest.json, a quick one
to bench/results/quick.json (both kept in the repository: the figures of the code they sit
beside), a partial one (--only, --db) to the work folder; --json PATH chooses. Each row keeps its
samples, so a comparison can show medians, ratios and whether each target held.
"""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
from pathlib import Path

from bench.table import Row, Stats, met_text

RESULTS = Path(__file__).resolve().parent / "results"
FORMAT = 1


def _stats(stats: Stats | None) -> dict | None:
    if stats is None or not stats.samples:
        return None
    return {"samples": list(stats.samples), "median": stats.median, "min": stats.low, "max": stats.high}


def row_json(row: Row) -> dict:
    return {"figure": row.figure, "unit": row.unit, "value": _stats(row.value), "baseline_name": row.baseline_name,
            "baseline": _stats(row.baseline), "ratio": row.ratio, "target": row.target, "met": row.met,
            "note": row.note}


def run_json(rows: list[Row], *, mode: str, started: str, seconds: float, argv: list[str]) -> dict:
    return {"format": FORMAT, "mode": mode, "started": started, "seconds": round(seconds, 1), "argv": argv,
            "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                        "system": platform.platform(), "processor": platform.machine(),
                        "cpus": _cpus()},
            "rows": [row_json(row) for row in rows]}


def _cpus() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    temp.replace(path)


def load(path: Path) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or not isinstance(data.get("rows"), list):
        raise ValueError(f"{path}: not a benchmark result of format {FORMAT}")
    return data


def _median(row: dict | None, key: str = "value") -> float | None:
    stats = row.get(key) if row else None
    return stats["median"] if stats else None


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "trips":
        return f"{value:.0f} trips"
    if unit == "ms":
        return f"{value * 1000:.2f} ms" if value < 0.01 else f"{value * 1000:.1f} ms"
    return f"{value:.3f} s"


def _change(a: float | None, b: float | None) -> str:
    if a is None or b is None or a == 0:
        return ""
    return f"{(b - a) / a * 100:+.0f}%"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}x"


def compare(a: dict, b: dict) -> str:
    """One line per figure of either run: A's and B's medians and the change, the ratios to their
    baselines, the target and whether it held in each."""
    rows_a = {row["figure"]: row for row in a["rows"]}
    rows_b = {row["figure"]: row for row in b["rows"]}
    figures = list(rows_a) + [f for f in rows_b if f not in rows_a]
    headers = ("figure", "A", "B", "change", "ratio A", "ratio B", "change", "target", "met A", "met B")
    lines = []
    for figure in figures:
        ra, rb = rows_a.get(figure), rows_b.get(figure)
        unit = (rb or ra)["unit"]
        va, vb = _median(ra), _median(rb)
        qa, qb = (ra or {}).get("ratio"), (rb or {}).get("ratio")
        lines.append((figure, _show(va, unit), _show(vb, unit), _change(va, vb), _ratio(qa), _ratio(qb),
                      _change(qa, qb), (rb or ra).get("target", ""), met_text((ra or {}).get("met")) if ra else "-",
                      met_text((rb or {}).get("met")) if rb else "-"))
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h) for i, h in enumerate(headers)]

    def fmt(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [f"A: {a.get('mode')} run of {a.get('started')} ({a['machine'].get('system', '?')})",
           f"B: {b.get('mode')} run of {b.get('started')} ({b['machine'].get('system', '?')})", "",
           fmt(headers), fmt("-" * w for w in widths), *(fmt(line) for line in lines)]
    return "\n".join(out)


def default_path(*, quick: bool, partial: bool, workdir: Path) -> Path:
    """Where a run's JSON goes unless --json says: the repository's results for a whole run."""
    if partial:
        return workdir / "last-run.json"
    return RESULTS / ("quick.json" if quick else "latest.json")


def main_compare(paths: list[Path]) -> int:
    try:
        a, b = (load(p) for p in paths)
    except (OSError, ValueError) as exc:
        print(f"Cannot compare: {exc}", file=sys.stderr)
        return 2
    print(compare(a, b))
    return 0
