"""A real HTTP server on 127.0.0.1 for tests, serving routes the test registers.

    server = HTTPTestServer().start()
    url = server.route("/a.html", body="<html>...</html>")
    url = server.route("/slow", body="...", delay=2.0)
    url = server.redirect("/old", "/a.html")
    server.stop()

Each route has a status, headers, a body, an optional delay before the
response, an optional trickle (pause between body chunks) and an optional
redirect. Unknown paths answer 404. Requests are recorded in ``requests``.
The ``http_server`` fixture in ``conftest.py`` starts one per test.
"""

from __future__ import annotations

import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

POLL_INTERVAL = 0.02  # shutdown() waits up to this long for serve_forever to notice


@dataclass(frozen=True)
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str | None] = field(default_factory=dict)  # None drops a header
    delay: float = 0.0  # seconds before the status line is sent
    trickle: float = 0.0  # seconds between body chunks of trickle_bytes
    trickle_bytes: int = 1
    redirect: str | None = None  # Location header value


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        owner = self.server.owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        owner.requests.append(RecordedRequest("GET", self.path, headers))
        route = owner.routes.get(self.path.split("?", 1)[0])
        if route is None:
            route = Route(status=404, body=b"not found", headers={"Content-Type": "text/plain"})
        host = headers.get("host", "")
        owner.enter(host)
        left = []

        def answering() -> None:
            """Not in flight once the answer starts: the client may finish it and send its next
            request before this thread gets back from writing (counted then, max_in_flight raced)."""
            if not left:
                left.append(True)
                owner.leave(host)

        try:
            self._respond(route, owner.stopping, answering)
        finally:
            answering()

    def _respond(self, route: Route, stopping: threading.Event, answering) -> None:
        if route.delay and stopping.wait(route.delay):
            return
        answering()
        self.send_response(route.status)
        headers: dict[str, str | None] = {"Content-Length": str(len(route.body)), **route.headers}
        if route.redirect is not None:
            headers["Location"] = route.redirect
        if headers["Content-Length"] is None:  # body delimited by closing the connection
            headers["Connection"] = "close"
            self.close_connection = True
        for name, value in headers.items():
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        if not route.trickle:
            self.wfile.write(route.body)
            return
        for start in range(0, len(route.body), route.trickle_bytes):
            self.wfile.write(route.body[start : start + route.trickle_bytes])
            self.wfile.flush()
            if stopping.wait(route.trickle):
                return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: HTTPTestServer

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that aborts (timeouts, size caps) resets its connection
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class HTTPTestServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.in_flight: dict[str, int] = {}  # per Host header: requests received, not yet being answered
        self.max_in_flight: dict[str, int] = {}  # ... and the most at any one time
        self._count_lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def enter(self, host: str) -> None:
        with self._count_lock:
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self.in_flight[host])

    def leave(self, host: str) -> None:
        with self._count_lock:
            self.in_flight[host] -= 1

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> HTTPTestServer:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping in a delay or trickle
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def route(
        self,
        path: str,
        *,
        body: str | bytes = b"",
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str | None] | None = None,
        delay: float = 0.0,
        trickle: float = 0.0,
        trickle_bytes: int = 1,
        redirect: str | None = None,
    ) -> str:
        """Register ``path``; returns its absolute URL. ``content_type=None`` sends none;
        ``headers={"Content-Length": None}`` sends no length and closes after the body."""
        all_headers: dict[str, str | None] = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(status, raw, all_headers, delay, trickle, trickle_bytes, redirect)
        return self.url(path)

    def redirect(self, path: str, to: str, *, status: int = 302) -> str:
        """Register a redirect from ``path`` to ``to`` (relative or absolute)."""
        return self.route(path, status=status, content_type=None, redirect=to)

    def __enter__(self) -> HTTPTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port_url(path: str = "/") -> str:
    """A URL on 127.0.0.1 whose port nothing listens on (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"
