#!/usr/bin/env bash
# Install everything the test suite needs and run all of it: lint, layer contracts, tests.
# Used as is by CI (.ci/run). Slow tests run too; locally you may add: -m "not slow".
set -euo pipefail
cd "$(dirname "$0")"

# System packages: pdftoppm/pdftotext (PDF checks), Xvfb and the xcb cursor library (real windows),
# a Unicode font for Qt, dosfstools and fusefat (a FAT drive). Installed only when missing; needs root or sudo.
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
[ -e /usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libxcb-cursor.so.0 ] \
  || need+=(libxcb-cursor0)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# A real FAT drive (no POSIX modes) for the backup test: mkfs.vfat and its FUSE driver.
command -v mkfs.vfat >/dev/null 2>&1 || need+=(dosfstools)
command -v fusefat >/dev/null 2>&1 || need+=(fusefat)
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
