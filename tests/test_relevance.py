"""The relevance gate must never lose a defection article: 100% recall on every gold with records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REFERENCE_DIR, REPO
from extractor.fetch import load_source
from extractor.relevance import first_cue, is_relevant


def gold_articles() -> list[tuple[Path, int]]:
    golds = sorted((REPO / "corpus").glob("*.gold.json")) + sorted(REFERENCE_DIR.glob("*.gold.json"))
    found = []
    for gold in golds:
        stem = gold.name.removesuffix(".gold.json")
        source = next(p for p in gold.parent.glob(stem + ".*") if p.suffix in (".txt", ".html"))
        found.append((source, len(json.loads(gold.read_text())["records"])))
    return found


def test_recall_is_total_on_every_article_with_a_defection() -> None:
    articles = [(source, n) for source, n in gold_articles() if n]
    assert len(articles) >= 35
    missed = [source.name for source, _ in articles if not is_relevant(load_source(str(source)).text)]
    assert missed == []


def test_the_gate_turns_away_articles_without_a_cue() -> None:
    no_defection = [source for source, n in gold_articles() if n == 0]
    skipped = [s for s in no_defection if not is_relevant(load_source(str(s)).text)]
    assert len(skipped) >= 4  # missiles, prices, sport: nothing to extract, no spaCy run


@pytest.mark.parametrize("text, cue", [
    ("The soldier defected on Monday.", "defected"),
    ("They crossed the border into China in March.", "crossed the border"),
    ("Three fishermen were repatriated by boat.", "repatriated"),
    ("Two sailors jumped ship in Busan.", "jumped ship"),
    ("The soldier switched sides.", "switched sides"),
])
def test_cues(text: str, cue: str) -> None:
    assert first_cue(text) == cue


@pytest.mark.parametrize("text", [
    "The central bank cut rates by 25 basis points to 3.25% on Thursday.",
    "Rice prices in Pyongyang rose 12% to 6,500 won per kilogram.",
    "The team crossed midfield twice in the first half.",
    "Turnout surged as the polls reopened and the fleet sailed.",  # 'fle' inside 'fleet' is no cue
])
def test_non_cues(text: str) -> None:
    assert not is_relevant(text)
