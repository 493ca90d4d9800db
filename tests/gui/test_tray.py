"""The tray icon and the notifications, against real parts: the sandbox's answers, a
private session bus, the dunst notification service on a private X server (Xvfb), and
for the icon a real tray (trayer) that the window embeds in over X.

"The agent works in another window": a bare QWindow takes the focus, so no window of
the desk is active, as when the CRM has it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move, Step
from phlo_desk.ui.tray import attach_tray
from tests.support import window_states
from tests.support.xvfb import private_display

TOOLS = ("Xvfb", "dbus-daemon", "dunst", "dunstctl")
needs_notification_service = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS) and not os.environ.get("CI"),
    reason="needs Xvfb, dbus-daemon and dunst (packaging/dev.sh test installs them)",
)
needs_tray = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "trayer", "xdotool", "xwininfo")) and not os.environ.get("CI"),
    reason="needs Xvfb, trayer, xdotool and xwininfo (packaging/dev.sh test installs them)",
)

# A session bus of the test's own, which starts no service by itself: the notification
# service is there only when a test starts one.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture(scope="module")
def display():
    with private_display() as name:
        yield name


@pytest.fixture
def session_bus(tmp_path, monkeypatch):
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=tmp_path))
    bus = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={config}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = bus.stdout.readline().strip()
        assert address, "dbus-daemon did not start"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        bus.terminate()
        bus.wait(timeout=10)


class Dunst:
    """The dunst notification service, read back with dunstctl."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def ctl(self, *args: str) -> str:
        return subprocess.run(["dunstctl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10, check=True).stdout

    def on_screen(self) -> int:
        return int(self.ctl("count", "displayed"))

    def shown(self) -> list[dict[str, str]]:
        """Every notification shown so far, oldest first (dunst keeps only closed ones, so all are closed)."""
        self.ctl("close-all")
        newest_first = json.loads(self.ctl("history"))["data"][0]
        return [{key: value["data"] for key, value in entry.items()} for entry in reversed(newest_first)]


@pytest.fixture
def dunst(display, session_bus):
    env = {**os.environ, "DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": session_bus}
    daemon = subprocess.Popen(["dunst"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    service = Dunst(env)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["dunstctl", "is-paused"], env=env, capture_output=True, check=False).returncode != 0:
            assert time.monotonic() < deadline and daemon.poll() is None, "dunst did not start"
            time.sleep(0.05)
        yield service
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


@pytest.fixture
def elsewhere(qtbot):
    """Call it to put the agent in another application's window."""
    other = QWindow()
    other.resize(300, 200)

    def work_elsewhere() -> None:
        other.show()
        other.requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is None, timeout=3000)

    yield work_elsewhere
    other.destroy()


@pytest.fixture
def tray(window):
    return attach_tray(window)


def wait(qtbot):  # type: ignore[no-untyped-def]
    return lambda predicate: qtbot.waitUntil(predicate, timeout=5000)


def look_at_the_desk(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


# -- notifications -------------------------------------------------------------------------------


@needs_notification_service
def test_an_answer_while_the_agent_is_elsewhere_is_notified_in_one_line(qtbot, dunst, window, tray, elsewhere):
    elsewhere()
    with qtbot.waitSignal(tray.notified, timeout=10000) as told:
        window_states.consult(window, wait(qtbot))
    assert told.args == ["desktop"]
    [shown] = dunst.shown()
    headline = window.headline.text.text()
    assert "Accepted" in headline or "accepted" in headline
    assert shown["summary"] == " ".join(headline.split()) and "\n" not in shown["summary"]
    assert shown["appname"] == window.windowTitle() == "PHLO Desk - SANDBOX"


@needs_notification_service
def test_no_notification_while_the_desk_is_active_or_they_are_turned_off(qtbot, dunst, window, tray, elsewhere):
    look_at_the_desk(qtbot, window)
    window_states.consult(window, wait(qtbot))  # looking at the desk: nothing to tell
    window.apply_profile(replace(window.profile, notifications="off"))
    elsewhere()
    assert window.send_step(Step(Move.CANCEL))
    window_states.finish_sending(window, wait(qtbot))  # elsewhere, but turned off
    window.apply_profile(replace(window.profile, notifications="on"))  # and on again, live
    window.to_field.setText("(415) 222-6666")  # another text: dunst stacks a notification like the last
    with qtbot.waitSignal(tray.notified, timeout=10000):
        assert window.start_action(NodeAction.WARM_TRANSFER)
        window_states.finish_sending(window, wait(qtbot))
    assert "+14152226666" in window.headline.text.text()
    assert [shown["summary"] for shown in dunst.shown()] == [" ".join(window.headline.text.text().split())]


@needs_notification_service
def test_clicking_the_notification_brings_the_desk_to_the_front(qtbot, dunst, window, tray, elsewhere):
    window.showMinimized()
    elsewhere()
    with qtbot.waitSignal(tray.notified, timeout=10000):
        window_states.consult(window, wait(qtbot))
    qtbot.waitUntil(lambda: dunst.on_screen() == 1, timeout=5000)
    dunst.ctl("action", "0")  # as a click: dunst invokes the notification's default action
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert not window.isMinimized()


@needs_notification_service
def test_without_a_notification_service_the_taskbar_button_flashes(qtbot, session_bus, window, tray, elsewhere):
    elsewhere()
    with qtbot.waitSignal(tray.notified, timeout=10000) as told:
        window_states.consult(window, wait(qtbot))
    assert told.args == ["taskbar"]


def test_without_a_session_bus_the_taskbar_button_flashes(qtbot, tmp_path, monkeypatch, window, tray, elsewhere):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    elsewhere()
    with qtbot.waitSignal(tray.notified, timeout=10000) as told:
        window_states.consult(window, wait(qtbot))
    assert told.args == ["taskbar"]
    window_states.handed_over(window, wait(qtbot))  # and the desk goes on working
    assert window.desk.handed_over


# -- the icon ------------------------------------------------------------------------------------


def test_where_there_is_no_tray_there_is_no_icon_and_nothing_breaks(qtbot, window, tray):
    assert tray.icon is None  # offscreen: no tray
    window_states.consult(window, wait(qtbot))
    window.apply_profile(replace(window.profile, tray="off"))
    window.apply_profile(replace(window.profile, tray="on"))
    window_states.handed_over(window, wait(qtbot))
    assert tray.icon is None and window.desk.handed_over


# Runs a sandbox desk on a real X server with a tray, as `phlo-desk --sandbox` does, and
# prints what the tray shows at each step as JSON lines.
TRAY_DRIVER = """
import json, subprocess, sys, time
from dataclasses import replace
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from phlo_desk.sandbox import SandboxServer
from phlo_desk.ui.app import build_parser, launch
from phlo_desk.ui.garbage import collect_on_gui_thread
from phlo_desk.ui.tray import attach_tray
from tests.support import window_states

app = QApplication(sys.argv[:1])
collect_on_gui_thread(app)

def wait(predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        app.processEvents()
        time.sleep(0.02)

def report(step):
    icon = tray.icon
    shown = {"step": step, "icon": icon is not None and icon.isVisible(), "tooltip": icon.toolTip() if icon else "",
             "geometry": list(icon.geometry().getRect()) if icon else [], "active": window.isActiveWindow()}
    print(json.dumps(shown), flush=True)

with SandboxServer() as server:
    launched = launch(build_parser().parse_args(["--sandbox"]), sandbox=server)
    window = launched.window
    window.show()
    window.apply_profile(replace(window.profile, notifications="off"))  # the icon alone, here
    print(json.dumps({"available": QSystemTrayIcon.isSystemTrayAvailable()}), flush=True)
    tray = attach_tray(window)
    # Embedded: the panel is centred at the top, so the icon leaves the screen's corner.
    wait(lambda: "Connected" in window.connection_label.text() and tray.icon is not None
         and tray.icon.geometry().isValid() and tray.icon.geometry().x() > 0)
    report("idle")
    in_the_panel = tray.icon.geometry()
    window_states.consult(window, wait)
    report("consult")
    other = QWindow(); other.resize(300, 200); other.show(); other.requestActivate()
    wait(lambda: QApplication.activeWindow() is None)
    x, y, w, h = tray.icon.geometry().getRect()
    subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"], check=True)
    wait(window.isActiveWindow)
    report("clicked")
    window.apply_profile(replace(window.profile, tray="off"))
    report("off")
    window.apply_profile(replace(window.profile, tray="on"))
    wait(lambda: tray.icon is not None and tray.icon.geometry() == in_the_panel)  # embedded where it was
    report("on again")
    launched.shutdown()
"""


@needs_tray
def test_the_tray_icon_says_the_connection_and_the_consult_and_brings_the_desk_forward(tmp_path):
    with private_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PHLO_DESK_CONFIG_DIR": str(tmp_path)}
        panel = subprocess.Popen(["trayer", "--edge", "top", "--widthtype", "pixel", "--width", "200"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            root = Path(__file__).resolve().parents[2]
            done = subprocess.run([sys.executable, "-c", TRAY_DRIVER], env=env, cwd=root, capture_output=True,
                                  text=True, timeout=90, check=False)
            info = subprocess.run(["xwininfo", "-name", "panel"], env=env, capture_output=True, text=True,
                                  check=True).stdout
        finally:
            panel.terminate()
            panel.wait(timeout=10)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    available, *steps = (json.loads(line) for line in done.stdout.splitlines())
    assert available == {"available": True}
    shown = {step.pop("step"): step for step in steps}
    idle, consult = shown["idle"], shown["consult"]
    panel_x, panel_y, panel_width, panel_height = (
        int(re.search(rf"{name}:\s+(-?\d+)", info).group(1))
        for name in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"))
    x, y, width, height = idle["geometry"]
    assert idle["icon"] and panel_x <= x and x + width <= panel_x + panel_width  # in trayer's panel
    assert panel_y <= y and y + height <= panel_y + panel_height
    assert idle["tooltip"].splitlines()[0] == "PHLO Desk - SANDBOX"
    assert "Connected" in idle["tooltip"] and "No transfer in progress." in idle["tooltip"]
    assert "Consulting +14152225555 privately" in consult["tooltip"]
    assert "In the consult since " in consult["tooltip"]
    assert shown["clicked"]["active"]
    assert not shown["off"]["icon"] and shown["on again"]["icon"]
