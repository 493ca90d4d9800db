#!/usr/bin/env bash
# Build "PHLO Desk.app" and dist/PHLO-Desk-<version>.dmg on macOS, in one command:
#   bash packaging/macos/build.sh
# Makes its own build venv (PHLO_DESK_BUILD_VENV, default build/venv-macos) from Python 3.11+
# (PYTHON, default python3; a python.org or setup-python build, universal2 or the runner's
# arch), freezes, runs the frozen --self-test, builds the .dmg with dmgbuild, and self-tests
# the app again from the mounted image.
#
# Signing and notarisation run when configured (the CI secret store provides them):
#   MACOS_SIGN_IDENTITY             "Developer ID Application: Name (TEAMID)"
#   MACOS_CERTIFICATE_P12_BASE64    that identity's .p12 (CI only: imported into a throw-away keychain)
#   MACOS_CERTIFICATE_PASSWORD
#   NOTARY_APPLE_ID, NOTARY_TEAM_ID, NOTARY_PASSWORD (an app-specific password)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
VENV=${PHLO_DESK_BUILD_VENV:-$REPO/build/venv-macos}
PYTHON=${PYTHON:-python3}
PYINSTALLER_VERSION=${PYINSTALLER_VERSION:-6.22.3}
DMGBUILD_VERSION=${DMGBUILD_VERSION:-1.6.7}
APP="$REPO/dist/PHLO Desk.app"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

KEYCHAIN=""
cleanup() {
  [ -n "$KEYCHAIN" ] && security delete-keychain "$KEYCHAIN" 2>/dev/null || true
}
trap cleanup EXIT

if [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
  say "importing the signing certificate into a throw-away keychain"
  KEYCHAIN="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/phlo-desk-signing.keychain-db"
  KEYCHAIN_PASSWORD=$(openssl rand -hex 16)
  P12=$(mktemp)
  printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode >"$P12"
  security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  security set-keychain-settings -lut 21600 "$KEYCHAIN"
  security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  security import "$P12" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -A -t cert -f pkcs12 -k "$KEYCHAIN"
  rm -f "$P12"
  security set-key-partition-list -S apple-tool:,apple: -s -k "$KEYCHAIN_PASSWORD" "$KEYCHAIN" >/dev/null
  # shellcheck disable=SC2046
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
fi

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the build venv $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
say "installing phlo-desk, PyInstaller $PYINSTALLER_VERSION and dmgbuild $DMGBUILD_VERSION"
# Not editable: the bundle needs the package's metadata (--self-test checks the version).
"$VENV/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" "dmgbuild==$DMGBUILD_VERSION" "$REPO"
# The translations are compiled with that PySide6's lrelease, then the app installed again with them.
"$VENV/bin/python" "$REPO/packaging/translations.py" build
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall "$REPO"
VERSION=$("$VENV/bin/python" -c 'import phlo_desk; print(phlo_desk.__version__)')

say "freezing into $APP"
# The spec reads MACOS_SIGN_IDENTITY: PyInstaller signs each binary, then the bundle.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$REPO/dist" --workpath "$REPO/build/pyinstaller" "$REPO/packaging/phlo-desk.spec"
say "running the frozen self-test"
"$APP/Contents/MacOS/phlo-desk" --self-test
/usr/libexec/PlistBuddy -c 'Print :CFBundleURLTypes:0:CFBundleURLSchemes' "$APP/Contents/Info.plist"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

DMG="$REPO/dist/PHLO-Desk-$VERSION.dmg"
say "building $DMG"
rm -f "$DMG"
"$VENV/bin/dmgbuild" -s "$REPO/packaging/macos/dmg-settings.py" -D app="$APP" \
  -D icon="$REPO/resources/icons/phlo-desk.icns" "PHLO Desk" "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
  if [ -n "${NOTARY_APPLE_ID:-}" ] && [ -n "${NOTARY_TEAM_ID:-}" ] && [ -n "${NOTARY_PASSWORD:-}" ]; then
    say "notarising (this waits for Apple's answer)"
    xcrun notarytool submit "$DMG" --apple-id "$NOTARY_APPLE_ID" --team-id "$NOTARY_TEAM_ID" \
      --password "$NOTARY_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    say "no notary credentials: the .dmg is signed but not notarised"
  fi
else
  say "no MACOS_SIGN_IDENTITY: the app is signed ad hoc; Gatekeeper will warn on other Macs"
fi

say "self-test from the mounted image"
MOUNT=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
status=0
"$MOUNT/PHLO Desk.app/Contents/MacOS/phlo-desk" --self-test || status=$?
hdiutil detach "$MOUNT" >/dev/null
[ "$status" -eq 0 ] || exit "$status"

printf '\nbundle  %s  %s MB\nimage   %s  %s MB\n' "${APP#"$REPO"/}" "$(du -sm "$APP" | cut -f1)" \
  "${DMG#"$REPO"/}" "$(du -m "$DMG" | cut -f1)"
