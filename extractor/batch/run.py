"""Running a batch: inputs → (resume filter) → downloads → workers → sinks, with a tally."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import islice

from extractor.batch import DEFAULT_CHUNK_SIZE
from extractor.batch.failures import FailuresFile
from extractor.batch.executors import ProcessPool, run_in_process, run_on_dask
from extractor.batch.inputs import expand_inputs
from extractor.batch.interrupts import BatchInterrupted, on_termination
from extractor.batch.items import WorkItem
from extractor.batch.prefetch import FetchPolicy, prefetch
from extractor.batch.profiling import Profile
from extractor.batch.progress import Tally, reporter
from extractor.batch.totals import count_in_background
from extractor.batch.worker import WorkerOptions, read_here
from extractor.fetch import FetchSettings
from extractor.sinks import LOCK_WAIT, file_sink
from extractor.sinks.sql import SqlSink
from extractor.version import pipeline_version


@dataclass
class BatchOptions:
    inputs: list[str]
    outputs: list[str] = field(default_factory=list)
    db: str | None = None
    workers: int = 1
    dask: str | None = None
    limit: int | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    resume: bool = True
    quiet: bool = False
    failures: str | None = None  # --failures FILE
    lock_wait: float = LOCK_WAIT  # seconds a database write may wait for another process's lock
    worker: WorkerOptions = field(default_factory=WorkerOptions)
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    separate_process: bool = False  # one worker runs in its own process too (a service keeps spaCy off its threads)


def run_batch(
    options: BatchOptions, items: Iterable[WorkItem] | None = None, on_chunk: Callable[[Tally], None] | None = None
) -> Tally:
    """Run ``options.inputs`` (or ``items``, already expanded: a service's job) into the sinks;
    ``on_chunk`` sees the tally after each chunk is written. On Ctrl-C or SIGTERM the run is
    marked ``interrupted`` and the ``KeyboardInterrupt`` or ``BatchInterrupted`` goes on up,
    ``tally`` holding how far it got."""
    tally = Tally()
    database = SqlSink(options.db, pipeline_version(), options.inputs, lock_wait=options.lock_wait) \
        if options.db else None
    sinks = [file_sink(path) for path in options.outputs] + ([database] if database else [])
    sinks += [FailuresFile(options.failures)] if options.failures else []
    if not options.quiet and items is None:  # a job's items are its own: the inputs do not name them
        count_in_background(options.inputs, options.limit, lambda total: setattr(tally, "total", total))
    status = "failed"
    try:
        with on_termination():
            _process(options, database, sinks, tally, items, on_chunk)
        status = "finished"
    except (KeyboardInterrupt, BatchInterrupted) as stop:
        status = "interrupted"
        stop.tally = tally  # for the message of how far the run got
        raise
    finally:
        try:
            if database is not None:
                _close_run(database, tally, status)
        finally:
            for sink in sinks:
                sink.close()
    return tally


def _close_run(database: SqlSink, tally: Tally, status: str) -> None:
    """Record how the run ended; when it did not finish, a database error here must not hide
    the error or the interruption that ended it."""
    try:
        tally.facts = database.finish(tally.as_dict(), status)
    except Exception:
        if status == "finished":
            raise


def _process(options: BatchOptions, database: SqlSink | None, sinks: list, tally: Tally,
             items: Iterable[WorkItem] | None, on_chunk: Callable[[Tally], None] | None) -> None:
    if items is None:
        items = expand_inputs(options.inputs, options.worker.settings.max_bytes)
    items = _limited(iter(items), options.limit)
    if database is not None and options.resume:
        items = _not_done(items, database, tally, options.chunk_size * 8)
    items = prefetch(items, options.worker.settings, options.fetch)
    profile = tally.profile = Profile() if options.worker.profile else None
    with reporter(tally, options.quiet) as progress, closing(_execute(_chunks(items, options.chunk_size), options)) \
            as chunk_results, closing(items):
        for results in chunk_results:
            if profile is not None:
                profile.take(results)
            started = time.perf_counter()
            for sink in sinks:
                sink.write(results)
            if profile is not None:
                profile.add_sinks(time.perf_counter() - started)
            tally.add(results)
            progress.update()
            if on_chunk is not None:
                on_chunk(tally)


def extract_each(
    argument: str, *, published=None, with_text: bool = False, settings: FetchSettings | None = None
) -> Iterator[dict]:
    """Every article of a folder, archive, export or URL list, as ``extractor extract`` prints them:
    in this process, without the relevance gate; ``published`` overrides each article's date."""
    options = WorkerOptions(settings=settings or FetchSettings(), relevance_gate=False, with_text=with_text)
    items = expand_inputs([argument], options.settings.max_bytes)
    if published is not None:
        items = (replace(item, published=published) if item.outcome is None else item for item in items)
    for results in run_in_process(_chunks(prefetch(items, options.settings), 8), options):
        yield from results


def _execute(chunks: Iterable[list[WorkItem]], options: BatchOptions) -> Iterator[list[dict]]:
    if options.dask:  # Dask workers may run on other machines: files are read here and sent
        settings = options.worker.settings
        shipped = ([read_here(item, settings) for item in chunk] for chunk in chunks)
        return run_on_dask(shipped, options.worker, options.dask, max(1, options.workers))
    if options.workers > 1 or options.separate_process:
        return ProcessPool(options.workers, options.worker).run(chunks)
    return run_in_process(chunks, options.worker)


def _limited(items: Iterator[WorkItem], limit: int | None) -> Iterator[WorkItem]:
    return islice(items, limit) if limit is not None else items


def _chunks(items: Iterable[WorkItem], size: int) -> Iterator[list[WorkItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _not_done(items: Iterator[WorkItem], database: SqlSink, tally: Tally, lookup_size: int) -> Iterator[WorkItem]:
    """Drop inputs the database already holds as done with this pipeline version."""
    for chunk in _chunks(items, lookup_size):
        done = database.done_sources(item.source for item in chunk)
        tally.already_done += sum(item.source in done for item in chunk)
        yield from (item for item in chunk if item.source not in done)
