#!/usr/bin/env bash
# Install the app and start it on the demo database (created on first run): `frontdesk --demo`,
# the demo's own data folder beside the real one (the user's data folder + "-demo"; with
# FRONTDESK_HOME set, "$FRONTDESK_HOME-demo"). A real desk's data is never touched.
set -euo pipefail
cd "$(dirname "$0")"
. tools/system_packages.sh
need_app_packages  # Qt's xcb libraries for the real window, only when missing
. tools/venv.sh
make_venv '.'
demo_db=$(.venv/bin/python -c 'from frontdesk import config; print(config.use_demo())')
if [ ! -f "$demo_db" ]; then
  .venv/bin/frontdesk --demo demo --desk R1
fi
exec .venv/bin/frontdesk --demo "$@"
