"""The ``extractor`` command line: thin wrappers over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
import typer.core

EXIT_CODES = """Exit codes: 0 done; 1 --min-f1 not reached (evaluate); 2 bad usage, an unreadable gold or
results file, an unusable database or a bad rule file (config_invalid), with one line on stderr;
3 some inputs failed (each has its code in its result; see docs/errors.md)."""

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help=f"Defection records from news articles.\n\n{EXIT_CODES}",
)

EXIT_SOME_FAILED = 3
DATE = "YYYY-MM-DD"


def _argument_metavar_only(argument, ctx):
    """Typer prints an argument's Python type after its metavar ("SOURCE <list[str]>"); options
    with a metavar show the metavar alone, and so do our arguments."""
    return None if argument.metavar else _TYPER_ARGUMENT_TYPE(argument, ctx)


_TYPER_ARGUMENT_TYPE = getattr(typer.core.TyperArgument, "display_type_rich", None)
if _TYPER_ARGUMENT_TYPE is not None:
    typer.core.TyperArgument.display_type_rich = _argument_metavar_only


def _version(value: bool) -> None:
    if value:
        from extractor import __version__
        from extractor.version import pipeline_version

        typer.echo(f"extractor {__version__} (pipeline {pipeline_version()})")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="print the version and exit",
    ),
) -> None:
    """Defection records from news articles."""


def _published(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value}")


def _without_password(url: str | None) -> str:
    """A database URL fit for a log line: the password masked."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def _rules_or_exit() -> None:
    """Read the rules before any input: a bad rule file ends the command with one line and
    exit 2 (``config_invalid: <file>: <detail>``), not a traceback or a failure per article."""
    from extractor.rules import ConfigInvalid, load_rules

    try:
        load_rules()
    except ConfigInvalid as exc:
        typer.echo(f"{exc.code}: {' '.join(exc.message.split())}", err=True)
        raise typer.Exit(2)


def _fetch_settings(timeout: float, max_bytes: int, allow_scheme: list[str]):
    from extractor.fetch import FetchSettings

    return FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_schemes=("http", "https", *allow_scheme))


@app.command()
def extract(
    sources: list[str] = typer.Argument(
        ..., metavar="SOURCE", help="URLs, .html/.htm/.txt files, - for stdin; also folders, WARC, JSONL and "
        "URL lists (one line per article in them)",
    ),
    published: Optional[str] = typer.Option(None, metavar=DATE, help="publication date (overrides the page's)"),
    pretty: bool = typer.Option(False, help="indent the JSON"),
    with_text: bool = typer.Option(
        False, "--with-text", help="add the article text as the extra field \"text\" (for extractor report)",
    ),
    timeout: float = typer.Option(20.0, metavar="SECONDS", help="seconds per URL download"),
    max_bytes: int = typer.Option(
        10_000_000, min=1, metavar="BYTES", help="size cap of one input (download, file, record, unpacked gzip)",
    ),
    allow_scheme: list[str] = typer.Option(
        [], metavar="SCHEME", help="also fetch URLs of this scheme (file:// and ftp:// are refused by default)",
    ),
) -> None:
    """Print one ArticleResult JSON line per input (no relevance gate, no database: see batch).

    \b
    Examples:
      extractor extract https://example.org/news/defectors.html
      extractor extract article.txt --published 2024-08-22 --pretty
      cat article.txt | extractor extract - --published 2024-08-22
    """
    _rules_or_exit()
    from extractor.batch.inputs import holds_many_articles
    from extractor.batch.run import extract_each
    from extractor.pipeline import extract as run_extract

    date = _published(published)
    settings = _fetch_settings(timeout, max_bytes, allow_scheme)
    failed = 0
    for source in sources:
        if holds_many_articles(source):
            results = extract_each(source, published=date, with_text=with_text, settings=settings)
        else:
            results = [run_extract(source, date, with_text=with_text, settings=settings).model_dump(mode="json")]
        for result in results:
            failed += result["status"] == "failed"
            typer.echo(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None))
    raise typer.Exit(EXIT_SOME_FAILED if failed else 0)


