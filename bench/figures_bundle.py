"""Figures of the desktop bundle (build/pyinstaller.spec): its size with its ten largest parts, and
its start-up beside the source install's, measured in the same run.

The bundle measured: FRONTDESK_BENCH_BUNDLE (a built `dist/frontdesk` folder, e.g. the one the slow
test tests/e2e/test_bundle.py builds), else one built here with PyInstaller into the work folder
(1-3 minutes on 2 cores; not in --quick, whose table says so).

Size: every file under the bundle folder; the parts are its top-level entries and those of its
`_internal/` folder (a package's folder, a shared library, the executable). Target: under 280 MB.

Start-up: the protocol of figures_startup (`gui --bench-startup` prints PAINTED and READY, the
first screen with its data), the bundle's executable and the source install (`python -m frontdesk`,
byte-compiled) alternating on the same demo database, after one warm-up run of each. Target: the
bundle within 10% of the source install (<= 1.1x).
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.context import ROOT, Context, log
from bench.figures_startup import NotReady, timed_start
from bench.table import Row, Stats

SPEC = ROOT / "build" / "pyinstaller.spec"
MB = 1024 * 1024
PARTS = 10


def executable(bundle: Path) -> Path:
    return bundle / ("frontdesk.exe" if sys.platform == "win32" else "frontdesk")


def build_bundle(workdir: Path) -> Path:
    """Build the bundle with PyInstaller into `workdir`; returns its folder (dist/frontdesk)."""
    dist, work = workdir / "dist", workdir / "work"
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--distpath", str(dist),
               "--workpath", str(work)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed: {result.stderr.strip()[-500:]}")
    log(f"bundle built in {time.perf_counter() - started:.0f} s")
    return dist / "frontdesk"


def sizes(bundle: Path) -> tuple[int, list[tuple[str, int]]]:
    """Total bytes of the bundle and its parts, largest first."""
    parts: dict[str, int] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(bundle).parts
            key = "/".join(relative[:2] if relative[0] == "_internal" and len(relative) > 1 else relative[:1])
            parts[key] = parts.get(key, 0) + path.stat().st_size
    ranked = sorted(parts.items(), key=lambda item: item[1], reverse=True)
    return sum(parts.values()), ranked


def _size_rows(bundle: Path) -> list[Row]:
    total, ranked = sizes(bundle)
    rows = [Row("bundle size (whole folder)", Stats.of([total / MB]), target="< 280 MB", unit="MB")]
    rows += [Row(f"  part {rank}: {name}", Stats.of([size / MB]), unit="MB")
             for rank, (name, size) in enumerate(ranked[:PARTS], start=1)]
    return rows


def _startup_rows(ctx: Context, bundle: Path) -> list[Row]:
    path = ctx.demo_db()
    source_env = ctx.env()
    bundle_env = {key: value for key, value in source_env.items() if key != "PYTHONPATH"}
    frozen = [str(executable(bundle)), "--db", str(path), "gui", "--bench-startup"]
    source = [sys.executable, "-m", "frontdesk", "--db", str(path), "gui", "--bench-startup"]
    compileall.compile_dir(ROOT / "frontdesk", quiet=1)
    runs = ctx.runs_for(quick=2, full=10)
    log(f"bundle start-up: {runs} runs (+1 warm-up) of the bundle and the source install ...")
    timed_start(frozen, bundle_env)
    timed_start(source, source_env)
    frozen_runs, source_runs = [], []
    for _ in range(runs):
        frozen_runs.append(timed_start(frozen, bundle_env))
        source_runs.append(timed_start(source, source_env))
    return [
        Row("bundle start-up: main window painted", Stats.of([m["PAINTED"] for m in frozen_runs]),
            "source install, same run", Stats.of([m["PAINTED"] for m in source_runs]), target="<= 1.1x", unit="ms"),
        Row("bundle start-up: first screen with data", Stats.of([m["READY"] for m in frozen_runs]),
            "source install, same run", Stats.of([m["READY"] for m in source_runs]), target="<= 1.1x", unit="ms"),
    ]


def bundle(ctx: Context) -> list[Row]:
    given = os.environ.get("FRONTDESK_BENCH_BUNDLE")
    labels = ("bundle size (whole folder)", "bundle start-up: first screen with data")
    if given:
        folder = Path(given)
    elif ctx.quick:
        note = "not built in --quick (1-3 min): run without --quick, or set FRONTDESK_BENCH_BUNDLE=dist/frontdesk"
        return [Row(label, None, note=note) for label in labels]
    else:
        try:
            import PyInstaller  # noqa: F401
        except ImportError:
            note = "PyInstaller is not installed: pip install -e '.[build]'"
            return [Row(label, None, note=note) for label in labels]
        log("building the bundle with PyInstaller ...")
        folder = build_bundle(ctx.workdir / "bundle")
    if not executable(folder).is_file():
        raise FileNotFoundError(f"no bundle at {folder}")
    rows = _size_rows(folder)
    try:
        rows += _startup_rows(ctx, folder)
    except NotReady as exc:
        rows.append(Row(labels[1], None, note=f"bundle did not start: {exc}"))
    return rows
