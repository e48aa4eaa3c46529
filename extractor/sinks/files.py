"""File sinks: JSONL (one ArticleResult per input), CSV and Parquet (one row per record).

Files are written as results arrive and flushed per chunk; they are not
resumable (a database is: see ``sql``). Parquet rows are buffered into row
groups, so memory stays bounded on long runs.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from extractor.sinks.rows import ARTICLE_COLUMNS, RECORD_COLUMNS, as_text_lists, flat_rows

ROW_GROUP_ROWS = 10_000


class JsonlSink:
    def __init__(self, path: Path | None) -> None:
        self.handle = path.open("w", encoding="utf-8") if path else sys.stdout

    def write(self, results: list[dict]) -> None:
        for result in results:
            self.handle.write(json.dumps(result, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not sys.stdout:
            self.handle.close()


class CsvSink:
    def __init__(self, path: Path) -> None:
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, fieldnames=ARTICLE_COLUMNS + RECORD_COLUMNS)
        self.writer.writeheader()

    def write(self, results: list[dict]) -> None:
        for result in results:
            self.writer.writerows(as_text_lists(row) for row in flat_rows(result))
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


class ParquetSink:
    def __init__(self, path: Path) -> None:
        from extractor.sinks.parquet_schema import record_schema

        import pyarrow.parquet as pq

        self.schema = record_schema()
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list[dict] = []

    def write(self, results: list[dict]) -> None:
        for result in results:
            self.rows.extend(flat_rows(result))
        if len(self.rows) >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        if self.rows:
            self._flush()
        self.writer.close()
