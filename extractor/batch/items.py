"""One unit of batch work, small and picklable so it can cross to a worker process.

Reading the archive happens in the main process (it streams); decoding HTML,
trafilatura and spaCy happen in the worker. An input that already failed while
being read (a broken JSONL line, a truncated WARC) travels as an item with a
preset ``outcome`` so it still gets its one ``ArticleResult``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from extractor.fetch.download import Download


class Kind(StrEnum):
    PATH = "path"  # a file to read (html, htm, txt; gzipped or not)
    HTML = "html"  # HTML bytes or str already read (WARC record, JSONL line)
    TEXT = "text"  # plain text already read (JSONL line)
    URL = "url"  # to be downloaded by the prefetcher
    DOWNLOAD = "download"  # a URL's downloaded body
    OUTCOME = "outcome"  # nothing to extract: the result is already known


@dataclass(frozen=True)
class Outcome:
    status: str  # "failed" or "skipped"
    code: str
    message: str


@dataclass(frozen=True)
class WorkItem:
    source: str  # the input's identity: a path, "archive.warc.gz#1234", "export.jsonl#L7", a URL
    kind: Kind
    data: bytes | str | None = None
    url: str | None = None
    published: dt.date | None = None  # stated by the input: wins over the page's own date
    fallback_published: dt.date | None = None  # e.g. a WARC record's capture date
    download: Download | None = None
    outcome: Outcome | None = None


def outcome_item(source: str, status: str, code: str, message: str, *, url: str | None = None) -> WorkItem:
    return WorkItem(source=source, kind=Kind.OUTCOME, url=url, outcome=Outcome(status, str(code), message))


def failed_item(source: str, code: str, message: str, *, url: str | None = None) -> WorkItem:
    return outcome_item(source, "failed", code, message, url=url)


def skipped_item(source: str, code: str, message: str, *, url: str | None = None) -> WorkItem:
    return outcome_item(source, "skipped", code, message, url=url)
