"""Articles out of a JSON Lines export: one ``{"url", "html" | "text", "published"?}`` per line.

Every non-blank line is one input, named ``FILE#L<line number>``. A line that
is not JSON, not an object, or has neither ``html`` nor ``text`` fails with
``bad_input_line``; the lines after it go on. A ``published`` value that is
not a date is ignored (the page's own date, or the text's latest year, is used).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from extractor.fetch.files import UNPACK_ERRORS, open_maybe_gzip
from extractor.batch.items import Kind, WorkItem, failed_item
from extractor.errors import Code
from extractor.fetch.html import iso_date


def jsonl_items(path: Path, max_bytes: int) -> Iterator[WorkItem]:
    try:
        with open_maybe_gzip(path) as handle:
            number = 0
            while line := handle.readline(max_bytes + 1):
                number += 1
                source = f"{path}#L{number}"
                if len(line) > max_bytes:
                    _skip_rest_of_line(handle, max_bytes)
                    yield failed_item(source, Code.TOO_LARGE, f"line exceeds the cap of {max_bytes} bytes")
                elif line.strip():
                    yield line_item(line, source)
    except UNPACK_ERRORS as exc:
        yield failed_item(f"{path}#rest", Code.ARCHIVE_CORRUPT, f"cannot read {path}: {exc}")


def line_item(line: bytes, source: str) -> WorkItem:
    try:
        row = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return failed_item(source, Code.BAD_INPUT_LINE, f"not a JSON line: {exc}")
    if not isinstance(row, dict):
        return failed_item(source, Code.BAD_INPUT_LINE, "a line must hold a JSON object")
    url = row.get("url") if isinstance(row.get("url"), str) else None
    published = iso_date(row.get("published"))
    for field, kind in (("html", Kind.HTML), ("text", Kind.TEXT)):
        if isinstance(row.get(field), str):
            return WorkItem(source=source, kind=kind, data=row[field], url=url, published=published)
    return failed_item(source, Code.BAD_INPUT_LINE, 'the object has neither an "html" nor a "text" string', url=url)


def _skip_rest_of_line(handle, max_bytes: int) -> None:
    while (chunk := handle.readline(max_bytes)) and not chunk.endswith(b"\n"):
        pass
