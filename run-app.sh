#!/usr/bin/env bash
# Install the app and start it on a local SQLite file with demo data (created on first run).
# FRONTDESK_HOME chooses the data folder (default: ./demo-data beside this script).
set -euo pipefail
cd "$(dirname "$0")"
export FRONTDESK_HOME="${FRONTDESK_HOME:-$PWD/demo-data}"
. tools/system_packages.sh
need_app_packages  # Qt's xcb libraries for the real window, only when missing
. tools/venv.sh
make_venv '.'
db="$FRONTDESK_HOME/frontdesk.sqlite"
if [ ! -f "$db" ]; then
  .venv/bin/frontdesk --db "$db" demo --desk R1
fi
exec .venv/bin/frontdesk --db "$db" gui
