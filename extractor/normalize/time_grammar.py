"""``TimeGrammar``: the rule table of the period normalizer for one set of rules.

A rule is a compiled regex (its source from :mod:`~extractor.normalize.time_sources`,
built from ``time.json`` and ``eras.json``) and a resolver that turns the match
into a :class:`~extractor.normalize.time_calendar.Span`. :class:`TimeGrammar`
compiles the table once, when it is built; :mod:`extractor.normalize.time` is
the public API (and documents the resolution choices).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from extractor.normalize import time_relative as rel
from extractor.normalize import time_resolvers as res
from extractor.normalize.counts import count_parser, find_counts
from extractor.normalize.first_chars import first_chars
from extractor.normalize.time_calendar import Span, YearOnly, day_span
from extractor.normalize.time_resolvers import REJECT, Ctx
from extractor.normalize.time_sources import HAS_YEAR, rule_sources
from extractor.normalize.time_words import TimeWords, alt
from extractor.records import Period
from extractor.rules import Rules

TRAILING_JUNK = " \t\r\n,;:"

# Parse priority: the first rule whose regex fullmatches (and does not reject) wins.
RULE_TABLE: tuple[tuple[str, Callable[[re.Match[str], Ctx], object]], ...] = (
    ("same_period", rel.resolve_unresolvable), ("era", rel.resolve_era), ("so_far", rel.resolve_so_far),
    ("relation", rel.resolve_relation), ("unit_before", rel.resolve_unit_before),
    ("range", rel.resolve_range), ("iso", res.resolve_iso), ("date_mdy", res.resolve_date),
    ("date_dmy", res.resolve_date), ("half_code", res.resolve_half), ("half", res.resolve_half),
    ("quarter_rel", res.resolve_quarter_rel), ("quarter", res.resolve_quarter), ("qcode", res.resolve_quarter),
    ("first_n_months", res.resolve_first_n_months), ("months_to", res.resolve_months_to),
    ("season", res.resolve_season), ("season_ctx", res.resolve_season_ctx),
    ("holiday", res.resolve_holiday), ("week_of_month", res.resolve_week_of_month), ("week_of", rel.resolve_week_of),
    ("century", rel.resolve_century), ("part_year", rel.resolve_part_year),
    ("decade", res.resolve_decade), ("month_ctx", res.resolve_month_ctx), ("month", res.resolve_month),
    ("year_rel", res.resolve_year_rel), ("year", res.resolve_year), ("month_rel", rel.resolve_month_rel),
    ("week_rel", rel.resolve_week_rel), ("before_last", rel.resolve_before_last),
    ("weekend", res.resolve_weekend), ("weekday", res.resolve_weekday), ("yesterday", res.resolve_yesterday),
    ("same_day", res.resolve_same_day), ("past_n", rel.resolve_past_n), ("ago", rel.resolve_ago),
    ("in_a", rel.resolve_in_a), ("duration", rel.resolve_duration), ("rate", rel.resolve_rate),
)
# Rules whose result may depend on the day of publication, not only its year: against a
# ``YearOnly`` anchor such a result is kept only if a mid-year anchor gives the same ("last year",
# "two years ago", "this year" stay; "last month", "on Tuesday", "earlier this year" do not).
DAY_SENSITIVE_RULES = frozenset({
    "so_far", "month_rel", "week_rel", "before_last", "weekend", "weekday", "yesterday", "same_day",
    "past_n", "ago", "in_a", "duration", "year_rel"})
RANGE_SIDE_NAMES = ("iso", "date_mdy", "date_dmy", "month", "year")
RELATION_TARGET_NAMES = frozenset({
    "era", "iso", "date_mdy", "date_dmy", "half_code", "half", "quarter", "qcode", "month", "decade", "year",
    "year_rel", "month_rel", "weekday", "season", "holiday", "same_day", "part_year", "century"})


@dataclass(frozen=True)
class TimeMatch:
    start: int
    end: int
    text: str
    period: Period | None


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], Ctx], object]
    scan: re.Pattern[str]  # the same pattern led by its possible first characters: a faster search


class TimeGrammar:
    """The period normalizer of one set of rules (``rules.time``, ``rules.eras``), compiled once."""

    def __init__(self, rules: Rules) -> None:
        self.words = TimeWords(rules.time, rules.eras)
        sources = rule_sources(rules.time, self.words)
        self.rules: tuple[Rule, ...] = tuple(_rule(name, sources[name], resolve) for name, resolve in RULE_TABLE)
        by_name = {rule.name: rule for rule in self.rules}
        self.range_sides: tuple[Rule, ...] = tuple(by_name[name] for name in RANGE_SIDE_NAMES)
        self.relation_targets: tuple[Rule, ...] = tuple(r for r in self.rules if r.name in RELATION_TARGET_NAMES)
        self.neutral_lead = re.compile(rf"\s*(?:{sources['neutral_preps']}\s+)+", re.IGNORECASE)
        self.date_like = _date_like(self.words)
        self.rate_rule = by_name["rate"]
        self.counts = count_parser(rules)

    def parse(self, text: str, published: dt.date | None) -> Period | None:
        """One time expression, possibly with its preposition, as a Period (None if not one)."""
        span = self._parse_span(text, Ctx(published, self, self.words, alone=True))
        if not isinstance(span, Span):
            return None
        if span.start and span.end and span.start > span.end:
            return None
        return Period(start=span.start, end=span.end, granularity=span.granularity, rate=span.rate, text=text)

    def find(self, text: str, published: dt.date | None) -> list[TimeMatch]:
        """All time expressions in ``text``: longest first, non-overlapping, in text order."""
        chosen = self._select(self._candidates(text, Ctx(published, self, self.words)), text)
        return [TimeMatch(s, e, text[s:e], self.parse(text[s:e], published)) for s, e in chosen]

    def _parse_span(self, text: str, ctx: Ctx) -> object:
        end = len(text.rstrip(TRAILING_JUNK))
        first = len(text) - len(text.lstrip())
        lead = self.neutral_lead.match(text, first)
        starts = [first] + ([lead.end()] if lead and lead.end() < end else [])
        for pos in starts:
            for rule in self.rules:
                m = rule.regex.fullmatch(text, pos, end)
                if m is None:
                    continue
                result = rule.resolve(m, ctx)
                if result is not REJECT:
                    return None if _needs_the_day(rule, m, ctx, result) else result
        phrase = text[starts[-1]:end]
        rate = self._rate_with_period(text, first, end, ctx)
        if rate is not None:
            return rate
        day = _dateparser_day(phrase) if self.date_like.fullmatch(phrase) else None
        return day_span(day) if day else None

    def _rate_with_period(self, text: str, first: int, end: int, ctx: Ctx) -> object:
        """A count, a rate and maybe a period: "about 100 a month in 2019" is per_month over 2019,
        "some 1,000 annually" a rate without a period. The words before the rate must end in a
        count; words after it that are no period ("in the camp") leave the rate without one."""
        m = self.rate_rule.regex.search(text, first, end)
        if m is None:
            return None
        before = text[first:m.start()].rstrip()
        counts = find_counts(before, parser=self.counts)
        if not counts or counts[-1].end != len(before):
            return None
        rate = self.rate_rule.resolve(m, ctx)
        rest = text[m.end():end]
        period = self._parse_span(rest, ctx) if rest.strip() else None
        if not isinstance(period, Span) or period.rate:
            return rate
        return period._replace(rate=rate.rate)

    def _candidates(self, text: str, ctx: Ctx) -> list[tuple[int, int]]:
        found = []
        for rule in self.rules:
            pos = 0
            while (m := rule.scan.search(text, pos)) is not None:
                if m.end() > m.start() and rule.resolve(m, ctx) is not REJECT:
                    found.append((m.start(), m.end()))
                pos = m.start() + 1  # overlapping candidates too: "of March" must not hide "March 31"
        return [(s, e) for s, e in found if not _inside_longer(s, e, found)]

    def _content_length(self, start: int, end: int, text: str) -> int:
        """Length without a leading neutral preposition: "of March" is shorter than "March 31"."""
        lead = self.neutral_lead.match(text, start, end)
        return end - (lead.end() if lead and lead.end() < end else start)

    def _select(self, candidates: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
        """Greedy longest-first choice of non-overlapping spans, returned left to right."""
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(set(candidates), key=lambda c: (-self._content_length(c[0], c[1], text),
                                                                  c[0] - c[1], c[0])):
            if all(end <= s or start >= e for s, e in chosen):
                chosen.append((start, end))
        return sorted(chosen)


def _needs_the_day(rule: Rule, m: re.Match[str], ctx: Ctx, result: object) -> bool:
    """Only the year of the anchor is known, and this expression resolves differently within it."""
    if rule.name not in DAY_SENSITIVE_RULES or not isinstance(ctx.published, YearOnly):
        return False
    return rule.resolve(m, ctx._replace(published=dt.date(ctx.published.year, 7, 1))) != result


def _rule(name: str, source: str, resolve: Callable[[re.Match[str], Ctx], object]) -> Rule:
    regex = re.compile(rf"(?<!\w)(?:{source})(?![\w])", re.IGNORECASE)
    return Rule(name, regex, resolve, _led_by_first_chars(regex))


def _led_by_first_chars(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` behind a lookahead for the characters its matches can begin with: the same matches,
    but a search skips the other positions without trying the whole pattern at each one (a third
    less time over news text, where the grammar's forty searches are most of the time tagger's cost)."""
    first = first_chars(regex)
    return re.compile(f"(?={first.char_class()}){regex.pattern}", regex.flags) if first else regex


def _date_like(words: TimeWords) -> re.Pattern[str]:
    """Phrases made only of date parts (numbers, month and weekday names, "of", "the", separators):
    the only ones the dateparser fallback may read. "about 100 a month in 2019" is a count and a rate,
    and dateparser would make a day of it years after publication."""
    names = alt([*words.months, *words.weekdays])
    part = rf"(?:\d{{1,4}}(?:st|nd|rd|th)?|{names}\.?|of|the)"
    return re.compile(rf"{part}(?:[\s/.,\-]+{part})*", re.IGNORECASE)


def _inside_longer(start: int, end: int, found: list[tuple[int, int]]) -> bool:
    """A candidate that only repeats the tail of a longer one ("March" inside "in March")."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in found)


@lru_cache(maxsize=4096)
def _dateparser_day(text: str) -> dt.date | None:
    """Last resort for absolute dates the grammar lacks ("20/08/2024"); slow, hence cached."""
    if len(text) > 60 or not HAS_YEAR.search(text) or len(re.findall(r"\d+", text)) < 2:
        return None
    import dateparser  # imported lazily: it costs ~0.5 s at import time

    parsed = dateparser.parse(text, languages=["en"], settings={
        "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None
