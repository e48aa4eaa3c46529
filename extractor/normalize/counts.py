"""Count normalizer: one count phrase -> ``Count``; one sentence -> its count phrases.

No spaCy. The words live in ``counts.json`` of a rules directory (number words,
scales, qualifier phrases, vague magnitudes, units, fixed expressions):
:class:`CountParser` turns them into regular expressions once, when it is built
(:mod:`extractor.normalize.count_grammar`), and applies the contract's ``Count``
rules (``../shared/spec/records.md``, section ``Count``). ``parse_count`` and
``find_counts`` use the parser of the active rules (:func:`count_parser`) unless
given one.

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
  "a couple (of) hundred|thousand|dozen" is approximate 200 / 2000 / 24. "a"/"an" alone
  parse to exact 1 but ``find_counts`` never returns them (the caller decides whether
  "a soldier" is a count).
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
from dataclasses import dataclass
from decimal import Decimal

from extractor.normalize.count_grammar import (
    CONTEXT_CHARS, DAY_LIKE, GLUED_AFTER, GLUED_BEFORE, NUMBER_TOKEN, TRAILING_OF, WORD_START, YEAR_LIKE,
    CountGrammar, norm,
)
from extractor.records import Count
from extractor.normalize.count_phrases import HeadedCounts
from extractor.normalize.per_rules import per_rules
from extractor.rules import Rules

__all__ = ["CountMatch", "CountParser", "count_parser", "find_counts", "parse_count"]


@dataclass(frozen=True)
class CountMatch:
    """A count phrase in a sentence: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    count: Count


def parse_count(text: str, *, parser: CountParser | None = None) -> Count | None:
    """One count phrase -> ``Count`` (text kept as given), or None if it is not a count."""
    return (parser or count_parser()).parse(text)


def find_counts(text: str, *, parser: CountParser | None = None) -> list[CountMatch]:
    """Count phrases of a sentence: non-overlapping, longest, left to right."""
    return (parser or count_parser()).find(text)


