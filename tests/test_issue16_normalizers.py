"""The normalizers on the phrasings written blind for issue 16 (tests/data/*_cases_issue16.json).

The tables were written from news style before the rules that read them: rates with
periods, "today", "the end of the year", centuries, bare "May", "the last week", "the
week of March 6", counts with their nouns, "4 hundred million". The table cases run in
tests/test_period.py and tests/test_count.py; here are sentences with them (find_*).
benchmarks/normalizers.py scores the same tables.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from extractor.normalize.counts import find_counts
from extractor.normalize.time import find_periods

DATA = Path(__file__).parent / "data"
PERIOD_CASES = json.loads((DATA / "period_cases_issue16.json").read_text("utf-8"))
COUNT_CASES = json.loads((DATA / "count_cases_issue16.json").read_text("utf-8"))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def test_tables_are_the_size_the_issue_asks_for() -> None:
    """The cases themselves run in test_period.py / test_count.py with the original tables."""
    assert len(PERIOD_CASES) >= 80 and len(COUNT_CASES) >= 60
    assert sum(bool(c.get("rate")) and c["start"] is not None for c in PERIOD_CASES) >= 10
    assert {c["qualifier"] for c in COUNT_CASES if not c.get("none")} >= {"exact", "approximate", "range", "vague"}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Today she runs a bakery in Seoul.", []),  # bare "today" in running text is "nowadays"
    ("Prime Minister Theresa May met the defectors in May.", [("in May", "2024-05-01", "2024-05-31")]),
    ("By the end of the year, 236 had arrived.", [("By the end of the year", None, "2024-12-31")]),
    ("The border stayed shut until today.", [("until today", None, "2024-08-22")]),
    ("Koreans lived divided for much of the 20th century.", [("the 20th century", "1900-01-01", "1999-12-31")]),
    ("Eleven crossed during the week of Aug. 12.", [("the week of Aug. 12", "2024-08-12", "2024-08-18")]),
    ("Arrivals rose in the last week.", [("the last week", "2024-08-12", "2024-08-18")]),
    ("Since the start of the year, 43 arrived.", [("Since the start of the year", "2024-01-01", "2024-08-22")]),
])
def test_find_periods_issue16(sentence: str, expected: list[tuple]) -> None:
    found = [(m.text, _iso(m.period.start), _iso(m.period.end)) for m in find_periods(sentence, "2024-08-22")]
    assert found == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("One man crossed the border early on Sunday.", [("One", 1, "exact")]),
    ("One woman and two children swam across.", [("One", 1, "exact"), ("two", 2, "exact")]),
    ("The film is a one-man show about defection.", []),
    ("One man show: the defector on stage.", []),
    ("She knows of one man who was an officer in the North.", []),  # an example person, not a count
    ("The ministry spent 4 hundred million won.", []),
    ("Some 4 hundred million people watched.", [("Some 4 hundred million", 400000000, "approximate")]),
    ("Arrivals fell to well under 100 last year.", [("well under 100", 100, "less_than")]),
])
def test_find_counts_issue16(sentence: str, expected: list[tuple]) -> None:
    assert [(m.text, m.count.value, m.count.qualifier) for m in find_counts(sentence)] == expected
