"""Input reading, the top of ``extractor.fetch``: a URL, an HTML or text file, or stdin → ``Article``.

Every failure raises ``ExtractorError`` with a stable code from
``extractor.errors``. Downloading lives in ``download``, reading local files in
``files``, decoding bytes in ``decode``, main-text extraction (trafilatura,
htmldate) in ``html``; this module only routes an input through them.

Plain text is taken exactly as written (offsets downstream index it): it must
be UTF-8, a UTF-8 BOM is the only thing removed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import sys
from pathlib import Path
from typing import BinaryIO

from extractor.article import Article
from extractor.errors import Code, ExtractorError
from extractor.fetch.decode import decode_html, decode_text
from extractor.fetch.download import HTML_TYPES, Download, check_scheme, download
from extractor.fetch.files import inner_name, read_capped, read_stream_capped
from extractor.fetch.html import article_from_html
from extractor.fetch.settings import FetchSettings

STDIN = "-"
STDIN_SOURCE = "stdin"
URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt"})
# What an HTML document or fragment starts with; anything else is plain text.
# Leading whitespace and comments are skipped.
HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|\?xml|html|head|body|meta|title|p|div|article|main|section|h[1-6])[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
SNIFF_BYTES = 4096  # enough to skip a long leading comment, e.g. a CMS banner


def load_source(
    source: str,
    *,
    published: dt.date | None = None,
    settings: FetchSettings = FetchSettings(),
    stdin: BinaryIO | None = None,
) -> Article:
    """Read ``source`` (a URL, a file path, or ``-`` for stdin) into an ``Article``.

    An explicit ``published`` wins over any date found in the page.
    """
    if source == STDIN:
        data = read_stream_capped(stdin if stdin is not None else sys.stdin.buffer, settings.max_bytes)
        return _sniffed_article(data, source=STDIN_SOURCE, published=published)
    if URL_LIKE.match(source):
        return _url_article(source, published, settings)
    return _file_article(source, published, settings)


def article_from_text(
    data: bytes | str, *, source: str, url: str | None = None, published: dt.date | None = None
) -> Article:
    """Plain UTF-8 text, kept exactly (only a UTF-8 BOM is removed)."""
    text = data.removeprefix("\ufeff") if isinstance(data, str) else decode_text(data, None)
    return _text_article(text, source=source, url=url, published=published)


def _text_article(
    text: str, *, source: str, url: str | None = None, published: dt.date | None = None
) -> Article:
    if not text.strip():
        raise ExtractorError(Code.EMPTY_INPUT, f"{source} holds no text")
    return Article(text=text, source=source, url=url, published=published)


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` starts (after a BOM, blanks, comments) with an HTML tag."""
    head = data[:SNIFF_BYTES].removeprefix(codecs.BOM_UTF8)
    return HTML_START.match(head) is not None


def _sniffed_article(data: bytes, *, source: str, published: dt.date | None) -> Article:
    if looks_like_html(data):
        return article_from_html(data, source=source, published=published)
    return article_from_text(data, source=source, published=published)


def _url_article(url: str, published: dt.date | None, settings: FetchSettings) -> Article:
    check_scheme(url, settings.allow_schemes)
    return article_from_download(download(url, settings), source=url, published=published)


def article_from_download(got: Download, *, source: str, published: dt.date | None = None) -> Article:
    """The article in a downloaded body: HTML by its media type (or by sniffing), else text."""
    is_html = got.mime in HTML_TYPES or (got.mime is None and looks_like_html(got.body))
    if is_html:
        html = decode_html(got.body, got.charset)
        return article_from_html(html, source=source, url=got.url, published=published)
    text = decode_text(got.body, got.charset)
    return _text_article(text, source=source, url=got.url, published=published)


def _file_article(source: str, published: dt.date | None, settings: FetchSettings) -> Article:
    path = Path(source)
    if path.is_dir():
        raise ExtractorError(Code.FILE_NOT_FOUND, f"{path} is a directory, not a file")
    data = read_capped(path, settings.max_bytes)  # a gzipped file is unpacked, under the cap
    return article_from_file_bytes(data, name=inner_name(path), source=source, published=published)


def article_from_file_bytes(data: bytes, *, name: str, source: str, published: dt.date | None = None) -> Article:
    """A file's article, read as HTML or text by the file name's suffix, else by sniffing."""
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return article_from_html(data, source=source, published=published)
    if suffix in TEXT_SUFFIXES:
        return article_from_text(data, source=source, published=published)
    return _sniffed_article(data, source=source, published=published)
