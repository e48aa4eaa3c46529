"""One flat row per fact: the shape of the CSV, Parquet and GeoJSON outputs.

Count and period flatten to ``count_*`` and ``period_*`` columns as in the
records' rows (``extractor.sinks.rows``); the sources become their count, their
record_ids, inputs and publication span; conflicts stay whole, as JSON text,
with their fields listed in ``conflict_fields``.
"""

from __future__ import annotations

import datetime as dt
import json

from extractor.facts.models import Fact
from extractor.sinks.rows import record_row

VALUE_COLUMNS = (
    "count_value", "count_qualifier", "count_low", "count_high", "count_text",
    "period_start", "period_end", "period_granularity", "period_rate", "period_text",
    "defector_types", "origin", "destination", "route", "locations", "reported_by",
)
FACT_COLUMNS = (
    "fact_id", "kind", *VALUE_COLUMNS,
    "source_count", "article_count", "first_published", "last_published", "record_ids", "sources",
    "conflict_fields", "conflicts",
)
LIST_COLUMNS = ("defector_types", "locations", "record_ids", "sources", "conflict_fields")
DATE_COLUMNS = ("period_start", "period_end", "first_published", "last_published")


def fact_row(fact: Fact) -> dict:
    """The fact's flat columns, JSON values (dates as ISO text, lists as lists)."""
    data = fact.model_dump(mode="json")
    values = record_row(data)
    published = sorted(s["published"] for s in data["sources"] if s["published"])
    return {
        "fact_id": data["fact_id"], "kind": data["kind"], **{key: values[key] for key in VALUE_COLUMNS},
        "source_count": len(data["sources"]),
        "article_count": len({s["article_id"] for s in data["sources"]}),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "record_ids": sorted({s["record_id"] for s in data["sources"]}),
        "sources": [s["source"] for s in data["sources"]],
        "conflict_fields": [c["field"] for c in data["conflicts"]],
        "conflicts": json.dumps(data["conflicts"], ensure_ascii=False) if data["conflicts"] else None,
    }


def typed_dates(row: dict) -> dict:
    """The row with its date columns as dates (for Parquet and SQL), in place."""
    for name in DATE_COLUMNS:
        row[name] = dt.date.fromisoformat(row[name]) if row[name] else None
    return row


def text_row(row: dict) -> dict:
    """Lists as JSON text, for CSV."""
    return {key: json.dumps(value, ensure_ascii=False) if key in LIST_COLUMNS else value for key, value in row.items()}


def point_of(fact: Fact) -> tuple[float, float] | None:
    """(lon, lat) of the fact's crossing point, else of its first place with coordinates."""
    placed = [loc for loc in fact.locations if loc.lat is not None and loc.lon is not None]
    placed.sort(key=lambda loc: loc.role != "crossing_point")
    return (placed[0].lon, placed[0].lat) if placed else None
