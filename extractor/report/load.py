"""The report's input: ArticleResults from JSON Lines or from sources, each with its article text.

Evidence is highlighted in the article text. A result made with ``--with-text``
carries it (the extra field ``text``); otherwise the source named in
``article.source`` is read again with the pipeline's own loader. Either way the
text must hash (sha256) to ``article.article_id``, so highlights never land on
a text that changed since extraction. Without a usable text the report still
shows every record, with its evidence sentence on its own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ExtractorError
from extractor.fetch import URL_LIKE, load_source
from extractor.records import ArticleResult, article_id_for

RESULT_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class ReportItem:
    """One input of the report: its result and, when available, the text its offsets index."""

    result: ArticleResult
    text: str | None = None
    text_note: str | None = None  # why the text is missing, for the reader


class ResultsFileError(ValueError):
    """A results file that is not JSON Lines of ArticleResult."""


def read_results(path: Path) -> list[ArticleResult]:
    """Every ArticleResult line of a JSON Lines file (blank lines are skipped)."""
    results: list[ArticleResult] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                results.append(ArticleResult.model_validate(json.loads(line)))
            except ValueError as err:
                raise ResultsFileError(f"{path}:{number}: not an ArticleResult: {err}") from err
    return results


def is_results_file(name: str) -> bool:
    return not URL_LIKE.match(name) and Path(name).suffix.lower() in RESULT_SUFFIXES


def load_items(inputs: list[str], published: dt.date | None = None) -> list[ReportItem]:
    """Results files are read as they are; any other input is a source, extracted now with its text."""
    items: list[ReportItem] = []
    for name in inputs:
        if is_results_file(name):
            path = Path(name)
            items.extend(item_for(result, base=path.parent) for result in read_results(path))
        else:
            from extractor.pipeline import extract

            items.append(item_for(extract(name, published, with_text=True)))
    return items


def item_for(result: ArticleResult, base: Path | None = None) -> ReportItem:
    """The result with its article text: carried in the result, or read again from its source."""
    if result.status == "failed":
        return ReportItem(result)
    carried = (result.model_extra or {}).get("text")
    if isinstance(carried, str):
        if article_id_for(carried) == result.article.article_id:
            return ReportItem(result, carried)
        return ReportItem(result, None, "the text in the result does not hash to its article_id")
    return _reread(result, base)


def _reread(result: ArticleResult, base: Path | None) -> ReportItem:
    source = result.article.source
    candidates = [source]
    if base is not None and not URL_LIKE.match(source) and not Path(source).is_absolute():
        candidates.append(str(base / source))
    note = f"source {source} could not be read again"
    for candidate in candidates:
        if candidate == "stdin":
            note = "the text came from standard input; extract with --with-text to keep it"
            break
        if not URL_LIKE.match(candidate) and not Path(candidate).exists():
            continue
        try:
            article = load_source(candidate, published=result.article.published)
        except ExtractorError as err:
            note = f"source {source} could not be read again ({err.code}: {err.message})"
            continue
        if article.article_id == result.article.article_id:
            return ReportItem(result, article.text)
        note = f"source {source} changed since extraction (its sha256 is not the article_id)"
    return ReportItem(result, None, note)
