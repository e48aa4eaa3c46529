"""extractor: defection records from news articles.

    from extractor import extract, extract_text, parse_period, parse_count
    result = extract("article.html", published="2024-08-22")   # a path, URL or '-' -> ArticleResult
    result = extract_text("A North Korean soldier crossed the DMZ on Tuesday.", published="2024-08-22")

Names are imported lazily so that ``import extractor`` stays cheap; the spaCy
pipeline is loaded once per process, on the first ``extract``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "extractor.pipeline",
    "extract_text": "extractor.pipeline",
    "process_article": "extractor.pipeline",
    "load_pipeline": "extractor.pipeline",
    "parse_period": "extractor.normalize.time",
    "parse_count": "extractor.normalize.counts",
    "Article": "extractor.article",
    "ArticleResult": "extractor.records",
    "DefectionRecord": "extractor.records",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
