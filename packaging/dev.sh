#!/usr/bin/env bash
# PHLO Desk from a source checkout, on Debian/Ubuntu with Python 3.11+.
#   bash packaging/dev.sh start [phlo-desk options]  set up, then open the window (sandbox by default)
#   bash packaging/dev.sh test  [pytest options]     set up, then run every test
# Each step is skipped when already done: system packages, .venv, the Python packages.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
VENV=${PHLO_DESK_VENV:-$REPO/.venv}
export LANG=${LANG:-C.UTF-8}

# What Qt needs to run at all, and what a real X window needs on top.
QT_PACKAGES="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"
X_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0"
# The test run also needs a virtual X server, its tools, a real Secret Service, a real
# notification service and tray (dunst, trayer), and what the packaging tests validate
# and install with.
TEST_PACKAGES="xvfb xauth x11-utils xdotool imagemagick dbus gnome-keyring
  desktop-file-utils appstream debootstrap binutils dunst trayer"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_system_packages() {
  command -v dpkg-query >/dev/null || { say "not Debian/Ubuntu: install the equivalents of: $*"; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing system packages; install them with:"
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

ensure_python() {
  local python=${PYTHON:-python3}
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "PHLO Desk needs Python 3.11 or newer as '$python' (set PYTHON=/path/to/python3.11)"
    exit 1
  fi
  "$python" -c 'import venv, ensurepip' 2>/dev/null || ensure_system_packages python3-venv
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$python" -m venv "$VENV"
  fi
}

# Reinstall only when pyproject.toml or the extras asked for change.
ensure_python_packages() {
  local extras=$1 stamp="$VENV/.phlo-desk-installed"
  local wanted
  wanted="$extras $(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "installing Python packages${extras:+ ($extras)}"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e ".${extras:+[$extras]}"
    echo "$wanted" >"$stamp"
  fi
  # The compiled translations (.qm): cheap, so made again at every start.
  "$VENV/bin/python" "$REPO/packaging/translations.py" build
}

cmd=${1:-}
shift || true
case "$cmd" in
  start)
    ensure_system_packages $QT_PACKAGES $X_PACKAGES
    ensure_python
    ensure_python_packages ""
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      say "no display found: on a headless machine run it under Xvfb: xvfb-run -a bash packaging/dev.sh start"
      exit 1
    fi
    [ $# -eq 0 ] && set -- --sandbox
    exec "$VENV/bin/phlo-desk" "$@"
    ;;
  test)
    ensure_system_packages $QT_PACKAGES $X_PACKAGES $TEST_PACKAGES
    ensure_python
    ensure_python_packages test
    # A private D-Bus session with an unlocked GNOME Keyring: the real Secret Service.
    exec dbus-run-session -- bash "$REPO/packaging/with-keyring.sh" "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: bash packaging/dev.sh start|test [options]" >&2
    exit 2
    ;;
esac
