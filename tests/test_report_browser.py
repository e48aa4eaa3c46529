"""The HTML report opened in a real headless Chromium: the rendered DOM and a screenshot."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import lxml.html
from typer.testing import CliRunner

from browser import dump_dom, screenshot
from extractor.cli import app
from extractor.evaluate import load_gold, score_article
from extractor.pipeline import extract
from extractor.report import item_for, render_report
from report_expect import dated_records, expected_span_count, expected_spans
from test_report import hostile_result

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def css(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def rendered(chromium: str, page: Path):
    dom = dump_dom(chromium, page)
    assert "</html>" in dom
    return lxml.html.fromstring(dom)


def span_starts(tree) -> list:
    return tree.xpath(f"//*[{css('hl-start')}]")


def text_without_refs(element) -> str:
    clone = copy.deepcopy(element)
    for ref in clone.xpath(f".//sup[{css('ev-refs')}]"):
        ref.drop_tree()  # keeps the text after it
    return clone.text_content()


def test_reference_report_in_browser(reference_gold: Path, chromium: str, tmp_path: Path) -> None:
    gold = load_gold(reference_gold)
    source = reference_gold.parent / gold["text_file"]
    done = runner.invoke(app, ["extract", "--with-text", str(source), "--published", gold["published"]])
    assert done.exit_code == 0, done.output
    results = tmp_path / "reference.jsonl"
    results.write_text(done.stdout, encoding="utf-8")
    line = json.loads(done.stdout)
    assert score_article(gold, line["records"]).f1 == 1.0

    page = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(results), "--html", str(page)]).exit_code == 0
    tree = rendered(chromium, page)

    rows = tree.xpath("//table[contains(@class,'records')]//tr[@data-record-id]")
    assert [r.get("data-record-id") for r in rows] == [r["record_id"] for r in line["records"]]
    marked = [e.text_content() for e in tree.xpath(f"//*[{css('ev')}]")]
    for record in gold["records"]:  # all 8 gold records are shown, their sentence marked
        assert any(record["evidence_contains"] in sentence for sentence in marked), record["id"]

    starts = span_starts(tree)
    assert len(starts) == expected_span_count([line])
    # every record's span is highlighted in its own sentence and lists that record
    for number, record in enumerate(line["records"], 1):
        sentence_spans = expected_spans([record])
        for label, key in next(iter(sentence_spans.values())):
            hits = [s for s in starts if s.get("data-label") == label and s.get("data-key") == key
                    and f"R{number}" in s.get("data-records").split()]
            assert len(hits) == 1, (number, label, key)
    assert {s.get("data-label") for s in starts} == {"count", "time", "place", "type"}

    # highlighting adds elements, never changes the text
    article_text = tree.xpath(f"//div[{css('article-text')}]")[0]
    assert text_without_refs(article_text) == source.read_text(encoding="utf-8")

    marks = tree.xpath(f"//*[local-name()='svg']//*[{css('tl-mark')}]")
    assert len(marks) == len(dated_records([line])) == 9  # one article: one fact per record
    assert sorted(m.get("data-record-ids") for m in marks) == sorted(r["record_id"] for r in dated_records([line]))

    png = tmp_path / "report.png"
    assert screenshot(chromium, page, png) == (1400, 2000)
    assert png.stat().st_size > 50_000  # a rendered page, not a blank one


def _corpus_results(tmp_path: Path) -> list:
    results = []
    for gold_path in sorted((REPO / "corpus").glob("*.gold.json")):
        gold = load_gold(gold_path)
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        results.append(extract(str(gold_path.parent / gold["text_file"]), published, with_text=True))
    korean = tmp_path / "korean.txt"
    korean.write_text("북한 병사 한 명이 일요일 군사분계선을 넘어 귀순했다고 합동참모본부가 밝혔다.\n", encoding="utf-8")
    results.append(extract(str(korean), with_text=True))  # skipped: not English
    results.append(extract(str(tmp_path / "missing.html")))  # failed: file_not_found
    results.append(hostile_result())
    return results


def test_corpus_report_in_browser(chromium: str, tmp_path: Path) -> None:
    results = _corpus_results(tmp_path)
    assert len(results) >= 43 and sum(r.status == "ok" for r in results) >= 40
    statuses = [r.status for r in results]
    assert "skipped" in statuses and "failed" in statuses
    lines = [json.loads(r.model_dump_json()) for r in results]
    page = tmp_path / "corpus.html"
    page.write_text(render_report([item_for(r) for r in results]), encoding="utf-8")

    tree = rendered(chromium, page)
    sections = tree.xpath("//section[contains(@class,'article')]")
    assert [s.get("data-article-id") for s in sections] == [r.article.article_id for r in results]
    assert [s.get("data-status") for s in sections] == statuses
    problems = tree.xpath("//table[contains(@class,'problems')]//tr[contains(@class,'problem')]")
    listed = {(p.get("data-status"), p.xpath("string(.//code)")) for p in problems}
    assert listed == {("skipped", "not_english"), ("failed", "file_not_found")}

    assert len(span_starts(tree)) == expected_span_count(lines) > 150
    texts = tree.xpath(f"//div[{css('article-text')}]")
    with_text = [r for r in results if r.status == "ok"]
    assert len(texts) == len(with_text)
    for element, result in zip(texts, with_text):
        assert text_without_refs(element) == result.model_extra["text"], result.article.source
    marks = tree.xpath(f"//*[local-name()='svg']//*[{css('tl-mark')}]")
    drawn = [record_id for mark in marks for record_id in mark.get("data-record-ids").split()]
    assert sorted(drawn) == sorted(r["record_id"] for r in dated_records(lines))  # each dated record, once
    assert len(marks) == len({m.get("data-fact-id") for m in marks}) <= len(drawn)
    assert len(tree.xpath("//table[contains(@class,'places')]//tbody/tr")) >= 10

    # the hostile article's script and image stayed text: nothing ran, nothing was loaded
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert tree.xpath("//body/@data-pwned") == []
    assert tree.xpath("string(//title)") == "Defection records"
    assert "<script>document.body.setAttribute('data-pwned','1')</script>" in tree.text_content()

    png = tmp_path / "corpus.png"
    assert screenshot(chromium, page, png, height=3000) == (1400, 3000)
