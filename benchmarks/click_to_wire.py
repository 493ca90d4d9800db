"""Benchmark 3: from the agent's Ctrl+Return to the request reaching the server.

In one child process: a recording loopback server (phlo_desk.sandbox.http),
and the real window and its background in normal mode, configured to use it, with the
connection warmed by the app's own warm-up. Each click is a real key event (QTest.keyClick of
Ctrl+Return on the focused To field, handled by the window's shortcut); the
server stamps each request's arrival with time.perf_counter() in the same
process, so click and arrival are on one clock.

Baseline, interleaved click by click: a warmed raw requests.Session().post of
the same body to the same server, timed the same way. The difference is what
the window, the hand-off to the action thread and PhloClient add.

Also recorded, to show where the app's extra time goes: when the key
handler returned to the event loop, and when the action thread began the
request (timed on that thread, as the action service's perform() starts).

Checks printed with the figures: exactly one request per click, and every
request from the app on one connection (one client port) that the warm-up
opened, i.e. no click pays for a TCP connect.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from common import median, percentile, report, run_child

AUTH_ID = "MABENCHMARK000000001"  # 20 characters starting with MA, like a real one
PHLO_ID = "be0c4a00-0000-4000-8000-000000000001"
NODE_ID = "be0c4a00-0000-4000-8000-000000000002"
TRIGGER_SOURCE = "+14155550123"
TOKEN = "benchmark-token-not-a-secret"


def run(env: dict[str, str], clicks: int) -> dict:
    return run_child("click_to_wire.py", ["--clicks", str(clicks)], env, timeout_s=60 + clicks)


# -- child side -------------------------------------------------------------------


@dataclass(frozen=True)
class Arrival:
    at: float  # time.perf_counter() when the handler got the whole request
    method: str
    user_agent: str
    client_port: int


class RecordingServer:
    """Accepts everything with 201 and remembers when each request arrived."""

    def __init__(self) -> None:
        from phlo_desk.sandbox.http import HttpResponse, LoopbackServer

        self._accepted = HttpResponse.json(201, {"api_id": "00000000-0000-4000-8000-000000000000", "error": ""})
        self._lock = threading.Lock()
        self.arrivals: list[Arrival] = []
        self._server = LoopbackServer(self._handle).start()
        self.url = self._server.url

    def _handle(self, request):  # type: ignore[no-untyped-def]
        arrived_at = time.perf_counter()
        with self._lock:
            self.arrivals.append(
                Arrival(arrived_at, request.method, request.headers.get("user-agent", ""), request.peer[1])
            )
        return self._accepted

    def count(self) -> int:
        with self._lock:
            return len(self.arrivals)

    def arrival(self, index: int) -> Arrival:
        with self._lock:
            return self.arrivals[index]

    def stop(self) -> None:
        self._server.stop()


def measure(clicks: int) -> dict:
    import requests
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desk_harness import TARGET_NUMBERS, Desk, spin
    from phlo_desk.core.actions import node_path
    from phlo_desk.core.outcomes import Outcome

    server = RecordingServer()
    # Normal (not sandbox) mode, configured through the environment as an
    # administrator could; the token from PLIVO_AUTH_TOKEN, so no keyring.
    desk = Desk(settings={
        "PHLO_DESK_API_BASE": server.url, "PLIVO_AUTH_ID": AUTH_ID, "PLIVO_AUTH_TOKEN": TOKEN,
        "PHLO_DESK_PHLO_ID": PHLO_ID, "PHLO_DESK_NODE_ID": NODE_ID, "PHLO_DESK_TRIGGER_SOURCE": TRIGGER_SOURCE,
    })  # warms the connection: one GET
    window = desk.window
    window.activateWindow()
    if not QTest.qWaitForWindowActive(window, 5000):  # window shortcuts need an active window
        raise RuntimeError("the window never became active: shortcuts cannot fire")
    warm_up_requests = server.count()

    url = server.url + node_path(PHLO_ID, NODE_ID)
    raw_session = requests.Session()
    raw_session.auth = (AUTH_ID, TOKEN)
    raw_session.get(url, timeout=5)  # warm, like the app's warm-up

    # Where the app's time goes: when the key handler returned, and when the
    # action thread began the request (stamped there, as perform() starts).
    action_started: list[float] = []
    actions = desk.background.actions
    perform = actions.perform

    def stamped_perform(request, audit=None):  # type: ignore[no-untyped-def]
        action_started.append(time.perf_counter())
        return perform(request, audit)

    actions.perform = stamped_perform
    handler_ms, action_start_ms = [], []

    app_ms, raw_ms, requests_per_click = [], [], []
    for number in TARGET_NUMBERS[:clicks]:
        # The app: a key press on the focused field, as the agent types it.
        desk.next_call()
        window.to_field.setText(number)
        spin(10)  # let the field's repaint go before the clock starts
        before = server.count()
        answer = desk.catch_answer()
        clicked_at = time.perf_counter()
        QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        handler_ms.append((time.perf_counter() - clicked_at) * 1000)
        shown = answer.wait(10_000)
        if shown is None or shown.outcome is not Outcome.OK:
            raise RuntimeError(f"click {len(app_ms) + 1} did not go through: {shown}; {desk.why_refused()}")
        requests_per_click.append(server.count() - before)
        app_ms.append((server.arrival(before).at - clicked_at) * 1000)
        action_start_ms.append((action_started[-1] - clicked_at) * 1000)
        spin(10)  # the answer's log row and repaint, before the baseline runs

        # The baseline: the same POST straight from a warmed requests.Session.
        before = server.count()
        body = {"action": "warm_transfer", "to": number, "role": "agent", "trigger_source": TRIGGER_SOURCE}
        posted_at = time.perf_counter()
        raw_session.post(url, json=body, timeout=5)
        raw_ms.append((server.arrival(before).at - posted_at) * 1000)

    desk.close()
    raw_session.close()
    server.stop()

    from phlo_desk.core.client import USER_AGENT

    app_arrivals = [a for a in server.arrivals if a.user_agent == USER_AGENT]
    return {
        "clicks": clicks,
        "app_ms": app_ms,
        "raw_ms": raw_ms,
        "app_median_ms": median(app_ms),
        "app_p95_ms": percentile(app_ms, 0.95),
        "key_handler_median_ms": median(handler_ms),
        "action_thread_started_median_ms": median(action_start_ms),
        "raw_median_ms": median(raw_ms),
        "raw_p95_ms": percentile(raw_ms, 0.95),
        "warm_up_requests": warm_up_requests,
        "requests_per_click": sorted(set(requests_per_click)),
        "app_posts": sum(a.method == "POST" for a in app_arrivals),
        "app_connections": len({a.client_port for a in app_arrivals}),
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=30)
    report(measure(parser.parse_args().clicks))
