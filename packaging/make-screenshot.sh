#!/usr/bin/env bash
# Screenshots of the sandbox window on a virtual X server with a window manager (openbox,
# so minimum sizes and frames apply as on a desktop): every state of the window, light and
# dark, at 400 x 700 and 1400 x 900 (packaging/screenshots.py).
# Needs the set-up of `bash packaging/dev.sh test` and openbox.
#   bash packaging/make-screenshot.sh [OUTDIR [STATE...]]     # default docs/screens, every state
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${PHLO_DESK_VENV:-$PWD/.venv}
OUT=${1:-docs/screens}
shift $(( $# > 0 ? 1 : 0 ))
command -v openbox >/dev/null || { echo "needs openbox: sudo apt-get install openbox" >&2; exit 1; }

NUMBER_FILE=$(mktemp)
# -displayfd: Xvfb picks a free display and writes its number once it is ready.
Xvfb -displayfd 3 -screen 0 1440x960x24 -nolisten tcp 3>"$NUMBER_FILE" >/dev/null 2>&1 &
XVFB=$!
WM=
trap 'kill $WM $XVFB 2>/dev/null || true; rm -f "$NUMBER_FILE"' EXIT
until [ -s "$NUMBER_FILE" ]; do sleep 0.1; done
export DISPLAY=":$(cat "$NUMBER_FILE")" QT_QPA_PLATFORM=xcb
openbox >/dev/null 2>&1 &
WM=$!
sleep 0.5
# A private, empty home: the screenshots show a fresh desk, never this machine's history.
HOME_DIR=$(mktemp -d)
trap 'kill $WM $XVFB 2>/dev/null || true; rm -rf "$NUMBER_FILE" "$HOME_DIR"' EXIT
export XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" XDG_STATE_HOME="$HOME_DIR/state" \
    XDG_CACHE_HOME="$HOME_DIR/cache" PHLO_DESK_CONFIG_DIR="$HOME_DIR/config/phlo-desk"
# With a real Secret Service when there is one, so Settings shows what an agent sees.
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    dbus-run-session -- bash packaging/with-keyring.sh "$VENV/bin/python" packaging/screenshots.py "$OUT" "$@"
else
    "$VENV/bin/python" packaging/screenshots.py "$OUT" "$@"
fi
