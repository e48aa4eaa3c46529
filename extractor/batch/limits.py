"""A wall-clock limit on processing one article, so a pathological page cannot stall a worker.

It uses ``SIGALRM``, which only the main thread of a process can receive: the
batch's worker processes (and a one-process run) qualify. Code running in a
thread (a Dask worker's task threads) runs without the limit; the size caps on
inputs bound the work there.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.errors import Code


class TimeLimitExceeded(Exception):
    code = Code.TIME_LIMIT


def limit_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or not limit_available():
        yield
        return

    def on_alarm(signum, frame):
        raise TimeLimitExceeded(f"processing took longer than {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
