"""Count normalizer: one count phrase -> ``Count``; one sentence -> its count phrases.

Pure functions, no spaCy. The words live in ``configs/counts.json`` (number words,
scales, qualifier phrases, vague magnitudes, units, fixed expressions); this module
turns them into regular expressions once, at import, and applies the contract's
``Count`` rules (``../shared/spec/records.md``, section ``Count``).

``parse_count`` reads a phrase somebody already cut out; ``find_counts`` scans a
sentence for such phrases, longest first, left to right, without overlaps. Neither
decides *what* is counted: "an estimated two million" (mines) is found; the caller
keeps or drops it.

Decisions where the contract is silent (a careful analyst's reading):

- Innermost qualifier wins: "a total of more than 100" is more_than 100; a postfix
  beats a prefix ("about 100 or so" approximate, "at least 100 or more" at_least).
- Exact emphasis: "only", "just", "exactly", "a mere", "a total of", "a record
  (high of)", "an all-time high of", "another", "an additional" are exact.
- "as few as 10" is at_least 10 (it states a floor, as "as many as" states a ceiling).
- Postfixes: "10 or more", "10-plus", "10+" are at_least 10; "10 or fewer/less" at_most;
  "10 or so", "30-odd" approximate.
- Vague magnitudes beyond the contract's list: "a few" 2..9, "several" 3..9,
  "single digits" 1..9, "double digits" 10..99, "triple digits" 100..999, "scores"
  40..99; "a few/several/many dozen|hundred|thousand" take the bounds of "dozens",
  "hundreds", "thousands"; "millions" 2,000,000..9,999,999. A qualifier before a
  vague magnitude ("more than a handful") is kept in the text but the count stays
  vague with the table's bounds.
- Collectives: "a dozen" 12, "two dozen" 24, "half a dozen" 6, "a couple (of)" 2,
  "a pair (of)" 2, "twins" / "twin brothers|sisters" 2, "a trio (of)" 3, "a score (of)"
  20, all exact; followed by "of" and a number ("a score of 85") they are no count.
  "a couple (of) hundred|thousand|dozen" is approximate 200 / 2000 / 24. "a"/"an" alone parse to exact 1 but ``find_counts``
  never returns them (the caller decides whether "a soldier" is a count).
- Groups: "a family of nine" is exact 9, "two families of 14 people" exact 14 (the
  people, not the families); the phrase text keeps "a family of" / "people".
- Ranges: "between X and Y", "X-Y" (hyphen or dash, digits), "X to Y" and "X or Y"
  ("two or three") with X < Y; a qualifier before a range is kept in the text only.
  A scale word on the upper bound only applies to both ("1.5-2 million",
  "one to two million"). "from 60 to 196" is a change, not a range: two counts.
- Years: a comma-less four-digit number 1900..2100 is a year, never a count, with or
  without a qualifier ("2000 defectors" is lost; news writes "2,000"). "1,998" counts.
- Not integers: "2.5" alone is not a count; "2.5 thousand" is 2500.
- Thousands separators: comma, no-break, thin and narrow no-break spaces; a plain
  space never joins two digit groups ("in 2021 34 people" stays two numbers).
- Time spans are units: "12 days", "two weeks", "one day", "a 25-year-old" give no
  count, so ``find_counts`` returns nothing for "the second defection in 12 days".
  Other skips: percentages, money, measures, clock times ("11:38", "3 a.m."),
  ordinals and glued forms ("3rd", "248km", "1990s", "COVID-19"), labels and ages
  ("aged 25", "No. 1"), ratios and fractions ("one in five", "two-thirds"), "one of",
  "no one", "the two Koreas". Abbreviations glued to digits ("1.2m", "10k") are not
  read: "m" is as often metres as million.
- Dates: only a one- or two-digit number next to a capitalised month is a day ("Aug
  20", "Aug. 20", "20 August", "July 30-31"); "In July 300 people crossed" keeps 300.
- Compound adjectives keep their number: "a 10-member family" finds 10 (the caller
  decides); only units after the hyphen ("10-day", "25-year-old") drop it.
- "zero" is exact 0; "fewer than zero" has no possible value and gives None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extractor.config import load_json
from extractor.records import Count

_CFG = load_json("counts.json")


def _norm(phrase: str) -> str:
    """Lookup key: lower case, hyphens and space runs folded to one space."""
    return re.sub(r"[\s\-]+", " ", phrase.strip(" -").lower())


def _phrase(phrase: str) -> str:
    """Regex for a lexicon phrase: any run of spaces/hyphens between its words."""
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    return r"[\s\-]+".join(re.escape(w) for w in words)


def _alt(phrases: Iterable[str]) -> str:
    """Alternation of phrases, longest first (re takes the first that fits)."""
    ordered = sorted({p for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(_phrase(p) for p in ordered) + ")"


def _postfix(key: str) -> str:
    if key.startswith("-"):
        return r"[\s\-]" + _phrase(key[1:])
    return re.escape(key) if not key[0].isalnum() else r"\s+" + _phrase(key)


# --- lexicon tables --------------------------------------------------------
NUMBER_WORDS: dict[str, int] = {**_CFG["number_words"], **_CFG["tens_words"], "a": 1, "an": 1}
MULTIPLIERS: dict[str, int] = _CFG["multipliers"]
SCALES: dict[str, int] = _CFG["scales"]
COLLECTIVES: dict[str, int] = {_norm(k): v for k, v in _CFG["collectives"].items()}
APPROX_COLLECTIVES: dict[str, int] = {_norm(k): v for k, v in _CFG["approximate_collectives"].items()}
VAGUE: dict[str, tuple[int, int]] = {_norm(k): tuple(v) for k, v in _CFG["vague"].items()}
PREFIX_QUALIFIERS: dict[str, str] = {_norm(k): v for k, v in _CFG["prefix_qualifiers"].items()}
POSTFIX_QUALIFIERS: dict[str, str] = {_norm(k): v for k, v in _CFG["postfix_qualifiers"].items()}
YEAR_LOW, YEAR_HIGH = _CFG["year_range"]

# --- number grammar --------------------------------------------------------
_UNIT19 = _alt(_CFG["number_words"]) + r"\b"
_UNIT9 = _alt(k for k, v in _CFG["number_words"].items() if 1 <= v <= 9) + r"\b"
_TENS = _alt(_CFG["tens_words"]) + r"\b"
_BELOW100 = rf"(?:{_TENS}(?:[\s\-]+{_UNIT9})?|{_UNIT19})"
_HUNDREDS = rf"(?:(?:{_UNIT9}|an?)[\s\-]+hundred\b(?:[\s\-]+(?:and[\s\-]+)?{_BELOW100})?)"
_BELOW1000 = rf"(?:{_HUNDREDS}|{_BELOW100})"
_BIG = _alt(k for k, v in SCALES.items() if v >= 1_000_000) + r"\b"
_THOUSANDS = rf"(?:{_BELOW1000}|an?)[\s\-]+thousand\b(?:[\s\-]+(?:and\s+)?{_BELOW1000})?"
_MILLIONS = (
    rf"(?:{_BELOW1000}|an?)[\s\-]+{_BIG}"
    rf"(?:[\s\-]+(?:and\s+)?{_BELOW1000}[\s\-]+thousand\b)?(?:[\s\-]+(?:and\s+)?{_BELOW1000})?"
)
_WORD_NUMBER = rf"(?:{_MILLIONS}|{_THOUSANDS}|{_BELOW1000})"
_SEPARATORS = "".join(re.escape(s) for s in _CFG["thousands_separators"])
_DIGITS = rf"(?:\d{{1,3}}(?:[{_SEPARATORS}]\d{{3}})+(?!\d)|\d+)"
_DECIMAL = rf"(?:{_DIGITS}(?:\.\d+)?)"
_ANY_SCALE = _alt([*MULTIPLIERS, *SCALES]) + r"\b"
_DIGIT_NUMBER = rf"(?:{_DECIMAL}(?:[\s\-]*{_ANY_SCALE}(?:-\d{{1,3}}(?!\d))?)?)"
_NUMBER = rf"(?:{_DIGIT_NUMBER}|{_WORD_NUMBER})"
_DOZEN = rf"(?:half[\s\-]+an?|an?|{_BELOW100}|\d+)[\s\-]+dozen\b"

# --- phrase grammar --------------------------------------------------------
_QUALIFIER = _alt(_CFG["prefix_qualifiers"])
_PREFIX = rf"(?:(?P<q1>{_QUALIFIER})\s+)?(?:(?P<q2>{_QUALIFIER})\s+)?"
_POSTFIX = "(?:" + "|".join(sorted(map(_postfix, _CFG["postfix_qualifiers"]), key=len, reverse=True)) + ")"
_CONTAINER = rf"(?P<cont>(?:an?|{_BELOW100}|\d+)\s+{_alt(_CFG['containers'])}\s+of\s+)"
_PEOPLE_TAIL = rf"(?(cont)(?:\s+{_alt(_CFG['container_people'])}\b)?)"
_SINGLE_CORE = (
    rf"(?P<vague>{_alt(_CFG['vague'])}(?!\w))"
    rf"|(?P<approx>{_alt(_CFG['approximate_collectives'])}\b)"
    rf"|(?P<num>{_DOZEN}|(?P<coll>{_alt(_CFG['collectives'])}\b)|{_NUMBER})"
)
_DASHES = "".join(re.escape(d) for d in _CFG["range_dashes"])
_RANGE_CORE = (
    rf"between\s+(?P<lo1>{_NUMBER})\s+and\s+(?P<hi1>{_NUMBER})"
    rf"|(?P<lo2>{_DECIMAL})\s*[{_DASHES}]\s*(?P<hi2>{_DIGIT_NUMBER})"
    rf"|(?P<lo3>{_NUMBER})\s+(?P<word>{_alt(_CFG['range_words'])})\s+(?P<hi3>{_NUMBER})"
)
SINGLE_PATTERN = re.compile(
    rf"(?<!\w){_CONTAINER}?{_PREFIX}(?P<core>{_SINGLE_CORE})(?P<post>{_POSTFIX})?{_PEOPLE_TAIL}(?!\w)",
    re.IGNORECASE,
)
RANGE_PATTERN = re.compile(
    rf"(?<!\w){_CONTAINER}?{_PREFIX}(?P<core>{_RANGE_CORE}){_PEOPLE_TAIL}(?!\w)", re.IGNORECASE
)

# --- context: what makes a number found in a sentence not a count ----------
_MONTHS = _alt([*_CFG["months"], *_CFG["month_abbreviations"]])
# case-sensitive ("May", not "may"); the dot only after an abbreviation, so "July. Some 15,000" is no date
MONTH_BEFORE = re.compile(
    rf"\b(?:{_alt(_CFG['months'])}|{_alt(_CFG['month_abbreviations'])}\.?)[ \t\u00a0]+$"
)
MONTH_AFTER = re.compile(rf"^[ \t\u00a0]+(?:of[ \t\u00a0]+)?{_MONTHS}\b")
DAY_LIKE = re.compile(r"\d{1,2}(?:\s*[\-\u2013]\s*\d{1,2})?")
LABEL_BEFORE = re.compile(
    rf"(?:(?<!\w){_alt(_CFG['words_before'])}|{_alt(_CFG['currency_before'])})\s*$", re.IGNORECASE
)
GLUED_BEFORE = re.compile(r"(?:[^\W\d_]-|\d[.,:/\-\u2013])$")  # before digits: "COVID-19", "11:38"
GLUED_AFTER = re.compile(r"^[.,:/]\d")  # clock times, fractions, broken digit groups
UNIT_AFTER = re.compile(rf"^[\s\-]*(?:of\s+)?{_alt(_CFG['units'])}(?!\w)", re.IGNORECASE)
# The context patterns look at the few words next to a phrase (all anchored at it);
# slicing the whole text before and after each candidate made finding counts quadratic.
CONTEXT_CHARS = 64
FIXED_EXPRESSIONS = re.compile("|".join(_CFG["fixed_expressions"]), re.IGNORECASE)
RANGE_NOT_AFTER = re.compile(rf"(?<!\w){_alt(_CFG['range_not_after'])}\s+$", re.IGNORECASE)
SEPARATOR_IN_DIGITS = re.compile(rf"(?<=\d)[{_SEPARATORS}](?=\d{{3}})")
NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+", re.IGNORECASE)
YEAR_LIKE = re.compile(r"\d{4}")
TRAILING_OF = re.compile(r"\s+of$", re.IGNORECASE)
WORD_START = re.compile(r"\b\w")
COLLECTIVE_OF_NUMBER = re.compile(rf"\s+of\s+(?:\d|{_UNIT19}|{_TENS})", re.IGNORECASE)


@dataclass(frozen=True)
class CountMatch:
    """A count phrase in a sentence: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    count: Count


