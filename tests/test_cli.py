"""The command line as a user meets it: help, version, and one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith(f"extractor {__version__} (pipeline ")


@pytest.mark.parametrize("command, shown", [
    ("extract", ["SOURCE", "--published YYYY-MM-DD", "--timeout SECONDS", "Examples:"]),
    ("batch", ["INPUT", "--out FILE", "--db URL", "sqlite:///records.db)", "--workers N", "Examples:"]),
    ("evaluate", ["GOLD", "--predictions PATH", "--min-f1 F1", "Examples:"]),
    ("report", ["--html PATH", "--title TEXT", "Examples:"]),
])
def test_help_shows_readable_metavars_full_defaults_and_examples(command: str, shown: list[str]) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    for text in shown:
        assert text in result.output, text
    assert "<bool>" not in result.output and "<list" not in result.output and "…" not in result.output


def test_the_main_help_lists_the_exit_codes() -> None:
    output = runner.invoke(app, ["--help"]).output
    assert "Exit codes:" in output and "config_invalid" in output


@pytest.mark.parametrize("content", [None, "{not json", json.dumps({"records": []}), json.dumps([1, 2])])
def test_evaluate_on_a_missing_or_malformed_gold_is_one_line_and_exit_2(tmp_path, content) -> None:
    gold = tmp_path / "a.gold.json"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(gold) in lines[0]
    assert "Traceback" not in result.output
