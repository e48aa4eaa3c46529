"""Build the spaCy pipeline from ``configs/`` and run one article through it.

The per-article flow is defined once, here, in three steps: ``screen`` (the
result of an article spaCy should not see: empty, not English, or, with the
relevance gate, no defection cue), ``make_doc`` (the Doc with the article's
dates attached), ``finish`` (article notes, validation, the ``ok`` result).
``process_article`` chains them for one article; the batch worker runs the
same steps, with ``nlp.pipe`` over many Docs in between.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language

from extractor import components  # noqa: F401  (registers the factories)
from extractor.article import Article
from extractor.components.extensions import register_extensions
from extractor.errors import Code, ExtractorError
from extractor.fetch import FetchSettings, article_from_text, load_source
from extractor.language import looks_english
from extractor.outcomes import error_info, exception_result, outcome_result, source_meta
from extractor.records import ArticleResult, ErrorInfo, article_id_for
from extractor.relevance import is_relevant
from extractor.rules import load_rules

BEFORE_PARSER = {"defection_sentences"}


def load_pipeline(rules_dir: str | None = None) -> Language:
    """The spaCy model named in the rules' ``pipeline.json`` plus our components, each given
    ``rules_dir`` in its config (see ``nlp.config``); loaded once per process and rules directory.

    ``rules_dir`` None is the default directory (``EXTRACTOR_CONFIG_DIR`` or the packaged
    rules), resolved on each call. A bad rule file raises ``ConfigInvalid``.
    """
    return _load_pipeline(str(load_rules(rules_dir).directory))


@lru_cache(maxsize=4)
def _load_pipeline(rules_dir: str) -> Language:
    settings = load_rules(rules_dir).pipeline
    register_extensions()
    nlp = spacy.load(settings.model, exclude=list(settings.exclude))
    for name, factory in settings.replace:
        if name in nlp.pipe_names:
            patterns = nlp.get_pipe(name).patterns
            nlp.replace_pipe(name, factory).add_patterns(patterns)
    for name in settings.components:
        placement = {"before": "parser"} if name in BEFORE_PARSER and "parser" in nlp.pipe_names else {}
        config = {"rules_dir": rules_dir} if "rules_dir" in nlp.get_factory_meta(name).default_config else {}
        nlp.add_pipe(name, config=config, **placement)
    return nlp


def extract(
    source: str | Article,
    published: dt.date | str | None = None,
    *,
    settings: FetchSettings | None = None,
    with_text: bool = False,
) -> ArticleResult:
    """Read one source (URL, file path, '-' or an ``Article``) and return its ``ArticleResult``.

    ``with_text`` adds the article text as the extra field ``text`` (see ``attach_text``).
    """
    published = _as_date(published)
    if isinstance(source, Article):
        article = source
    else:
        try:
            article = load_source(source, published=published, settings=settings or FetchSettings())
        except ExtractorError as exc:
            return exception_result(source_meta(source), exc)
    return process_article(article, with_text=with_text)


def extract_text(
    text: str, published: dt.date | str | None = None, *, url: str | None = None, source: str = "<text>"
) -> ArticleResult:
    """The ``ArticleResult`` of an article given as a string (offsets index ``text`` exactly).

    ``extract`` takes paths and URLs; a string is never mistaken for either here.
    """
    meta_source = url or source
    try:
        article = article_from_text(text, source=meta_source, url=url, published=_as_date(published))
    except ExtractorError as exc:
        return exception_result(source_meta(meta_source, url), exc)
    return process_article(article)


def process_article(
    article: Article, nlp: Language | None = None, *, relevance_gate: bool = False, with_text: bool = False
) -> ArticleResult:
    """The one per-article runner: ``screen``, then spaCy and ``finish`` (see ``run_article``).

    ``with_text`` adds the article's text to its result, whatever the status (see ``attach_text``).
    """
    result = screen(article, relevance_gate=relevance_gate) or run_article(article, nlp or load_pipeline())
    return attach_text(result, article.text) if with_text else result


def attach_text(result: ArticleResult, text: str) -> ArticleResult:
    """A copy of ``result`` carrying the article text as the extra field ``text``.

    The contract allows extra fields; evidence offsets index this text, and its
    sha256 is ``article.article_id``, so a reader can check it belongs to the result.
    ``extractor report`` highlights evidence in it without re-reading the source.
    """
    if result.article.article_id != article_id_for(text):
        raise ValueError("text does not belong to this result: its sha256 is not the article_id")
    return result.model_copy(update={"text": text})


RELEVANCE_GATE_MESSAGE = "no defection cue in running prose near a context word (relevance gate)"


def screen(article: Article, *, relevance_gate: bool = False) -> ArticleResult | None:
    """The ``skipped`` result of an article not worth running spaCy on, else None.

    Empty, or not English; with ``relevance_gate`` (the batch's), also one with no defection cue.
    """
    if not article.text.strip():
        code, message = Code.EMPTY_INPUT, "no text"
    elif not looks_english(article.text, article.language):
        code, message = Code.NOT_ENGLISH, f"language {article.language or 'not English'}"
    elif relevance_gate and not is_relevant(article.text):
        code, message = Code.NOT_RELEVANT, RELEVANCE_GATE_MESSAGE
    else:
        return None
    return outcome_result(article.meta(), "skipped", code, message)


def run_article(article: Article, nlp: Language) -> ArticleResult:
    """spaCy on one article, then ``finish``; any exception (a bug, the batch's time limit)
    fails this article alone, as ``exception_result`` says."""
    try:
        return finish(article, nlp(make_doc(nlp, article)))
    except Exception as exc:  # a bug on one article must not end a batch
        return exception_result(article.meta(), exc)


def make_doc(nlp: Language, article: Article):
    """A Doc with the article's date and title attached, ready for the pipeline (the time tagger
    anchors relative dates on them)."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    doc._.title = article.title
    doc._.article_id = article.article_id
    return doc


def finish(article: Article, doc) -> ArticleResult:
    """The ``ok`` result of a processed Doc: its records (validated by the assembler) and its notes."""
    notes = [ErrorInfo(**n) for n in (doc._.notes or [])] + _article_notes(doc)
    return ArticleResult(article=article.meta(), status="ok", records=doc._.records or [], errors=notes)


def _article_notes(doc) -> list[ErrorInfo]:
    """Article-level notes the components cannot know alone (no date to resolve periods against)."""
    if doc._.published is not None or not any(s._.time and s._.time.period is None for s in doc.spans.get("times", [])):
        return []
    if doc._.anchor is None:
        return [error_info(Code.PERIOD_UNRESOLVED, "no publication date and no year in the text")]
    return [error_info(Code.PERIOD_UNRESOLVED, f"no publication date: dates that need the day of publication "
                                               f"stay unresolved (only the year {doc._.anchor.year} is known)")]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
