"""HTML → ``Article``: main-text extraction (trafilatura), metadata (title, date, language).

The only module that calls trafilatura. Extraction favours precision: comments,
tables, images, links and formatting are left out, because a sidebar of teaser
headlines ("3,000 flee floods") or a table of other figures would turn into
false counts downstream. Paragraphs come back separated by single newlines.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import trafilatura
from lxml.html import HtmlElement

from extractor.article import Article
from extractor.errors import Code, ExtractorError
from extractor.fetch.decode import decode_html

LANG_CODE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")

# A document without an <html> tag near its start is rejected by trafilatura's
# load_html as "dubious" when it holds a single block, so fragments get wrapped.
FRAGMENT_PROBE_CHARS = 50

EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,  # drop borderline blocks: teasers, bylines, link lists
    "include_comments": False,  # reader comments are not the article
    "include_tables": False,  # tables on news pages are mostly teaser grids
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,  # dedup across calls would make output depend on history
    "with_metadata": True,
}
LANG_XPATHS = (
    "/html/@lang",
    "/html/@*[name()='xml:lang']",  # the HTML parser keeps the prefix in the name
    "//meta[translate(@http-equiv,'CONTENTLANGUAGE','contentlanguage')='content-language']/@content",
    "//meta[@property='og:locale']/@content",
)


def article_from_html(
    html: str | bytes,
    *,
    source: str,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """Main text and metadata of an HTML page; ``extraction_empty`` if no text."""
    markup = decode_html(html) if isinstance(html, bytes) else html
    tree = _parse(markup)
    language = _language(tree) if tree is not None else None
    doc = trafilatura.bare_extraction(
        tree if tree is not None else markup,
        url=url,
        date_extraction_params=_date_params(),
        **EXTRACT_OPTIONS,
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise ExtractorError(Code.EXTRACTION_EMPTY, "no main text found in the HTML")
    return Article(
        text=text,
        source=source,
        url=url,
        title=(doc.title or "").strip() or None,
        published=published or iso_date(doc.date),
        language=_normalize_lang(doc.language) or language,
    )


def _parse(markup: str) -> HtmlElement | None:
    if not markup.strip():
        return None
    if "html" not in markup.lstrip()[:FRAGMENT_PROBE_CHARS].lower():
        markup = f"<html>{markup}</html>"
    return trafilatura.load_html(markup)


def _date_params() -> dict[str, Any]:
    # Publication date only from metadata-like places (meta tags, <time>, the
    # URL); extensive_search would also guess from dates in the body text.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }


def iso_date(value: object) -> dt.date | None:
    """The date a string starts with (``2024-08-22``, ``2024-08-22T10:00Z``), else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _language(tree: HtmlElement) -> str | None:
    for xpath in LANG_XPATHS:
        for value in tree.xpath(xpath):
            lang = _normalize_lang(str(value))
            if lang:
                return lang
    return None


def _normalize_lang(value: str | None) -> str | None:
    match = LANG_CODE.match(value or "")
    return match.group(1).lower() if match else None
