"""What a person sees: the installed phlo-desk on a real X server (Xvfb)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.support.xvfb import private_display

TOOLS = ("Xvfb", "xdotool", "import")
pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in TOOLS) and not os.environ.get("CI"),
        reason="needs Xvfb, xdotool and ImageMagick (packaging/dev.sh test installs them)",
    ),
]


@pytest.fixture
def display():
    with private_display() as name:
        yield name


def run_x(display: str, *command: str) -> str:
    done = subprocess.run(command, env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


def wait_for_window(display: str, title: str, timeout_s: float = 30) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = run_x(display, "xdotool", "search", "--onlyvisible", "--name", title)
        if found:
            return found.splitlines()[0]
        time.sleep(0.2)
    raise AssertionError(f"no visible window named {title!r} within {timeout_s} s")


def test_installed_app_shows_its_sandbox_window_and_takes_a_keyboard_transfer(display, tmp_path):
    executable = Path(sys.executable).with_name("phlo-desk")
    assert executable.exists(), "phlo-desk is not installed in this environment"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    app = subprocess.Popen([str(executable), "--sandbox"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = wait_for_window(display, "PHLO Desk")
        time.sleep(1.0)  # the first paint and the warm-up
        run_x(display, "xdotool", "windowfocus", "--sync", window)
        run_x(display, "xdotool", "type", "--delay", "15", "(415) 222-5555")
        run_x(display, "xdotool", "key", "ctrl+Return")
        time.sleep(1.0)
        shot = tmp_path / "window.png"
        run_x(display, "import", "-window", "root", str(shot))

        image = QImage(str(shot))
        assert not image.isNull() and image.width() == 1280
        # The sandbox banner runs across the top of the window: a person cannot miss it.
        banner = QColor(image.pixel(40, 6))
        assert (banner.red(), banner.green(), banner.blue()) == (0xFF, 0xD5, 0x4F)

        log_file = Path(os.environ["XDG_STATE_HOME"]) / "phlo-desk" / "log" / "phlo-desk.log"
        deadline = time.monotonic() + 10
        results = []
        while time.monotonic() < deadline and not results:
            lines = log_file.read_text().splitlines() if log_file.exists() else []
            results = [json.loads(line.split("action result ", 1)[1]) for line in lines if "action result " in line]
            time.sleep(0.2)
        assert results and results[-1]["action"] == "warm_transfer"
        assert results[-1]["target"] == "+14152225555" and results[-1]["ok"] is True
    finally:
        app.terminate()
        app.wait(timeout=15)
    assert "Traceback" not in app.stderr.read()
