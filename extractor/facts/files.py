"""Facts out: JSON Lines (one Fact per line), CSV and Parquet (one flat row per fact), GeoJSON.

GeoJSON holds one Point feature per incident fact with coordinates (from its
places' lat/lon, the crossing point first), its properties the flat row.
Parquet columns are typed: dates as dates, lists as lists.
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TextIO

from extractor.facts.models import Fact
from extractor.facts.rows import DATE_COLUMNS, FACT_COLUMNS, fact_row, point_of, text_row, typed_dates

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
           ".geojson": "geojson"}


def format_of(path: Path | None) -> str:
    if path is None:
        return "jsonl"
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise ValueError(f"unknown output format for {str(path)!r}: use .jsonl, .csv, .parquet or .geojson")
    return found


def write_facts(facts: list[Fact], path: Path | None) -> None:
    """Write the facts to ``path`` in the format its suffix names; None is JSON Lines on stdout."""
    kind = format_of(path)
    if kind == "parquet":
        _write_parquet(facts, path)
        return
    with (path.open("w", encoding="utf-8", newline="") if path else nullcontext(sys.stdout)) as handle:
        {"jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson}[kind](facts, handle)


def _write_jsonl(facts: list[Fact], handle: TextIO) -> None:
    for fact in facts:
        handle.write(json.dumps(fact.model_dump(mode="json"), ensure_ascii=False) + "\n")


def _write_csv(facts: list[Fact], handle: TextIO) -> None:
    writer = csv.DictWriter(handle, fieldnames=FACT_COLUMNS)
    writer.writeheader()
    writer.writerows(text_row(fact_row(fact)) for fact in facts)


def geojson_of(facts: list[Fact]) -> dict:
    features = []
    for fact in facts:
        point = point_of(fact) if fact.kind == "incident" else None
        if point is not None:
            features.append({"type": "Feature", "id": fact.fact_id,
                             "geometry": {"type": "Point", "coordinates": list(point)},
                             "properties": fact_row(fact)})
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(facts: list[Fact], handle: TextIO) -> None:
    json.dump(geojson_of(facts), handle, ensure_ascii=False, indent=1)
    handle.write("\n")


def fact_schema():
    import pyarrow as pa

    from extractor.sinks.parquet_schema import LOCATION

    types = {"count_value": pa.int64(), "count_low": pa.int64(), "count_high": pa.int64(),
             "source_count": pa.int64(), "article_count": pa.int64(), "locations": pa.list_(LOCATION),
             **{name: pa.date32() for name in DATE_COLUMNS},
             **{name: pa.list_(pa.string()) for name in ("defector_types", "record_ids", "sources", "conflict_fields")}}
    return pa.schema([(name, types.get(name, pa.string())) for name in FACT_COLUMNS])


def _write_parquet(facts: list[Fact], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [typed_dates(fact_row(fact)) for fact in facts]
    pq.write_table(pa.Table.from_pylist(rows, schema=fact_schema()), str(path))
