"""``extractor serve`` over real HTTP: extraction by text, page and URL; records and facts queried back.

The service runs in uvicorn on 127.0.0.1 (a thread of this process) with its own SQLite
file; the page it fetches comes from a real HTTP server on 127.0.0.1, the one internal
address:port the service is allowed to reach (``allow_internal``, the test setting).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import httpx
import pytest

from extractor.evaluate import load_gold, score_article
from extractor.serve.settings import ServeSettings
from httpserver import HTTPTestServer
from pages import article_page
from serving import ThreadService

BOAT_1 = ("A group of nine North Koreans crossed the sea border on a small wooden boat on May 6 and were taken "
          "into custody near Sokcho, the Joint Chiefs of Staff said.")
BOAT_2 = ("Nine North Koreans who crossed the sea border by boat on May 8 were taken into custody near Sokcho, "
          "the Joint Chiefs of Staff said on Wednesday.")
SOLDIER = ("A North Korean soldier crossed the Military Demarcation Line on the central front on Tuesday and was "
           "taken into custody by South Korean troops, the military said.")


@pytest.fixture(scope="module")
def pages() -> HTTPTestServer:
    server = HTTPTestServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(pages: HTTPTestServer, tmp_path_factory) -> ThreadService:
    db = tmp_path_factory.mktemp("serve") / "service.db"
    host_port = pages.base_url.removeprefix("http://")
    with ThreadService(ServeSettings(db=f"sqlite:///{db}", allow_internal=(host_port,))) as running:
        yield running


def post(service: ThreadService, path: str, **kwargs) -> httpx.Response:
    return httpx.post(service.url(path), timeout=120, **kwargs)


def test_reference_article_scores_perfect_through_extract(service: ThreadService, reference_gold: Path) -> None:
    gold = load_gold(reference_gold)
    text = (reference_gold.parent / gold["text_file"]).read_text(encoding="utf-8")
    response = post(service, "/extract", json={"text": text, "published": gold["published"]})
    assert response.status_code == 200
    result = response.json()
    assert result["status"] == "ok" and "text" not in result  # the contract, unchanged
    score = score_article(gold, result["records"])
    assert score.f1 == 1.0 and not score.forbidden


def test_extract_by_url_from_a_local_server(service: ThreadService, pages: HTTPTestServer) -> None:
    url = pages.route("/news/soldier.html", body=article_page("Soldier defects", [SOLDIER],
                                                              published=dt.date(2024, 8, 22)))
    result = post(service, "/extract", json={"url": url}).json()
    assert result["status"] == "ok" and result["article"]["url"] == url
    assert result["article"]["published"] == "2024-08-22"  # from the page
    [record] = result["records"]
    assert record["period"]["start"] == "2024-08-20" and record["route"] == "dmz"


def test_extract_by_html_and_a_failed_page_keep_the_contract(service: ThreadService, pages: HTTPTestServer) -> None:
    html = article_page("Soldier defects", [SOLDIER], published=dt.date(2024, 8, 22))
    from_html = post(service, "/extract", json={"html": html, "url": "https://example.org/a"}).json()
    assert from_html["status"] == "ok" and len(from_html["records"]) == 1
    missing = post(service, "/extract", json={"url": pages.url("/gone.html")})
    assert missing.status_code == 200
    assert missing.json()["status"] == "failed" and missing.json()["errors"][0]["code"] == "fetch_http_404"


def test_bad_requests_answer_a_code_and_no_traceback(service: ThreadService) -> None:
    for body in ({}, {"text": "x", "url": "https://example.org/"}, {"text": 5}, {"text": "x", "published": "May"}):
        response = post(service, "/extract", json=body)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "bad_request"
        assert "Traceback" not in response.text
    unknown = httpx.get(service.url("/jobs/nope"))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def test_records_and_facts_come_back_as_json_and_csv(service: ThreadService) -> None:
    first = post(service, "/extract", json={"text": BOAT_1, "published": "2024-05-10"}).json()
    second = post(service, "/extract", json={"text": BOAT_2, "published": "2024-05-12"}).json()
    ids = {r["record_id"] for result in (first, second) for r in result["records"]}
    assert len(ids) == 2
    records = httpx.get(service.url("/records"), params={"kind": "incident", "period_from": "2024-05-01",
                                                         "period_to": "2024-05-31"}).json()
    assert ids <= {item["record_id"] for item in records["items"]}
    assert all(item["kind"] == "incident" for item in records["items"])
    page = httpx.get(service.url("/records"), params={"limit": 1, "offset": 1}).json()
    by_kind = [httpx.get(service.url("/records"), params={"kind": kind}).json()["total"]
               for kind in ("incident", "aggregate")]
    assert len(page["items"]) == 1 and page["total"] == sum(by_kind) >= 2
    as_csv = httpx.get(service.url("/records"), params={"kind": "incident"}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert ids <= {row["record_id"] for row in csv.DictReader(io.StringIO(as_csv.text))}

    facts = httpx.get(service.url("/facts"), params={"conflicts_only": "true", "kind": "incident"}).json()
    [boat] = [f for f in facts["items"] if {s["record_id"] for s in f["sources"]} == ids]
    assert boat["count"]["value"] == 9 and [c["field"] for c in boat["conflicts"]] == ["period"]
    one = httpx.get(service.url(f"/facts/{boat['fact_id']}")).json()
    assert one == boat and len(one["sources"]) == 2
    facts_csv = httpx.get(service.url("/facts"), params={"conflicts_only": "true"}, headers={"Accept": "text/csv"})
    row = next(r for r in csv.DictReader(io.StringIO(facts_csv.text)) if r["fact_id"] == boat["fact_id"])
    assert row["source_count"] == "2" and json.loads(row["conflict_fields"]) == ["period"]


def test_health_version_and_openapi(service: ThreadService) -> None:
    assert httpx.get(service.url("/health")).json() == {"status": "ok"}
    assert set(httpx.get(service.url("/version")).json()) == {"package", "pipeline"}
    paths = httpx.get(service.url("/openapi.json")).json()["paths"]
    assert {"/extract", "/batch", "/jobs/{job_id}", "/records", "/facts", "/facts/{fact_id}"} <= set(paths)
    assert httpx.get(service.url("/docs")).status_code == 200
