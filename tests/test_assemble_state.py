"""The assembler is built once and reused: nothing one document reads may reach the next one."""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article

EARLIER = ("In 2023, 196 North Koreans arrived in the South, the unification ministry said. "
           "A North Korean soldier crossed the Military Demarcation Line on Tuesday.")
LATER = "Defections from North Korea have become rarer. The number of defectors reaching the South rose to 43."


def summary(text: str) -> list[tuple]:
    article = Article(text=text, source="test", published=dt.date(2024, 6, 14))
    return [(r.kind, r.count and r.count.value, r.period and (r.period.start, r.period.end), r.reported_by)
            for r in process_article(article).records]


def test_a_document_reads_the_same_after_another_one():
    alone = summary(LATER)
    summary(EARLIER)  # a running period (2023), a source and a last incident the next document must not inherit
    after = summary(LATER)
    assert after == alone
    assert [value for _, value, _, _ in after] == [43]
    assert all(period is None or period[0].year != 2023 for _, _, period, _ in after)
