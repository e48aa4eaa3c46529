"""Table-driven tests of the count normalizer (extractor/normalize/counts.py).

``tests/data/count_cases.json`` holds hand-checked phrases -> Count fields; the
sentence tests below pin what ``find_counts`` finds and skips in running text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.normalize.counts import CountMatch, find_counts, parse_count
from extractor.records import Count

CASES = json.loads((Path(__file__).parent / "data" / "count_cases.json").read_text(encoding="utf-8"))
# the phrasings written blind for issue 16 (tests/test_issue16_normalizers.py has their sentences)
ISSUE16_CASES = json.loads((Path(__file__).parent / "data" / "count_cases_issue16.json").read_text(encoding="utf-8"))
FIELDS = ("value", "qualifier", "low", "high")


def test_table_is_large_enough_and_covers_every_qualifier():
    assert len(CASES) >= 80
    qualifiers = {case["qualifier"] for case in CASES if not case.get("none")}
    assert qualifiers == {
        "exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range", "vague"
    }


@pytest.mark.parametrize("case", CASES + ISSUE16_CASES, ids=lambda case: repr(case["text"]))
def test_parse_count(case):
    count = parse_count(case["text"])
    if case.get("none"):
        assert count is None
        return
    assert isinstance(count, Count)
    assert count.text == case["text"]
    assert {f: getattr(count, f) for f in FIELDS} == {f: case[f] for f in FIELDS}


def test_parse_count_keeps_text_as_given():
    assert parse_count("  some 1,000 ").text == "  some 1,000 "


def _found(sentence: str) -> list[tuple[str, int | None, str]]:
    matches = find_counts(sentence)
    for m in matches:
        assert isinstance(m, CountMatch)
        assert sentence[m.start:m.end] == m.text == m.count.text
    return [(m.text, m.count.value, m.count.qualifier) for m in matches]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Experts reckon an estimated two million mines lie beneath it.",
         [("an estimated two million", 2000000, "approximate")]),
        ("The figure rose to 196 in 2023, the ministry said.", [("196", 196, "exact")]),
        ("Arrivals held at just over 60 in 2021 and 2022.", [("just over 60", 60, "more_than")]),
        ("A family of four and two soldiers crossed.",
         [("A family of four", 4, "exact"), ("two", 2, "exact")]),
        ("Two families of 14 people landed by boat.",
         [("Two families of 14 people", 14, "exact")]),
        ("Guards found a group of nearly 10 people on May 6.",
         [("a group of nearly 10 people", 10, "less_than")]),
        ("Some 15,000 residents fled the floods.", [("Some 15,000", 15000, "approximate")]),
        ("Tens of thousands of troops patrol it.", [("Tens of thousands", None, "vague")]),
        ("A total of 34,314 have arrived since 1998.", [("A total of 34,314", 34314, "exact")]),
        ("The tally reached 63 and 67, respectively.", [("63", 63, "exact"), ("67", 67, "exact")]),
        ("It fell from 1,047 to 229 in a year.", [("1,047", 1047, "exact"), ("229", 229, "exact")]),
        ("Between 10 and 15 sailors were aboard.", [("Between 10 and 15", None, "range")]),
        ("Three men and six women, including children, arrived.",
         [("Three", 3, "exact"), ("six", 6, "exact")]),
        ("More than half, or 99, were in their 20s and 30s.", [("99", 99, "exact")]),
        ("Only a handful of soldiers made it.", [("Only a handful", None, "vague")]),
        ("There were 34\u00a0259 in total.", [("34\u00a0259", 34259, "exact")]),
        ("Rains hit in late July.\nSome 5,000 people fled.", [("Some 5,000", 5000, "approximate")]),
        ("Arrivals ended in 2024.A total of 236 came.", [("A total of 236", 236, "exact")]),
        ("In July 300 people crossed; on May 6 nine more.", [("300", 300, "exact"), ("nine", 9, "exact")]),
        # "a couple" must not stop short of "hundred" (it used to give exact 2)
        ("A couple of hundred defectors rallied in Seoul.",
         [("A couple of hundred", 200, "approximate")]),
        ("Twin brothers swam the Tumen with a trio of friends.",
         [("Twin brothers", 2, "exact"), ("a trio", 3, "exact")]),
        ("A score of fishermen were caught.", [("A score", 20, "exact")]),
        ("He got a score of 85 in the test; 12 others sat it.", [("85", 85, "exact"), ("12", 12, "exact")]),
        ("Arrivals fell to the single digits in 2021.", [("single digits", None, "vague")]),
    ],
)
def test_find_counts_finds(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The 250km-long and 4km wide frontier is heavily mined.",
        "The 250 km-long strip is 4 km wide.",
        "About 84 percent were women.",
        "About 84% were women.",
        "Food prices rose 12 per cent.",
        "It happened in 2023.",
        "It was the second defection in 12 days.",
        "Seoul pledged $2 million and 10 kg of rice per family.",
        "He crossed at 3 a.m. and was found at 11:38 p.m.",
        "The pair crossed on Aug 20 and on 8 August.",
        "It happened on the night of July 30-31.",
        "It happened on Sept. 5 and Dec 24.",
        "One of the soldiers said no one saw him.",
        "The two Koreas remain technically at war.",
        "One in five arrivals is a man; two-thirds are women.",
        "A 25-year-old private, aged 25, was the 3rd this year.",
        "It took a few days and several hours.",
        "Between 1994 and 1998 and in 2021-2022 few crossed.",
        "COVID-19 rules ended in the 1990s style.",
        "The No. 2 official left.",
        "A soldier and an officer crossed.",
    ],
)
def test_find_counts_skips(sentence):
    assert _found(sentence) == []


def test_find_counts_never_overlaps_and_goes_left_to_right():
    sentence = "Up to 50, then more than 100 and at least a dozen, not 2,000 km away."
    matches = find_counts(sentence)
    assert [m.text for m in matches] == ["Up to 50", "more than 100", "at least a dozen"]
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))


def test_time_spans_are_left_to_the_time_normalizer():
    # Documented decision: a number followed by a time unit is a period, never a count.
    assert _found("Two defected within 12 days.") == [("Two", 2, "exact")]


@pytest.mark.parametrize("phrase, value, qualifier", [
    ("196 defectors", 196, "exact"), ("two soldiers", 2, "exact"), ("a soldier", 1, "exact"),
    ("more than 100 defectors", 100, "more_than"), ("A North Korean soldier", 1, "exact"),
    ("Fourteen of the arrivals", 14, "exact"), ("one of the students", 1, "exact"), ("two of them", 2, "exact"),
    ("nearly 200 North Koreans", 200, "less_than"), ("a dozen fishermen", 12, "exact"),
    ("three crew members", 3, "exact"), ("the 34,000 defectors", 34000, "exact"), ("an official", 1, "exact"),
])
def test_a_count_phrase_with_its_noun(phrase: str, value: int, qualifier: str) -> None:
    """Every record's count.text carries its noun; parse_count reads such phrases too."""
    count = parse_count(phrase)
    assert (count.value, count.qualifier, count.text) == (value, qualifier, phrase)


@pytest.mark.parametrize("phrase", [
    "196 defectors reached the South", "two soldiers crossed", "32 men and 164 women", "Camp 14", "Python 3",
    "a year", "one day", "an hour", "7 percent", "about 5 km", "in 2019",
])
def test_what_is_not_a_count_phrase_stays_none(phrase: str) -> None:
    assert parse_count(phrase) is None
