"""Packaging tests: the self-test, the desktop files, the wheel, the .deb and the release workflow."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.xvfb import private_display

REPO = Path(__file__).resolve().parents[2]
SELF_TEST_CHECKS = ("version", "qt", "keyring", "ca-bundle", "sandbox", "history")


def pytest_configure(config):  # type: ignore[no-untyped-def]
    config.addinivalue_line(
        "markers",
        "deb: needs the built .deb (dist/phlo-desk_*.deb) or PHLO_DESK_TEST_DEB=1, which builds it",
    )


def check_report(done: subprocess.CompletedProcess[str]) -> None:
    """A self-test run that passed and reported every check."""
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in SELF_TEST_CHECKS:
        assert any(line.split()[1:2] == [name] for line in lines), f"no {name} line in:\n{done.stdout}"
    assert lines[-1].startswith("self-test OK: ")


def report_line(stdout: str, check: str) -> str:
    """The self-test's line for one check."""
    found = [line for line in stdout.splitlines() if line.split()[1:2] == [check]]
    assert len(found) == 1, f"no single {check} line in:\n{stdout}"
    return found[0]


@pytest.fixture
def display():  # type: ignore[no-untyped-def]
    """A private Xvfb server's display name (":N")."""
    if not shutil.which("Xvfb"):
        if os.environ.get("CI"):
            pytest.fail("CI runs need Xvfb (packaging/dev.sh test installs it)")
        pytest.skip("needs Xvfb (packaging/dev.sh test installs it)")
    with private_display("1024x768x24") as name:
        yield name
