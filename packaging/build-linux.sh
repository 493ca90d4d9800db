#!/usr/bin/env bash
# Build the Linux one-folder bundle and the .deb, in one command:
#   bash packaging/build-linux.sh
# Makes its own build venv (PHLO_DESK_BUILD_VENV, default build/venv-linux), installs the
# app and PyInstaller there, freezes into dist/phlo-desk, runs the frozen --self-test,
# packages dist/phlo-desk_<version>_<arch>.deb and prints the sizes.
# Needs Python 3.11+ with venv, dpkg-deb, and Qt's run-time libraries (the .deb's Depends);
# desktop-file-utils and appstream are used to validate when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
VENV=${PHLO_DESK_BUILD_VENV:-$REPO/build/venv-linux}
PYTHON=${PYTHON:-python3}
PYINSTALLER_VERSION=${PYINSTALLER_VERSION:-6.22.3}
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the build venv $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
say "installing phlo-desk and PyInstaller $PYINSTALLER_VERSION into the build venv"
# Not editable: the bundle needs the package's metadata (--self-test checks the version).
"$VENV/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" "$REPO"
# The translations are compiled with that PySide6's lrelease, then the app installed again with them.
"$VENV/bin/python" "$REPO/packaging/translations.py" build
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$REPO"

say "freezing into dist/phlo-desk"
started=$SECONDS
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$REPO/dist" --workpath "$REPO/build/pyinstaller" "$REPO/packaging/phlo-desk.spec"
say "frozen in $((SECONDS - started)) s; running the frozen self-test"
QT_QPA_PLATFORM=offscreen "$REPO/dist/phlo-desk/phlo-desk" --self-test

say "building the .deb"
DEB=$(bash "$REPO/packaging/linux/build-deb.sh" "$REPO/dist/phlo-desk" "$REPO/dist")

BUNDLE_MB=$(du -sm "$REPO/dist/phlo-desk" | cut -f1)
DEB_MB=$(du -m --apparent-size "$DEB" | cut -f1)
printf '\nbundle  dist/phlo-desk  %s MB (budget 120)\npackage %s  %s MB (budget 50)\n' \
  "$BUNDLE_MB" "${DEB#"$REPO"/}" "$DEB_MB"
[ "$BUNDLE_MB" -le 120 ] && [ "$DEB_MB" -le 50 ] || { say "over the size budget"; exit 1; }
