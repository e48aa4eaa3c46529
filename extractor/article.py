"""The value that crosses from input reading into extraction: text plus metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor.records import ArticleMeta, article_id_for


@dataclass(frozen=True)
class Article:
    """An article's extracted text (offsets index it) and what is known about it."""

    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None

    @property
    def article_id(self) -> str:
        return article_id_for(self.text)

    def meta(self) -> ArticleMeta:
        return ArticleMeta(
            article_id=self.article_id,
            url=self.url,
            source=self.source,
            title=self.title,
            published=self.published,
            language=self.language,
            text_chars=len(self.text),
        )
