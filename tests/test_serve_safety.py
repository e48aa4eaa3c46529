"""The service's safety: internal addresses and other schemes refused (at every redirect, after DNS),
body caps, the token, the per-client limit and the request timeout, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import threading
import time

import httpx
import pytest

from extractor.fetch.guard import is_internal
from extractor.serve.settings import ServeSettings
from httpserver import HTTPTestServer
from pages import article_page
from serving import ThreadService

SOLDIER = "A North Korean soldier crossed the Military Demarcation Line on Tuesday, the military said."


@pytest.fixture(scope="module")
def pages() -> HTTPTestServer:
    server = HTTPTestServer().start()
    server.route("/a.html", body=article_page("Soldier defects", [SOLDIER]))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def inside() -> HTTPTestServer:
    """Stands for an internal service (a database, an admin page) a redirect must not reach."""
    server = HTTPTestServer().start()
    server.route("/secret", body="<html><body><p>internal</p></body></html>")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def strict(tmp_path_factory) -> ThreadService:
    """The test setting off: no internal address is allowed."""
    db = tmp_path_factory.mktemp("strict") / "s.db"
    with ThreadService(ServeSettings(db=f"sqlite:///{db}", max_body=100_000)) as running:
        yield running


def extract_url(service: ThreadService, url: str, **kwargs) -> httpx.Response:
    return httpx.post(service.url("/extract"), json={"url": url}, timeout=60, **kwargs)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:5432/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
    "http://[::1]/", "http://localhost/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
])
def test_internal_addresses_are_refused_with_a_code(strict: ThreadService, url: str) -> None:
    response = extract_url(strict, url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "fetch_address_refused"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "/etc/passwd", "ftp://example.org/a", "gopher://x/"])
def test_other_schemes_and_paths_are_refused(strict: ThreadService, url: str) -> None:
    response = extract_url(strict, url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "fetch_scheme_refused"
    assert "root:" not in response.text


def test_the_local_page_itself_is_refused_when_not_allowed(strict: ThreadService, pages: HTTPTestServer) -> None:
    before = len(pages.requests)
    response = extract_url(strict, pages.url("/a.html"))
    assert response.json()["error"]["code"] == "fetch_address_refused"
    assert len(pages.requests) == before  # refused before connecting


def test_a_redirect_to_an_internal_address_is_refused(
    pages: HTTPTestServer, inside: HTTPTestServer, tmp_path
) -> None:
    """Only the first hop's exact address:port is allowed; its redirect to another loopback port is refused
    after resolving, and the internal server never sees a request."""
    allowed = pages.base_url.removeprefix("http://")
    hop = pages.redirect("/moved", inside.url("/secret"))
    named_hop = pages.redirect("/moved-by-name", inside.url("/secret").replace("127.0.0.1", "localhost"))
    with ThreadService(ServeSettings(db=f"sqlite:///{tmp_path / 'r.db'}", allow_internal=(allowed,))) as service:
        assert extract_url(service, pages.url("/a.html")).json()["status"] == "ok"  # the allowed hop works
        for url in (hop, named_hop):
            response = extract_url(service, url)
            assert response.status_code == 400
            assert response.json()["error"]["code"] == "fetch_address_refused"
    assert any(r.path == "/moved" for r in pages.requests)
    assert inside.requests == []


def test_oversized_bodies_are_refused_with_413(strict: ThreadService) -> None:
    big = {"text": SOLDIER + " " * 200_000}
    declared = httpx.post(strict.url("/extract"), json=big, timeout=60)
    assert declared.status_code == 413 and declared.json()["error"]["code"] == "body_too_large"

    def chunks():  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 10_000
        yield b'"}'

    streamed = httpx.post(strict.url("/extract"), content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "body_too_large"


def test_write_endpoints_need_the_token_when_one_is_set(pages: HTTPTestServer, tmp_path) -> None:
    allowed = pages.base_url.removeprefix("http://")
    settings = ServeSettings(db=f"sqlite:///{tmp_path / 't.db'}", allow_internal=(allowed,), token="s3cret")
    with ThreadService(settings) as service:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
            refused = extract_url(service, pages.url("/a.html"), headers=headers)
            assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
            batch = httpx.post(service.url("/batch"), json=[{"text": SOLDIER}], headers=headers)
            assert batch.status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        assert extract_url(service, pages.url("/a.html"), headers=good).json()["status"] == "ok"
        assert httpx.post(service.url("/batch"), json=[{"text": SOLDIER}], headers=good).status_code == 202
        text_only = httpx.post(service.url("/extract"), json={"text": SOLDIER}, timeout=60)
        assert text_only.status_code == 200  # reading a given text fetches nothing


def test_per_client_limit_and_request_timeout(pages: HTTPTestServer, tmp_path) -> None:
    slow = pages.route("/slow.html", body=article_page("Soldier defects", [SOLDIER]), delay=3.0)
    allowed = pages.base_url.removeprefix("http://")
    settings = ServeSettings(db=f"sqlite:///{tmp_path / 'l.db'}", allow_internal=(allowed,), per_client=1,
                             request_timeout=1.0)
    with ThreadService(settings) as service:
        answers: list[httpx.Response] = []
        first = threading.Thread(target=lambda: answers.append(extract_url(service, slow)))
        first.start()
        while not pages.in_flight.get(allowed):  # the first request is at work: its download is waiting
            time.sleep(0.02)
        second = httpx.post(service.url("/extract"), json={"text": SOLDIER}, timeout=60)
        assert second.status_code == 429 and second.json()["error"]["code"] == "too_many_requests"
        first.join()
        assert answers[0].status_code == 504 and answers[0].json()["error"]["code"] == "request_timeout"


@pytest.mark.parametrize("address, internal", [
    ("8.8.8.8", False), ("2606:4700:4700::1111", False), ("127.0.0.2", True), ("10.1.2.3", True),
    ("172.16.0.1", True), ("192.168.1.1", True), ("169.254.169.254", True), ("100.64.0.1", True),
    ("224.0.0.251", True), ("0.0.0.0", True), ("::1", True), ("fe80::1", True), ("fd00:ec2::254", True),
    ("::ffff:10.0.0.1", True), ("ff02::1", True),
])
def test_internal_address_table(address: str, internal: bool) -> None:
    assert is_internal(ipaddress.ip_address(address)) is internal


def test_fetched_pages_are_capped(pages: HTTPTestServer, tmp_path) -> None:
    big = pages.route("/big.html", body=article_page("Soldier defects", [SOLDIER] * 2000))
    allowed = pages.base_url.removeprefix("http://")
    settings = ServeSettings(db=f"sqlite:///{tmp_path / 'p.db'}", allow_internal=(allowed,), max_page_bytes=50_000)
    with ThreadService(settings) as service:
        result = extract_url(service, big).json()
        small = extract_url(service, pages.url("/a.html")).json()
    assert result["status"] == "failed" and result["errors"][0]["code"] == "too_large"
    assert small["status"] == "ok"
