#!/usr/bin/env bash
# Package the frozen one-folder bundle (dist/phlo-desk) as dist/phlo-desk_<version>_<arch>.deb.
#   bash packaging/linux/build-deb.sh [bundle-dir] [out-dir]
# Plain dpkg-deb over a staged tree: no debhelper. The bundle must have been built on
# the oldest Debian/Ubuntu release the package targets (its glibc is the floor).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUNDLE=${1:-$REPO/dist/phlo-desk}
OUT=${2:-$REPO/dist}
[ -x "$BUNDLE/phlo-desk" ] || { echo "no frozen bundle at $BUNDLE (run packaging/build-linux.sh)" >&2; exit 1; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/phlo_desk/__init__.py")
ARCH=$(dpkg --print-architecture)
DATE=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)}" +%Y-%m-%d)
APP_ID=com.phlodesk.PhloDesk

# Libraries the bundle leaves to the system (see the spec). Checked by ldd in a clean
# root by packaging/linux/verify-in-clean-root.sh; libdbus and libEGL/libGL are also
# loaded at run time without showing up in ldd.
DEPENDS="libc6 (>= 2.36), libgcc-s1, libstdc++6, zlib1g, libssl3, libffi8, libbz2-1.0, liblzma5, libsqlite3-0,
 libgssapi-krb5-2,
 libuuid1, libzstd1, libglib2.0-0, libdbus-1-3, libfontconfig1, libfreetype6, libpng16-16,
 libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcb1,
 libxcb-cursor0, libxcb-glx0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,
 libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1,
 libxcb-xfixes0, libxcb-xkb1, libwayland-client0, libwayland-cursor0, libwayland-egl1,
 fonts-dejavu-core | fonts-liberation2 | fonts-noto-core"

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ROOT=$STAGE/root
install -d "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/metainfo" "$ROOT/usr/share/doc/phlo-desk" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$ROOT/opt/phlo-desk"
install -m 755 "$HERE/phlo-desk.sh" "$ROOT/usr/bin/phlo-desk"
install -m 644 "$HERE/phlo-desk.desktop" "$ROOT/usr/share/applications/phlo-desk.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$HERE/$APP_ID.metainfo.xml" \
  >"$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$REPO/resources/icons/phlo-desk.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/phlo-desk.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$REPO/resources/icons/phlo-desk-$size.png" \
    "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/phlo-desk.png"
done
cat >"$ROOT/usr/share/doc/phlo-desk/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: phlo-desk
Comment: /opt/phlo-desk bundles Python, Qt (PySide6, LGPL-3.0) and the Python
 packages listed in pyproject.toml, each under its own licence.

Files: *
License: MIT
COPYRIGHT
find "$ROOT" -type d -exec chmod 755 {} +

# Validate the desktop integration files when the tools are there (CI installs them).
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$ROOT/usr/share/applications/phlo-desk.desktop"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml" >/dev/null
fi

cat >"$ROOT/DEBIAN/control" <<CONTROL
Package: phlo-desk
Version: $VERSION
Architecture: $ARCH
Maintainer: ${DEB_MAINTAINER:-PHLO Desk maintainers <phlo-desk@example.com>}
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: $DEPENDS
Recommends: gnome-keyring | kwalletmanager | keepassxc
Section: net
Priority: optional
Description: warm and cold transfers for Plivo PHLO multi-party calls
 A desktop console for call-centre agents: warm and cold transfers, hold,
 resume and hang-up through Plivo's PHLO multi-party call API, with a
 built-in sandbox for training. Self-contained: Python and Qt are bundled
 under /opt/phlo-desk.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/phlo-desk_${VERSION}_${ARCH}.deb"
# xz -9: the bundle is mostly Qt/ICU shared libraries, which xz shrinks best.
dpkg-deb --root-owner-group -Zxz -z9 --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
