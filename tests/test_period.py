"""Table-driven tests of the period normalizer (extractor/normalize/time.py).

``tests/data/period_cases.json``: each case gives the expected Period fields,
checked by hand against the contract (shared/spec/records.md, ``Period``);
``"granularity": null`` means parse_period must return None.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from extractor.normalize.time import TimeMatch, find_periods, parse_period, shift_period
from extractor.records import Period

CASES = json.loads((Path(__file__).parent / "data" / "period_cases.json").read_text("utf-8"))
# the phrasings written blind for issue 16 (tests/test_issue16_normalizers.py has their sentences)
ISSUE16_CASES = json.loads((Path(__file__).parent / "data" / "period_cases_issue16.json").read_text("utf-8"))


def _case_id(case: dict) -> str:
    return f"{case['text']}@{case['published']}"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@pytest.mark.parametrize("case", CASES + ISSUE16_CASES, ids=_case_id)
def test_parse_period_table(case: dict) -> None:
    period = parse_period(case["text"], case["published"])
    if case["granularity"] is None:
        assert period is None
        return
    assert period is not None, "expected a period"
    got = (_iso(period.start), _iso(period.end), period.granularity, period.rate)
    assert got == (case["start"], case["end"], case["granularity"], case.get("rate"))
    assert period.text == case["text"]


def test_table_is_large_and_varied() -> None:
    assert len(CASES) >= 100
    assert len({c["published"] for c in CASES}) >= 6
    assert sum(c["granularity"] is None for c in CASES) >= 5


def test_published_accepts_date_and_string() -> None:
    as_date = parse_period("last week", dt.date(2024, 8, 22))
    as_text = parse_period("last week", "2024-08-22")
    assert as_date == as_text
    assert as_date.start == dt.date(2024, 8, 12)


# --- find_periods ---------------------------------------------------------------------
def _texts(sentence: str, published: str | None = "2024-08-22") -> list[str]:
    return [m.text for m in find_periods(sentence, published)]


FIND_CASES = [
    ("It was the second defection in 12 days.", ["12 days"]),
    ("Tens of thousands of troops guard the border.", []),
    ("Kim Jong-un inspected the unit.", []),
    ("The ministry said 196 arrived in 2023, up from 67 in 2022.", ["2023", "2022"]),
    ("In the first half of 2024, 105 people arrived.", ["the first half of 2024"]),
    ("About 1,000 came annually before the pandemic.", ["annually", "before the pandemic"]),
    ("A total of 34,314 have arrived since 1998.", ["since 1998"]),
    ("Some 1,998 people fled during the Arduous March.", ["the Arduous March"]),
    ("Officials may confirm the case in March.", ["in March"]),
    ("The boat was found 248km south of the line.", []),
    ("He crossed on the night of July 30-31 and was found a day later.", ["the night of July 30-31"]),
    ("Defections in the July-September period fell.", ["the July-September period"]),
    ("Figures rose between 1994 and 1998 and again from 2011 to 2019.",
     ["between 1994 and 1998", "from 2011 to 2019"]),
    ("A soldier crossed at 11:38 p.m. Wednesday, the military said Thursday.", ["Wednesday", "Thursday"]),
    ("He served five years in prison and left 12 days later.", []),
    ("Daily NK said daily life is hard; 30 people a day crossed.", ["a day"]),
    ("Arrivals were 99 in the same period last year.", ["the same period last year"]),
    ("It was the first defection across the DMZ in a year.", ["in a year"]),
    ("He fled in the winter of 2019 and reached Seoul over the weekend.", ["the winter of 2019", "the weekend"]),
    ("Defections fall in winter, when the river freezes.", []),
    ("The Arab Spring of 2011 did not reach Pyongyang.", ["2011"]),
    ("A Christmas message was read; they crossed on Christmas Eve last year.", ["Christmas Eve last year"]),
    ("They crossed at dawn on Tuesday, the JCS said.", ["dawn on Tuesday"]),
    ("Arrivals since the start of the year reached 105.", ["since the start of the year"]),
    ("It happened on Aug. 16 last year, in the first week of August.", ["Aug. 16 last year", "the first week of August"]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_find_periods_sentences(sentence: str, expected: list[str]) -> None:
    assert _texts(sentence) == expected


def test_find_periods_offsets_slice_text_and_match_parse() -> None:
    article = (
        "SEOUL, Aug. 22 -- A North Korean soldier crossed the border on Tuesday, the military said.\n"
        "It was the second such case this year; 105 people arrived in the first half of 2024, "
        "compared with 196 in 2023 and some 1,000 annually before the pandemic. "
        "A total of 34,314 have come since 1998, most of them since the late 1990s."
    )
    matches = find_periods(article, "2024-08-22")
    assert [m.text for m in matches] == [
        "Aug. 22", "Tuesday", "this year", "the first half of 2024", "2023",
        "annually", "before the pandemic", "since 1998", "since the late 1990s",
    ]
    for m in matches:
        assert isinstance(m, TimeMatch)
        assert article[m.start:m.end] == m.text
        assert m.period == parse_period(m.text, "2024-08-22")
    starts = [m.start for m in matches]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))


def test_find_periods_prefers_the_longest_match() -> None:
    matches = find_periods("Arrivals fell in the first nine months of 2024.", "2024-10-15")
    assert [m.text for m in matches] == ["the first nine months of 2024"]
    assert matches[0].period.end == dt.date(2024, 9, 30)
    assert _texts("They came earlier this year.") == ["earlier this year"]
    assert _texts("It happened in late November 2023.") == ["late November 2023"]


def test_find_periods_relative_without_publication_date_is_unresolved() -> None:
    matches = find_periods("He fled last year, in 2019 by his account.", None)
    assert [(m.text, m.period is None) for m in matches] == [("last year", True), ("2019", False)]


def test_bare_numbers_are_not_years() -> None:
    assert _texts("In all, 2019 defectors and 2020 people were counted.") == []
    assert _texts("Some 2000 crossed.") == []
    assert _texts("It was 2021 when he left.") == ["2021"]


def test_modal_may_and_the_verb_march_are_not_months() -> None:
    assert _texts("They may return, and March on.") == []
    assert _texts("The famine known as the Arduous March killed many.") == ["the Arduous March"]
    assert _texts("He left in May and arrived on May 20.") == ["in May", "May 20"]


# --- shift_period ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "granularity", "years", "want_start", "want_end"),
    [
        ("2024-01-01", "2024-06-30", "half_year", -1, "2023-01-01", "2023-06-30"),
        ("2024-02-01", "2024-02-29", "month", -1, "2023-02-01", "2023-02-28"),
        ("2023-02-01", "2023-02-28", "month", 1, "2024-02-01", "2024-02-29"),
        ("2024-01-01", "2024-03-01", "year", -1, "2023-01-01", "2023-03-01"),
        ("2024-02-29", "2024-02-29", "day", -1, "2023-02-28", "2023-02-28"),
        ("2023-02-28", "2023-02-28", "day", 1, "2024-02-28", "2024-02-28"),
    ],
)
def test_shift_period(start, end, granularity, years, want_start, want_end) -> None:
    period = Period(start=start, end=end, granularity=granularity, text="x")
    shifted = shift_period(period, years)
    assert (_iso(shifted.start), _iso(shifted.end)) == (want_start, want_end)
    assert shifted.granularity == granularity and shifted.text == "x"


def test_shift_period_keeps_open_and_rate_periods() -> None:
    before = parse_period("before the pandemic")
    shifted = shift_period(before, -1)
    assert shifted.start is None and shifted.end == dt.date(2018, 12, 31)
    rate = parse_period("annually")
    assert shift_period(rate, -1) == rate


def test_same_period_last_year_via_shift() -> None:
    current = parse_period("the first half of 2024")
    previous = shift_period(current, -1)
    assert (previous.start, previous.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))


@pytest.mark.parametrize("phrase", [
    "about 100 a month in 2019", "12 people in 2020 and 2021", "some 300 to 400 a year in 2010",
    "3 boats and 2019", "about 1,000 in 2024 alone",
])
def test_no_date_is_made_from_a_phrase_with_counts_or_rates(phrase: str) -> None:
    """The dateparser fallback reads only phrases made of date parts, never one with a count."""
    period = parse_period(phrase, "2024-08-22")
    assert period is None or period.granularity != "day", period


@pytest.mark.parametrize("phrase, day", [
    ("20/08/2024", "2024-08-20"), ("2024/08/20", "2024-08-20"), ("Tuesday, 20/08/2024", "2024-08-20"),
])
def test_the_dateparser_fallback_still_reads_dates(phrase: str, day: str) -> None:
    period = parse_period(phrase, "2024-08-22")
    assert (str(period.start), str(period.end), period.granularity) == (day, day, "day")
