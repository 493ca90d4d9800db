"""A loopback HTTP server that records every request and plays scripted replies."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from phlo_desk.sandbox.http import HttpRequest, HttpResponse, LoopbackServer

ACCEPTED = HttpResponse.json(201, {"api_id": "11111111-2222-4333-8444-555555555555", "error": ""})


@dataclass(frozen=True)
class Drop:
    """Read the request, then close the connection without answering."""

    after_s: float = 0.0


@dataclass(frozen=True)
class Slow:
    """Answer `response` after `delay_s`."""

    delay_s: float
    response: HttpResponse = ACCEPTED


Reply = HttpResponse | Drop | Slow | Callable[[HttpRequest], HttpResponse | None]


class RecordingServer:
    def __init__(self, default: HttpResponse = ACCEPTED) -> None:
        self.default = default
        self.requests: list[HttpRequest] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server = LoopbackServer(self._handle)

    @property
    def url(self) -> str:
        return self._server.url

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def _handle(self, request: HttpRequest) -> HttpResponse | None:
        with self._lock:
            self.requests.append(request)
            reply = self._replies.popleft() if self._replies else self.default
        if isinstance(reply, Drop):
            time.sleep(reply.after_s)
            return None
        if isinstance(reply, Slow):
            time.sleep(reply.delay_s)
            return reply.response
        if callable(reply):
            return reply(request)
        return reply

    def __enter__(self) -> RecordingServer:
        self._server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()
