"""Results without extraction: the one way to make a ``failed`` or ``skipped`` ArticleResult.

An input that could not be read (or was skipped unread) has no article text:
``source_meta`` gives its metadata, with ``article_id`` hashing the source and
``text_chars`` 0. An article that was read but not extracted has its own
``Article.meta()``. Either goes through ``outcome_result`` with a code and a
message; ``exception_result`` derives both from an exception.
"""

from __future__ import annotations

from extractor.errors import Code, ExtractorError, status_for
from extractor.records import ArticleMeta, ArticleResult, ErrorInfo, Status, article_id_for


def source_meta(source: str, url: str | None = None) -> ArticleMeta:
    """The metadata of an input that has no article text; an http(s) source is its own URL."""
    if url is None and source.startswith(("http://", "https://")):
        url = source
    return ArticleMeta(article_id=article_id_for(f"source:{source}"), source=source, text_chars=0, url=url)


def outcome_result(meta: ArticleMeta, status: Status, code: str, message: str) -> ArticleResult:
    """A ``failed`` or ``skipped`` result with its one error: no records."""
    return ArticleResult(article=meta, status=status, errors=[error_info(code, message)])


def exception_result(meta: ArticleMeta, exc: BaseException) -> ArticleResult:
    """The result of an exception: an ``ExtractorError`` keeps its code, status and message;
    anything else (a bug, the time limit) fails with its ``code`` or ``processing_error``."""
    if isinstance(exc, ExtractorError):
        return outcome_result(meta, status_for(exc.code), exc.code, exc.message)
    code = getattr(exc, "code", Code.PROCESSING_ERROR)
    return outcome_result(meta, "failed", code, f"{type(exc).__name__}: {exc}")


def error_info(code: str, message: str) -> ErrorInfo:
    return ErrorInfo(code=str(code), message=message)
