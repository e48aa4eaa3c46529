"""``/extract`` and the page's form: one caller's input → ``Article`` → the per-article runner.

A URL is downloaded with the service's fetch settings (http(s) only, every hop's address
checked, capped); it is never read as a local path. A refused URL is the caller's error (HTTP
400 with the fetch code); any other failure to read is the article's ``failed`` result, as in
``extractor extract``. spaCy runs one article at a time per process (``NLP_LOCK``): its
pipeline is not meant to be shared by threads, and one process's CPU is one core anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

from pydantic import BaseModel, ConfigDict, model_validator

from extractor.article import Article
from extractor.errors import Code, ExtractorError
from extractor.fetch import URL_LIKE, FetchSettings, article_from_download, article_from_html, article_from_text
from extractor.fetch.download import check_scheme, download
from extractor.outcomes import exception_result, source_meta
from extractor.pipeline import process_article
from extractor.records import ArticleResult, article_id_for
from extractor.serve.safety import ApiError

NLP_LOCK = threading.Lock()
REFUSALS = frozenset({Code.FETCH_ADDRESS_REFUSED, Code.FETCH_SCHEME_REFUSED, Code.FETCH_SCHEME_UNSUPPORTED})


class ExtractRequest(BaseModel):
    """``{"url"}``, ``{"text", "published"?}`` or ``{"html", "url"?, "published"?}``."""

    model_config = ConfigDict(extra="forbid")
    url: str | None = None
    text: str | None = None
    html: str | None = None
    published: dt.date | None = None

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if self.text is not None and (self.html is not None or self.url is not None):
            raise ValueError('give "text" alone (with "published"), not with "url" or "html"')
        if self.text is None and self.html is None and not self.url:
            raise ValueError('give one of "url", "text" or "html"')
        return self

    @property
    def fetches(self) -> bool:
        return self.text is None and self.html is None


def source_of(request: ExtractRequest) -> str:
    """The input's identity in the database: the URL, else a hash of the text or page."""
    if request.text is not None:
        return f"text:{article_id_for(request.text)}"
    if request.url:
        return request.url
    return f"html:{hashlib.sha256(request.html.encode('utf-8', 'surrogatepass')).hexdigest()}"


def run_extract(request: ExtractRequest, settings: FetchSettings, *, with_text: bool = False) -> ArticleResult:
    """The request's ``ArticleResult``; ``ApiError`` 400 when its URL is refused."""
    source = source_of(request)
    try:
        article = read_article(request, source, settings)
    except ExtractorError as exc:
        if exc.code in REFUSALS:
            raise ApiError(400, exc.code, exc.message) from None
        return exception_result(source_meta(source, request.url), exc)
    with NLP_LOCK:
        return process_article(article, with_text=with_text)


def read_article(request: ExtractRequest, source: str, settings: FetchSettings) -> Article:
    if request.text is not None:
        return article_from_text(request.text, source=source, published=request.published)
    if request.html is not None:
        return article_from_html(request.html, source=source, url=request.url, published=request.published)
    url = request.url.strip()
    if not URL_LIKE.match(url):
        raise ExtractorError(Code.FETCH_SCHEME_REFUSED, f"not an http(s) URL: {url[:200]!r}")
    check_scheme(url, settings.allow_schemes)
    return article_from_download(download(url, settings), source=source, published=request.published)
