#!/usr/bin/env bash
# Prove the .deb on a clean Debian: install it with apt into a fresh minbase root,
# check every bundled library resolves, run its --self-test offscreen, then purge it.
#   sudo bash packaging/linux/verify-in-clean-root.sh [dist/phlo-desk_<version>_<arch>.deb]
# Needs root, debootstrap and a Debian mirror (MIRROR, default deb.debian.org).
# The finished minbase root is cached as a tarball (PHLO_DESK_CACHE, default
# ~/.cache/phlo-desk), so only the first run pays for debootstrap.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
DEB=${1:-$(ls -t "$REPO"/dist/phlo-desk_*.deb 2>/dev/null | head -n1)}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
ARCH=$(dpkg --print-architecture)
CACHE=${PHLO_DESK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/phlo-desk}
TARBALL=$CACHE/rootfs-$SUITE-minbase-$ARCH.tar.gz
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

[ -f "${DEB:-}" ] || { echo "no .deb found (build it with packaging/build-linux.sh)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "needs debootstrap: apt-get install debootstrap" >&2; exit 1; }

ROOT=$(mktemp -d -t phlo-desk-root.XXXXXX)
cleanup() {
  # Unmount before deleting; if anything is still mounted, keep the folder rather than risk it.
  umount "$ROOT/dev/pts" 2>/dev/null || true
  umount "$ROOT/proc" 2>/dev/null || true
  if findmnt -rno TARGET | grep -q "^$ROOT"; then
    echo "still mounted under $ROOT: not deleting it" >&2
  else
    rm -rf "$ROOT"
  fi
}
trap cleanup EXIT
started=$SECONDS

if [ -f "$TARBALL" ]; then
  say "unpacking the cached $SUITE root"
  tar -xzf "$TARBALL" -C "$ROOT"
else
  say "debootstrap $SUITE (minbase) from $MIRROR: first run only"
  debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$ROOT" "$MIRROR" >/dev/null
  rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*_Packages
  mkdir -p "$CACHE"
  tar -czf "$TARBALL.tmp" -C "$ROOT" . && mv "$TARBALL.tmp" "$TARBALL"
fi
say "root ready after $((SECONDS - started)) s"

cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
mkdir -p "$ROOT/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOT/dev/pts"  # dpkg logs through a pty
install -m 644 "$DEB" "$ROOT/tmp/"
printf 'APT::Sandbox::User "root";\n' >"$ROOT/etc/apt/apt.conf.d/99phlo-desk-test"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

say "apt-get install ./$(basename "$DEB")"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" >/dev/null
say "installed after $((SECONDS - started)) s"

say "checking that every bundled library finds its dependencies"
# shellcheck disable=SC2016
in_root sh -c 'cd /opt/phlo-desk/_internal && export LD_LIBRARY_PATH=$PWD:$PWD/PySide6/Qt/lib &&
  find /opt/phlo-desk -type f -name "*.so*" -exec ldd {} + 2>&1 | grep "not found" | sort -u' >"$ROOT/tmp/missing" || true
if [ -s "$ROOT/tmp/missing" ]; then
  echo "libraries missing in a clean root (add their packages to Depends):" >&2
  cat "$ROOT/tmp/missing" >&2
  exit 1
fi

say "desktop integration files"
for f in /usr/bin/phlo-desk /usr/share/applications/phlo-desk.desktop \
  /usr/share/metainfo/com.phlodesk.PhloDesk.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/phlo-desk.svg /usr/share/icons/hicolor/256x256/apps/phlo-desk.png; do
  [ -e "$ROOT$f" ] || { echo "missing: $f" >&2; exit 1; }
done

say "phlo-desk --self-test in the clean root"
in_root QT_QPA_PLATFORM=offscreen /usr/bin/phlo-desk --self-test

say "apt-get purge phlo-desk"
in_root apt-get purge -y -qq phlo-desk >/dev/null
[ ! -e "$ROOT/opt/phlo-desk" ] || { echo "/opt/phlo-desk left behind by purge" >&2; exit 1; }
say "clean-root check passed in $((SECONDS - started)) s"
