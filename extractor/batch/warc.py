"""HTML records out of WARC / WARC.gz files, streamed with warcio.

An input is a ``response`` or ``resource`` record: a crawl's requests,
metadata and revisit records are not articles. A record that is not HTML or
whose HTTP status is not 2xx is ``skipped`` with a code saying why; a file cut
off in the middle ends with one ``failed`` item (``archive_corrupt``) for the
rest of it, so the records before the cut are still processed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from extractor.batch.items import Kind, WorkItem, failed_item, skipped_item
from extractor.errors import Code, http_status_code
from extractor.fetch.html import iso_date
from extractor.fetch.download import HTML_TYPES, content_type

ARTICLE_RECORD_TYPES = frozenset({"response", "resource"})


def warc_items(path: Path, max_bytes: int) -> Iterator[WorkItem]:
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            offset = 0
            try:
                end = 0
                for record in records:
                    item = _record_item(record, max_bytes) if record.rec_type in ARTICLE_RECORD_TYPES else None
                    offset = records.get_record_offset()  # only after the body is read: it reads to the end
                    end = offset + records.get_record_length()
                    if item is not None:
                        yield replace(item, source=f"{path}#{offset}")
                size = path.stat().st_size
                if end < size:  # warcio stops quietly at a cut gzip member: the tail is lost, say so
                    yield _corrupt_tail(path, end, f"{size - end} bytes after offset {end} hold no complete record")
            except Exception as exc:  # warcio raises many kinds on a cut or corrupt stream
                yield _corrupt_tail(path, offset, f"{type(exc).__name__}: {exc}")
    except OSError as exc:
        yield failed_item(str(path), Code.FILE_NOT_FOUND, f"cannot read {path}: {exc.strerror or exc}")


def _corrupt_tail(path: Path, offset: int, why: str) -> WorkItem:
    return failed_item(
        f"{path}#{offset}+", Code.ARCHIVE_CORRUPT, f"the archive is cut or corrupt from offset {offset}: {why}"
    )


def _record_item(record, max_bytes: int) -> WorkItem:
    source = ""  # set by the caller, once the record's offset is known
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = iso_date(record.rec_headers.get_header("WARC-Date"))
    headers = record.http_headers
    if headers is not None:
        status = headers.get_statuscode()
        if status and not status.startswith("2"):
            return skipped_item(
                source, http_status_code(int(status)), f"archived response has HTTP status {status}", url=url
            )
    mime, _charset = content_type(_record_content_type(record))
    if mime is not None and mime not in HTML_TYPES:
        return skipped_item(source, Code.NOT_HTML, f"archived content type {mime!r} is not HTML", url=url)
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return failed_item(source, Code.TOO_LARGE, f"record body exceeds the cap of {max_bytes} bytes", url=url)
    if _ended_early(record):
        return failed_item(source, Code.ARCHIVE_CORRUPT, "the archive ends inside this record", url=url)
    return WorkItem(source=source, kind=Kind.HTML, data=body, url=url, fallback_published=captured)


def _ended_early(record) -> bool:
    """The body was read to its end, yet fewer bytes came than the record's Content-Length
    promised: a file cut inside a record (warcio returns the short body without a word)."""
    remaining = getattr(record.raw_stream, "limit", 0)
    return isinstance(remaining, int) and remaining > 0


def _record_content_type(record) -> str | None:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type")
    return record.rec_headers.get_header("Content-Type")
