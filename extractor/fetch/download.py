"""Downloading one URL with urllib3: redirects, time and size limits, error codes.

Redirects are followed here, one hop at a time, so every hop's scheme is
checked against ``allow_schemes`` (and, when the settings carry an address
policy, its resolved address: ``guard``) and the hop count maps to its own code. The
body is read in chunks so the size cap and the overall deadline stop a read
early instead of after the whole download.
"""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import urllib3
from urllib3.exceptions import (
    DecodeError,
    HTTPError,
    LocationValueError,
    NewConnectionError,
    TimeoutError as Urllib3Timeout,
)

from extractor.errors import Code, ExtractorError, http_status_code
from extractor.fetch.files import check_regular_file
from extractor.fetch.guard import PinnedSender
from extractor.fetch.settings import FetchSettings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
CHUNK_BYTES = 64 * 1024  # small enough to stop near the cap, large enough to be cheap


@dataclass(frozen=True)
class Download:
    body: bytes
    url: str  # the final URL, after redirects
    mime: str | None  # lower-case media type; None when the server sent none
    charset: str | None  # from the Content-Type header


def check_scheme(url: str, allow_schemes: tuple[str, ...]) -> None:
    """``fetch_scheme_refused`` for a scheme not allowed; ``fetch_connection_error`` for a URL that cannot
    be parsed (no host, a bad port or IPv6 literal): neither would pass on a retry."""
    try:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            check_host(urllib3.util.parse_url(url).host)
    except (ValueError, LocationValueError) as err:
        raise ExtractorError(Code.FETCH_CONNECTION, f"malformed URL {url!r}: {err}") from err
    if scheme not in allow_schemes:
        raise ExtractorError(Code.FETCH_SCHEME_REFUSED, f"scheme {scheme or '(none)'!r} is not allowed: {url}")


def check_host(host: str | None) -> None:
    """A host name DNS could ever resolve (or an IP literal): no empty label ("a..b"), none over 63
    characters, 253 at most in all (RFC 1035), IDNA-encodable. A lookup of any other name fails
    every time, so it is refused here rather than retried."""
    if not host:
        raise LocationValueError("no host")
    if host.startswith("[") or host.replace(".", "").isdigit():
        return  # an IPv6 or IPv4 literal, already checked by the URL parser
    name = host[:-1] if host.endswith(".") else host
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError as err:
        raise LocationValueError(f"host {host!r} is not a valid name") from err
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or any(not label or len(label) > 63 for label in labels):
        raise LocationValueError(f"host {host!r} is not a valid name")


def download(url: str, settings: FetchSettings) -> Download:
    """GET ``url``; raises ``ExtractorError`` with a stable code on any failure.

    ``file://`` URLs (only when ``allow_schemes`` lets them through) are read
    from the local disk under the same size cap; other schemes than http(s)
    and file are not implemented.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme == "file":
        return _local_file(url, settings)
    if scheme not in ("http", "https"):
        raise ExtractorError(Code.FETCH_SCHEME_UNSUPPORTED, f"scheme {scheme!r} is allowed but not supported: {url}")
    deadline = time.monotonic() + settings.timeout
    headers = urllib3.make_headers(user_agent=settings.user_agent, accept_encoding=True)
    headers["Accept"] = ACCEPT
    sender = _sender(headers, settings)
    with closing(sender):
        try:
            response, final_url = _follow(sender.send, url, settings, deadline)
            try:
                return _read(response, final_url, settings, deadline)
            finally:
                response.release_conn()
        except ExtractorError:
            raise
        except NewConnectionError as err:  # before Urllib3Timeout: it subclasses it
            raise ExtractorError(Code.FETCH_CONNECTION, f"cannot connect to {url}: {err}") from err
        except Urllib3Timeout as err:
            raise ExtractorError(Code.FETCH_TIMEOUT, f"timed out after {settings.timeout:g}s: {url}") from err
        except DecodeError as err:
            raise ExtractorError(Code.DECODE_ERROR, f"cannot decode the response body: {err}") from err
        except LocationValueError as err:
            raise ExtractorError(Code.FETCH_CONNECTION, f"invalid URL {url!r}: {err}") from err
        except HTTPError as err:
            raise ExtractorError(Code.FETCH_CONNECTION, f"connection failed for {url}: {err}") from err


def _local_file(url: str, settings: FetchSettings) -> Download:
    path = url2pathname(urlsplit(url).path)
    mime = mimetypes.guess_type(path)[0]
    check_regular_file(Path(path))
    try:
        with open(path, "rb") as handle:
            body = handle.read(settings.max_bytes + 1)
    except OSError as err:
        raise ExtractorError(Code.FILE_NOT_FOUND, f"cannot read {url}: {err.strerror or err}") from err
    if len(body) > settings.max_bytes:
        raise ExtractorError(Code.TOO_LARGE, f"{url} exceeds the cap of {settings.max_bytes} bytes")
    return Download(body, url, mime, None)


class _AnySender:
    """Connects wherever a URL's host resolves (no address policy: the CLI's own fetches)."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.http = urllib3.PoolManager(headers=headers, retries=False)

    def send(self, url: str, timeout: urllib3.Timeout) -> urllib3.BaseHTTPResponse:
        return self.http.request("GET", url, redirect=False, preload_content=False, timeout=timeout)

    def close(self) -> None:
        self.http.clear()


