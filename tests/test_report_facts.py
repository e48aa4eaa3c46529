"""The report's timeline and places table count facts: one figure or escape told by several
outlets is one mark and one row, with its number of sources and a mark where they disagree.
The per-article sections still show every record of every input."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from extractor.pipeline import extract_text
from extractor.report import item_for, render_report
from test_facts_db import LINES


@pytest.fixture(scope="module")
def page() -> str:
    results = [extract_text(text, published, url=url) for url, text, published in LINES]
    assert all(len(result.records) == 1 for result in results)
    return render_report([item_for(result) for result in results])


def marks(tree) -> list:
    return tree.xpath("//*[local-name()='svg']//*[contains(concat(' ', @class, ' '), ' tl-mark ')]")


def test_the_timeline_draws_one_mark_per_fact_with_its_sources(page: str) -> None:
    tree = lxml_html.fromstring(page)
    drawn = marks(tree)
    assert len(drawn) == 3  # seven records: the 2023 total, the 2024 reprint, the boat
    by_sources = sorted((int(m.get("data-sources")), "tl-conflict" in m.get("class")) for m in drawn)
    assert by_sources == [(1, False), (3, True), (3, True)]  # both three-source facts have a disagreement
    total = next(m for m in drawn if "tl-aggregate" in m.get("class") and m.get("data-sources") == "3")
    assert len(total.get("data-record-ids").split()) == 3
    tip = total.xpath("string(.//*[local-name()='title'])")
    assert "3 sources" in tip and "sources disagree on count" in tip and ": 196 ·" in tip
    assert len(tree.xpath("//table[contains(@class,'records')]//tr[@data-record-id]")) == len(LINES)


def test_the_places_table_counts_the_boat_once(page: str) -> None:
    tree = lxml_html.fromstring(page)
    rows = {}
    for row in tree.xpath("//table[contains(@class,'places')]//tbody/tr"):
        cells = [cell.text_content().strip() for cell in row.xpath("./td")]
        rows[cells[0]] = cells[2:8]
    facts, incidents, people, sources, conflicts, articles = rows["Baengnyeong"]
    assert (facts, incidents, people, sources, conflicts) == ("1", "1", "4", "3", "1")  # one boat, three outlets
    assert articles.split() == ["5", "6", "7"]  # a fact's place is its sources' place, named by two of them
    assert rows["Seoul"][:2] == ["3", "1"]  # the place of the reports: three facts, one of them the boat


def test_the_summary_counts_records_and_facts(page: str) -> None:
    summary = lxml_html.fromstring(page).xpath("string(//p[@class='summary'])")
    assert re.search(r"7 records .* 3 facts, 2 with sources that disagree", summary)
