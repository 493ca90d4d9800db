"""Every state of the window, at a docked, a medium and a full size, light and dark:
every visible control lies inside its window and shows its whole text, and every text
is at least 4.5:1 against its background (tests/support/fit.py decides what that means).
"""

from __future__ import annotations

import pytest

from phlo_desk.ui import theme
from tests.support import fit, window_states

SIZES = [(400, 700), (900, 600), (1400, 900)]
SCHEMES = [theme.Scheme.LIGHT, theme.Scheme.DARK]


@pytest.fixture(scope="module")
def desk(qapp):
    """One sandbox window for the whole table: each state starts from a fresh simulated call."""
    from phlo_desk.sandbox import SandboxServer
    from phlo_desk.ui.app import build_parser, launch

    with SandboxServer() as server:
        args = build_parser().parse_args(["--sandbox"])
        launched = launch(args, sandbox=server)
        window = launched.window
        window.show()
        window.apply_profile(window.profile)
        yield window
        window.use_colours(theme.Scheme.SYSTEM)
        window.close()
        launched.background.stop()


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.value)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(window_states.STATES))
def test_nothing_is_clipped_and_every_text_is_readable(qtbot, desk, state, size, scheme):
    qtbot.waitUntil(lambda: "Connected" in desk.connection_label.text(), timeout=5000)
    desk.use_colours(scheme)
    wait = lambda predicate: qtbot.waitUntil(predicate, timeout=5000)  # noqa: E731
    with window_states.in_state(desk, state, size, wait) as shown:
        assert desk.width() == size[0]
        found = fit.problems(shown)
        assert not found, f"{state} at {size[0]}x{size[1]}, {scheme.value}:\n  " + "\n  ".join(found)


def test_the_checker_sees_a_clipped_button_in_the_real_window(qtbot, desk):
    """The table above would pass on a checker that saw nothing: show it one real defect."""
    desk.use_colours(theme.Scheme.LIGHT)
    desk.resize(400, 700)
    window_states.consult(desk, lambda predicate: qtbot.waitUntil(predicate, timeout=5000))
    button = desk.call_card.complete_button
    button.setFixedWidth(60)
    try:
        fit.settle(desk)
        assert any("completeTransferButton" in line for line in fit.problems(desk))
    finally:
        button.setMinimumWidth(0)
        button.setMaximumWidth(16777215)


AT_200_PERCENT = """
import json, sys
from PySide6.QtWidgets import QApplication
from phlo_desk.sandbox import SandboxServer
from phlo_desk.ui.app import build_parser, launch
from phlo_desk.ui.garbage import collect_on_gui_thread
from tests.support import fit, window_states

app = QApplication(sys.argv[:1])
collect_on_gui_thread(app)

def wait(predicate):
    import time
    deadline = time.monotonic() + 10
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        app.processEvents()
        time.sleep(0.01)

found = {}
with SandboxServer() as server:
    launched = launch(build_parser().parse_args(["--sandbox"]), sandbox=server)
    window = launched.window
    window.show()
    window.apply_profile(window.profile)
    wait(lambda: "Connected" in window.connection_label.text())
    window.resize(400, 700)
    for name in ("consult", "unconfirmed", "long-error"):
        window_states.STATES[name](window, wait)
        found[name] = fit.problems(window)
    found["ratio"] = window.devicePixelRatio()
    found["width"] = window.width()
    window.close()
    launched.background.stop()
print(json.dumps(found))
"""


def test_at_200_percent_the_docked_window_still_fits(tmp_path):
    """Scaling doubles every pixel; the layout in device-independent pixels must not change."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", AT_200_PERCENT], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found.pop("ratio") == 2.0 and found.pop("width") == 400
    assert found == {"consult": [], "unconfirmed": [], "long-error": []}
