"""Word tables and compiled patterns of the count normalizer, built from one ``counts.json``.

:class:`CountGrammar` turns the lexicon of one rules directory (number words,
scales, qualifier phrases, vague magnitudes, units, fixed expressions) into the
lookup tables and regular expressions that :class:`~extractor.normalize.counts.CountParser`
applies. Patterns that do not depend on the lexicon are module constants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from extractor.normalize.alternation import trie_alternation

# --- patterns that do not depend on the lexicon ------------------------------
DAY_LIKE = re.compile(r"\d{1,2}(?:\s*[\-\u2013]\s*\d{1,2})?")
GLUED_BEFORE = re.compile(r"(?:[^\W\d_]-|\d[.,:/\-\u2013])$")  # before digits: "COVID-19", "11:38"
GLUED_AFTER = re.compile(r"^[.,:/]\d")  # clock times, fractions, broken digit groups
# The context patterns look at the few words next to a phrase (all anchored at it);
# slicing the whole text before and after each candidate made finding counts quadratic.
CONTEXT_CHARS = 64
NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+", re.IGNORECASE)
YEAR_LIKE = re.compile(r"\d{4}")
TRAILING_OF = re.compile(r"\s+of$", re.IGNORECASE)
WORD_START = re.compile(r"\b\w")


def norm(phrase: str) -> str:
    """Lookup key: lower case, hyphens and space runs folded to one space."""
    return re.sub(r"[\s\-]+", " ", phrase.strip(" -").lower())


def _phrase(phrase: str) -> str:
    """Regex for a lexicon phrase: any run of spaces/hyphens between its words."""
    return "".join(_phrase_units(phrase))


def _alt(phrases: Iterable[str], *, case_sensitive: bool = False) -> str:
    """Alternation of phrases (any run of spaces or hyphens between words), a longer one before its
    prefix (a trie: see :mod:`.alternation`); folded to lower case for a case-insensitive pattern."""
    return trie_alternation(_phrase_units(p if case_sensitive else p.lower()) for p in phrases)


def _phrase_units(phrase: str) -> tuple[str, ...]:
    """A phrase as regex units: each character escaped, a separator between words."""
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    units: list[str] = []
    for word in words:
        units.extend([r"[\s\-]+"] if units else [])
        units.extend(re.escape(ch) for ch in word)
    return tuple(units)


def _postfix(key: str) -> str:
    if key.startswith("-"):
        return r"[\s\-]" + _phrase(key[1:])
    return re.escape(key) if not key[0].isalnum() else r"\s+" + _phrase(key)


class CountGrammar:
    """The tables and patterns of one ``counts.json`` (built once; never mutated)."""

    def __init__(self, cfg: Mapping[str, Any]) -> None:
        self.number_words: dict[str, int] = {**cfg["number_words"], **cfg["tens_words"], "a": 1, "an": 1}
        self.multipliers: dict[str, int] = dict(cfg["multipliers"])
        self.scales: dict[str, int] = dict(cfg["scales"])
        self.collectives: dict[str, int] = {norm(k): v for k, v in cfg["collectives"].items()}
        self.approx_collectives: dict[str, int] = {norm(k): v for k, v in cfg["approximate_collectives"].items()}
        self.vague: dict[str, tuple[int, int]] = {norm(k): tuple(v) for k, v in cfg["vague"].items()}
        self.prefix_qualifiers: dict[str, str] = {norm(k): v for k, v in cfg["prefix_qualifiers"].items()}
        self.postfix_qualifiers: dict[str, str] = {norm(k): v for k, v in cfg["postfix_qualifiers"].items()}
        self.year_low, self.year_high = cfg["year_range"]
        numbers = _number_sources(cfg)
        self.single, self.range = _phrase_patterns(cfg, numbers)
        self._context_patterns(cfg, numbers)

    def _context_patterns(self, cfg: Mapping[str, Any], n: dict[str, str]) -> None:
        """What makes a number found in a sentence not a count: dates, labels, units, fixed phrases."""
        months = _alt([*cfg["months"], *cfg["month_abbreviations"]], case_sensitive=True)
        # case-sensitive ("May", not "may"); the dot only after an abbreviation, so "July. Some 15,000" is no date
        self.month_before = re.compile(rf"\b(?:{_alt(cfg['months'], case_sensitive=True)}|"
                                       rf"{_alt(cfg['month_abbreviations'], case_sensitive=True)}\.?)[ \t\u00a0]+$")
        self.month_after = re.compile(rf"^[ \t\u00a0]+(?:of[ \t\u00a0]+)?{months}\b")
        self.label_before = re.compile(
            rf"(?:(?<!\w){_alt(cfg['words_before'])}|{_alt(cfg['currency_before'])})\s*$", re.IGNORECASE
        )
        self.unit_after = re.compile(rf"^[\s\-]*(?:of\s+)?{_alt(cfg['units'])}(?!\w)", re.IGNORECASE)
        self.fixed_expressions = re.compile("|".join(cfg["fixed_expressions"]), re.IGNORECASE)
        self.range_not_after = re.compile(rf"(?<!\w){_alt(cfg['range_not_after'])}\s+$", re.IGNORECASE)
        self.separator_in_digits = re.compile(rf"(?<=\d)[{n['separators']}](?=\d{{3}})")
        self.collective_of_number = re.compile(rf"\s+of\s+(?:\d|{n['unit19']}|{n['tens']})", re.IGNORECASE)


def _number_sources(cfg: Mapping[str, Any]) -> dict[str, str]:
    """Regex sources of numbers in words ("thirty-four thousand") and digits ("1.5 million")."""
    unit19 = _alt(cfg["number_words"]) + r"\b"
    unit9 = _alt(k for k, v in cfg["number_words"].items() if 1 <= v <= 9) + r"\b"
    tens = _alt(cfg["tens_words"]) + r"\b"
    below100 = rf"(?:{tens}(?:[\s\-]+{unit9})?|{unit19})"
    hundreds = rf"(?:(?:{unit9}|an?)[\s\-]+hundred\b(?:[\s\-]+(?:and[\s\-]+)?{below100})?)"
    below1000 = rf"(?:{hundreds}|{below100})"
    big = _alt(k for k, v in cfg["scales"].items() if v >= 1_000_000) + r"\b"
    thousands = rf"(?:{below1000}|an?)[\s\-]+thousand\b(?:[\s\-]+(?:and\s+)?{below1000})?"
    millions = (
        rf"(?:{below1000}|an?)[\s\-]+{big}"
        rf"(?:[\s\-]+(?:and\s+)?{below1000}[\s\-]+thousand\b)?(?:[\s\-]+(?:and\s+)?{below1000})?"
    )
    word_number = rf"(?:{millions}|{thousands}|{below1000})"
    separators = "".join(re.escape(s) for s in cfg["thousands_separators"])
    digits = rf"(?:\d{{1,3}}(?:[{separators}]\d{{3}})+(?!\d)|\d+)"
    decimal = rf"(?:{digits}(?:\.\d+)?)"
    any_scale = _alt([*cfg["multipliers"], *cfg["scales"]]) + r"\b"
    # "4 hundred million" is 400,000,000: a multiplier may come before a big scale
    digit_number = rf"(?:{decimal}(?:[\s\-]*{any_scale}(?:[\s\-]+{big})?(?:-\d{{1,3}}(?!\d))?)?)"
    return {
        "unit19": unit19, "tens": tens, "below100": below100, "separators": separators,
        "decimal": decimal, "digit_number": digit_number,
        "number": rf"(?:{digit_number}|{word_number})",
        "dozen": rf"(?:half[\s\-]+an?|an?|{below100}|\d+)[\s\-]+dozen\b",
    }


def _phrase_patterns(cfg: Mapping[str, Any], n: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The single-count and range patterns: an optional container and qualifiers around a number."""
    qualifier = _alt(cfg["prefix_qualifiers"])
    prefix = rf"(?:(?P<q1>{qualifier})\s+)?(?:(?P<q2>{qualifier})\s+)?"
    postfix = "(?:" + "|".join(sorted(map(_postfix, cfg["postfix_qualifiers"]), key=len, reverse=True)) + ")"
    container = rf"(?P<cont>(?:an?|{n['below100']}|\d+)\s+{_alt(cfg['containers'])}\s+of\s+)"
    people_tail = rf"(?(cont)(?:\s+{_alt(cfg['container_people'])}\b)?)"
    single_core = (
        rf"(?P<vague>{_alt(cfg['vague'])}(?!\w))"
        rf"|(?P<approx>{_alt(cfg['approximate_collectives'])}\b)"
        rf"|(?P<num>{n['dozen']}|(?P<coll>{_alt(cfg['collectives'])}\b)|{n['number']})"
    )
    dashes = "".join(re.escape(d) for d in cfg["range_dashes"])
    number = n["number"]
    range_core = (
        rf"between\s+(?P<lo1>{number})\s+and\s+(?P<hi1>{number})"
        rf"|(?P<lo2>{n['decimal']})\s*[{dashes}]\s*(?P<hi2>{n['digit_number']})"
        rf"|(?P<lo3>{number})\s+(?P<word>{_alt(cfg['range_words'])})\s+(?P<hi3>{number})"
    )
    single = re.compile(
        rf"(?<!\w){container}?{prefix}(?P<core>{single_core})(?P<post>{postfix})?{people_tail}(?!\w)",
        re.IGNORECASE,
    )
    ranged = re.compile(rf"(?<!\w){container}?{prefix}(?P<core>{range_core}){people_tail}(?!\w)", re.IGNORECASE)
    return single, ranged
