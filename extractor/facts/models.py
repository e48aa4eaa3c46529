"""The shapes of a fact (``shared/spec/records.md``, "Facts across articles (v1.1)").

A fact is one reported figure or one escape as all articles together tell it:
the consolidated values, one ``FactSource`` per supporting record (per input
that reached it), and one ``FactConflict`` per field where sources disagree
beyond compatibility. Like ``extractor.records``, extra fields are allowed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extractor.records import Count, DefectorType, Kind, Location, Period, Route


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class FactSource(_Model):
    """One supporting record, as one input reached it, with its own count and period."""

    record_id: str
    article_id: str
    source: str
    url: str | None = None
    published: dt.date | None = None
    reported_by: str | None = None
    count: Count | None = None
    period: Period | None = None


class ConflictValue(_Model):
    """One distinct value of a disputed field and the records that give it."""

    value: Any
    record_ids: list[str]


class FactConflict(_Model):
    field: str
    values: list[ConflictValue] = Field(min_length=2)


class Fact(_Model):
    fact_id: str
    kind: Kind
    count: Count | None = None
    period: Period | None = None
    defector_types: list[DefectorType] = Field(default_factory=list)
    origin: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    destination: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    route: Route = "unknown"
    locations: list[Location] = Field(default_factory=list)
    reported_by: str | None = None
    sources: list[FactSource] = Field(min_length=1)
    conflicts: list[FactConflict] = Field(default_factory=list)
