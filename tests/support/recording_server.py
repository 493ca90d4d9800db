"""Loopback servers that record every request: scripted HTTP replies, and faults
below HTTP (drips, resets, floods, untrusted TLS)."""

from __future__ import annotations

import re
import socket
import ssl
import struct
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


# -- faults below HTTP ---------------------------------------------------------------

# What a FaultServer does with a connection once it has read the request.
SocketFault = Callable[[socket.socket, threading.Event], None]


class FaultServer:
    """A loopback listener for what an HTTP server cannot stage: an answer dripped a
    byte at a time, a reset, a body that never ends, a TLS certificate nobody trusts.

    It reads each request as an HTTP server would and records it, then hands the
    connection to `fault` with an event that is set when the server stops (so a
    fault that hangs ends with the test). With `tls`, connections are TLS first: a
    client that refuses the certificate never gets as far as a recorded request.
    """

    def __init__(self, fault: SocketFault, tls: ssl.SSLContext | None = None) -> None:
        self.fault = fault
        self.tls = tls
        self.requests: list[HttpRequest] = []
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._thread = threading.Thread(target=self._accept, name="fault-server", daemon=True)

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        try:
            if self.tls is not None:
                connection = self.tls.wrap_socket(connection, server_side=True)
            request = _read_request(connection, self._stopping)
            if request is not None:
                self.requests.append(request)
                self.fault(connection, self._stopping)
        except OSError:  # the client hung up, refused the certificate, or the fault reset it
            pass
        finally:
            connection.close()

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()


def _read_request(connection: socket.socket, stopping: threading.Event) -> HttpRequest | None:
    """One request (head and Content-Length body), or None if the client stops first."""
    connection.settimeout(0.05)
    data = b""
    while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < _content_length(data):
        if stopping.is_set():
            return None
        try:
            chunk = connection.recv(65536)
        except TimeoutError:
            continue
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    path, _, query = target.partition("?")
    headers = dict(line.split(":", 1) for line in header_lines)
    return HttpRequest(
        method=method,
        path=path,
        query=query,
        headers={name.strip().lower(): value.strip() for name, value in headers.items()},
        body=body,
        peer=connection.getpeername()[:2],
    )


def _content_length(data: bytes) -> int:
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", data.partition(b"\r\n\r\n")[0], re.I)
    return int(match.group(1)) if match else 0


def hang(connection: socket.socket, stopping: threading.Event) -> None:
    """Never answer."""
    stopping.wait()


def reset(connection: socket.socket, stopping: threading.Event) -> None:
    """Close with a TCP reset (RST), not the polite FIN of a closed connection."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def drip(data: bytes, every_s: float = 0.1, *, already: bytes = b"") -> SocketFault:
    """Send `already` at once, then `data` one byte every `every_s` seconds."""

    def fault(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(already)
        for byte in data:
            if stopping.wait(every_s):
                return
            connection.sendall(bytes([byte]))

    return fault


def flood(head: bytes, size: int) -> SocketFault:
    """Send `head`, then `size` bytes of body, for as long as the client reads them."""

    def fault(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(head)
        block = b"x" * 65536
        for _ in range(0, size, len(block)):
            if stopping.is_set():
                return
            connection.sendall(block)

    return fault
