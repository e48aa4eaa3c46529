"""The normalizers follow the rules they are built from, not the ones read at import.

Each test copies ``configs/`` to a temporary directory, changes one word list
there and builds a ``CountParser`` / ``TimeGrammar`` from it: the new words
work through that object (and through ``parser=`` / ``grammar=``) while the
module-level wrappers keep the active (default) rules, until
``EXTRACTOR_CONFIG_DIR`` points at the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from extractor.normalize.counts import CountParser, count_parser, find_counts, parse_count
from extractor.normalize.time import TimeGrammar, find_periods, parse_period, period_grammar
from extractor.rules import load_rules

PUBLISHED = dt.date(2024, 5, 1)
ZORBL_ERA = {"id": "zorbl", "start": "2001-03-01", "end": "2003-10-31",
             "aliases": ["the Zorbl years"], "prefixable": ["Zorbl"]}


def _edited_rules(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the active rules directory with ``edit(table)`` applied to ``name``."""
    directory = tmp_path / "configs"
    shutil.copytree(load_rules().directory, directory)
    table = json.loads((directory / name).read_text(encoding="utf-8"))
    edit(table)
    (directory / name).write_text(json.dumps(table), encoding="utf-8")
    return directory


@pytest.fixture
def count_rules(tmp_path: Path) -> Path:
    return _edited_rules(tmp_path, "counts.json", lambda t: t["number_words"].update({"dix": 10}))


@pytest.fixture
def era_rules(tmp_path: Path) -> Path:
    return _edited_rules(tmp_path, "eras.json", lambda t: t["eras"].append(ZORBL_ERA))


@pytest.fixture
def time_word_rules(tmp_path: Path) -> Path:
    return _edited_rules(tmp_path, "time.json", lambda t: t["number_words"].update({"dozen": 12}))


def test_count_parser_reads_its_own_directory(count_rules: Path) -> None:
    parser = CountParser(load_rules(count_rules))
    count = parser.parse("more than dix")
    assert (count.qualifier, count.value, count.low) == ("more_than", 10, 11)
    assert [(m.text, m.count.value) for m in parser.find("Dix defectors arrived, then 12 more.")] == [
        ("Dix", 10), ("12", 12)]
    assert parse_count("dix", parser=parser).value == 10
    assert [m.text for m in find_counts("dix soldiers", parser=parser)] == ["dix"]


def test_count_wrappers_keep_the_active_rules(count_rules: Path) -> None:
    CountParser(load_rules(count_rules))
    assert parse_count("more than dix") is None
    assert [m.text for m in find_counts("Dix defectors arrived, then 12 more.")] == ["12"]
    assert parse_count("more than ten").value == 10


def test_time_grammar_reads_its_own_eras(era_rules: Path) -> None:
    grammar = TimeGrammar(load_rules(era_rules))
    era = grammar.parse("during the Zorbl years", PUBLISHED)
    assert (era.start, era.end, era.granularity) == (dt.date(2001, 3, 1), dt.date(2003, 10, 31), "multi_year")
    before = parse_period("pre-Zorbl", PUBLISHED, grammar=grammar)
    assert (before.start, before.end, before.granularity) == (None, dt.date(2001, 2, 28), "open")
    found = find_periods("Arrivals fell after the Zorbl years ended.", PUBLISHED, grammar=grammar)
    assert [(m.text, m.period.start) for m in found] == [("after the Zorbl years", dt.date(2003, 11, 1))]
    assert grammar.parse("the pandemic", PUBLISHED).start == dt.date(2020, 1, 1)  # the copied eras remain


def test_time_grammar_reads_its_own_time_words(time_word_rules: Path) -> None:
    grammar = TimeGrammar(load_rules(time_word_rules))
    window = grammar.parse("the past dozen years", PUBLISHED)
    assert (window.start, window.end, window.granularity) == (dt.date(2012, 5, 1), PUBLISHED, "multi_year")
    assert parse_period("the past dozen years", PUBLISHED) is None


def test_period_wrappers_keep_the_active_rules(era_rules: Path) -> None:
    TimeGrammar(load_rules(era_rules))
    assert parse_period("the Zorbl years", PUBLISHED) is None
    assert find_periods("Arrivals fell after the Zorbl years ended.", PUBLISHED) == []


def test_wrappers_follow_the_config_dir_override(count_rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default_parser, default_grammar = count_parser(), period_grammar()
    monkeypatch.setenv("EXTRACTOR_CONFIG_DIR", str(count_rules))
    assert parse_count("dix").value == 10
    assert count_parser() is count_parser(load_rules(count_rules)) is not default_parser
    assert period_grammar() is not default_grammar
    monkeypatch.delenv("EXTRACTOR_CONFIG_DIR")
    assert parse_count("dix") is None
    assert count_parser() is default_parser and period_grammar() is default_grammar


def test_one_object_per_rules() -> None:
    rules = load_rules()
    assert count_parser(rules) is count_parser(rules) is count_parser()
    assert period_grammar(rules) is period_grammar()
