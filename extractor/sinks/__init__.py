"""Where batch results go: JSONL, CSV, Parquet files and SQL databases.

Every sink takes the results of a chunk (ArticleResult dicts, in input order)
with ``write`` and finishes with ``close``; ``open_sinks`` picks them from the
command line's ``--out`` files (by suffix) and ``--db`` URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


LOCK_WAIT = 120.0  # seconds one database transaction may wait in all for another process's lock


class Sink(Protocol):
    def write(self, results: list[dict]) -> None: ...

    def close(self) -> None: ...


FILE_SINK_SUFFIXES = {
    ".jsonl": "JsonlSink", ".ndjson": "JsonlSink", ".csv": "CsvSink", ".parquet": "ParquetSink", ".pq": "ParquetSink",
}


def file_sink(path: str) -> Sink:
    from extractor.sinks import files

    if path == "-":
        return files.JsonlSink(None)
    name = FILE_SINK_SUFFIXES.get(Path(path).suffix.lower())
    if name is None:
        raise ValueError(f"unknown output format for {path!r}: use .jsonl, .csv or .parquet")
    return getattr(files, name)(Path(path))
