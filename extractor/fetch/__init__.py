"""Reading one input into an ``Article``, in one direction:

``settings`` (``FetchSettings``) → ``files`` (local files, capped, gzip-aware) and
``download`` (one URL: redirects, caps, error codes) → ``decode`` (bytes → str,
binary refused) → ``html`` (trafilatura: main text and metadata) → ``source``
(routes a URL, a file, stdin or downloaded bytes through the above).

A module here imports only the ones before it, never this package, so there
is no cycle; the names below are the package's public API.
"""

from extractor.fetch.decode import decode_html, decode_text
from extractor.fetch.download import HTML_TYPES, Download
from extractor.fetch.html import article_from_html, iso_date
from extractor.fetch.settings import FetchSettings
from extractor.fetch.source import (
    HTML_SUFFIXES,
    URL_LIKE,
    article_from_download,
    article_from_file_bytes,
    article_from_text,
    load_source,
    looks_like_html,
)

__all__ = [
    "HTML_SUFFIXES", "HTML_TYPES", "URL_LIKE", "Download", "FetchSettings", "article_from_download",
    "article_from_file_bytes", "article_from_html", "article_from_text", "decode_html", "decode_text",
    "iso_date", "load_source", "looks_like_html",
]
