"""Property-based tests (hypothesis): the normalizers and ``extract`` on generated text.

Properties: never an exception; every emitted value validates against the
contract; every record's evidence slices the article text exactly. The text
generator mixes the words the rules look for (numbers, qualifiers, months,
weekdays, defection verbs, places) with arbitrary Unicode, so the rules'
branches are exercised, not just their "no match" path.

CI runs a short campaign; ``EXTRACTOR_HYPOTHESIS_EXAMPLES=20000`` runs a long one.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.article import Article
from extractor.normalize.counts import find_counts, parse_count
from extractor.normalize.time import find_periods, parse_period
from extractor.pipeline import process_article
from extractor.records import ArticleResult, Count, Period

EXAMPLES = int(os.environ.get("EXTRACTOR_HYPOTHESIS_EXAMPLES", "0"))
FAST = settings(max_examples=EXAMPLES or 300, deadline=None)
SLOW = settings(max_examples=EXAMPLES or 60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = [
    "more than", "about", "some", "nearly", "at least", "up to", "between", "and", "to", "-", "–", "a", "an", "dozens of",
    "hundreds", "thousands of", "tens of thousands", "a dozen", "a couple", "a handful", "a family of nine", "just over",
    "1,000", "196", "2.5 million", "34,352", "three", "twenty-one", "nine", "0", "10-15", "1.2", "999999999999",
    "in", "since", "from", "last year", "this year", "the first half of", "Q3", "the third quarter", "early", "mid", "late",
    "2023", "2024", "1998", "the 1990s", "Aug. 20", "23 March 2025", "March 23, 2025", "Sept. 3", "on Tuesday", "last month",
    "January", "June", "the past two weeks", "12 days", "over the past decade", "annually", "a year", "per month",
    "North Korean", "North Koreans", "defectors", "soldier", "soldiers", "fishermen", "diplomat", "defected", "fled",
    "crossed", "the DMZ", "the MDL", "the NLL", "by boat", "swam", "via China", "Thailand", "Seoul", "the South",
    "the unification ministry said", "according to", "arrived", "reached", "were repatriated", "could exceed", ".", ",",
    "\n", "\n\n", "(", ")", '"', "'s", "%", "won",
]
phrases = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), min_size=1, max_size=12).map(" ".join)
articles = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=120).map(" ".join)
publication = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))


@FAST
@given(phrases)
def test_parse_count_never_raises_and_keeps_its_text(text: str) -> None:
    count = parse_count(text)
    if count is not None:
        Count.model_validate(count.model_dump())
        assert count.text == text


@FAST
@given(phrases, publication)
def test_parse_period_never_raises_and_is_ordered(text: str, published) -> None:
    period = parse_period(text, published)
    if period is not None:
        Period.model_validate(period.model_dump())
        assert period.start is None or period.end is None or period.start <= period.end


@FAST
@given(articles, publication)
def test_finders_give_spans_of_the_text(text: str, published) -> None:
    for match in find_counts(text):
        assert text[match.start:match.end] == match.text
    for match in find_periods(text, published):
        assert text[match.start:match.end] == match.text


@SLOW
@given(articles, publication)
def test_extract_never_raises_and_every_record_is_grounded(text: str, published) -> None:
    result = process_article(Article(text=text, source="generated", published=published))
    assert result.status != "failed", result.errors  # processing_error would mean a bug
    ArticleResult.model_validate(result.model_dump(mode="json"))
    for record in result.records:
        evidence = record.evidence
        assert text[evidence.start:evidence.end] == evidence.text
        if record.count is not None:
            assert record.count.text in text
