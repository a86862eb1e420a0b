#!/usr/bin/env bash
# Install everything the test suite needs and run all of it: lint, layer contracts, tests.
# Used as is by CI (.ci/run). Slow tests run too; locally you may add: -m "not slow".
set -euo pipefail
cd "$(dirname "$0")"

# System packages: pdftoppm/pdftotext (PDF checks), Xvfb and the xcb cursor library (real windows),
# a Unicode font for Qt. Installed only when missing; needs root or sudo.
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
# Qt's xcb platform plugin (real windows under Xvfb) needs these; its own error names only xcb-cursor.
for lib in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1; do
  [ -e "/usr/lib/$(uname -m)-linux-gnu/${lib%%:*}" ] || need+=("${lib##*:}")
done
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

. tools/venv.sh
make_venv '.[dev]'

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
