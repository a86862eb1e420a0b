"""The benchmark command: prints one table, each figure beside a baseline measured in the same run.

    .venv/bin/python -m bench.run            # full: the --large demo database (built once, cached)
    .venv/bin/python -m bench.run --quick    # smoke test: normal-size demo, few runs
    .venv/bin/python -m bench.run --db PATH  # measure on an existing large demo database
    .venv/bin/python -m bench.run --only search startup
    .venv/bin/python -m bench.run --only sync_first   # figures in registry.ON_REQUEST run only when named
    .venv/bin/python -m bench.run --compare A.json B.json   # the change per figure between two runs

Figures are listed in bench/registry.py. Nothing here is asserted: the table is for people, and
says for each target whether it held. Progress goes to stderr, the table to stdout; the rows go to
a JSON file too (bench/results.py: a whole run to bench/results/, kept in the repository).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import results
from bench.context import DEFAULT_WORKDIR, Context, log
from bench.registry import FIGURES, ON_REQUEST
from bench.table import Row, render


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small database and few runs (smoke test)")
    parser.add_argument("--db", type=Path, help="an existing large demo database to measure on")
    parser.add_argument("--runs", type=int, help="runs per figure (default: each figure's own)")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), help="measure only these figures")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"where databases are built and cached (default {DEFAULT_WORKDIR})")
    parser.add_argument("--json", type=Path, help="write the results here (default: bench/results/latest.json for "
                        "a whole run, quick.json for --quick, the work folder for --only/--db)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"),
                        help="print the change per figure from the results A to the results B, and measure nothing")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.compare:
        return results.main_compare(args.compare)
    if args.db is not None and not args.db.exists():
        print(f"No database at {args.db}", file=sys.stderr)
        return 2
    ctx = Context(quick=args.quick, workdir=args.workdir, db=args.db, runs=args.runs)
    started = time.perf_counter()
    started_at = time.strftime("%Y-%m-%d %H:%M:%S %z")
    rows: list[Row] = []
    for name, measure in FIGURES.items():
        if (args.only and name not in args.only) or (not args.only and name in ON_REQUEST):
            continue
        log(f"figure {name} ...")
        try:
            rows.extend(measure(ctx))
        except Exception as exc:  # one broken figure must not hide the others
            traceback.print_exc(file=sys.stderr)
            rows.append(Row(name, None, note=f"failed: {type(exc).__name__}: {exc}"[:200]))
    mode = "quick" if args.quick else "full"
    print(f"frontdesk benchmark ({mode}; {time.strftime('%Y-%m-%d %H:%M')}; {time.perf_counter() - started:.0f} s)")
    print(render(rows))
    path = args.json or results.default_path(quick=args.quick, partial=bool(args.only or args.db),
                                             workdir=args.workdir)
    results.write(path, results.run_json(rows, mode=mode, started=started_at,
                                         seconds=time.perf_counter() - started, argv=sys.argv[1:] if argv is None
                                         else list(argv)))
    log(f"results written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
