"""The service's web page in a real headless Chromium, driven over the DevTools protocol: paste a text,
see its evidence highlighted and its records; open the facts view and follow a fact to its article."""

from __future__ import annotations

import copy
from pathlib import Path

import httpx
import lxml.html

from cdp import Browser
from extractor.serve.settings import ServeSettings
from report_expect import expected_span_count
from serving import ThreadService

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "corpus" / "yonhap-soldier-mdl-central-2025.txt"
PUBLISHED = "2025-10-21"


def css(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def test_page_shows_highlighted_evidence_records_and_facts(chromium: str, tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    with ThreadService(ServeSettings(db=f"sqlite:///{tmp_path / 'page.db'}")) as service, Browser(chromium) as browser:
        expected = httpx.post(service.url("/extract"), json={"text": text, "published": PUBLISHED}, timeout=120).json()
        assert expected["records"]
        browser.open(service.url("/"))
        browser.type_into("#text", text)
        browser.evaluate(f"document.querySelector('input[name=published]').value = '{PUBLISHED}'")
        browser.click_and_wait("#extract-button")
        page = lxml.html.fromstring(browser.dom())

        [section] = page.xpath("//section[contains(@class,'article')]")
        assert section.get("data-status") == "ok"
        assert section.get("data-article-id") == expected["article"]["article_id"]
        rows = page.xpath("//table[contains(@class,'records')]//tr[@data-record-id]")
        assert [r.get("data-record-id") for r in rows] == [r["record_id"] for r in expected["records"]]
        assert len(page.xpath(f"//*[{css('ev')}]")) >= 1
        assert len(page.xpath(f"//*[{css('hl-start')}]")) == expected_span_count([expected])
        [article_text] = page.xpath(f"//div[{css('article-text')}]")
        assert _without_refs(article_text) == text  # highlighting adds elements, never changes the text

        browser.click_and_wait("#facts-link")
        facts = lxml.html.fromstring(browser.dom())
        shown = facts.xpath("//table[contains(@class,'facts')]//tr[@data-fact-id]")
        api = httpx.get(service.url("/facts")).json()
        assert sorted(r.get("data-fact-id") for r in shown) == sorted(f["fact_id"] for f in api["items"])
        counts = [int(r.xpath(f".//td[{css('source-count')}]")[0].text) for r in shown]
        assert counts == [len(next(f for f in api["items"] if f["fact_id"] == r.get("data-fact-id"))["sources"])
                          for r in shown]

        browser.click_and_wait("tr[data-fact-id] a")  # a fact's source: the stored article and its records
        stored = lxml.html.fromstring(browser.dom())
        listed = stored.xpath("//table[contains(@class,'records')]//tr[@data-record-id]")
        assert {r.get("data-record-id") for r in listed} == {r["record_id"] for r in expected["records"]}


def _without_refs(element) -> str:
    clone = copy.deepcopy(element)
    for ref in clone.xpath(f".//sup[{css('ev-refs')}]"):
        ref.drop_tree()
    return clone.text_content()
