# Sourced by run-app.sh and run-tests.sh: the Debian packages the app and its tests need, installed
# only when missing (root or sudo). Without either, it names what to install and stops.
#   need_app_packages   Qt's xcb platform plugin for a real window (its own error names only
#                       xcb-cursor, but it needs icccm and keysyms too) and a Unicode font.
#   need_test_packages  the above, plus pdftoppm/pdftotext (PDF checks), Xvfb and xdotool (real windows typed into),
#                       dosfstools and fusefat (a real FAT drive for the backup test).

_missing_libs() {
  # The libraries Qt's xcb platform plugin links (the desktop bundle copies them from here too).
  local pkg
  for pkg in libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
             libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
  done
  [ -d /usr/share/fonts/truetype/dejavu ] || echo fonts-dejavu-core
}

_install() {
  [ $# -gt 0 ] || return 0
  local sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd="sudo"
    else
      echo "Please install these packages (as root: apt-get install $*), then run this again." >&2
      return 1
    fi
  fi
  echo "Installing system packages: $*" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

need_app_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0  # not Debian: nothing we know how to install
  # shellcheck disable=SC2046
  _install $(_missing_libs)
}

need_test_packages() {
  local need
  need=$(_missing_libs)
  command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
  command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
  command -v xdotool >/dev/null 2>&1 || need="$need xdotool"
  command -v xwininfo >/dev/null 2>&1 || need="$need x11-utils"
  # A real FAT drive (no POSIX modes) for the backup test: mkfs.vfat and its FUSE driver.
  command -v mkfs.vfat >/dev/null 2>&1 || need="$need dosfstools"
  command -v fusefat >/dev/null 2>&1 || need="$need fusefat"
  # shellcheck disable=SC2086
  _install $need
}
