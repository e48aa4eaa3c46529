"""Stopping a batch cleanly: Ctrl-C (SIGINT) and SIGTERM end the run, not the bookkeeping.

Python turns SIGINT into ``KeyboardInterrupt``; ``on_termination`` turns SIGTERM
(``kill``, a container stop, a scheduler's time limit) into ``BatchInterrupted``
the same way, so both unwind through ``run_batch``, which marks the run
``interrupted`` and lets the CLI say how far it got. Worker processes ignore
SIGINT (a terminal sends it to the whole process group): the parent alone
decides, and shuts the pool down.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal's number, as shells report it


class BatchInterrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_code(error: BaseException) -> int:
    return EXIT_CODES.get(getattr(error, "signum", signal.SIGINT), 130)


def signal_label(error: BaseException) -> str:
    signum = getattr(error, "signum", signal.SIGINT)
    return "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name


@contextmanager
def on_termination() -> Iterator[None]:
    """Within the block, SIGTERM raises ``BatchInterrupted`` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, _frame):
        raise BatchInterrupted(signum)

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ignore_interrupts() -> None:
    """For worker processes: Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def leave_now(code: int) -> None:
    """Exit at once after an interruption, once every sink is closed and the run row written.

    A normal exit joins every thread first, and a download in flight would hold
    the user's Ctrl-C for up to its timeout; nothing is left to save by then.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
