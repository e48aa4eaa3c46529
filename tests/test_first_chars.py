"""The first-character lead of the time grammar's searches finds exactly what the plain patterns find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.normalize.first_chars import first_chars
from extractor.normalize.time import period_grammar
from extractor.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
# Our own phrases around the edges: other scripts' digits, a no-break space, capitals, punctuation first.
EDGES = ("From\u00a0March\u00a05 to April 2, 2024; ２０２３年; in Q3 2023 and H1 2024; (Jan. 4–Feb. 9, 2021); "
         "LAST YEAR, the past 12 months, 3 weeks ago, mid-2019, the 1990s, 'til Tuesday.")


def test_first_characters_of_simple_patterns():
    found = first_chars(re.compile(r"(?<!\w)(?:the\s+)?(?:jan|feb)|\d{4}|[A-C]x(?!\w)"))
    assert found.chars == {"t", "j", "f", "A", "B", "C"} and len(found.categories) == 1
    assert re.fullmatch(found.char_class(), "7") and not re.fullmatch(found.char_class(), "x")


@pytest.mark.parametrize("pattern", [r"a?", r"[^a]bc", r"(a)?\1b", r".x", r"(?:x|)"])
def test_unbounded_patterns_give_none(pattern):
    assert first_chars(re.compile(pattern)) is None


def _all_matches(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while (m := regex.search(text, pos)) is not None:
        spans.append(m.span())
        pos = m.start() + 1
    return spans


def test_led_searches_find_the_same_matches_as_the_rules():
    texts = [EDGES] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    grammar = period_grammar(load_rules())
    led = [rule for rule in grammar.rules if rule.scan is not rule.regex]
    assert len(led) >= len(grammar.rules) - 2  # nearly every rule gets a lead
    found = 0
    for rule in grammar.rules:
        for text in texts:
            expected = _all_matches(rule.regex, text)
            assert _all_matches(rule.scan, text) == expected, rule.name
            found += len(expected)
    assert found > 1000
