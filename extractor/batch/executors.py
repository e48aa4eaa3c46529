"""Where chunks of work run: this process, local worker processes, or a Dask cluster.

All three take the same chunks and the same ``process_chunk`` and give back
the results chunk by chunk in input order, keeping only a few chunks in flight
so memory stays bounded however long the input stream is.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from extractor.batch.items import WorkItem
from extractor.batch.worker import WorkerOptions, process_chunk, to_json, warm_up
from extractor.errors import Code
from extractor.outcomes import outcome_result, source_meta

IN_FLIGHT_PER_WORKER = 16  # results come back in input order: a slow chunk must not leave the other workers idle
MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024  # ...while pages carried to the workers stay bounded in memory
NATIVE_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_native_thread_per_process() -> None:
    """Worker processes are the parallelism: their BLAS must not start threads of its own.

    Two spaCy workers on two cores, each with a multi-threaded OpenBLAS, fight
    over the cores (measured: 1.59x for 2 workers instead of 1.77x). Processes
    started after this inherit the setting; a user's own value is kept.
    """
    for name in NATIVE_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def crashed_results(chunk: list[WorkItem], why: str) -> list[dict]:
    """Results for items whose worker died: each input is still accounted for."""
    return [to_json(outcome_result(source_meta(item.source, item.url), "failed", Code.WORKER_CRASHED, why), None)
            for item in chunk]


def start_worker() -> None:
    """A worker process's start: it ends with its parent (a batch or service killed with SIGKILL
    leaves no orphan spinning), then loads the pipeline."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()
    warm_up()


def _exit_with(parent) -> None:
    parent.join()  # returns when the parent process is gone
    os._exit(1)


def window_full(pending: deque, most_chunks: int) -> bool:
    """Whether the chunks in flight reach their number or their bytes (the pages they carry)."""
    return len(pending) >= most_chunks or sum(payload_bytes(chunk) for chunk, _ in pending) >= MAX_BYTES_IN_FLIGHT


def payload_bytes(chunk: list[WorkItem]) -> int:
    """The page bytes a chunk carries to its worker (a file item is read there: none)."""
    total = 0
    for item in chunk:
        data = item.download.body if item.download is not None else item.data
        total += len(data) if isinstance(data, (bytes, str)) else 0
    return total


def run_in_process(chunks: Iterable[list[WorkItem]], options: WorkerOptions) -> Iterator[list[dict]]:
    for chunk in chunks:
        yield process_chunk(chunk, options)


class ProcessPool:
    """Worker processes (spawned, each loading spaCy once), restarted if one dies.

    A chunk whose worker died is retried item by item in a fresh pool, so only
    the item that kills a worker (twice) is lost to ``worker_crashed``.
    """

    def __init__(self, workers: int, options: WorkerOptions) -> None:
        self.workers = workers
        self.options = options
        one_native_thread_per_process()
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=start_worker)

    def run(self, chunks: Iterable[list[WorkItem]]) -> Iterator[list[dict]]:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, self._submit(chunk)))
                while window_full(pending, self.workers * IN_FLIGHT_PER_WORKER):
                    yield self._collect(*pending.popleft())
            while pending:
                yield self._collect(*pending.popleft())
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[WorkItem]):
        try:
            return self.pool.submit(process_chunk, chunk, self.options)
        except BrokenProcessPool:
            self._restart()
            return self.pool.submit(process_chunk, chunk, self.options)

    def _collect(self, chunk: list[WorkItem], future) -> list[dict]:
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
            return [row for item in chunk for row in self._retry_alone(item)]

    def _retry_alone(self, item: WorkItem) -> list[dict]:
        try:
            return self.pool.submit(process_chunk, [item], self.options).result()
        except BrokenProcessPool:
            self._restart()
            return crashed_results([item], "the worker process died on this input twice")

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()


def run_on_dask(
    chunks: Iterable[list[WorkItem]], options: WorkerOptions, address: str, workers: int
) -> Iterator[list[dict]]:
    """The same chunks on a dask.distributed scheduler; ``local`` starts a LocalCluster here."""
    from distributed import Client, LocalCluster

    one_native_thread_per_process()
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster if cluster is not None else address)
    try:
        in_flight = max(2, sum(client.nthreads().values()) * IN_FLIGHT_PER_WORKER)
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, client.submit(process_chunk, chunk, options, pure=False)))
            while window_full(pending, in_flight):
                yield _dask_result(*pending.popleft())
        while pending:
            yield _dask_result(*pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(chunk: list[WorkItem], future) -> list[dict]:
    try:
        return future.result()
    except Exception as exc:  # KilledWorker after Dask's own retries, or a lost connection
        return crashed_results(chunk, f"the Dask task failed: {type(exc).__name__}: {exc}")