def parse_count(text: str) -> Count | None:
    """One count phrase -> ``Count`` (text kept as given), or None if it is not a count."""
    phrase = TRAILING_OF.sub("", text.strip())
    if phrase.lower() in ("a", "an"):
        return Count(text=text, value=1, qualifier="exact")
    for pattern, build in ((RANGE_PATTERN, _range_count), (SINGLE_PATTERN, _single_count)):
        match = pattern.fullmatch(phrase)
        count = build(match, "") if match else None
        if count is not None:
            return count.model_copy(update={"text": text})
    return None


def find_counts(text: str) -> list[CountMatch]:
    """Count phrases of a sentence: non-overlapping, longest, left to right."""
    fixed = [m.span() for m in FIXED_EXPRESSIONS.finditer(text)]
    found: list[CountMatch] = []
    pos = 0
    while (word := WORD_START.search(text, pos)) is not None:
        hit = _phrase_at(text, word.start())
        if hit is None:
            pos = word.end()
            continue
        match, count = hit
        if count is not None and _stands_alone(text, match.start(), match.end(), fixed):
            found.append(CountMatch(match.start(), match.end(), match.group(0), count))
        pos = match.end()
    return found


def _phrase_at(text: str, pos: int) -> tuple[re.Match[str], Count | None] | None:
    """The longest count-shaped phrase starting at ``pos`` and its Count (None: not a count)."""
    before = text[max(0, pos - CONTEXT_CHARS):pos]
    match = RANGE_PATTERN.match(text, pos)
    if match is not None:
        count = _range_count(match, before)
        if count is not None:
            return match, count
    match = SINGLE_PATTERN.match(text, pos)
    return (match, _single_count(match, before)) if match else None


