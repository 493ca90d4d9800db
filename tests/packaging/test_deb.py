"""The .deb: its metadata and contents, and (as root) a real install into a clean Debian root.

Runs when dist/phlo-desk_<version>_*.deb exists, or when PHLO_DESK_TEST_DEB=1, which
builds it first with packaging/build-linux.sh. The clean-root install needs root,
debootstrap and a Debian mirror: about 90 s the first time, 40 s with the cached root.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from phlo_desk import __version__
from tests.packaging.conftest import REPO

ASKED = os.environ.get("PHLO_DESK_TEST_DEB") == "1"
DEBS = sorted((REPO / "dist").glob(f"phlo-desk_{__version__}_*.deb"))

pytestmark = [
    pytest.mark.deb,
    pytest.mark.skipif(not (DEBS or ASKED), reason="no .deb in dist/ (set PHLO_DESK_TEST_DEB=1 to build one)"),
    pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="needs dpkg-deb"),
]


@pytest.fixture(scope="module")
def deb():  # type: ignore[no-untyped-def]
    if not DEBS:
        subprocess.run(["bash", str(REPO / "packaging" / "build-linux.sh")], check=True, timeout=1800)
    found = sorted((REPO / "dist").glob(f"phlo-desk_{__version__}_*.deb"))
    assert found, "packaging/build-linux.sh made no .deb"
    return found[-1]


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.timeout(1800)  # the first test may build the .deb
def test_control_fields(deb):
    assert dpkg_deb("-f", str(deb), "Package").strip() == "phlo-desk"
    assert dpkg_deb("-f", str(deb), "Version").strip() == __version__
    depends = dpkg_deb("-f", str(deb), "Depends")
    for package in ("libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libxcb-cursor0", "libdbus-1-3"):
        assert package in depends


def test_contents_and_what_stays_out_of_the_bundle(deb):
    paths = {line.split()[-1].removeprefix(".") for line in dpkg_deb("-c", str(deb)).splitlines()}
    for path in ("/opt/phlo-desk/phlo-desk", "/usr/bin/phlo-desk", "/usr/share/applications/phlo-desk.desktop",
                 "/usr/share/metainfo/com.phlodesk.PhloDesk.metainfo.xml",
                 "/usr/share/icons/hicolor/scalable/apps/phlo-desk.svg",
                 "/usr/share/icons/hicolor/48x48/apps/phlo-desk.png",
                 "/opt/phlo-desk/_internal/certifi/cacert.pem",
                 "/opt/phlo-desk/_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
                 "/opt/phlo-desk/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so"):
        assert path in paths, path
    names = {p.rsplit("/", 1)[-1] for p in paths}
    # The system's graphics stack and fonts are never bundled; nor are unused Qt parts.
    for prefix in ("libGL.so", "libEGL.so", "libfontconfig.so", "libQt6Qml", "libQt6Pdf"):
        assert not any(name.startswith(prefix) for name in names), prefix
    assert not any("/phonenumbers/geodata/" in p for p in paths)
    # Kept: QtNetwork for the link channel, without its TLS plugins; the desk's Spanish and
    # Qt's own Spanish, and no other language's Qt catalogue.
    assert any(name.startswith("libQt6Network") for name in names)
    assert not any("/plugins/tls/" in p for p in paths)
    assert "/opt/phlo-desk/_internal/phlo_desk/resources/translations/phlo_desk_es.qm" in paths
    assert "/opt/phlo-desk/_internal/PySide6/Qt/translations/qtbase_es.qm" in paths
    assert not any(name.startswith("qtbase_") and name != "qtbase_es.qm" for name in names)


def test_sizes_are_inside_the_budget(deb):
    installed_kb = int(dpkg_deb("-f", str(deb), "Installed-Size"))
    assert installed_kb <= 125 * 1024  # the bundle's 120 MB plus icons and desktop files
    assert deb.stat().st_size <= 50 * 1024 * 1024


@pytest.mark.timeout(1800)
@pytest.mark.skipif(os.geteuid() != 0, reason="the clean-root install needs root")
@pytest.mark.skipif(not shutil.which("debootstrap"), reason="needs debootstrap")
def test_installs_and_self_tests_in_a_clean_debian_root(deb):
    done = subprocess.run(
        ["bash", str(REPO / "packaging" / "linux" / "verify-in-clean-root.sh"), str(deb)],
        capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "self-test OK" in done.stdout
