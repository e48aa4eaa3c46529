"""Expanding ``extractor batch`` arguments into a stream of ``WorkItem``s.

Arguments mix freely: URLs, files, folders (walked recursively, sorted, for
article files and archives), globs, WARC/WARC.gz, JSONL(.gz) and URL lists.
Everything is a generator: an archive is read record by record, never whole.

A URL list is a ``.urls`` file, or a ``.txt`` file whose first non-blank lines
are all URLs (an article never looks like that).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.fetch.files import UNPACK_ERRORS, check_regular_file, inner_name, is_batch_input_file, open_maybe_gzip
from extractor.batch.items import Kind, WorkItem, failed_item
from extractor.batch.jsonl import jsonl_items
from extractor.batch.warc import warc_items
from extractor.errors import Code, ExtractorError
from extractor.fetch import URL_LIKE

GLOB_CHARS = re.compile(r"[*?\[]")
URL_LIST_PROBE_LINES = 5
PROBE_LINE_BYTES = 4096  # a URL is shorter; a longer line is not one


def expand_inputs(arguments: Iterable[str], max_bytes: int) -> Iterator[WorkItem]:
    for argument in arguments:
        yield from _argument_items(argument, max_bytes)


def _argument_items(argument: str, max_bytes: int) -> Iterator[WorkItem]:
    if URL_LIKE.match(argument):
        yield WorkItem(source=argument, kind=Kind.URL, url=argument)
        return
    path = Path(argument)
    if path.is_dir():
        for found in walk_inputs(path):
            yield from _file_items(found, max_bytes)
    elif path.exists():
        yield from _file_items(path, max_bytes)
    elif GLOB_CHARS.search(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:  # a typo must not pass silently: the argument is still accounted for
            yield failed_item(argument, Code.FILE_NOT_FOUND, f"no file matches the pattern {argument}")
        for match in matches:
            yield from _argument_items(match, max_bytes)
    else:
        yield failed_item(argument, Code.FILE_NOT_FOUND, f"no such file, folder or URL: {argument}")


def holds_many_articles(argument: str) -> bool:
    """A folder, glob, archive, export or URL list (as opposed to one article's file or URL)."""
    if URL_LIKE.match(argument) or argument == "-":
        return False
    path = Path(argument)
    if path.is_dir() or (not path.exists() and GLOB_CHARS.search(argument)):
        return True
    return path.is_file() and collection_kind(path) is not None


def walk_inputs(folder: Path) -> Iterator[Path]:
    """Batch input files under ``folder``, in a stable order (sorted names, depth first)."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if is_batch_input_file(path):
                yield path


def collection_kind(path: Path) -> str | None:
    """"warc", "jsonl" or "urls" for a file that holds many articles; None for one article's file."""
    name = inner_name(path)
    if name.endswith(".warc"):
        return "warc"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".urls") or (name.endswith(".txt") and _is_url_list(path)):
        return "urls"
    return None


def _file_items(path: Path, max_bytes: int) -> Iterator[WorkItem]:
    try:
        check_regular_file(path)  # a FIFO is never opened, not even to see whether it is a URL list
    except ExtractorError as exc:
        yield failed_item(str(path), exc.code, exc.message)
        return
    kind = collection_kind(path)
    if kind == "warc":
        yield from warc_items(path, max_bytes)
    elif kind == "jsonl":
        yield from jsonl_items(path, max_bytes)
    elif kind == "urls":
        yield from url_list_items(path)
    else:
        yield WorkItem(source=str(path), kind=Kind.PATH)


def url_list_items(path: Path) -> Iterator[WorkItem]:
    """One item per non-blank, non-``#`` line; a line that is not a URL fails alone."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            if URL_LIKE.match(url):
                yield WorkItem(source=url, kind=Kind.URL, url=url)
            else:
                yield failed_item(f"{path}#L{number}", Code.BAD_INPUT_LINE, f"not a URL: {url[:200]!r}")


def _is_url_list(path: Path) -> bool:
    lines: list[str] = []
    try:
        with open_maybe_gzip(path) as handle:
            while len(lines) < URL_LIST_PROBE_LINES and (raw := handle.readline(PROBE_LINE_BYTES)):
                line = raw.decode("utf-8", errors="replace").strip()
                if line and not line.startswith("#"):
                    lines.append(line)
    except UNPACK_ERRORS:
        return False
    return bool(lines) and all(URL_LIKE.match(line) and " " not in line for line in lines)