def _sender(headers: dict[str, str], settings: FetchSettings) -> _AnySender | PinnedSender:
    if settings.address_policy is None:
        return _AnySender(headers)
    return PinnedSender(settings.address_policy, headers)


def _follow(
    send: Callable[[str, urllib3.Timeout], urllib3.BaseHTTPResponse], url: str, settings: FetchSettings,
    deadline: float,
) -> tuple[urllib3.BaseHTTPResponse, str]:
    """The first non-redirect response, and the URL it came from; every hop's scheme (and, with an
    address policy, its resolved address) is checked before it is requested."""
    for hop in range(settings.max_redirects + 1):
        check_scheme(url, settings.allow_schemes)
        response = send(url, _timeout(deadline, settings))
        location = response.get_redirect_location()
        if not location:
            return response, url
        response.drain_conn()
        response.release_conn()
        url = urljoin(url, location)
    raise ExtractorError(
        Code.FETCH_TOO_MANY_REDIRECTS, f"more than {settings.max_redirects} redirects, last to {url}"
    )


def _timeout(deadline: float, settings: FetchSettings) -> urllib3.Timeout:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ExtractorError(Code.FETCH_TIMEOUT, f"timed out after {settings.timeout:g}s")
    return urllib3.Timeout(total=remaining)


def _read(
    response: urllib3.BaseHTTPResponse, url: str, settings: FetchSettings, deadline: float
) -> Download:
    if response.status >= 400:
        raise ExtractorError(http_status_code(response.status), f"HTTP {response.status} for {url}")
    mime, charset = content_type(response.headers.get("Content-Type"))
    if mime is not None and mime not in HTML_TYPES | TEXT_TYPES:
        raise ExtractorError(Code.NOT_HTML, f"content type {mime!r} is neither HTML nor text: {url}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise ExtractorError(Code.TOO_LARGE, f"{declared} bytes declared, the cap is {settings.max_bytes}")
    return Download(_body(response, settings, deadline), url, mime, charset)


def _body(response: urllib3.BaseHTTPResponse, settings: FetchSettings, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived instead of waiting for a full chunk, so a
    # server trickling bytes still meets the deadline check below.
    while chunk := response.read1(CHUNK_BYTES, decode_content=True):
        size += len(chunk)
        if size > settings.max_bytes:  # counts decoded bytes: a gzip bomb stops too
            raise ExtractorError(Code.TOO_LARGE, f"body exceeds the cap of {settings.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise ExtractorError(Code.FETCH_TIMEOUT, f"download took longer than {settings.timeout:g}s")
        chunks.append(chunk)
    return b"".join(chunks)


def content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header or not header.strip():
        return None, None
    message = Message()
    message["Content-Type"] = header
    return message.get_content_type(), message.get_content_charset()
