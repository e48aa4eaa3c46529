"""The ``extractor`` command line: thin wrappers over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
import typer.core

from extractor.cli_archive import batch, facts
from extractor.cli_serve import serve
from extractor.cli_common import DATE, EXIT_SOME_FAILED, fetch_settings, published_date, rules_or_exit

EXIT_CODES = """Exit codes: 0 done; 1 --min-f1 not reached (evaluate); 2 bad usage, an unreadable gold or
results file, an unusable database or a bad rule file (config_invalid), with one line on stderr;
3 some inputs failed (each has its code in its result; see docs/errors.md)."""

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help=f"Defection records from news articles.\n\n{EXIT_CODES}",
)


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
    rules_or_exit()
    from extractor.batch.inputs import holds_many_articles
    from extractor.batch.run import extract_each
    from extractor.pipeline import extract as run_extract

    date = published_date(published)
    settings = fetch_settings(timeout, max_bytes, allow_scheme)
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
    rules_or_exit()
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
    rules_or_exit()  # sources are extracted now, and highlighting reads the lexicon in any case
    from extractor.report import write_report
    from extractor.report.load import ResultsFileError

    try:
        items = write_report(inputs, html, published=published_date(published), title=title)
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


def _write_lines(path: Path, lines: list[dict]) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        typer.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2)


app.command()(batch)
app.command()(facts)
app.command()(serve)


def main() -> None:  # pragma: no cover - console entry
    app()
