"""The validation stage drops what is invalid or not grounded in the article, with a code."""

from __future__ import annotations

import datetime as dt

from extractor.assemble.build import Assembled
from extractor.records import Count, DefectionRecord, Evidence, Location, Period
from extractor.validate import validate_records

TEXT = "Officials said 41 people fled in 2022. Another note follows here."
SENTENCE = "Officials said 41 people fled in 2022."


def record(**changes) -> DefectionRecord:
    fields = dict(
        record_id="r1", kind="aggregate",
        count=Count(value=41, qualifier="exact", text="41"),
        period=Period(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), granularity="year", text="2022"),
        evidence=Evidence(text=SENTENCE, start=0, end=len(SENTENCE)), confidence=0.8,
    )
    fields.update(changes)
    return DefectionRecord.model_construct(**fields)


def codes(items: list[Assembled]) -> tuple[int, list[str]]:
    kept, errors = validate_records(items, TEXT)
    return len(kept), [e.code for e in errors]


def test_a_grounded_record_passes() -> None:
    assert codes([Assembled(record(), [])]) == (1, [])


def test_evidence_offsets_must_slice_the_text() -> None:
    shifted = record(evidence=Evidence.model_construct(text=SENTENCE, start=1, end=len(SENTENCE) + 1))
    assert codes([Assembled(shifted, [])]) == (0, ["validation_failed"])


def test_count_text_must_be_in_the_evidence_or_its_grounds() -> None:
    stray = record(count=Count(value=7, qualifier="exact", text="seven"))
    assert codes([Assembled(stray, [])]) == (0, ["validation_failed"])
    assert codes([Assembled(stray, ["It was seven."])]) == (1, [])


def test_period_text_must_be_grounded() -> None:
    stray = record(period=Period(start=None, end=None, granularity="unknown", rate="per_year", text="annually"))
    assert codes([Assembled(stray, [])]) == (0, ["validation_failed"])


def test_location_text_must_occur_in_the_article() -> None:
    elsewhere = record(locations=[Location(name="Incheon", text="Incheon", role="mentioned")])
    assert codes([Assembled(elsewhere, [])]) == (0, ["validation_failed"])


def test_schema_is_checked_again() -> None:
    bad_bounds = record(count=Count.model_construct(value=41, qualifier="more_than", low=None, high=None, text="41"))
    backwards = record(period=Period.model_construct(start=dt.date(2023, 1, 1), end=dt.date(2022, 1, 1), granularity="year", rate=None, text="2022"))
    assert codes([Assembled(bad_bounds, []), Assembled(backwards, [])]) == (0, ["validation_failed"] * 2)
