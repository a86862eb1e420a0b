#!/usr/bin/env bash
# Install everything the test suite needs and run all of it: lint, layer contracts, tests.
# Used as is by CI (.ci/run). Slow tests run too; locally you may add: -m "not slow".
set -euo pipefail
cd "$(dirname "$0")"

# System packages (pdftoppm, Xvfb, Qt's xcb libraries, a Unicode font), installed only when missing.
. tools/system_packages.sh
need_test_packages

# PostgreSQL for the sync tests: this machine kind runs one at 127.0.0.1:5432; where none answers,
# tools/postgres.sh starts the machine's stopped clusters or a throw-away one under /tmp.
. tools/postgres.sh
ensure_postgres

. tools/venv.sh
make_venv '.[dev,build]'

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
# Two workers (this machine kind has 2 cores; most tests use one and many wait on a hub, a printer
# job or a subprocess), each taking whole files (--dist loadfile), so a file's tests share a process.
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
