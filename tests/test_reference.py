"""The reference article (read from ../shared) must come out perfect, as text and as a web page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extractor.evaluate import evaluate_paths, load_gold, score_article
from extractor.pipeline import extract
from pages import article_page


def run(text_path: Path, published: dt.date | None) -> dict:
    return extract(str(text_path), published).model_dump(mode="json")


def _text_and_result(gold_path: Path):
    gold = load_gold(gold_path)
    text_path = gold_path.parent / gold["text_file"]
    result = extract(str(text_path), dt.date.fromisoformat(gold["published"]))
    return gold, text_path.read_text(encoding="utf-8"), result


def test_reference_scores_perfect_records(reference_gold: Path) -> None:
    report = evaluate_paths([reference_gold], run)
    overall = report.overall
    assert overall.f1 == 1.0, report.to_dict()
    assert overall.field_accuracy >= 0.95
    assert overall.forbidden_hits == 0


def test_reference_evidence_offsets_slice_the_text(reference_gold: Path) -> None:
    _, text, result = _text_and_result(reference_gold)
    assert result.status == "ok" and result.records
    for record in result.records:
        assert text[record.evidence.start:record.evidence.end] == record.evidence.text
        assert record.count is None or record.count.text in text
        assert record.period is None or record.period.text in text


def test_reference_as_web_page_gives_the_same_records(reference_gold: Path, http_server) -> None:
    gold, text, from_text = _text_and_result(reference_gold)
    paragraphs = [line for line in text.splitlines() if line.strip()]
    published = dt.date.fromisoformat(gold["published"])
    url = http_server.route("/world/defections.html", body=article_page("Elite defections rise", paragraphs, published=published))
    from_page = extract(url)  # no --published: the date must come from the page
    assert from_page.article.published == published
    assert _facts(from_page) == _facts(from_text)
    score = score_article(gold, [r.model_dump(mode="json") for r in from_page.records])
    assert score.f1 == 1.0 and not score.forbidden
    for record in from_page.records:  # nothing from the sidebar teasers
        assert not any(t in record.evidence.text for t in ("things to know", "flee floods", "families rescued"))


def _facts(result) -> list[tuple]:
    return sorted(
        (r.kind, r.count.value if r.count else None, str(r.period.start) if r.period else None,
         str(r.period.end) if r.period else None, r.evidence.text)
        for r in result.records
    )