def _stands_alone(text: str, start: int, end: int, fixed: list[tuple[int, int]]) -> bool:
    """False when the context makes the phrase a date, unit, label, money or fixed expression."""
    before, after = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    if DAY_LIKE.fullmatch(text[start:end]) and (MONTH_BEFORE.search(before) or MONTH_AFTER.match(after)):
        return False
    if LABEL_BEFORE.search(before) or (text[start].isdigit() and GLUED_BEFORE.search(before)):
        return False
    if UNIT_AFTER.match(after) or GLUED_AFTER.match(after):
        return False
    return not any(s < end and start < e for s, e in fixed)


def _single_count(match: re.Match[str], _before: str) -> Count | None:
    """Count of a single number, collective or vague phrase (same signature as _range_count)."""
    text = match.group(0)
    if match.group("vague"):
        low, high = VAGUE[_norm(match.group("vague"))]
        return Count(text=text, qualifier="vague", low=low, high=high)
    if match.group("approx"):
        value = APPROX_COLLECTIVES[_norm(match.group("approx"))]
        has_qualifier = match.group("post") or match.group("q1") or match.group("q2")
        return _bounded(text, _qualifier(match) if has_qualifier else "approximate", value)
    if match.group("coll") and COLLECTIVE_OF_NUMBER.match(match.string, match.end()):
        return None  # "a score of 85": the collective is not the count
    core = match.group("num")
    if _is_year(core):
        return None
    value = COLLECTIVES.get(_norm(core))
    value = value if value is not None else _int_value(core)
    return None if value is None else _bounded(text, _qualifier(match), value)


