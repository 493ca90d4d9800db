#!/usr/bin/env bash
# Run a command beside a freshly unlocked GNOME Keyring (Secret Service) on the
# current D-Bus session; dev.sh starts it under dbus-run-session. The keyring
# keeps its files in a throw-away folder, never in the user's home.
set -euo pipefail
KEYRING_HOME=$(mktemp -d -t phlo-desk-keyring.XXXXXX)
trap 'rm -rf "$KEYRING_HOME"' EXIT
chmod 700 "$KEYRING_HOME"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$KEYRING_HOME/run}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Unlocking with a throw-away password creates the login collection without a prompt.
eval "$(printf 'phlo-desk-test' | XDG_DATA_HOME=$KEYRING_HOME/data gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export PHLO_DESK_SECRET_SERVICE=1  # tells the tests a real Secret Service is up
"$@"
