"""One flat row per record: the shape of the CSV and Parquet files and the SQL ``records`` table.

Nested values flatten to ``count_*``, ``period_*`` and ``evidence_*`` columns;
the two lists (``defector_types``, ``locations``) stay whole, as JSON text in
CSV and as JSON columns in SQL, so no detail of a location is lost.
"""

from __future__ import annotations

import json

ARTICLE_COLUMNS = ("article_id", "source", "url", "title", "published")
RECORD_COLUMNS = (
    "record_id", "kind",
    "count_value", "count_qualifier", "count_low", "count_high", "count_text",
    "period_start", "period_end", "period_granularity", "period_rate", "period_text",
    "defector_types", "origin", "destination", "route", "locations", "reported_by",
    "evidence_text", "evidence_start", "evidence_end", "confidence",
)
LIST_COLUMNS = ("defector_types", "locations")
NESTED = {"count": ("value", "qualifier", "low", "high", "text"),
          "period": ("start", "end", "granularity", "rate", "text"),
          "evidence": ("text", "start", "end")}


def record_row(record: dict) -> dict:
    """The record's flat columns (lists kept as lists)."""
    row = {key: record.get(key) for key in RECORD_COLUMNS if key in record}
    for name, parts in NESTED.items():
        nested = record.get(name) or {}
        for part in parts:
            row[f"{name}_{part}"] = nested.get(part)
    return {key: row.get(key) for key in RECORD_COLUMNS}


def flat_rows(result: dict) -> list[dict]:
    """One row per record of an ArticleResult, with the article's columns in front."""
    article = {key: result["article"].get(key) for key in ARTICLE_COLUMNS}
    return [article | record_row(record) for record in result.get("records", [])]


def as_text_lists(row: dict) -> dict:
    """Lists as JSON text, for formats without a list type (CSV)."""
    return {key: json.dumps(value, ensure_ascii=False) if key in LIST_COLUMNS else value for key, value in row.items()}


def _is_flattened(key: str) -> bool:
    return any(key.startswith(f"{name}_") for name in NESTED)


PLAIN_COLUMNS = tuple(key for key in RECORD_COLUMNS if not _is_flattened(key))


def nested_record(row) -> dict:
    """The inverse of ``record_row``: a record's dict from its flat columns (a mapping), ready
    for ``DefectionRecord.model_validate``. A count or period without text was absent."""
    record = {key: row[key] for key in PLAIN_COLUMNS}
    for name, parts in NESTED.items():
        values = {part: row[f"{name}_{part}"] for part in parts}
        record[name] = values if values["text"] is not None else None
    return record
