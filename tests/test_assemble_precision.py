"""Precision rules of the assembler: what looks like a defection figure but is none (invented sentences)."""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article


def records(text: str, published: str = "2024-06-14") -> list:
    article = Article(text=text, source="test", published=dt.date.fromisoformat(published))
    return process_article(article).records


def test_number_inside_a_name_is_a_label_not_a_count():
    recs = records("The defector said he was held in Camp 22 for a decade before escaping in 2010. "
                   "He wrote a memoir called Escape from Camp 22.")
    assert all(r.count is None or r.count.value != 22 for r in recs)
