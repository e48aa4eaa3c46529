"""A trie alternation matches what the flat longest-first alternation of the same phrases matches."""

from __future__ import annotations

import re

import pytest

from extractor.normalize.alternation import trie_alternation
from extractor.normalize.count_grammar import _alt
from extractor.rules import load_rules


def flat(phrases: list[str]) -> str:
    """The alternation the grammars used before the trie: longest first, spaces or hyphens between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", p)) for p in ordered) + ")"


def test_shared_prefixes_prefer_the_longer_phrase():
    regex = re.compile(_alt(["a", "about", "at least", "around"]), re.IGNORECASE)
    assert [regex.match(t).group(0) for t in ("about 30", "At  least 4", "a dozen", "around-50")] == \
        ["about", "At  least", "a", "around"]
    assert trie_alternation([]) == "(?!)" and re.match(trie_alternation([]), "x") is None


def _samples(phrases: list[str]) -> list[str]:
    """Each phrase, cut short, run on, upper-cased and spaced out, then followed by other words."""
    out = []
    for phrase in phrases:
        for text in (phrase, phrase[:-1], phrase + "s", phrase.upper(), phrase.replace(" ", "  "),
                     phrase.replace(" ", "-"), phrase + " of", "x" + phrase):
            out.extend([text, text + " 12 people", text + "."])
    return out


@pytest.mark.parametrize("key", ["prefix_qualifiers", "vague", "approximate_collectives", "collectives",
                                 "containers", "units", "words_before", "range_words", "number_words"])
def test_count_lexicon_lists_match_as_before(key):
    phrases = list(load_rules().counts[key])
    for tail in ("", r"(?!\w)"):  # alone, and as the grammars use it: a whole word
        trie = re.compile(_alt(phrases) + tail, re.IGNORECASE)
        before = re.compile(flat(phrases) + tail, re.IGNORECASE)
        for text in _samples(phrases):
            a, b = trie.match(text), before.match(text)
            assert (a and a.span()) == (b and b.span()), (key, text)
