"""HTML → ``Article``: decoding bytes, main-text extraction (trafilatura), metadata.

The only module that calls trafilatura. Extraction favours precision: comments,
tables, images, links and formatting are left out, because a sidebar of teaser
headlines ("3,000 flee floods") or a table of other figures would turn into
false counts downstream. Paragraphs come back separated by single newlines.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import Any

import charset_normalizer
import trafilatura
from lxml.html import HtmlElement

from extractor.article import Article
from extractor.encoding import BOMS, check_not_binary
from extractor.errors import Code, ExtractorError

# WHATWG's prescan reads 1,024 bytes; pages often put a long <script> or many
# <link>s before <meta charset>, so look a little further.
CHARSET_PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: a page labelled latin-1 or ascii is decoded as windows-1252, whose
# 0x80-0x9F holds the curly quotes and dashes such pages really contain.
WINDOWS_1252_ALIASES = frozenset({"latin-1", "iso8859-1", "ascii"})
# A byte stream cannot truly be UTF-16/32 without a BOM; WHATWG reads it as UTF-8.
UTF16_OR_32 = re.compile(r"^utf[-_]?(16|32)", re.I)
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


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes → text: BOM, then the declared (HTTP) charset, then <meta charset>,
    then UTF-8, then charset_normalizer's best guess; ``decode_error`` if none."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ExtractorError(Code.DECODE_ERROR, f"invalid {encoding} after BOM: {err}") from err
    check_not_binary(data)
    for encoding in _candidate_encodings(data, declared):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ExtractorError(Code.DECODE_ERROR, "could not determine the character encoding")
    return str(best)


def _candidate_encodings(data: bytes, declared: str | None) -> list[str]:
    match = META_CHARSET.search(data[:CHARSET_PRESCAN_BYTES])
    meta = match.group(1).decode("ascii") if match else None
    candidates: list[str] = []
    for label in (declared, meta):
        candidates.extend(_python_encodings(label))
    candidates.append("utf-8")
    return list(dict.fromkeys(candidates))


def _python_encodings(label: str | None) -> list[str]:
    if not label:
        return []
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return []
    if name in WINDOWS_1252_ALIASES:
        return ["cp1252", name]  # cp1252 leaves five bytes undefined; fall back
    if UTF16_OR_32.match(name):
        return ["utf-8"]
    return [name]


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
