"""A job's payload → the batch's ``WorkItem``s, named ``job:<id>#...`` so a resumed job finds its inputs done.

JSONL lines are ``{"url"}`` (downloaded by the batch with the service's fetch settings),
``{"text", "published"?}`` or ``{"html", "url"?, "published"?}``; a WARC is read by the batch's
reader. The payload is written to a temporary file for the readers, whose path never shows.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from extractor.batch.items import Kind, WorkItem, failed_item
from extractor.batch.jsonl import line_item
from extractor.batch.warc import warc_items
from extractor.errors import Code
from extractor.fetch.html import iso_date

WARC_STARTS = (b"WARC/", b"\x1f\x8b")


def payload_kind(content_type: str, payload: bytes) -> str:
    """``warc`` for a WARC (by media type, or its first bytes), else ``jsonl``."""
    return "warc" if "warc" in content_type.lower() or payload.startswith(WARC_STARTS) else "jsonl"


def count_lines(payload: bytes) -> int:
    return sum(1 for line in payload.splitlines() if line.strip())


def job_items(job_id: str, kind: str, payload: bytes, max_bytes: int) -> Iterator[WorkItem]:
    if kind == "jsonl":
        yield from _jsonl_items(job_id, payload, max_bytes)
        return
    with tempfile.TemporaryDirectory(prefix="extractor-job-") as folder:
        path = Path(folder) / f"{job_id}.warc"
        path.write_bytes(payload)
        for item in warc_items(path, max_bytes):
            yield replace(item, source=item.source.replace(str(path), f"job:{job_id}", 1))


def _jsonl_items(job_id: str, payload: bytes, max_bytes: int) -> Iterator[WorkItem]:
    """As the batch's JSONL reader, plus: a line with a URL and nothing to read is a URL to download."""
    for number, line in enumerate(payload.split(b"\n"), start=1):
        source = f"job:{job_id}#L{number}"
        if len(line) > max_bytes:
            yield failed_item(source, Code.TOO_LARGE, f"line exceeds the cap of {max_bytes} bytes")
        elif line.strip():
            yield _url_item(line) or line_item(line, source)


def _url_item(line: bytes) -> WorkItem | None:
    try:
        row = json.loads(line)
    except ValueError:
        return None
    if not isinstance(row, dict) or not isinstance(row.get("url"), str) or "html" in row or "text" in row:
        return None
    return WorkItem(source=row["url"], kind=Kind.URL, url=row["url"], published=iso_date(row.get("published")))
