#!/usr/bin/env bash
# Re-take docs/screenshot.png: the sandbox window after a keyboard warm transfer,
# on a virtual X server. Needs the set-up of `bash packaging/dev.sh test`.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${PHLO_DESK_VENV:-$PWD/.venv}
OUT=${1:-docs/screenshot.png}

NUMBER_FILE=$(mktemp)
# -displayfd: Xvfb picks a free display and writes its number once it is ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$NUMBER_FILE" >/dev/null 2>&1 &
XVFB=$!
APP=
trap 'kill $APP $XVFB 2>/dev/null || true; rm -f "$NUMBER_FILE"' EXIT
until [ -s "$NUMBER_FILE" ]; do sleep 0.1; done
export DISPLAY=":$(cat "$NUMBER_FILE")" QT_QPA_PLATFORM=xcb

"$VENV/bin/phlo-desk" --sandbox &
APP=$!
for _ in $(seq 50); do
  WINDOW=$(xdotool search --onlyvisible --name "PHLO Desk" 2>/dev/null | head -1) && [ -n "$WINDOW" ] && break
  sleep 0.2
done
sleep 1
xdotool windowfocus --sync "$WINDOW"
xdotool type --delay 20 "(415) 222-5555"
xdotool key ctrl+Return
sleep 1
xdotool key alt+u   # the customer's number, so their leg can be acted on too
xdotool type --delay 20 "+1 415 555 0100"
sleep 2
import -window "$WINDOW" "$OUT"
echo "wrote $OUT"
