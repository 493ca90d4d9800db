"""The Linux desktop integration files validate with the freedesktop tools."""

from __future__ import annotations

import configparser
import shutil
import subprocess

import pytest

from phlo_desk import __version__
from tests.packaging.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / "phlo-desk.desktop"
METAINFO = LINUX / "com.phlodesk.PhloDesk.metainfo.xml"


def test_desktop_file_handles_tel_and_sip_links():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "phlo-desk %u"  # the link becomes the positional argument
    assert set(filter(None, section["MimeType"].split(";"))) == {"x-scheme-handler/tel", "x-scheme-handler/sip"}
    assert section["Icon"] == "phlo-desk"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="needs desktop-file-utils")
def test_desktop_file_validates():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="needs appstream")
def test_metainfo_validates(tmp_path):
    filled = tmp_path / METAINFO.name
    filled.write_text(METAINFO.read_text().replace("@VERSION@", __version__).replace("@DATE@", "2025-01-01"))
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(filled)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_icons_are_rendered():
    icons = REPO / "resources" / "icons"
    for name in ["phlo-desk.svg", "phlo-desk.ico", "phlo-desk.icns", *(f"phlo-desk-{s}.png" for s in (16, 32, 48, 256, 512))]:
        assert (icons / name).stat().st_size > 0, name
    assert (icons / "phlo-desk-256.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
