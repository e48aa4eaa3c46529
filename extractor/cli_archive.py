"""The archive-scale commands: ``extractor batch`` (many inputs into files and databases) and
``extractor facts`` (their records consolidated into facts). Registered on the app by
:mod:`extractor.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from extractor.batch import DEFAULT_CHUNK_SIZE
from extractor.cli_common import DATE, EXIT_SOME_FAILED, fetch_settings, published_date, rules_or_exit, \
    without_password
from extractor.sinks import LOCK_WAIT


def batch(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT", help="folders, globs, files, WARC(.gz), JSONL(.gz), URL lists, URLs",
    ),
    out: list[str] = typer.Option(
        [], "--out", metavar="FILE", help="write results to FILE: .jsonl (one ArticleResult per input), "
        ".csv or .parquet (one row per record); - for stdout; repeatable",
    ),
    db: Optional[str] = typer.Option(
        None, metavar="URL", help="SQLAlchemy URL, e.g. sqlite:///records.db or "
        "postgresql+psycopg://user@host/db (the default when no --out is given: sqlite:///records.db)",
    ),
    workers: int = typer.Option(
        1, min=1, metavar="N", help="worker processes (or Dask workers for --dask local)",
    ),
    dask: Optional[str] = typer.Option(
        None, metavar="ADDRESS",
        help="run on a dask.distributed scheduler at ADDRESS (tcp://host:8786), or 'local' for a LocalCluster",
    ),
    limit: Optional[int] = typer.Option(None, min=0, metavar="N", help="process at most N inputs"),
    chunk_size: int = typer.Option(
        DEFAULT_CHUNK_SIZE, min=1, metavar="N", help="articles per chunk: per worker task and per database transaction",
    ),
    resume: bool = typer.Option(True, help="skip inputs the database already holds, done with this pipeline version"),
    gate: bool = typer.Option(True, help="skip articles with no defection cue before spaCy (configs/relevance.json)"),
    with_text: bool = typer.Option(
        False, "--with-text", help="add each article's text to its JSONL result (for `extractor report`)",
    ),
    timeout: float = typer.Option(20.0, metavar="SECONDS", help="seconds per URL download"),
    retries: int = typer.Option(
        2, min=0, metavar="N", help="retries of a URL after a timeout, a connection error or a 5xx",
    ),
    per_host: int = typer.Option(2, min=1, metavar="N", help="concurrent downloads per host"),
    max_bytes: int = typer.Option(
        10_000_000, min=1, metavar="BYTES", help="size cap of one input (download, file, record, unpacked gzip)",
    ),
    time_limit: float = typer.Option(
        60.0, min=0, metavar="SECONDS",
        help="seconds of processing per article before it fails with time_limit (0: none)",
    ),
    allow_scheme: list[str] = typer.Option(
        [], metavar="SCHEME", help="also fetch URLs of this scheme (file, ftp are refused by default)",
    ),
    lock_wait: float = typer.Option(
        LOCK_WAIT, min=0, metavar="SECONDS",
        help="how long one database write may wait for another process's lock before the run stops",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress and no summary"),
    failures: Optional[str] = typer.Option(
        None, "--failures", metavar="FILE", help="write every failed input with its codes to FILE (.jsonl or .csv)",
    ),
    profile: bool = typer.Option(
        False, "--profile", help="print the time per stage (read, gate, trafilatura, spacy, rules, sinks) "
        "and the 10 slowest inputs",
    ),
) -> None:
    """Process many inputs into JSONL/CSV/Parquet files and/or a database, resumably.

    \b
    Examples:
      extractor batch corpus --db sqlite:///records.db --workers 2
      extractor batch crawl.warc.gz --out results.jsonl --out records.parquet
      extractor batch urls.txt --db postgresql+psycopg://user@localhost/news --dask local
    """
    rules_or_exit()
    from rich.console import Console

    from extractor.batch.prefetch import FetchPolicy
    from extractor.batch.interrupts import BatchInterrupted, exit_code, leave_now, signal_label
    from extractor.batch.progress import codes_table, failures_table, interrupted_message, summary_table
    from extractor.batch.run import BatchOptions, run_batch
    from extractor.batch.worker import WorkerOptions
    settings = fetch_settings(timeout, max_bytes, allow_scheme)
    options = BatchOptions(
        inputs=inputs, outputs=out, db=db or (None if out else "sqlite:///records.db"), workers=workers, dask=dask,
        limit=limit, chunk_size=chunk_size, resume=resume, quiet=quiet, failures=failures, lock_wait=lock_wait,
        worker=WorkerOptions(
            settings=settings, relevance_gate=gate, with_text=with_text, time_limit=time_limit or None,
            profile=profile,
        ),
        fetch=FetchPolicy(retries=retries, per_host=per_host),
    )
    from sqlalchemy.exc import SQLAlchemyError

    try:
        tally = run_batch(options)
    except (KeyboardInterrupt, BatchInterrupted) as stop:
        typer.echo(f"\n{interrupted_message(stop.tally, signal_label(stop), options.db is not None)}", err=True)
        leave_now(exit_code(stop))
    except ValueError as exc:  # a bad --out suffix: nothing was processed
        raise typer.BadParameter(str(exc))
    except SQLAlchemyError as exc:  # no such server, bad credentials, an unreadable URL
        typer.echo(
            f"error: the database {without_password(db)} cannot be used: "
            f"{type(exc).__name__}: {str(exc).splitlines()[0]}",
            err=True,
        )
        raise typer.Exit(2)
    if not quiet:
        console = Console(stderr=True)
        console.print(summary_table(tally))
        for table in (codes_table(tally), failures_table(tally, failures), *profile_tables(tally)):
            if table is not None:
                console.print(table)
    raise typer.Exit(EXIT_SOME_FAILED if tally.failed else 0)


def facts(
    results: list[Path] = typer.Argument(
        None, metavar="RESULTS", help="RESULTS.jsonl files from extract or batch (or --db)",
        show_default=False,
    ),
    db: Optional[str] = typer.Option(
        None, "--db", metavar="URL", help="consolidate every record of a batch database instead, e.g. "
        "sqlite:///records.db (the same facts its facts table holds after a finished run)",
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", metavar="FILE", help="write the facts to FILE: .jsonl (one Fact per line), .csv or "
        ".parquet (one row per fact), .geojson (one point per incident with coordinates); "
        "default: JSON Lines on stdout",
    ),
    conflicts_only: bool = typer.Option(False, "--conflicts-only", help="only facts whose sources disagree"),
    since: Optional[str] = typer.Option(
        None, metavar=DATE, help="only facts whose period ends on or after DATE (or is open-ended)",
    ),
    kind: Optional[str] = typer.Option(
        None, metavar="KIND", help="only facts of this kind: aggregate or incident",
    ),
) -> None:
    """Consolidate the records of all articles into facts: one figure or escape, its sources, conflicts.

    \b
    Examples:
      extractor facts --db sqlite:///records.db --out facts.csv
      extractor facts results.jsonl
      extractor facts day1.jsonl day2.jsonl --out facts.csv --conflicts-only
      extractor facts results.jsonl --kind incident --since 2024-01-01 --out escapes.geojson
    """
    from extractor.facts import select_facts
    from extractor.facts.files import format_of, write_facts

    if kind not in (None, "aggregate", "incident"):
        raise typer.BadParameter(f"--kind takes aggregate or incident, not {kind!r}")
    try:
        format_of(out)
    except ValueError as err:
        raise typer.BadParameter(str(err))
    start = published_date(since)
    if bool(results) == bool(db):
        raise typer.BadParameter("give RESULTS files or --db URL (one of the two)")
    found = _database_facts(db) if db else _file_facts(results)
    try:
        write_facts(select_facts(found, kind, conflicts_only, start), out)
    except OSError as err:
        typer.echo(f"error: cannot write {out}: {err.strerror or err}", err=True)
        raise typer.Exit(2)


def _file_facts(results: list[Path]) -> list:
    from extractor.facts import build_facts
    from extractor.report.load import ResultsFileError, read_results

    try:
        return build_facts(result for path in results for result in read_results(path))
    except (ResultsFileError, OSError) as err:
        where = f"cannot read {err.filename}: {err.strerror}" if isinstance(err, OSError) else str(err)
        typer.echo(f"error: {where}", err=True)
        raise typer.Exit(2)


def _database_facts(url: str) -> list:
    from sqlalchemy.exc import SQLAlchemyError

    from extractor.sinks.sql_facts import database_facts

    try:
        return database_facts(url)
    except (SQLAlchemyError, ValueError) as exc:
        typer.echo(f"error: the database {without_password(url)} cannot be read: "
                   f"{type(exc).__name__}: {str(exc).splitlines()[0]}", err=True)
        raise typer.Exit(2)


def profile_tables(tally) -> list:
    from extractor.batch.profiling import slowest_table, stages_table

    if tally.profile is None:
        return []
    return [stages_table(tally.profile, tally.processed), slowest_table(tally.profile)]
