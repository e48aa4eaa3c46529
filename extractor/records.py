"""The output contract (``shared/spec/records.md``, v1) as pydantic models.

This module is the single source of truth for record shapes: sinks, the
validation stage and ``extractor schema`` all derive from these classes.
Extra fields are allowed by the contract; the named ones keep their meaning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CONTRACT_VERSION = "1"

Qualifier = Literal[
    "exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range", "vague"
]
Granularity = Literal[
    "day", "week", "month", "quarter", "half_year", "year", "multi_year", "open", "unknown"
]
Rate = Literal["per_year", "per_month", "per_day"]
Kind = Literal["aggregate", "incident"]
Route = Literal["dmz", "maritime", "third_country", "air", "unknown"]
LocationRole = Literal["crossing_point", "origin_place", "destination_place", "mentioned"]
Status = Literal["ok", "skipped", "failed"]
DefectorType = Literal[
    "soldier", "civilian", "diplomat", "official", "elite", "student",
    "worker", "fisherman", "family", "child", "woman",
]
DEFECTOR_TYPES: tuple[str, ...] = DefectorType.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Count(_Model):
    """How many people, as stated, with the bounds its qualifier implies."""

    value: int | None = Field(None, ge=0)
    qualifier: Qualifier
    low: int | None = Field(None, ge=0)
    high: int | None = Field(None, ge=0)
    text: str

    @model_validator(mode="after")
    def _bounds_fit_qualifier(self) -> "Count":
        q, v, lo, hi = self.qualifier, self.value, self.low, self.high
        if q in ("exact", "approximate"):
            _require(v is not None and lo is None and hi is None, f"{q} needs a value and no bounds")
        elif q == "more_than":
            _require(v is not None and lo == v + 1 and hi is None, "more_than needs low = value + 1")
        elif q == "at_least":
            _require(v is not None and lo == v and hi is None, "at_least needs low = value")
        elif q == "less_than":
            _require(v is not None and hi == v - 1 and lo is None, "less_than needs high = value - 1")
        elif q == "at_most":
            _require(v is not None and hi == v and lo is None, "at_most needs high = value")
        else:  # range, vague
            _require(lo is not None and hi is not None and lo <= hi, f"{q} needs low <= high")
        return self


class Period(_Model):
    """When: the period an aggregate covers, or the date of an incident."""

    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity
    rate: Rate | None = None
    text: str

    @model_validator(mode="after")
    def _dates_ordered(self) -> "Period":
        if self.start and self.end:
            _require(self.start <= self.end, "period start after end")
        return self


class Location(_Model):
    name: str
    text: str
    role: LocationRole
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class Evidence(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _offsets_ordered(self) -> "Evidence":
        _require(self.end - self.start == len(self.text), "evidence offsets do not span its text")
        return self


class DefectionRecord(_Model):
    record_id: str
    kind: Kind
    count: Count | None = None
    period: Period | None = None
    defector_types: list[DefectorType] = Field(default_factory=list)
    origin: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    destination: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    route: Route = "unknown"
    locations: list[Location] = Field(default_factory=list)
    reported_by: str | None = None
    evidence: Evidence
    confidence: float = Field(ge=0.0, le=1.0)


class ArticleMeta(_Model):
    article_id: str
    url: str | None = None
    source: str
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text_chars: int = Field(ge=0)


class ErrorInfo(_Model):
    code: str
    message: str


class ArticleResult(_Model):
    article: ArticleMeta
    status: Status
    records: list[DefectionRecord] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def article_id_for(text: str) -> str:
    """sha256 hex of the extracted article text, UTF-8 (contract)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_id_for(
    article_id: str, kind: str, start: int, end: int, period: Period | None,
    count: Count | None = None, ordinal: int = 0,
) -> str:
    """Stable id: a hash of article, kind, evidence offsets and period, so re-runs upsert.

    One sentence can give several records of one period ("38 were men and 198
    were women"), so the count phrase, and for a repeated phrase its ordinal in
    the sentence, are hashed too: ids never collide within an article.
    """
    span = f"{period.start}..{period.end}" if period else "none"
    key = f"{article_id}|{kind}|{start}:{end}|{span}|{count.text if count else ''}|{ordinal}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