def _range_count(match: re.Match[str], before: str) -> Count | None:
    """Range count, or None when it is no range (years, low >= high, "from X to Y")."""
    low_text = match.group("lo1") or match.group("lo2") or match.group("lo3")
    high_text = match.group("hi1") or match.group("hi2") or match.group("hi3")
    if match.group("word") and match.group("word").lower() == "to" and RANGE_NOT_AFTER.search(before):
        return None
    if _is_year(low_text) or _is_year(high_text):
        return None
    high = _value(high_text)
    low = _value(low_text)
    scale = _trailing_scale(high_text)
    if low is not None and high is not None and scale and not _trailing_scale(low_text):
        low = low * scale if low * scale <= high else low
    low_int, high_int = _integral(low), _integral(high)
    if low_int is None or high_int is None or low_int >= high_int:
        return None
    return Count(text=match.group(0), qualifier="range", low=low_int, high=high_int)


def _qualifier(match: re.Match[str]) -> str:
    if match.group("post"):
        return POSTFIX_QUALIFIERS[_norm(match.group("post"))]
    prefix = match.group("q2") or match.group("q1")
    return PREFIX_QUALIFIERS[_norm(prefix)] if prefix else "exact"


def _bounded(text: str, qualifier: str, value: int) -> Count | None:
    """Count with the bounds the contract derives from the qualifier."""
    if qualifier == "more_than":
        return Count(text=text, qualifier=qualifier, value=value, low=value + 1)
    if qualifier == "at_least":
        return Count(text=text, qualifier=qualifier, value=value, low=value)
    if qualifier == "less_than":
        if value < 1:
            return None
        return Count(text=text, qualifier=qualifier, value=value, high=value - 1)
    if qualifier == "at_most":
        return Count(text=text, qualifier=qualifier, value=value, high=value)
    return Count(text=text, qualifier=qualifier, value=value)


def _value(number: str) -> Decimal | None:
    """Value of a number in digits, words or both ("34-thousand-259", "1.2 million")."""
    total = current = Decimal(0)
    halve = False
    for token in NUMBER_TOKEN.findall(SEPARATOR_IN_DIGITS.sub("", number).lower()):
        if token[0].isdigit():
            current += Decimal(token)
        elif token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
        elif token in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[token]
        elif token in SCALES:
            total, current = total + (current or 1) * SCALES[token], Decimal(0)
        elif token == "half":
            halve = True
        elif token != "and":
            return None
    value = total + current
    return value / 2 if halve else value


def _integral(value: Decimal | None) -> int | None:
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def _int_value(number: str) -> int | None:
    return _integral(_value(number))


def _trailing_scale(number: str) -> int | None:
    words = NUMBER_TOKEN.findall(number.lower())
    return SCALES.get(words[-1]) if words else None


def _is_year(number: str) -> bool:
    number = number.strip()
    return bool(YEAR_LIKE.fullmatch(number)) and YEAR_LOW <= int(number) <= YEAR_HIGH
