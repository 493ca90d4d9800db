"""phlo-desk --self-test from the source tree, and the frozen bundle's when it is built."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from phlo_desk import selftest
from tests.packaging.conftest import REPO, check_report, report_line

FROZEN = REPO / "dist" / "phlo-desk" / "phlo-desk"
SELF_TEST = "import sys; from phlo_desk.ui.app import main; sys.exit(main(['--self-test']))"


def run(command: list[str], **environ: str | None) -> subprocess.CompletedProcess[str]:
    """Run offscreen unless told otherwise; a None value removes that variable."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name, value in environ.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, cwd=REPO)


def run_checks(names: list[str], **environ: str | None) -> subprocess.CompletedProcess[str]:
    """The self-test with only the named checks, in a fresh process (Qt starts once per process)."""
    script = (
        "import sys; from phlo_desk import selftest; "
        f"selftest.CHECKS = [c for c in selftest.CHECKS if c[0] in {names!r}]; "
        "sys.exit(selftest.run_self_test())"
    )
    return run([sys.executable, "-c", script], **environ)


def test_self_test_passes_from_source():
    check_report(run([sys.executable, "-c", SELF_TEST]))


def test_the_self_test_stands_apart_from_the_window():
    # The window's start module runs the self-test, so the self-test must not load it back
    # (an import circle); and importing the self-test must not start loading Qt.
    script = (
        "import sys; from phlo_desk import selftest; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))); "
        "code = selftest.run_self_test(); "
        "print(sorted(m for m in sys.modules if m.startswith('phlo_desk.ui'))); sys.exit(code)"
    )
    done = run([sys.executable, "-c", script])
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-2].startswith("self-test OK: "), done.stdout
    assert lines[0] == "[]", f"importing the self-test loaded Qt: {lines[0]}"
    assert lines[-1] == "[]", f"the self-test loaded the window's modules: {lines[-1]}"


def test_a_failing_check_fails_the_run_and_says_why(monkeypatch):
    def broken() -> str:
        raise ImportError("No module named 'certifi'")

    monkeypatch.setattr(selftest, "CHECKS", [("version", selftest.check_version), ("ca-bundle", broken)])
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    assert "FAIL  ca-bundle  ImportError: No module named 'certifi'" in out.getvalue()
    assert "self-test FAILED: 1 passed, 0 warned, 1 failed" in out.getvalue()


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_no_usable_keyring_is_a_warning_not_a_failure(backend):
    # keyring's own "nothing to keep secrets in" backends, chosen the way IT would, through
    # the environment: the real choice and naming of the backend run, not a stand-in.
    done = run([sys.executable, "-c", SELF_TEST], PYTHON_KEYRING_BACKEND=backend)
    check_report(done)
    assert report_line(done.stdout, "keyring").startswith(
        "WARN  keyring    none (no keyring backend found): the Auth Token must come from PLIVO_AUTH_TOKEN"
    )
    assert done.stdout.splitlines()[-1] == "self-test OK: 7 passed, 1 warned, 0 failed"


def test_with_a_display_qt_is_checked_on_the_platform_it_picks(display):
    done = run_checks(["qt"], QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=display)
    line = report_line(done.stdout, "qt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert line.startswith("PASS  qt         Qt ") and " on xcb (Qt's choice for this display), " in line


def test_the_platform_asked_for_is_the_one_checked():
    # QT_QPA_PLATFORM=xcb without an X server: the window could not open, so neither may the check pass.
    done = run_checks(["qt"], QT_QPA_PLATFORM="xcb", WAYLAND_DISPLAY=None, DISPLAY=None)
    assert done.returncode == 1, done.stdout + done.stderr
    assert report_line(done.stdout, "qt").startswith(
        "FAIL  qt         Qt cannot start on 'xcb' here, so the window would not open"
    )


def test_without_a_display_qt_is_checked_offscreen_and_the_report_says_so():
    done = run_checks(["qt"], QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=None)
    line = report_line(done.stdout, "qt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert line.startswith("WARN  qt         Qt ") and " on offscreen (no display), " in line
    assert "the platform the window needs was not checked" in line


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_display_for_qt_to_pick(system):
    assert selftest.qt_platform_choice({}, system) == ("", "Qt's choice for this display")
    asked = {"QT_QPA_PLATFORM": "offscreen"}
    assert selftest.qt_platform_choice(asked, system) == ("offscreen", "from QT_QPA_PLATFORM")


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
