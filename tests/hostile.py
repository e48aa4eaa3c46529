"""Hostile archives for ``tests/test_hostile_archives.py``, written by the tests themselves.

Big inputs are generated as streams (a gzip bomb is compressed chunk by chunk), so the
test process never holds them in memory either.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import uuid
from pathlib import Path

CHUNK = b" " * (8 << 20)


def write_gzip_bomb(path: Path, head: bytes, inflated: int) -> Path:
    """``head`` then spaces, ``inflated`` bytes in all, as one gzip member."""
    with gzip.GzipFile(path, "wb", compresslevel=9) as handle:
        handle.write(head)
        _write_spaces(handle, inflated - len(head))
    return path


def _write_spaces(handle, count: int) -> None:
    while count > 0:
        handle.write(CHUNK[:count])
        count -= len(CHUNK)


def _warc_head(url: str, payload_length: int) -> bytes:
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-01-15T08:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {payload_length}\r\n\r\n").encode()


def _http_head(body_length: int) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body_length}\r\n\r\n".encode()


def write_warc_bomb(path: Path, inflated: int, after: list[tuple[str, bytes]]) -> Path:
    """A WARC.gz whose first record's HTML body inflates to ``inflated`` bytes (one gzip member of a few
    MB), then the ``after`` records (url, HTML body), each in its own member as crawlers write them."""
    page_head = b"<html><body><p>"
    with path.open("wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9) as member:
            http = _http_head(inflated)
            member.write(_warc_head("https://bomb.example/", len(http) + inflated) + http + page_head)
            _write_spaces(member, inflated - len(page_head))
            member.write(b"\r\n\r\n")
        for url, body in after:
            with gzip.GzipFile(fileobj=raw, mode="wb") as member:
                http = _http_head(len(body))
                member.write(_warc_head(url, len(http) + len(body)) + http + body + b"\r\n\r\n")
    return path


def batch_with_peak_rss(args: list[str], timeout: float = 600) -> tuple[subprocess.CompletedProcess, float]:
    """``extractor batch ARGS`` run by a small parent process that reports its children's peak RSS
    (``getrusage(RUSAGE_CHILDREN).ru_maxrss``, in MB): the batch's own memory, not the test's."""
    parent = ("import json, resource, subprocess, sys\n"
              "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
              "print(json.dumps({'rc': done.returncode, 'stderr': done.stderr[-2000:], 'peak_mb': peak}))\n")
    command = [sys.executable, "-c", parent, sys.executable, "-m", "extractor", "batch", *args]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    report = json.loads(finished.stdout)
    return subprocess.CompletedProcess(command, report["rc"], "", report["stderr"]), report["peak_mb"]


def outcome(result: dict) -> tuple[str, str | None]:
    codes = [e["code"] for e in result["errors"] if e["code"] != "period_unresolved"]
    return result["status"], codes[0] if codes else None

