"""Screenshots of the real sandbox window in every state an agent meets, light and dark.

    bash packaging/make-screenshot.sh docs/screens     # starts Xvfb and openbox, then this

Runs `phlo_desk.ui.app.main(["--sandbox"])` and drives the window through the states
of `tests/support/window_states.py` (the layout test drives the same ones). Each is
grabbed with its window manager frame at 400 x 700 (docked beside a CRM) and at
1400 x 900, in the light and the dark colour scheme: `{state}-{size}-{scheme}.png`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phlo_desk.ui import app as desk_app  # noqa: E402
from phlo_desk.ui.main_window import MainWindow  # noqa: E402
from phlo_desk.ui.theme import Scheme  # noqa: E402
from tests.support import window_states  # noqa: E402

SIZES = {"narrow": (400, 700), "full": (1400, 900)}
SCHEMES = (Scheme.LIGHT, Scheme.DARK)


def wait(predicate, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there")
        QApplication.processEvents()
        time.sleep(0.01)


def pause(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    wait(lambda: time.monotonic() > deadline)


def grab(widget, path: Path) -> None:  # type: ignore[no-untyped-def]
    frame = widget.frameGeometry()
    widget.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(path))
    print("wrote", path, flush=True)


def tour(window: MainWindow, out: Path) -> None:
    for scheme in SCHEMES:
        window.use_colours(scheme)
        for size, (width, height) in SIZES.items():
            window.resize(width, height)
            pause(0.6)  # the window manager applies the size (and the minimum) asynchronously
            for name, state in window_states.STATES.items():
                shown = state(window, wait)
                if shown is not window:
                    shown.resize(min(width, 900), min(height, 700))
                pause(0.5)
                grab(shown, out / f"{name}-{size}-{scheme.value}.png")
                window_states.close_dialog(shown, window)
                if name == "sending":
                    window_states.finish_sending(window, wait)
    window.use_colours(Scheme.SYSTEM)
    window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")
    out.mkdir(parents=True, exist_ok=True)
    application = QApplication(sys.argv[:1])
    questions = QTimer(application)
    questions.timeout.connect(window_states.answer_questions)
    questions.start(50)

    def start_when_connected() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if window is None or window.sandbox is None or window.connection_symbol.property("tone") != "good":
            QTimer.singleShot(100, start_when_connected)
            return
        tour(window, out)

    QTimer.singleShot(100, start_when_connected)
    return desk_app.main(["--sandbox"])


if __name__ == "__main__":
    sys.exit(main())
