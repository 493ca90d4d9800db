"""Start-up: the window is drawn and takes input before the slow work that can wait is done,
and that work still happens (or fails in a sentence the agent can read)."""

from __future__ import annotations

import linecache
import os
import subprocess
import sys
import textwrap

from phlo_desk.ui.module_sources import keep_no_module_sources

# Runs `phlo-desk --sandbox` through main() and notes on which thread the simulator and the
# phone number library are first imported, then what the window shows once configured.
START_IN_SANDBOX_MODE = textwrap.dedent("""
    import sys, threading
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    WATCHED = {"phlo_desk.sandbox.server", "phonenumbers", "logging.handlers"}
    imported_on = {}

    class Watcher:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name in WATCHED and name not in imported_on:
                imported_on[name] = "gui" if threading.current_thread() is threading.main_thread() else "worker"
            return None

    sys.meta_path.insert(0, Watcher)
    application = QApplication(sys.argv[:1])
    from phlo_desk.ui import app as desk_app
    from phlo_desk.ui.main_window import MainWindow
    BREAK = sys.argv[1] == "break-the-simulator"
    if BREAK:
        from phlo_desk.sandbox import SandboxServer
        def refuse(self):
            raise OSError("no port for the simulator")
        SandboxServer.start = refuse

    def window():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)

    def report_when_settled(waited=0):
        desk = window()
        settled = desk is not None and (
            bool(desk.log_model.entries) if BREAK else "Connected" in desk.connection_label.text())
        if not settled and waited < 10_000:
            QTimer.singleShot(20, lambda: report_when_settled(waited + 20))
            return
        for name in sorted(WATCHED):
            print("IMPORTED", name, imported_on.get(name, "never"), flush=True)
        print("SIMULATOR", desk.sandbox is not None, flush=True)
        print("CONNECTION", desk.connection_label.toolTip(), flush=True)
        print("TRIGGER", desk.trigger_field.text(), flush=True)
        print("STYLE_SHEET", repr(QApplication.instance().styleSheet()), flush=True)
        for entry in desk.log_model.entries:
            print("ROW", entry.as_text(), flush=True)
        desk.close()

    QTimer.singleShot(0, report_when_settled)
    sys.exit(desk_app.main(["--sandbox"]))
""")


def start_in_sandbox_mode(tmp_path, how: str = "as shipped") -> dict[str, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PHLO_DESK_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START_IN_SANDBOX_MODE, how], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    said: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(" ")
        said.setdefault(key, []).append(value)
    return said


def test_the_simulator_starts_off_the_gui_thread_and_the_window_is_then_configured(tmp_path):
    said = start_in_sandbox_mode(tmp_path)
    # Their imports (~100 ms together, the log file's ~15) would otherwise hold the window
    # after its first paint.
    assert said["IMPORTED"] == ["logging.handlers worker", "phlo_desk.sandbox.server worker", "phonenumbers worker"]
    # An application style sheet puts every widget through Qt's style-sheet engine (~60 ms
    # of start-up): the colours are palettes (ui/theme.py).
    assert said["STYLE_SHEET"] == ["''"]
    assert said["SIMULATOR"] == ["True"]
    assert said["CONNECTION"][0].startswith("Connected")
    assert said["TRIGGER"][0]  # the simulator's trigger source, filled in


def test_a_simulator_that_cannot_start_is_reported_in_a_sentence(tmp_path):
    said = start_in_sandbox_mode(tmp_path, "break-the-simulator")
    assert said["SIMULATOR"] == ["False"]
    rows = said.get("ROW", [])  # the status log's rows
    assert any("Internal error in PHLO Desk" in row for row in rows), rows
    assert not any("Traceback" in row or "OSError" in row for row in rows), rows


def test_pyside_gets_the_same_answer_without_module_sources_being_kept(tmp_path, monkeypatch):
    import PySide6  # noqa: F401 - loads the import hook being checked

    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "startup_probe_with_qt.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    (tmp_path / "startup_probe_without.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    keep_no_module_sources(sys.modules)
    keep_no_module_sources(sys.modules)  # twice is once
    for name in ("startup_probe_with_qt", "startup_probe_without"):
        __import__(name)  # as an import statement does: through PySide6's hook (importlib's functions bypass it)
    try:
        # The question PySide6 asks of each module, answered as PySide6 itself would. (Asked
        # directly: whether the import hook records a module depends on what was imported
        # before, QtNetwork among them.)
        assert feature._mod_uses_pyside(sys.modules["startup_probe_with_qt"])
        assert not feature._mod_uses_pyside(sys.modules["startup_probe_without"])
        kept = [path for path in linecache.cache if str(tmp_path) in str(path)]
        assert kept == []
    finally:
        for name in ("startup_probe_with_qt", "startup_probe_without"):
            sys.modules.pop(name, None)


def test_the_window_icon_comes_from_its_png_renderings_or_else_the_svg(qapp, tmp_path):
    from phlo_desk import icon_path
    from phlo_desk.ui.app import _window_icon

    icon = _window_icon(icon_path())
    assert {16, 32, 48, 256, 512} <= {size.width() for size in icon.availableSizes()}
    assert not icon.pixmap(64, 64).isNull()
    alone = tmp_path / "phlo-desk.svg"  # as where only the SVG is installed
    alone.write_bytes(icon_path().read_bytes())
    from_svg = _window_icon(alone)
    assert from_svg.availableSizes() == [] and not from_svg.pixmap(64, 64).isNull()


# Runs `phlo-desk --sandbox` through main() until the desk has settled (the connection
# checked), then sends one warm transfer and notes which Python types of Qt classes its
# answer set up: PySide6 sets each up at first use (~0.3-3 ms each, most of it enums).
FIRST_ANSWER = textwrap.dedent("""
    import gc, sys
    from PySide6 import QtCore, QtGui, QtWidgets
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    application = QApplication(sys.argv[:1])
    from phlo_desk.core.actions import NodeAction
    from phlo_desk.ui import app as desk_app
    from phlo_desk.ui.main_window import MainWindow

    def qt_types():
        return {name for module in (QtCore, QtGui, QtWidgets) for name in module.__dict__}

    def window():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)

    def when(ready, then, waited=0):
        if not ready() and waited < 10_000:
            QTimer.singleShot(20, lambda: when(ready, then, waited + 20))
        else:
            then()

    def transfer():
        desk = window()
        print("FROZEN", gc.get_freeze_count() > 0, flush=True)
        before = qt_types()
        desk.to_field.setText("+14152225555")
        desk.start_action(NodeAction.WARM_TRANSFER)
        def report():
            desk.repaint()  # the answer as the agent sees it
            print("ROW", desk.log_model.entries[0].as_text(), flush=True)
            print("NEW_TYPES", sorted(qt_types() - before), flush=True)
            desk.close()
        when(lambda: desk.log_model.entries, lambda: QTimer.singleShot(100, report))

    when(lambda: window() is not None and "Connected" in window().connection_label.text(), transfer)
    sys.exit(desk_app.main(["--sandbox"]))
""")


def test_once_settled_the_first_answer_sets_up_nothing_and_no_collection_walks_the_start_up(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PHLO_DESK_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FIRST_ANSWER], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    said = dict(line.partition(" ")[::2] for line in done.stdout.splitlines())
    assert "Accepted" in said["ROW"], said
    # What the first answer would set up (the brush's, the selection's and accessibility's
    # types: ~12 ms, which made it the longest the window stalled) is set up once settled.
    assert said["NEW_TYPES"] == "[]"
    # Start-up's objects are frozen: the GUI thread's collector never walks them again.
    assert said["FROZEN"] == "True"
