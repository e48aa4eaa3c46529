"""What a worker does with a chunk of items: read, gate, run spaCy in batches, validate.

``process_chunk`` is a plain function of picklable values, so the same code runs
in this process, in a worker process, or on a Dask worker; it returns the
ArticleResults as JSON-ready dicts, one per item, in the items' order.

The per-article steps are ``extractor.pipeline``'s (``screen``, ``make_doc``,
``finish``, ``run_article``), the same ``process_article`` chains; only reading
items, the markup gate, ``nlp.pipe`` over a chunk and the time limits are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from extractor.article import Article
from extractor.batch.interrupts import ignore_interrupts
from extractor.batch.items import Kind, WorkItem, outcome_item
from extractor.batch.limits import time_limit
from extractor.batch.profiling import PROFILE_KEY, Stopwatch, profiled_doc
from extractor.errors import Code, ExtractorError, status_for
from extractor.fetch import (
    HTML_SUFFIXES,
    HTML_TYPES,
    FetchSettings,
    article_from_download,
    article_from_file_bytes,
    article_from_html,
    article_from_text,
    looks_like_html,
)
from extractor.fetch.decode import bom_encoding, check_not_binary
from extractor.fetch.files import inner_name, read_capped
from extractor.outcomes import exception_result, outcome_result, source_meta
from extractor.pipeline import attach_text, finish, load_pipeline, make_doc, run_article, screen
from extractor.records import ArticleResult
from extractor.relevance import page_is_relevant


@dataclass(frozen=True)
class WorkerOptions:
    settings: FetchSettings = field(default_factory=FetchSettings)
    relevance_gate: bool = True
    with_text: bool = False
    time_limit: float | None = 60.0  # seconds per article, reading and extraction each
    pipe_batch_size: int = 16
    profile: bool = False  # stage times per input (``extractor.batch.profiling``)


def process_chunk(items: list[WorkItem], options: WorkerOptions) -> list[dict]:
    results: list[ArticleResult | None] = [None] * len(items)
    texts: list[str | None] = [None] * len(items)
    watches = [Stopwatch(options.profile) for _ in items]
    pending: list[tuple[int, Article]] = []
    for index, item in enumerate(items):
        prepared = prepare(item, options, watches[index])
        if isinstance(prepared, Article):
            texts[index] = prepared.text
            pending.append((index, prepared))
        else:
            results[index] = prepared
    articles = [article for _, article in pending]
    for (index, _article), result in zip(pending, extract_articles(articles, options, [watches[i] for i, _ in pending])):
        results[index] = result
    rows = [to_json(result, text if options.with_text else None) for result, text in zip(results, texts)]
    if options.profile:
        for row, watch in zip(rows, watches):
            row[PROFILE_KEY] = dict(watch.seconds)
    return rows


def prepare(item: WorkItem, options: WorkerOptions, watch: Stopwatch | None = None) -> Article | ArticleResult:
    """The item's article when spaCy should see it, else its final result (``pipeline.screen``'s included)."""
    watch = watch or Stopwatch(False)
    meta = source_meta(item.source, item.url)
    if item.outcome is not None:
        return outcome_result(meta, item.outcome.status, item.outcome.code, item.outcome.message)
    try:
        with time_limit(options.time_limit):
            with watch.stage("read"):
                item = with_payload(item, options.settings)
                refuse_binary(item)
            with watch.stage("gate"):
                if options.relevance_gate and markup_without_cue(item):
                    return outcome_result(meta, "skipped", Code.NOT_RELEVANT, PRE_GATE_MESSAGE)
            with watch.stage("trafilatura"):
                article = article_for(item)
    except Exception as exc:  # a read error, a bug, the time limit: one input, not the batch
        return exception_result(meta, exc)
    with watch.stage("gate"):
        return screen(article, relevance_gate=options.relevance_gate) or article


PRE_GATE_MESSAGE = "no defection cue in the running text of the page, so it was not extracted (relevance gate)"


def with_payload(item: WorkItem, settings: FetchSettings) -> WorkItem:
    """A file item with its bytes read (unpacked, capped); other items already carry theirs."""
    if item.kind is Kind.PATH and item.data is None:
        return replace(item, data=read_capped(Path(item.source), settings.max_bytes))
    return item


def read_here(item: WorkItem, settings: FetchSettings) -> WorkItem:
    """The item with its file read in this process (for workers on other machines), or a failed item."""
    try:
        return with_payload(item, settings)
    except ExtractorError as exc:
        return outcome_item(item.source, status_for(exc.code), exc.code, exc.message, url=item.url)


def refuse_binary(item: WorkItem) -> None:
    """``binary_content`` before anything else looks at the bytes (the gate would call it irrelevant)."""
    data = item.download.body if item.kind is Kind.DOWNLOAD else item.data
    if isinstance(data, bytes) and bom_encoding(data) is None:
        check_not_binary(data)


def markup_without_cue(item: WorkItem) -> bool:
    """An HTML page whose likely article text (its markup without scripts, menus, footers...)
    holds no cue in running prose: ``relevance.page_is_relevant``.

    Checked before trafilatura, which costs 20 to 100 times more than the check.
    Such a page is never extracted, so, like an input that failed, its result
    has no text: ``article_id`` hashes the source and ``text_chars`` is 0.
    """
    if item.kind is Kind.DOWNLOAD:
        markup, is_html = item.download.body, item.download.mime in HTML_TYPES or looks_like_html(item.download.body)
    elif item.kind is Kind.PATH:
        html_name = inner_name(Path(item.source)).endswith(tuple(HTML_SUFFIXES))
        markup, is_html = item.data, html_name or looks_like_html(item.data)
    else:
        markup, is_html = item.data, item.kind is Kind.HTML
    if not is_html:
        return False
    return not page_is_relevant(markup)


def article_for(item: WorkItem) -> Article:
    if item.kind is Kind.PATH:
        name = inner_name(Path(item.source))
        article = article_from_file_bytes(item.data, name=name, source=item.source, published=item.published)
    elif item.kind is Kind.HTML:
        article = article_from_html(item.data, source=item.source, url=item.url, published=item.published)
    elif item.kind is Kind.TEXT:
        article = article_from_text(item.data, source=item.source, url=item.url, published=item.published)
    elif item.kind is Kind.DOWNLOAD:
        article = article_from_download(item.download, source=item.source, published=item.published)
    else:
        raise ValueError(f"item of kind {item.kind} has nothing to read")
    if article.published is None and item.fallback_published is not None:
        article = replace(article, published=item.fallback_published)
    return article


def extract_articles(
    articles: list[Article], options: WorkerOptions, watches: list[Stopwatch] | None = None
) -> list[ArticleResult]:
    """All articles through ``nlp.pipe`` at once; on any error, one by one so it hits only its own.
    When profiling, one by one with each component timed."""
    if not articles:
        return []
    nlp = load_pipeline()
    if options.profile and watches:
        return [extract_one(article, nlp, options, watch) for article, watch in zip(articles, watches)]
    limit = options.time_limit * len(articles) if options.time_limit else None
    try:
        with time_limit(limit):
            docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=options.pipe_batch_size))
        return [finish(a, d) for a, d in zip(articles, docs)]
    except Exception:
        return [extract_one(article, nlp, options) for article in articles]


def extract_one(article: Article, nlp, options: WorkerOptions, watch: Stopwatch | None = None) -> ArticleResult:
    """One article under its own time limit (``run_article`` turns any failure into its result)."""
    try:
        with time_limit(options.time_limit):
            if watch is not None and watch.enabled:
                return _profiled_article(article, nlp, watch)
            return run_article(article, nlp)
    except Exception as exc:  # the limit fired after run_article's own handler
        return exception_result(article.meta(), exc)


def _profiled_article(article: Article, nlp, watch: Stopwatch) -> ArticleResult:
    """``run_article`` with each stage timed; its caller makes a failure the article's result."""
    with watch.stage("spacy"):
        doc = make_doc(nlp, article)
    doc = profiled_doc(nlp, doc, watch)
    with watch.stage("rules"):
        return finish(article, doc)


def to_json(result: ArticleResult, text: str | None) -> dict:
    """The result as JSON-ready data, with the article text when one is given (``--with-text``)."""
    return (attach_text(result, text) if text is not None else result).model_dump(mode="json")


WARM_UP_PAGE = (b"<html><head><title>Warm-up</title></head><body><article><p>A soldier crossed the border "
                b"into the South on Tuesday, the military said.</p></article></body></html>")


def warm_up() -> None:
    """Ready a worker process when it starts, not on its first chunk: the spaCy pipeline, and the
    reading path's lazy imports and compiled patterns (trafilatura, the gate) and the first document
    through the components (about 0.35 s of lazy set-up): some 0.8 s that would otherwise land on
    the first chunk of every worker."""
    ignore_interrupts()
    page_is_relevant(WARM_UP_PAGE)
    run_article(article_from_html(WARM_UP_PAGE, source="warm-up"), load_pipeline())  # the components' lazy set-up
