"""Reading input files: plain or gzipped (by magic bytes), with a size cap on what is unpacked."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from pathlib import Path
from typing import BinaryIO

from extractor.errors import Code, ExtractorError

UNPACK_ERRORS = (OSError, EOFError, zlib.error)  # a cut or corrupt gzip stream

GZIP_MAGIC = b"\x1f\x8b"
ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".urls")


def open_maybe_gzip(path: Path) -> BinaryIO:
    """The file's bytes, unpacked on the fly when it is gzip (by its magic, not its name)."""
    handle = path.open("rb")
    if handle.peek(2)[:2] != GZIP_MAGIC:
        return handle
    handle.close()
    return gzip.open(path, "rb")


def inner_name(path: Path) -> str:
    """``a.html.gz`` → ``a.html``: the name that says what the content is."""
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def is_article_file(path: Path) -> bool:
    return inner_name(path).endswith(ARTICLE_SUFFIXES)


def is_batch_input_file(path: Path) -> bool:
    return is_article_file(path) or path.name.lower().endswith(ARCHIVE_SUFFIXES)


def check_regular_file(path: Path) -> None:
    """``not_a_regular_file`` for a named pipe, socket or device: opening a FIFO blocks until a
    writer comes, so such a file is never opened. A missing or unreadable path passes (its read says why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket or device"
        raise ExtractorError(Code.NOT_A_FILE, f"{path} is {kind}, not a regular file: it is not opened")


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's (unpacked) bytes; ``too_large`` past the cap, so a gzip bomb stops early."""
    check_regular_file(path)
    try:
        with open_maybe_gzip(path) as handle:
            return read_stream_capped(handle, max_bytes, f"{path} (unpacked)")
    except FileNotFoundError as err:
        raise ExtractorError(Code.FILE_NOT_FOUND, f"no such file: {path}") from err
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        raise ExtractorError(Code.DECODE_ERROR, f"{path} is a cut or corrupt gzip file: {err}") from err
    except OSError as err:  # permissions, a directory, a broken mount
        raise ExtractorError(Code.FILE_NOT_FOUND, f"cannot read {path}: {err.strerror or err}") from err


def read_stream_capped(stream: BinaryIO, max_bytes: int, what: str = "the input") -> bytes:
    """Read at most ``max_bytes``; one byte more means the input is too large."""
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):  # a text stream was passed where bytes were expected
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise ExtractorError(Code.TOO_LARGE, f"{what} exceeds the cap of {max_bytes} bytes")
    return data
