"""phlo-desk --self-test from the source tree, and the frozen bundle's when it is built."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from phlo_desk.ui import selftest
from tests.packaging.conftest import REPO

FROZEN = REPO / "dist" / "phlo-desk" / "phlo-desk"


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, cwd=REPO)


def check_report(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("version", "qt", "keyring", "ca-bundle", "sandbox", "history"):
        assert any(line.split()[1:2] == [name] for line in lines), f"no {name} line in:\n{done.stdout}"
    assert lines[-1].startswith("self-test OK: ")


def test_self_test_passes_from_source():
    check_report(run([sys.executable, "-c", "import sys; from phlo_desk.ui.app import main; sys.exit(main(['--self-test']))"]))


def test_a_failing_check_fails_the_run_and_says_why(monkeypatch):
    def broken() -> str:
        raise ImportError("No module named 'certifi'")

    monkeypatch.setattr(selftest, "CHECKS", [("version", selftest.check_version), ("ca-bundle", broken)])
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    assert "FAIL  ca-bundle  ImportError: No module named 'certifi'" in out.getvalue()
    assert "self-test FAILED: 1 passed, 0 warned, 1 failed" in out.getvalue()


def test_no_keyring_backend_is_a_warning_not_a_failure(monkeypatch):
    from phlo_desk.core import credentials

    monkeypatch.setattr(credentials.CredentialStore, "backend_name", lambda self: "none (no keyring backend found)")
    out = io.StringIO()
    monkeypatch.setattr(selftest, "CHECKS", [("keyring", selftest.check_keyring)])
    assert selftest.run_self_test(out) == 0
    assert "WARN  keyring    none (no keyring backend found)" in out.getvalue()


def test_the_report_can_go_to_a_file(monkeypatch, tmp_path):
    report = tmp_path / "report.txt"
    monkeypatch.setenv("PHLO_DESK_SELF_TEST_REPORT", str(report))
    monkeypatch.setattr(selftest, "CHECKS", [("version", selftest.check_version)])
    assert selftest.run_self_test(io.StringIO()) == 0
    assert report.read_text().splitlines()[-1] == "self-test OK: 1 passed, 0 warned, 0 failed"


def test_frozen_bundle_self_test():
    # Checked when the test runs, not when it is collected: in CI the .deb tests,
    # which run first, build the bundle.
    if not FROZEN.exists():
        if os.environ.get("PHLO_DESK_TEST_DEB") == "1":
            pytest.fail("PHLO_DESK_TEST_DEB=1 but no frozen bundle was built in dist/")
        pytest.skip("no frozen bundle in dist/ (packaging/build-linux.sh)")
    check_report(run([str(FROZEN), "--self-test"]))
