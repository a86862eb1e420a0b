"""The benchmark command still runs: `bench/run.py --quick` prints its table with every figure,
writes the same rows as JSON, and `--compare A B` prints the change per figure of two runs.

Not a timing test: nothing about the numbers is asserted, only that each figure was measured
(or says why not, like a start-up figure whose app entry point is not there yet)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = [sys.executable, str(ROOT / "bench" / "run.py")]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    result = subprocess.run([*BENCH, "--quick", "--workdir", str(folder), "--json", str(folder / "quick.json")],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    return result, folder / "quick.json"


def test_quick_benchmark_prints_the_table(quick_run):
    result, _json = quick_run
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout
    for figure in ("frontdesk demo", "raw sqlite3 executemany, same rows",
                   "search-as-you-type p95 (service call)", "raw sqlite3, same statements (p95)",
                   "search, 48 'Name Surn' queries max (service call)", "scan_badge + on_site query p95",
                   "visit log, all dates: page on screen max (UI)", "raw sqlite3, same page (max)",
                   "start-up: main window painted", "start-up: first screen interactive with data",
                   "lab intake 3 samples/6 tests -> labels PDF p95", "bare 3-label drawing (same fonts, QR) p95",
                   "lab report 1 sample/5 tests issued -> PDF p95", "bare report drawing (same layout, no db) p95",
                   "lab queue by technician, first page p95 (service call)",
                   "lab plan of 10,000 tests on 30 machines", "same engine, plain EDD",
                   "late tests of the lab plan, 100 tests, instances proven optimal"):  # n/a without OR-Tools
        assert figure in table, f"{figure!r} missing from:\n{table}"
    header = table.splitlines()[1]
    assert "target" in header and "met" in header
    search = next(line for line in table.splitlines() if line.startswith("search-as-you-type p95"))
    assert "<= 3x" in search and (" yes " in search or " NO " in search), search
    assert "failed:" not in table, table
    demo_row = next(line for line in table.splitlines() if line.startswith("frontdesk demo"))
    assert " ms" in demo_row or " s " in demo_row
    startup = [line for line in table.splitlines() if line.startswith("start-up:")]
    assert len(startup) == 2
    for line in startup:  # measured, or not yet measurable and saying why
        assert " ms " in line or ("n/a" in line and f"- {line.split('  ')[0]}: n/a, app entry point not ready"
                                   in table), table


def test_the_rows_are_written_as_json_and_two_runs_compare(quick_run, tmp_path):
    result, path = quick_run
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["mode"] == "quick" and data["machine"]["sqlite"]
    rows = {row["figure"]: row for row in data["rows"]}
    search = rows["search-as-you-type p95 (service call)"]
    assert search["unit"] == "ms" and search["target"] == "<= 3x" and search["met"] in (True, False)
    assert len(search["value"]["samples"]) == 2 and search["baseline"]["median"] > 0
    assert search["ratio"] == pytest.approx(search["value"]["median"] / search["baseline"]["median"])
    for line in result.stdout.splitlines():  # every row of the table is in the file
        name = line.split("  ")[0]
        if line and not line.startswith(("figure", "---", "frontdesk benchmark", "Notes:", "- ")) and name:
            assert name in rows, name

    later = json.loads(json.dumps(data))
    for row in later["rows"]:
        if row["figure"] == "search-as-you-type p95 (service call)":
            row["value"]["median"] *= 1.5
            row["ratio"] *= 1.5
            row["met"] = False
    later["rows"].append({"figure": "a new figure", "unit": "ms", "value": {"median": 0.004}, "ratio": None,
                          "target": "< 5 ms", "met": True, "note": ""})
    (tmp_path / "later.json").write_text(json.dumps(later), encoding="utf-8")
    compared = subprocess.run([*BENCH, "--compare", str(path), str(tmp_path / "later.json")], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert compared.returncode == 0, compared.stderr
    lines = compared.stdout.splitlines()
    line = next(line for line in lines if line.startswith("search-as-you-type p95 (service call)"))
    assert "+50%" in line and "<= 3x" in line and line.rstrip().endswith("NO"), line
    new = next(line for line in lines if line.startswith("a new figure"))
    assert "n/a" in new and "4.00 ms" in new
    assert len([line for line in lines if line.startswith("search")]) == 5

    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    refused = subprocess.run([*BENCH, "--compare", str(path), str(tmp_path / "bad.json")], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "not a benchmark result" in refused.stderr