class CountParser(CountGrammar):
    """The count normalizer of one set of rules (``rules.counts``): the tables and patterns of
    :class:`CountGrammar`, built once, and what reads counts with them."""

    def __init__(self, rules: Rules) -> None:
        super().__init__(rules.counts)
        self.headed = HeadedCounts(self.find, rules.lexicon)

    def parse(self, text: str) -> Count | None:
        """One count phrase -> ``Count`` (text kept as given), or None if it is not a count."""
        phrase = TRAILING_OF.sub("", text.strip())
        if phrase.lower() in ("a", "an"):
            return Count(text=text, value=1, qualifier="exact")
        for pattern, build in ((self.range, self._range_count), (self.single, self._single_count)):
            match = pattern.fullmatch(phrase)
            count = build(match, "") if match else None
            if count is not None:
                return count.model_copy(update={"text": text})
        return self.headed.parse(text)

    def find(self, text: str) -> list[CountMatch]:
        """Count phrases of a sentence: non-overlapping, longest, left to right."""
        fixed = [m.span() for m in self.fixed_expressions.finditer(text)]
        found: list[CountMatch] = []
        pos = 0
        next_word, phrase_at = WORD_START.search, self._phrase_at  # the loop runs once per word
        while (word := next_word(text, pos)) is not None:
            hit = phrase_at(text, word.start())
            if hit is None:
                pos = word.end()
                continue
            match, count = hit
            if count is not None and self._stands_alone(text, match.start(), match.end(), fixed):
                found.append(CountMatch(match.start(), match.end(), match.group(0), count))
            pos = match.end()
        return found

    def _phrase_at(self, text: str, pos: int) -> tuple[re.Match[str], Count | None] | None:
        """The longest count-shaped phrase starting at ``pos`` and its Count (None: not a count)."""
        match = self.range.match(text, pos)
        if match is not None:
            count = self._range_count(match, text[max(0, pos - CONTEXT_CHARS):pos])
            if count is not None:
                return match, count
        match = self.single.match(text, pos)
        return (match, self._single_count(match, "")) if match else None

    def _stands_alone(self, text: str, start: int, end: int, fixed: list[tuple[int, int]]) -> bool:
        """False when the context makes the phrase a date, unit, label, money or fixed expression."""
        before, after = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
        if DAY_LIKE.fullmatch(text[start:end]) and (self.month_before.search(before) or self.month_after.match(after)):
            return False
        if self.label_before.search(before) or (text[start].isdigit() and GLUED_BEFORE.search(before)):
            return False
        if self.unit_after.match(after) or GLUED_AFTER.match(after):
            return False
        return not any(s < end and start < e for s, e in fixed)

    def _single_count(self, match: re.Match[str], _before: str) -> Count | None:
        """Count of a single number, collective or vague phrase (same signature as _range_count)."""
        text = match.group(0)
        if match.group("vague"):
            low, high = self.vague[norm(match.group("vague"))]
            return Count(text=text, qualifier="vague", low=low, high=high)
        if match.group("approx"):
            value = self.approx_collectives[norm(match.group("approx"))]
            has_qualifier = match.group("post") or match.group("q1") or match.group("q2")
            return _bounded(text, self._qualifier(match) if has_qualifier else "approximate", value)
        if match.group("coll") and self.collective_of_number.match(match.string, match.end()):
            return None  # "a score of 85": the collective is not the count
        core = match.group("num")
        if self._is_year(core):
            return None
        value = self.collectives.get(norm(core))
        value = value if value is not None else _integral(self._value(core))
        return None if value is None else _bounded(text, self._qualifier(match), value)

    def _range_count(self, match: re.Match[str], before: str) -> Count | None:
        """Range count, or None when it is no range (years, low >= high, "from X to Y")."""
        low_text = match.group("lo1") or match.group("lo2") or match.group("lo3")
        high_text = match.group("hi1") or match.group("hi2") or match.group("hi3")
        word = match.group("word")
        if word and word.lower() == "to" and self.range_not_after.search(before):
            return None
        if self._is_year(low_text) or self._is_year(high_text):
            return None
        high = self._value(high_text)
        low = self._value(low_text)
        scale = self._trailing_scale(high_text)
        if low is not None and high is not None and scale and not self._trailing_scale(low_text):
            low = low * scale if low * scale <= high else low
        low_int, high_int = _integral(low), _integral(high)
        if low_int is None or high_int is None or low_int >= high_int:
            return None
        return Count(text=match.group(0), qualifier="range", low=low_int, high=high_int)

    def _qualifier(self, match: re.Match[str]) -> str:
        if match.group("post"):
            return self.postfix_qualifiers[norm(match.group("post"))]
        prefix = match.group("q2") or match.group("q1")
        return self.prefix_qualifiers[norm(prefix)] if prefix else "exact"

    def _value(self, number: str) -> Decimal | None:
        """Value of a number in digits, words or both ("34-thousand-259", "1.2 million")."""
        total = current = Decimal(0)
        halve = False
        for token in NUMBER_TOKEN.findall(self.separator_in_digits.sub("", number).lower()):
            if token[0].isdigit():
                current += Decimal(token)
            elif token in self.number_words:
                current += self.number_words[token]
            elif token in self.multipliers:
                current = (current or 1) * self.multipliers[token]
            elif token in self.scales:
                total, current = total + (current or 1) * self.scales[token], Decimal(0)
            elif token == "half":
                halve = True
            elif token != "and":
                return None
        value = total + current
        return value / 2 if halve else value

    def _trailing_scale(self, number: str) -> int | None:
        words = NUMBER_TOKEN.findall(number.lower())
        return self.scales.get(words[-1]) if words else None

    def _is_year(self, number: str) -> bool:
        number = number.strip()
        return bool(YEAR_LIKE.fullmatch(number)) and self.year_low <= int(number) <= self.year_high


count_parser = per_rules(CountParser)
"""``count_parser(rules)``: the shared :class:`CountParser` of ``rules`` (None: the active rules)."""


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


def _integral(value: Decimal | None) -> int | None:
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
