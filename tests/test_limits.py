"""Limits: a per-article processing time limit and the decompression cap (real timers, real gzip)."""

from __future__ import annotations

import gzip
import time

import pytest

from extractor.batch.items import Kind, WorkItem
from extractor.batch.limits import TimeLimitExceeded, time_limit
from extractor.batch.worker import WorkerOptions, process_chunk
from extractor.errors import Code, ExtractorError
from extractor.fetch.files import read_capped


def test_time_limit_interrupts_pure_python_work() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                pass
    assert time.monotonic() - started < 2


def test_time_limit_leaves_fast_work_alone_and_disarms() -> None:
    with time_limit(1.0):
        total = sum(range(1000))
    time.sleep(1.2)  # the timer must not fire after the block
    assert total == 499500


def test_an_article_over_the_limit_fails_alone_with_time_limit() -> None:
    paragraph = "<p>" + "A North Korean soldier crossed the border and defected on Tuesday. " * 20 + "</p>"
    huge = ("<html><body><article>" + paragraph * 2000 + "</article></body></html>").encode()
    small = "Two North Korean soldiers defected across the DMZ on Tuesday, the military said."
    items = [WorkItem(source="huge.html", kind=Kind.HTML, data=huge),
             WorkItem(source="small.txt", kind=Kind.TEXT, data=small)]
    first, second = process_chunk(items, WorkerOptions(time_limit=0.05, relevance_gate=False))
    assert (first["status"], first["errors"][0]["code"]) == ("failed", Code.TIME_LIMIT)
    assert first["article"]["source"] == "huge.html" and second["article"]["source"] == "small.txt"


def test_gzip_bomb_stops_at_the_cap(tmp_path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 50_000_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ExtractorError) as info:
        read_capped(bomb, 1_000_000)
    assert info.value.code == Code.TOO_LARGE
