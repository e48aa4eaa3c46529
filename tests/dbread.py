"""Reading back what a batch wrote: database snapshots, CSV and Parquet record ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import create_engine, select

from extractor.sinks.sql_schema import article_records, articles, fact_sources, facts, records, runs

RUN_COLUMNS = {"run_id", "processed_at"}  # differ between runs by design


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of the tables (minus per-run columns), sorted: equal DBs give equal snapshots."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            article_columns = [c for c in articles.columns if c.name not in RUN_COLUMNS]
            rows = {
                "articles": sorted(tuple(map(_plain, r)) for r in conn.execute(select(*article_columns))),
                **{table.name: sorted(tuple(map(_plain, r)) for r in conn.execute(select(table)))
                   for table in (records, article_records, facts, fact_sources)},
                "runs": [tuple(r) for r in conn.execute(select(runs.c.status, runs.c.inputs))],
            }
    finally:
        engine.dispose()
    return rows


def _plain(value):
    return json.dumps(value, sort_keys=True) if isinstance(value, (list, dict)) else value


def jsonl_results(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl_record_ids(path: Path) -> set[str]:
    return {r["record_id"] for result in jsonl_results(path) for r in result["records"]}


def csv_record_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["record_id"] for row in csv.DictReader(handle)]


def parquet_record_ids(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=["record_id"]).column("record_id").to_pylist()


def db_record_ids(url: str) -> list[str]:
    return [row[0] for row in snapshot(url)["records"]]
