"""How many inputs a batch has, counted beside the run for the progress total and ETA.

The count follows ``expand_inputs`` without reading any article: a folder's
files are listed, a JSONL export's and a URL list's lines counted, a WARC's
records walked by their headers (bodies skipped). That last is cheap only for
a modest file, so a WARC above ``CHEAP_ARCHIVE_BYTES`` (or a gzipped export
above it), an unreadable file or a count that runs out of time leaves the
total unknown: the progress then shows counts and rate without an ETA rather
than a wrong one. The count runs in a daemon thread: it never delays the run.
"""

from __future__ import annotations

import glob
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from extractor.batch.inputs import GLOB_CHARS, collection_kind, walk_inputs
from extractor.batch.warc import ARTICLE_RECORD_TYPES
from extractor.fetch import URL_LIKE
from extractor.fetch.files import UNPACK_ERRORS, open_maybe_gzip

CHEAP_ARCHIVE_BYTES = 64 * 1024 * 1024
TIME_BUDGET_SECONDS = 30.0


class Unknown(Exception):
    """The total cannot be known cheaply."""


def count_inputs(arguments: Iterable[str], deadline: float | None = None) -> int | None:
    """The number of inputs ``expand_inputs`` will give for ``arguments``, or None when unknown."""
    deadline = deadline if deadline is not None else time.monotonic() + TIME_BUDGET_SECONDS
    try:
        return sum(_argument_count(argument, deadline) for argument in arguments)
    except Unknown:
        return None


def count_in_background(arguments: list[str], limit: int | None, found: Callable[[int], None]) -> threading.Thread:
    """Count in a daemon thread and call ``found(total)`` when the total is known."""

    def work() -> None:
        total = count_inputs(arguments)
        if total is not None:
            found(min(total, limit) if limit is not None else total)

    thread = threading.Thread(target=work, name="count-inputs", daemon=True)
    thread.start()
    return thread


def _argument_count(argument: str, deadline: float) -> int:
    if time.monotonic() > deadline:
        raise Unknown
    if URL_LIKE.match(argument):
        return 1
    path = Path(argument)
    if path.is_dir():
        return sum(_file_count(found, deadline) for found in walk_inputs(path))
    if path.exists():
        return _file_count(path, deadline)
    if GLOB_CHARS.search(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        return sum(_argument_count(match, deadline) for match in matches) if matches else 1
    return 1  # a missing input is one failed result


def _file_count(path: Path, deadline: float) -> int:
    if time.monotonic() > deadline:
        raise Unknown
    if not path.is_file():  # a FIFO, socket or device is one failed input, never opened
        return 1
    kind = collection_kind(path)
    if kind is None:
        return 1
    try:
        if path.stat().st_size > CHEAP_ARCHIVE_BYTES:
            raise Unknown
        if kind == "warc":
            return _warc_records(path)
        return _lines(path, urls=kind == "urls")
    except (OSError, *UNPACK_ERRORS) as exc:
        raise Unknown from exc


def _warc_records(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(record.rec_type in ARTICLE_RECORD_TYPES for record in ArchiveIterator(stream))


def _lines(path: Path, urls: bool) -> int:
    with open_maybe_gzip(path) as handle:
        return sum(1 for line in handle if line.strip() and not (urls and line.lstrip().startswith(b"#")))
