"""The Arrow schema of the Parquet output: typed columns, lists as real lists."""

from __future__ import annotations

import pyarrow as pa

LOCATION = pa.struct([("name", pa.string()), ("text", pa.string()), ("role", pa.string()),
                      ("country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())])


def record_schema() -> pa.Schema:
    return pa.schema([
        ("article_id", pa.string()), ("source", pa.string()), ("url", pa.string()),
        ("title", pa.string()), ("published", pa.string()),
        ("record_id", pa.string()), ("kind", pa.string()),
        ("count_value", pa.int64()), ("count_qualifier", pa.string()), ("count_low", pa.int64()),
        ("count_high", pa.int64()), ("count_text", pa.string()),
        ("period_start", pa.string()), ("period_end", pa.string()), ("period_granularity", pa.string()),
        ("period_rate", pa.string()), ("period_text", pa.string()),
        ("defector_types", pa.list_(pa.string())), ("origin", pa.string()), ("destination", pa.string()),
        ("route", pa.string()), ("locations", pa.list_(LOCATION)), ("reported_by", pa.string()),
        ("evidence_text", pa.string()), ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
        ("confidence", pa.float64()),
    ])
