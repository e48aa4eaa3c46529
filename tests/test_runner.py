"""The one per-article runner: ``extract``, ``process_article`` and the batch worker share its steps."""

from __future__ import annotations

from pathlib import Path

from extractor.article import Article
from extractor.batch.items import Kind, WorkItem
from extractor.batch.worker import WorkerOptions, process_chunk
from extractor.outcomes import exception_result, source_meta
from extractor.pipeline import extract, process_article
from extractor.records import ArticleResult

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NO_CUE = "The weather was sunny in the capital on Tuesday, and the markets rose slightly in the afternoon."


def test_extract_and_the_batch_worker_give_one_result_for_one_file() -> None:
    path = sorted(CORPUS.glob("*.txt"))[0]
    via_extract = extract(str(path)).model_dump(mode="json")
    [via_batch] = process_chunk([WorkItem(source=str(path), kind=Kind.PATH)], WorkerOptions(relevance_gate=False))
    assert via_extract["status"] == "ok" and via_extract["records"]
    assert via_batch == via_extract


def test_the_relevance_gate_is_a_step_of_the_runner_only_when_asked() -> None:
    article = Article(text=NO_CUE, source="weather.txt")
    gated = process_article(article, relevance_gate=True)
    assert (gated.status, [e.code for e in gated.errors]) == ("skipped", ["not_relevant"])
    assert process_article(article).status == "ok"


def test_an_unreadable_source_fails_with_its_code_and_a_source_hash() -> None:
    result = extract("/nonexistent/article.txt")
    assert (result.status, [e.code for e in result.errors]) == ("failed", ["file_not_found"])
    assert result.article == source_meta("/nonexistent/article.txt")
    assert result.article.text_chars == 0 and result.records == []


def test_an_exception_keeps_its_code_or_becomes_processing_error() -> None:
    class Slow(Exception):
        code = "time_limit"

    meta = source_meta("https://example.org/a")
    assert meta.url == "https://example.org/a"
    slow = exception_result(meta, Slow("took too long"))
    bug = exception_result(meta, KeyError("x"))
    assert [(r.status, r.errors[0].code, r.errors[0].message) for r in (slow, bug)] == [
        ("failed", "time_limit", "Slow: took too long"), ("failed", "processing_error", "KeyError: 'x'")]
    assert ArticleResult.model_validate(bug.model_dump(mode="json")) == bug


def test_extract_text_reads_a_string_never_a_path() -> None:
    from extractor import extract_text

    text = "Two North Korean soldiers crossed the Military Demarcation Line on Tuesday, the military said."
    result = extract_text(text, published="2024-08-22", url="https://news.example/a")
    assert result.status == "ok" and result.article.url == "https://news.example/a"
    record = result.records[0]
    assert (record.count.value, str(record.period.start)) == (2, "2024-08-20")
    assert text[record.evidence.start:record.evidence.end] == record.evidence.text
    assert extract_text("   ").errors[0].code == "empty_input"
    path_like = extract_text("corpus/README.md")  # a file of that name exists: the string is still the text
    assert path_like.article.text_chars == len("corpus/README.md") and path_like.article.source == "<text>"
