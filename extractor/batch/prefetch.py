"""Downloading the URL items of a batch: bounded concurrency per host, retries with backoff.

Downloads run in threads of the main process (they wait on the network, not
the CPU), ahead of the workers, in a bounded window so a list of a million
links never sits in memory. Items leave in the order they came in.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from extractor.batch.items import Kind, WorkItem, failed_item
from extractor.errors import Code, ExtractorError
from extractor.fetch import FetchSettings
from extractor.fetch.download import check_scheme, download

RETRYABLE = frozenset({Code.FETCH_TIMEOUT, Code.FETCH_CONNECTION, "fetch_http_429", "fetch_http_500",
                       "fetch_http_502", "fetch_http_503", "fetch_http_504"})


@dataclass(frozen=True)
class FetchPolicy:
    threads: int = 8
    per_host: int = 2  # politeness: at most this many downloads from one host at a time
    retries: int = 2
    backoff: float = 0.5  # seconds before the first retry; doubles each time


class HostLimiter:
    """One semaphore per host, created on first use."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}

    def slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self._per_host))


def prefetch(
    items: Iterator[WorkItem], settings: FetchSettings, policy: FetchPolicy = FetchPolicy()
) -> Iterator[WorkItem]:
    limiter = HostLimiter(policy.per_host)
    window: deque[WorkItem | Future] = deque()
    pool = ThreadPoolExecutor(max_workers=policy.threads, thread_name_prefix="fetch")
    try:
        for item in items:
            if item.kind is Kind.URL:
                window.append(pool.submit(fetch_item, item, settings, policy, limiter))
            else:
                window.append(item)
            while len(window) > policy.threads * 4:
                yield _resolved(window.popleft())
        while window:
            yield _resolved(window.popleft())
    finally:  # all done, or the batch stopped: downloads not started are dropped, none is waited for
        pool.shutdown(wait=False, cancel_futures=True)


def _resolved(entry: WorkItem | Future) -> WorkItem:
    return entry.result() if isinstance(entry, Future) else entry


def fetch_item(item: WorkItem, settings: FetchSettings, policy: FetchPolicy, limiter: HostLimiter) -> WorkItem:
    """The item with its downloaded body, or a failed item with the last error's code."""
    attempt = 0
    try:
        check_scheme(item.source, settings.allow_schemes)  # a bad scheme or a malformed URL: no retry
    except ExtractorError as exc:
        return failed_item(item.source, exc.code, exc.message, url=item.source)
    while True:
        try:
            with limiter.slot(item.source):
                got = download(item.source, settings)
            return replace(item, kind=Kind.DOWNLOAD, download=got, url=got.url)
        except ExtractorError as exc:
            if exc.code not in RETRYABLE or attempt >= policy.retries:
                suffix = f" (after {attempt + 1} attempts)" if attempt else ""
                return failed_item(item.source, exc.code, exc.message + suffix, url=item.source)
        except Exception as exc:  # a bug must cost one URL, not the batch
            return failed_item(item.source, Code.PROCESSING_ERROR, f"{type(exc).__name__}: {exc}", url=item.source)
        time.sleep(policy.backoff * 2**attempt)
        attempt += 1
