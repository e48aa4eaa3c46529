"""What keeps the service safe to expose: errors without tracebacks, body caps, a token, per-client limits.

Every error leaves as ``{"error": {"code", "message"}}`` with a stable code (the fetch
codes of ``extractor.errors`` included); an unexpected exception is logged on the
server and answered ``internal_error`` without a trace of it.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable

# Codes of the service's own refusals (the input's own codes are in extractor.errors).
BODY_TOO_LARGE = "body_too_large"
UNAUTHORIZED = "unauthorized"
TOO_MANY_REQUESTS = "too_many_requests"
REQUEST_TIMEOUT = "request_timeout"
BAD_REQUEST = "bad_request"
NOT_FOUND = "not_found"
INTERNAL_ERROR = "internal_error"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, str(code), message

    def body(self) -> dict:
        return error_body(self.code, self.message)


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": str(code), "message": message}}


def check_token(expected: str | None, authorization: str | None) -> None:
    """Nothing when no token is configured or ``Authorization: Bearer <token>`` carries it; else 401."""
    if not expected:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, UNAUTHORIZED, "this endpoint needs the header 'Authorization: Bearer <token>'")


class ClientLimiter:
    """At most ``limit`` requests of one client address at work at once (in this process).

    A slot is freed when the work ends, not when the request is answered: a request answered
    504 keeps its slot until its extraction thread is done, so timeouts cannot pile up work.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._busy: dict[str, int] = {}

    def acquire(self, client: str) -> None:
        with self._lock:
            if self._busy.get(client, 0) >= self.limit:
                raise ApiError(429, TOO_MANY_REQUESTS, f"at most {self.limit} requests of one client at a time")
            self._busy[client] = self._busy.get(client, 0) + 1

    def release(self, client: str) -> None:
        with self._lock:
            left = self._busy.get(client, 0) - 1
            if left > 0:
                self._busy[client] = left
            else:
                self._busy.pop(client, None)


class BodyLimit:
    """ASGI middleware: a request body larger than its path's cap is answered 413 before it is read whole.

    The declared ``Content-Length`` is checked first; a chunked body is counted as it arrives.
    """

    def __init__(self, app, cap_for: Callable[[str], int]) -> None:
        self.app = app
        self.cap_for = cap_for

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap_for(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await _send_too_large(send, cap)
            return
        state = {"size": 0, "over": False, "answered": False}

        async def counted_receive():
            message = await receive()
            state["size"] += len(message.get("body", b""))
            if state["size"] > cap:
                state["over"] = True
                raise _TooLarge()
            return message

        async def watched_send(message):
            """Whatever the app answers to a body it could not finish reading becomes the 413."""
            if not state["over"]:
                await send(message)
            elif not state["answered"]:
                state["answered"] = True
                await _send_too_large(send, cap)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not state["answered"]:
                await _send_too_large(send, cap)


class _TooLarge(Exception):
    pass


async def _send_too_large(send, cap: int) -> None:
    body = json.dumps(error_body(BODY_TOO_LARGE, f"the request body exceeds {cap} bytes")).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
