"""Build the spaCy pipeline from ``configs/`` and run one article through it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language

from extractor import components  # noqa: F401  (registers the factories)
from extractor.article import Article
from extractor.assemble.build import latest_year_anchor
from extractor.components.extensions import register_extensions
from extractor.errors import Code, ExtractorError, status_for
from extractor.fetch import FetchSettings, load_source
from extractor.language import looks_english
from extractor.records import ArticleMeta, ArticleResult, ErrorInfo, article_id_for
from extractor.rules import load_rules
from extractor.validate import validate_records

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
            return input_result(source, status_for(exc.code), exc.code, exc.message)
    return process_article(article, with_text=with_text)


def process_article(article: Article, nlp: Language | None = None, *, with_text: bool = False) -> ArticleResult:
    """Extract one article's records; ``with_text`` adds its text (see ``attach_text``)."""
    result = _process(article, nlp)
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


def _process(article: Article, nlp: Language | None) -> ArticleResult:
    early = precheck(article)
    if early is not None:
        return early
    try:
        doc = run_doc(nlp or load_pipeline(), article)
    except Exception as exc:  # a bug on one article must not end a batch
        return processing_failed(article, exc)
    return result_from_doc(article, doc)


def precheck(article: Article) -> ArticleResult | None:
    """The result of an article that is not worth running spaCy on (empty, not English), else None."""
    if not article.text.strip():
        return skipped_result(article, Code.EMPTY_INPUT, "no text")
    if not looks_english(article.text, article.language):
        return skipped_result(article, Code.NOT_ENGLISH, f"language {article.language or 'not English'}")
    return None


def result_from_doc(article: Article, doc) -> ArticleResult:
    records, errors = validate_records(doc._.records or [], article.text)
    errors = [ErrorInfo(**n) for n in (doc._.notes or [])] + errors
    return ArticleResult(article=article.meta(), status="ok", records=records, errors=errors)


def skipped_result(article: Article, code: str, message: str) -> ArticleResult:
    return ArticleResult(article=article.meta(), status="skipped", errors=[_error(code, message)])


def processing_failed(article: Article, exc: BaseException) -> ArticleResult:
    code = getattr(exc, "code", Code.PROCESSING_ERROR)
    return ArticleResult(article=article.meta(), status="failed", errors=[_error(code, f"{type(exc).__name__}: {exc}")])


def make_doc(nlp: Language, article: Article):
    """A Doc with the article's dates and title attached, ready for the pipeline."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    doc._.anchor = article.published or latest_year_anchor(article.text)
    doc._.title = article.title
    doc._.article_id = article.article_id
    return doc


def run_doc(nlp: Language, article: Article):
    return add_notes(nlp(make_doc(nlp, article)))


def add_notes(doc):
    """Article-level notes the components cannot know alone (no date to resolve periods against)."""
    if doc._.anchor is None and any(s._.time and s._.time.period is None for s in doc.spans.get("times", [])):
        doc._.notes = (doc._.notes or []) + [_error(Code.PERIOD_UNRESOLVED, "no publication date and no year in the text").model_dump()]
    return doc


def input_result(source: str, status: str, code: str, message: str, *, url: str | None = None) -> ArticleResult:
    """The result of an input that has no article text: failed to read, or skipped unread."""
    if url is None and source.startswith(("http://", "https://")):
        url = source
    meta = ArticleMeta(article_id=article_id_for(f"source:{source}"), source=source, text_chars=0, url=url)
    return ArticleResult(article=meta, status=status, errors=[_error(code, message)])


def _error(code: str, message: str) -> ErrorInfo:
    return ErrorInfo(code=str(code), message=message)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