@app.command()
def evaluate(
    gold_files: list[Path] = typer.Argument(..., metavar="GOLD", help="NAME.gold.json files"),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    min_f1: Optional[float] = typer.Option(None, metavar="F1", help="exit 1 when overall record F1 is below this"),
    predictions: Optional[Path] = typer.Option(
        None, metavar="PATH", help="write the scored ArticleResult lines here",
    ),
    details: bool = typer.Option(
        False, "--details", help="also print per-article misses, false positives and wrong fields",
    ),
) -> None:
    """Score the pipeline against gold annotations (shared gold format).

    \b
    Examples:
      extractor evaluate corpus/*.gold.json
      extractor evaluate corpus/*.gold.json --details --min-f1 0.95
    """
    _rules_or_exit()
    from extractor.evaluate import GoldFormatError, evaluate_paths, format_report
    from extractor.pipeline import extract as run_extract

    def run(text_path: Path, published: Optional[dt.date]) -> dict:
        return run_extract(str(text_path), published).model_dump(mode="json")

    try:
        report = evaluate_paths(list(gold_files), run)
    except GoldFormatError as exc:
        typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))
    if details and not as_json:
        from extractor.evaluate import format_details

        typer.echo(format_details(report))
    if predictions is not None:
        _write_lines(predictions, report.predictions)
    if min_f1 is not None and report.overall.f1 < min_f1:
        typer.echo(f"record F1 {report.overall.f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


@app.command()
def report(
    inputs: list[str] = typer.Argument(
        ..., metavar="RESULTS_OR_SOURCE", help="RESULTS.jsonl files (from extract/batch) or sources to extract now",
    ),
    html: Path = typer.Option(..., "--html", metavar="PATH", help="write the HTML report to this file"),
    published: Optional[str] = typer.Option(None, metavar=DATE, help="publication date for sources extracted now"),
    title: str = typer.Option("Defection records", metavar="TEXT", help="the report's title"),
) -> None:
    """Write one self-contained HTML report: highlighted evidence, records, a timeline, places.

    \b
    Examples:
      extractor batch corpus --out results.jsonl --with-text && extractor report results.jsonl --html report.html
      extractor report article.txt --published 2024-08-22 --html report.html
    """
    _rules_or_exit()  # sources are extracted now, and highlighting reads the lexicon in any case
    from extractor.report import write_report
    from extractor.report.load import ResultsFileError

    try:
        items = write_report(inputs, html, published=_published(published), title=title)
    except (ResultsFileError, OSError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    records = sum(len(item.result.records) for item in items)
    missing = sum(item.text is None and item.result.status == "ok" for item in items)
    note = f", {missing} without article text" if missing else ""
    typer.echo(f"wrote {html}: {len(items)} articles, {records} records{note}")


@app.command()
def schema(
    out: Optional[Path] = typer.Option(
        None, metavar="DIR", help="write the JSON Schema and the SQL DDL into this folder instead",
    ),
    sql: Optional[str] = typer.Option(
        None, metavar="DIALECT", help="print the DDL of the batch tables for sqlite or postgresql",
    ),
) -> None:
    """Print the JSON Schema of ArticleResult (the output contract), or the DDL of the tables.

    \b
    Examples:
      extractor schema > article_result.schema.json
      extractor schema --sql postgresql
    """
    from extractor.schema import ddl_text, schema_text, write_schema

    if out is not None:
        for path in write_schema(out):
            typer.echo(f"wrote {path}")
    elif sql is not None:
        if sql not in ("sqlite", "postgresql"):
            raise typer.BadParameter("--sql takes sqlite or postgresql")
        sys.stdout.write(ddl_text(sql))
    else:
        sys.stdout.write(schema_text())


@app.command()
def batch(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT", help="folders, globs, files, WARC(.gz), JSONL(.gz), URL lists, URLs",
    ),
    out: list[str] = typer.Option(
        [], "--out", metavar="FILE", help="write results to FILE: .jsonl (one ArticleResult per input), "
        ".csv or .parquet (one row per record); - for stdout; repeatable",
    ),
    db: Optional[str] = typer.Option(
        None, metavar="URL", help="SQLAlchemy URL, e.g. sqlite:///records.db or postgresql+psycopg://user@host/db "
        "(the default when no --out is given: sqlite:///records.db)",
    ),
    workers: int = typer.Option(1, min=1, metavar="N", help="worker processes (or Dask workers for --dask local)"),
    dask: Optional[str] = typer.Option(
        None, metavar="ADDRESS", help="run on a dask.distributed scheduler at ADDRESS (tcp://host:8786), or 'local' for a LocalCluster",
    ),
    limit: Optional[int] = typer.Option(None, min=0, metavar="N", help="process at most N inputs"),
    chunk_size: int = typer.Option(8, min=1, metavar="N", help="articles per chunk: per worker task and per database transaction"),
    resume: bool = typer.Option(True, help="skip inputs the database already holds, done with this pipeline version"),
    gate: bool = typer.Option(True, help="skip articles with no defection cue before spaCy (configs/relevance.json)"),
    with_text: bool = typer.Option(
        False, "--with-text", help="add each article's text to its JSONL result (for `extractor report`)",
    ),
    timeout: float = typer.Option(20.0, metavar="SECONDS", help="seconds per URL download"),
    retries: int = typer.Option(2, min=0, metavar="N", help="retries of a URL after a timeout, a connection error or a 5xx"),
    per_host: int = typer.Option(2, min=1, metavar="N", help="concurrent downloads per host"),
    max_bytes: int = typer.Option(
        10_000_000, min=1, metavar="BYTES", help="size cap of one input (download, file, record, unpacked gzip)",
    ),
    time_limit: float = typer.Option(
        60.0, min=0, metavar="SECONDS", help="seconds of processing per article before it fails with time_limit (0: none)",
    ),
    allow_scheme: list[str] = typer.Option(
        [], metavar="SCHEME", help="also fetch URLs of this scheme (file, ftp are refused by default)",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress and no summary"),
) -> None:
    """Process many inputs into JSONL/CSV/Parquet files and/or a database, resumably.

    \b
    Examples:
      extractor batch corpus --db sqlite:///records.db --workers 2
      extractor batch crawl.warc.gz --out results.jsonl --out records.parquet
      extractor batch urls.txt --db postgresql+psycopg://user@localhost/news --dask local
    """
    _rules_or_exit()
    from rich.console import Console

    from extractor.batch.prefetch import FetchPolicy
    from extractor.batch.progress import codes_table, summary_table
    from extractor.batch.run import BatchOptions, run_batch
    from extractor.batch.worker import WorkerOptions
    settings = _fetch_settings(timeout, max_bytes, allow_scheme)
    options = BatchOptions(
        inputs=inputs, outputs=out, db=db or (None if out else "sqlite:///records.db"), workers=workers, dask=dask,
        limit=limit, chunk_size=chunk_size, resume=resume, quiet=quiet,
        worker=WorkerOptions(
            settings=settings, relevance_gate=gate, with_text=with_text, time_limit=time_limit or None,
        ),
        fetch=FetchPolicy(retries=retries, per_host=per_host),
    )
    from sqlalchemy.exc import SQLAlchemyError

    try:
        tally = run_batch(options)
    except ValueError as exc:  # a bad --out suffix: nothing was processed
        raise typer.BadParameter(str(exc))
    except SQLAlchemyError as exc:  # no such server, bad credentials, an unreadable URL
        typer.echo(
            f"error: the database {_without_password(db)} cannot be used: "
            f"{type(exc).__name__}: {str(exc).splitlines()[0]}",
            err=True,
        )
        raise typer.Exit(2)
    if not quiet:
        console = Console(stderr=True)
        console.print(summary_table(tally))
        if (codes := codes_table(tally)) is not None:
            console.print(codes)
    raise typer.Exit(EXIT_SOME_FAILED if tally.failed else 0)


def _write_lines(path: Path, lines: list[dict]) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        typer.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2)


@app.command()
def facts(
    results: list[Path] = typer.Argument(..., metavar="RESULTS", help="RESULTS.jsonl files from extract or batch"),
    out: Optional[Path] = typer.Option(
        None, "--out", metavar="FILE", help="write the facts to FILE: .jsonl (one Fact per line), .csv or .parquet "
        "(one row per fact), .geojson (one point per incident with coordinates); default: JSON Lines on stdout",
    ),
    conflicts_only: bool = typer.Option(False, "--conflicts-only", help="only facts whose sources disagree"),
    since: Optional[str] = typer.Option(
        None, metavar=DATE, help="only facts whose period ends on or after DATE (or is open-ended)",
    ),
    kind: Optional[str] = typer.Option(None, metavar="KIND", help="only facts of this kind: aggregate or incident"),
) -> None:
    """Consolidate the records of all articles into facts: one figure or escape, all its sources and conflicts.

    \b
    Examples:
      extractor facts results.jsonl
      extractor facts day1.jsonl day2.jsonl --out facts.csv --conflicts-only
      extractor facts results.jsonl --kind incident --since 2024-01-01 --out escapes.geojson
    """
    from extractor.facts import build_facts, select_facts
    from extractor.facts.files import format_of, write_facts
    from extractor.report.load import ResultsFileError, read_results

    if kind not in (None, "aggregate", "incident"):
        raise typer.BadParameter(f"--kind takes aggregate or incident, not {kind!r}")
    try:
        format_of(out)
    except ValueError as err:
        raise typer.BadParameter(str(err))
    start = _published(since)
    try:
        found = build_facts(result for path in results for result in read_results(path))
    except (ResultsFileError, OSError) as err:
        where = f"cannot read {err.filename}: {err.strerror}" if isinstance(err, OSError) else str(err)
        typer.echo(f"error: {where}", err=True)
        raise typer.Exit(2)
    try:
        write_facts(select_facts(found, kind, conflicts_only, start), out)
    except OSError as err:
        typer.echo(f"error: cannot write {out}: {err.strerror or err}", err=True)
        raise typer.Exit(2)


def main() -> None:  # pragma: no cover - console entry
    app()
