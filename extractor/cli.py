"""The ``extractor`` command line: thin wrappers over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Defection records from news articles.")

EXIT_SOME_FAILED = 3


def _published(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value}")


@app.command()
def extract(
    sources: list[str] = typer.Argument(..., help="URLs, .html/.htm/.txt files, or - for stdin"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD (overrides the page's)"),
    pretty: bool = typer.Option(False, help="indent the JSON"),
) -> None:
    """Print one ArticleResult JSON line per source."""
    from extractor.pipeline import extract as run_extract

    date = _published(published)
    failed = 0
    for source in sources:
        result = run_extract(source, date)
        failed += result.status == "failed"
        typer.echo(result.model_dump_json(indent=2 if pretty else None))
    raise typer.Exit(EXIT_SOME_FAILED if failed else 0)


@app.command()
def evaluate(
    gold_files: list[Path] = typer.Argument(..., help="NAME.gold.json files"),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    min_f1: Optional[float] = typer.Option(None, help="exit 1 when overall record F1 is below this"),
    predictions: Optional[Path] = typer.Option(None, help="write the scored ArticleResult lines here"),
    details: bool = typer.Option(False, "--details", help="also print per-article misses, false positives and wrong fields"),
) -> None:
    """Score the pipeline against gold annotations (shared gold format)."""
    from extractor.evaluate import evaluate_paths, format_report
    from extractor.pipeline import extract as run_extract

    def run(text_path: Path, published: Optional[dt.date]) -> dict:
        return run_extract(str(text_path), published).model_dump(mode="json")

    report = evaluate_paths(list(gold_files), run)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))
    if details and not as_json:
        from extractor.evaluate_details import format_details

        typer.echo(format_details(report))
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as handle:
            for line in report.predictions:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    if min_f1 is not None and report.overall.f1 < min_f1:
        typer.echo(f"record F1 {report.overall.f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


@app.command()
def schema(out: Optional[Path] = typer.Option(None, help="write the schema into this folder instead")) -> None:
    """Print the JSON Schema of ArticleResult (the output contract)."""
    from extractor.schema import schema_text, write_schema

    if out is None:
        sys.stdout.write(schema_text())
    else:
        typer.echo(f"wrote {write_schema(out)}")


def main() -> None:  # pragma: no cover - console entry
    app()
