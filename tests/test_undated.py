"""Undated input (contract v1.1): without a publication date only the year of the latest year the
text names is known; expressions that need the day of publication stay unresolved and say so."""

from __future__ import annotations

import datetime as dt

from extractor.fetch import article_from_text
from extractor.normalize.time import parse_period
from extractor.normalize.time_calendar import YearOnly
from extractor.pipeline import process_article

TEXT = (
    "SEOUL -- A North Korean soldier crossed the Military Demarcation Line on Tuesday, the military said.\n"
    "A family of nine crossed the sea border on Aug 20, the coast guard said.\n"
    "In 2023, 196 North Koreans reached the South, the unification ministry said.\n"
)


def records_of(text: str, published: dt.date | None):
    result = process_article(article_from_text(text.encode(), source="undated.txt", published=published))
    return result, {r.count.text: r.period for r in result.records}


def test_a_weekday_without_publication_date_is_null_and_noted() -> None:
    result, periods = records_of(TEXT, None)
    assert periods["A North Korean soldier"] is None
    assert [e.code for e in result.errors] == ["period_unresolved"]


def test_a_date_that_needs_only_the_year_takes_the_latest_year_named() -> None:
    _, periods = records_of(TEXT, None)
    assert (periods["A family of nine"].start, periods["A family of nine"].end) == (dt.date(2023, 8, 20),) * 2
    assert periods["196"].start == dt.date(2023, 1, 1)


def test_with_a_publication_date_the_weekday_resolves_and_nothing_is_noted() -> None:
    result, periods = records_of(TEXT, dt.date(2024, 8, 22))  # a Thursday
    assert periods["A North Korean soldier"].start == dt.date(2024, 8, 20)
    assert result.errors == []


def test_year_only_anchor_keeps_year_expressions_and_drops_day_expressions() -> None:
    anchor = YearOnly.of(2023)
    for phrase in ["on Tuesday", "yesterday", "last week", "this month", "last month", "earlier this year",
                   "the past two weeks", "so far this year", "three days ago"]:
        assert parse_period(phrase, anchor) is None, phrase
    assert parse_period("last year", anchor).start == dt.date(2022, 1, 1)
    assert parse_period("this year", anchor).end == dt.date(2023, 12, 31)
    assert parse_period("in March", anchor).start == dt.date(2023, 3, 1)
    assert parse_period("two years ago", anchor).start == dt.date(2021, 1, 1)
