"""The shapes of a fact (``shared/spec/records.md``, "Facts across articles (v1.1)").

A fact is one reported figure or one escape as all articles together tell it:
the consolidated values, one ``FactSource`` per supporting record (per input
that reached it), and one ``FactConflict`` per field where sources disagree
beyond compatibility. Like ``extractor.records``, extra fields are allowed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor.records import Count, DefectionRecord, Period


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


VALUE_FIELDS = ("kind", "count", "period", "defector_types", "origin", "destination", "route", "locations",
                "reported_by")

# The consolidated values have exactly the types, defaults and constraints of the record's fields:
# they are taken from DefectionRecord, not written again.
class _FactId(_Model):
    fact_id: str


_FactValues = create_model(
    "_FactValues", __base__=_FactId,
    **{name: (DefectionRecord.model_fields[name].annotation, DefectionRecord.model_fields[name])
       for name in VALUE_FIELDS},
)


class Fact(_FactValues):
    """One figure or escape: ``fact_id``, the consolidated values (``VALUE_FIELDS``, as in a
    DefectionRecord), its sources and its conflicts; the extra field ``key`` is what ``fact_id``
    hashes."""

    sources: list[FactSource] = Field(min_length=1)
    conflicts: list[FactConflict] = Field(default_factory=list)
