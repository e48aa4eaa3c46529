"""What the commands of :mod:`extractor.cli` share: option parsing, the rules check, exit codes."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

EXIT_SOME_FAILED = 3
DATE = "YYYY-MM-DD"


def published_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value}")


def without_password(url: str | None) -> str:
    """A database URL fit for a log line: the password masked."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def rules_or_exit() -> None:
    """Read the rules before any input: a bad rule file ends the command with one line and
    exit 2 (``config_invalid: <file>: <detail>``), not a traceback or a failure per article."""
    from extractor.rules import ConfigInvalid, load_rules

    try:
        load_rules()
    except ConfigInvalid as exc:
        typer.echo(f"{exc.code}: {' '.join(exc.message.split())}", err=True)
        raise typer.Exit(2)


def fetch_settings(timeout: float, max_bytes: int, allow_scheme: list[str]):
    from extractor.fetch import FetchSettings

    return FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_schemes=("http", "https", *allow_scheme))


