"""A small threaded HTTP/1.1 server for loopback use.

The sandbox and the tests' recording server both sit on it: each supplies one
function that turns an `HttpRequest` into an `HttpResponse` (or `None` to drop
the connection without answering, which is how "outcome unknown" is staged).

Responses go out in a single write with Nagle's algorithm off; without that,
Python's http.server adds ~40 ms to every keep-alive request.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # keys lower-cased
    body: bytes
    peer: tuple[str, int] = ("", 0)  # the client's address: tells connections apart

    def json(self) -> object:
        return json.loads(self.body.decode("utf-8"))


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Bytes sent verbatim instead of a well-formed reply, then the connection
    # closes: for staging a reply cut off half way.
    raw: bytes | None = None

    @classmethod
    def json(cls, status: int, payload: object) -> HttpResponse:
        return cls(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    @classmethod
    def text(cls, status: int, text: str, content_type: str = "text/plain") -> HttpResponse:
        return cls(status, text.encode(), {"Content-Type": f"{content_type}; charset=utf-8"})


Handler = Callable[[HttpRequest], HttpResponse | None]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "phlo-desk-loopback"
    sys_version = ""

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        parts = urlsplit(self.path)
        request = HttpRequest(
            method=self.command,
            path=parts.path,
            query=parts.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            peer=self.client_address[:2],
        )
        try:
            response = self.server.handle(request)  # type: ignore[attr-defined]
        except Exception:  # a bug in a handler must not kill the server thread
            log.exception("loopback handler failed for %s %s", request.method, request.path)
            response = HttpResponse.json(500, {"api_id": "", "error": "internal sandbox error"})
        if response is None:
            self.close_connection = True
            return
        if response.raw is not None:
            self.wfile.write(response.raw)
            self.close_connection = True
            return
        self.wfile.write(self._serialise(response))

    def _serialise(self, response: HttpResponse) -> bytes:
        reason = self.responses.get(response.status, ("",))[0]
        lines = [f"HTTP/1.1 {response.status} {reason}"]
        headers = {"Server": self.server_version, **response.headers}
        headers["Content-Length"] = str(len(response.body))
        lines += [f"{k}: {v}" for k, v in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head + (b"" if self.command == "HEAD" else response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _dispatch

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handle: Handler) -> None:
        self.handle = handle
        self.address_family = _address_family(address[0])  # read when the socket is made
        super().__init__(address, _RequestHandler)


def _address_family(host: str) -> socket.AddressFamily:
    """IPv6 for an IPv6 literal such as ::1; IPv4 otherwise, names like localhost included."""
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


class LoopbackServer:
    """Serves `handle` on a background thread until `stop()`."""

    def __init__(self, handle: Handler, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _Server((host, port), handle)
        # A short poll interval keeps stop() quick (shutdown waits for one poll).
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="loopback-http", daemon=True
        )

    @property
    def host(self) -> str:
        return self._server.server_address[0]

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url_host(self) -> str:
        """The address as a URL or a Host header spells it: 127.0.0.1, [::1]."""
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def url(self) -> str:
        return f"http://{self.url_host}:{self.port}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():  # shutdown() would wait forever for a loop never started
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
