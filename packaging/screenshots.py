"""Screenshots of the real sandbox window in every state an agent meets, light and dark.

    bash packaging/make-screenshot.sh docs/screens     # starts Xvfb and openbox, then this
    bash packaging/make-screenshot.sh docs/screens directory-search directory-panel   # only these states

Runs `phlo_desk.ui.app.main(["--sandbox"])` and drives the window through the states
of `tests/support/window_states.py` (the layout test drives the same ones). Each is
grabbed with its window manager frame at 400 x 700 (docked beside a CRM) and at
1400 x 900, in the light and the dark colour scheme: `{state}-{size}-{scheme}.png`.
To's list of matches is a popup window of its own: a shot of the window takes it in
where it shows. The Directory panel is taken with the window it opens over.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phlo_desk.ui import app as desk_app  # noqa: E402
from phlo_desk.ui.main_window import MainWindow  # noqa: E402
from phlo_desk.ui.theme import Scheme  # noqa: E402
from tests.support import window_states  # noqa: E402

SIZES = {"narrow": (400, 700), "full": (1400, 900)}
SCHEMES = (Scheme.LIGHT, Scheme.DARK)
# Panels that stay beside the window during a call: shown with the window behind them.
OVER_THE_WINDOW = {"directory-panel"}


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


def grab(widgets, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The screen under the widgets' frames, all of them: a popup or a panel is a window of its own."""
    area = QRect()
    for widget in widgets:
        area = area.united(widget.frameGeometry())
    screen = widgets[0].screen()
    area = area.intersected(screen.geometry())
    # quality 0: zlib's best compression (the shots are kept in the repository)
    screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(str(path), "PNG", 0)
    print("wrote", path, flush=True)


def centre_over(widget, window) -> None:  # type: ignore[no-untyped-def]
    """As the window manager placed it when it opened, for the size it now has."""
    frame = widget.frameGeometry()
    frame.moveCenter(window.frameGeometry().center())
    screen = window.screen().availableGeometry()
    frame.moveLeft(max(screen.left(), min(frame.left(), screen.right() - frame.width() + 1)))
    frame.moveTop(max(screen.top(), min(frame.top(), screen.bottom() - frame.height() + 1)))
    widget.move(frame.topLeft())


def tour(window: MainWindow, out: Path, only: list[str]) -> None:
    states = {name: state for name, state in window_states.STATES.items() if not only or name in only}
    for scheme in SCHEMES:
        window.use_colours(scheme)
        for size, (width, height) in SIZES.items():
            window.resize(width, height)
            pause(0.6)  # the window manager applies the size (and the minimum) asynchronously
            for name, state in states.items():
                shown = state(window, wait)
                if shown is not window:
                    shown.resize(min(width, 900), min(height, 700))
                if name in OVER_THE_WINDOW:
                    pause(0.3)  # the new size first: the frame it is centred by
                    centre_over(shown, window)
                pause(0.5)
                popup = window_states.open_completion_popup(window)
                widgets = [window, shown] if name in OVER_THE_WINDOW else [shown]
                grab(widgets + ([popup] if popup is not None else []), out / f"{name}-{size}-{scheme.value}.png")
                window_states.close_dialog(shown, window)
                if name == "sending":
                    window_states.finish_sending(window, wait)
    window.use_colours(Scheme.SYSTEM)
    window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")
    only = sys.argv[2:]  # state names; none: every state
    unknown = set(only) - set(window_states.STATES)
    if unknown:
        print("no such state:", ", ".join(sorted(unknown)), "- known:", ", ".join(window_states.STATES),
              file=sys.stderr)
        return 2
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
        try:
            tour(window, out, only)
        except Exception:  # in a timer, an error would leave the window open for ever
            traceback.print_exc()
            application.exit(1)

    QTimer.singleShot(100, start_when_connected)
    return desk_app.main(["--sandbox"])


if __name__ == "__main__":
    sys.exit(main())
