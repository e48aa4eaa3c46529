"""Small builders of records and article metadata for the facts tests (real models, no mocks)."""

from __future__ import annotations

import datetime as dt

from extractor.records import ArticleMeta, Count, DefectionRecord, Evidence, Location, Period

BOUNDS = {
    "exact": lambda v: {}, "approximate": lambda v: {}, "more_than": lambda v: {"low": v + 1},
    "at_least": lambda v: {"low": v}, "less_than": lambda v: {"high": v - 1}, "at_most": lambda v: {"high": v},
}


def count(value: int, qualifier: str = "exact", text: str | None = None) -> Count:
    return Count(value=value, qualifier=qualifier, text=text or str(value), **BOUNDS[qualifier](value))


def vague(low: int, high: int, text: str) -> Count:
    return Count(qualifier="vague", low=low, high=high, text=text)


def year(number: int) -> Period:
    return Period(start=dt.date(number, 1, 1), end=dt.date(number, 12, 31), granularity="year", text=str(number))


def day(text: str) -> Period:
    date = dt.date.fromisoformat(text)
    return Period(start=date, end=date, granularity="day", text=text)


def month(number_year: int, number: int) -> Period:
    start = dt.date(number_year, number, 1)
    end = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return Period(start=start, end=end, granularity="month", text=f"{start:%B}")


def stock(end: str) -> Period:
    return Period(start=None, end=dt.date.fromisoformat(end), granularity="open", text="")


def place(name: str, lat: float | None = None, lon: float | None = None, role: str = "crossing_point") -> Location:
    return Location(name=name, text=name, role=role, country="KR", lat=lat, lon=lon)


def record(record_id: str, kind: str = "aggregate", **fields) -> DefectionRecord:
    fields = {"origin": "KP", "destination": "KR", **fields}
    return DefectionRecord(
        record_id=record_id, kind=kind, evidence=Evidence(text="x", start=0, end=1), confidence=0.9, **fields,
    )


def meta(article_id: str, published: str | None = "2024-01-10", source: str | None = None) -> ArticleMeta:
    return ArticleMeta(
        article_id=article_id, source=source or f"{article_id}.txt", url=None, text_chars=100,
        published=dt.date.fromisoformat(published) if published else None,
    )
