"""Time expressions -> :class:`~extractor.records.Period` (contract: ``Period`` section).

Public API
----------
``parse_period(text, published)``  one expression ("in 2023", "last week", "annually") -> Period | None
``find_periods(text, published)``  every time expression in a sentence or article -> [TimeMatch]
``shift_period(period, years)``    the same period n years later/earlier ("the same period last year")

``published`` is a ``date``, an ISO ``YYYY-MM-DD`` string or None.  Anything that
needs it (relative words, a date without a year, "since 1998" whose end is the
publication date) resolves to None without it; absolute expressions do not need it.

How it works: a table of rules (:data:`RULES`), each a compiled regex built from
``configs/time.json`` / ``configs/eras.json`` (see :mod:`time_grammar`) plus a
resolver that turns the match into a :class:`Span`.  ``parse_period`` fullmatches
the rules in priority order; ``find_periods`` searches with all of them, keeps the
longest non-overlapping candidates and calls ``parse_period`` on each, so a match's
period is by construction ``parse_period(match.text)``.  dateparser is only a cached
last resort for absolute dates the grammar does not know ("20/08/2024").

Resolution choices where the contract is silent
-----------------------------------------------
* Granularity is the unit the expression is stated in:
  a date or a run of dates ("the night of July 30-31", "yesterday") -> ``day``;
  "this/last week", "the past two weeks", "the past week" -> ``week``;
  "the past 10 days", "12 days" -> ``day``; "the past three months" -> ``month``;
  "the past year" -> ``year``; "the past five years", "the past decade" -> ``multi_year``.
  Month windows: 12 months ``year``, 6 ``half_year``, 3 or 9 ``quarter``, others
  ``month`` (so "the first nine months" is ``quarter``, "the year to June" ``year``).
  Explicit ranges: whole years -> ``multi_year`` (``year`` if one), a calendar quarter
  or half -> ``quarter``/``half_year``, other month runs -> ``month``, dates -> ``day``.
  Decades and eras -> ``multi_year``; "before X" / "until X" -> ``open``; rates without
  a period -> ``unknown``.
* A date or period without a year ("Aug 20", "in November", "the third quarter",
  "July-September") takes the latest year in which it *starts* on or before the
  publication date (so "the second half" in an August article is the current one).
  "The year/three months to June" instead *ends* on the latest 30 June on or before
  publication (contract).  "last November" is the latest November before the
  publication month; "last Tuesday" the latest Tuesday before the publication day
  (a bare "Tuesday" may be the publication day itself, contract).
* "since X" = start of X .. publication; "after X" = day after X .. publication;
  both ``multi_year`` when X is a year/decade/era or the span crosses a new year,
  else X's own granularity ("since Tuesday" is ``day``).  "before X" = null .. day
  before X; "until/through X" = null .. end of X, except for a named era where
  "until the pandemic" means before it began.
* early/mid/late cut a decade as years 0-3 / 4-6 / 7-9; "the beginning/middle/end
  of X" is read as early/mid/late X.  "the start/end of <era>" is the era's first/
  last day.  A still-running era (end null in eras.json) ends on the publication
  date, or is open-ended (end null, ``open``) without one.
* "last year", "the previous year", "a year earlier" are the previous calendar year;
  "the past year" / "the last year" / "over the past 12 months" are rolling windows.
* "the same period last year" is found as one expression but resolves to None: it
  needs the period it refers to (use :func:`shift_period`).
* "in a year" / "within a month" are rolling windows ("the first defection in a
  year"); "a year", "annually", "every day" alone are rates.
* Seasons are meteorological, northern hemisphere, ``quarter`` (a three-month
  window): spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec-Feb
  starting in December of its year ("the winter of 2022" = Dec 2022-Feb 2023, or
  the one under way if that has not begun by publication). "last summer" is the
  latest one over before publication; a season alone needs a year, last/this/past
  or "in/during/over the".
* "the first week of August" is Aug 1-7 (weeks of a month from its 1st), "the last
  week of August" its last seven days (``week``). "last weekend" is Saturday-Sunday
  of last week; "the weekend" / "the past weekend" the latest Saturday on or before
  publication and its Sunday (``day``). "the week/month/year before last" is two
  calendar units back.
* Fixed holidays ("Christmas Eve", "New Year's Day") are days; movable ones
  (Lunar New Year, Chuseok) and fiscal years ("FY2023") are not resolved.
* A part of the day ("the night of", "dawn on", "the early hours of", "Tuesday
  night", "early Tuesday") does not change the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from extractor.normalize import time_resolvers as res
from extractor.normalize.time_calendar import (
    Span, add_years, day_span, range_granularity, whole_months,
)
from extractor.normalize.time_grammar import (
    AGO_SRC, DASHES, DATE_DMY_SRC, DATE_MDY_SRC, DECADE_SRC, DURATION_SRC, ERA_SRC, FIRST_N_SRC,
    HALF_CODE_SRC, HALF_SRC, HAS_YEAR, IN_A_SRC, ISO_SRC, MONTH_CTX_SRC, MONTH_REL_SRC, MONTH_SRC,
    MONTHS_TO_SRC, NEUTRAL_PREPS, PAST_N_SRC, QCODE_SRC, QUARTER_REL_SRC, QUARTER_SRC, RANGE_SRC,
    RATE, RELATION_SRC, RELATIONS, SAME_DAY_SRC, SAME_PERIOD_SRC, SO_FAR_SRC, WEEK_REL_SRC, WEEKDAY_SRC, YEAR_REL_SRC,
    YEAR_SRC, BEFORE_LAST_SRC, HOLIDAY_SRC, SEASON_CTX_SRC, SEASON_SRC, WEEK_OF_MONTH_SRC, WEEKEND_SRC,
    norm_key,
)
from extractor.normalize.time_resolvers import REJECT, Ctx, pick_year, relate, year_value
from extractor.records import Period

__all__ = ["TimeMatch", "find_periods", "parse_period", "shift_period"]


@dataclass(frozen=True)
class TimeMatch:
    start: int
    end: int
    text: str
    period: Period | None


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], Ctx], object]
    top: bool = True  # searched by find_periods (inner-only rules are not)


def _resolve_inner(m: re.Match[str], group: str, ctx: Ctx, rules: tuple[_Rule, ...]):
    """Resolve the text of ``group`` with the first inner rule that accepts it."""
    inner = ctx._replace(inner=True)
    for rule in rules:
        mm = rule.regex.fullmatch(m.string, m.start(group), m.end(group))
        if mm is not None:
            result = rule.resolve(mm, inner)
            if result is not REJECT:
                return result
    return REJECT


def _resolve_relation(m, ctx):
    relation = "since" if m["fx"] else RELATIONS[norm_key(m["rel"])]
    x = _resolve_inner(m, "fx" if m["fx"] else "x", ctx._replace(year=None), RELATION_TARGETS)
    if x is REJECT or x is None:
        return x
    return relate(relation, x, ctx.published)


def _resolve_range(m, ctx):
    """'from 2011 to 2019', 'between 1994 and 1998', 'July-September', '2011-19'."""
    conn, pre = m["conn"].strip().lower(), (m["pre"] or "").lower()
    if (conn == "and") != (pre == "between"):
        return REJECT  # "in 2021 and 2022" is two years, not a range
    if re.fullmatch(r"\d\d", m["b"]):
        return _short_year_range(m, conn)
    anchor = ctx.year
    if m["y"]:
        anchor = year_value(m["y"], ctx)
        if anchor is None:
            return None
    if anchor is None and HAS_YEAR.search(m["b"]):
        b = _side(m, "b", ctx, None)
        anchor = b.end.year if b else None
    if anchor is not None:
        return _join_range(m, ctx, anchor)
    return pick_year(lambda year: _join_range(m, ctx, year), ctx._replace(year=None))


def _side(m: re.Match[str], group: str, ctx: Ctx, year: int | None) -> Span | None:
    result = _resolve_inner(m, group, ctx._replace(year=year), RANGE_SIDES)
    return result if isinstance(result, Span) and result.start and result.end else None


def _join_range(m: re.Match[str], ctx: Ctx, year: int) -> Span | None:
    b = _side(m, "b", ctx, year)
    if b is None:
        return None
    a_year = None if HAS_YEAR.search(m["a"]) else b.end.year
    a = _side(m, "a", ctx, a_year)
    if a is not None and a_year is not None and a.start > b.start:
        a = _side(m, "a", ctx, a_year - 1)  # "November-February 2024" starts in 2023
    if a is None or a.start > b.end:
        return None
    return Span(a.start, b.end, range_granularity(a.start, b.end))


def _short_year_range(m: re.Match[str], conn: str) -> object:
    """'2011-19', '1994-98': the second year shares the first one's century."""
    if not re.fullmatch(r"\d{4}", m["a"]) or conn not in DASHES:
        return REJECT
    first = int(m["a"])
    last = first // 100 * 100 + int(m["b"])
    if last <= first:
        last += 100
    if last - first > 20:
        return REJECT  # "2024-08" is a month, not 2024..2108
    return Span(dt.date(first, 1, 1), dt.date(last, 12, 31), "multi_year")


# --- the rule table ----------------------------------------------------------------------
def _rule(name: str, source: str, resolve, top: bool = True) -> _Rule:
    pattern = re.compile(rf"(?<!\w)(?:{source})(?![\w])", re.IGNORECASE)
    return _Rule(name, pattern, resolve, top)


ISO = _rule("iso", ISO_SRC, res.resolve_iso)
DATE_MDY = _rule("date_mdy", DATE_MDY_SRC, res.resolve_date)
DATE_DMY = _rule("date_dmy", DATE_DMY_SRC, res.resolve_date)
MONTH_RULE = _rule("month", MONTH_SRC, res.resolve_month)
YEAR = _rule("year", YEAR_SRC, res.resolve_year)
ERA = _rule("era", ERA_SRC, res.resolve_era)

# Parse priority: the first rule whose regex fullmatches (and does not reject) wins.
RULES: tuple[_Rule, ...] = (
    _rule("same_period", SAME_PERIOD_SRC, res.resolve_unresolvable),
    ERA,
    _rule("relation", RELATION_SRC, _resolve_relation),
    _rule("range", RANGE_SRC, _resolve_range),
    ISO, DATE_MDY, DATE_DMY,
    _rule("half_code", HALF_CODE_SRC, res.resolve_half),
    _rule("half", HALF_SRC, res.resolve_half),
    _rule("quarter_rel", QUARTER_REL_SRC, res.resolve_quarter_rel),
    _rule("quarter", QUARTER_SRC, res.resolve_quarter),
    _rule("qcode", QCODE_SRC, res.resolve_quarter),
    _rule("first_n_months", FIRST_N_SRC, res.resolve_first_n_months),
    _rule("months_to", MONTHS_TO_SRC, res.resolve_months_to),
    _rule("so_far", SO_FAR_SRC, res.resolve_so_far),
    _rule("season", SEASON_SRC, res.resolve_season),
    _rule("season_ctx", SEASON_CTX_SRC, res.resolve_season_ctx),
    _rule("holiday", HOLIDAY_SRC, res.resolve_holiday),
    _rule("week_of_month", WEEK_OF_MONTH_SRC, res.resolve_week_of_month),
    _rule("decade", DECADE_SRC, res.resolve_decade),
    _rule("month_ctx", MONTH_CTX_SRC, res.resolve_month_ctx),
    MONTH_RULE,
    _rule("year_rel", YEAR_REL_SRC, res.resolve_year_rel),
    YEAR,
    _rule("month_rel", MONTH_REL_SRC, res.resolve_month_rel),
    _rule("week_rel", WEEK_REL_SRC, res.resolve_week_rel),
    _rule("before_last", BEFORE_LAST_SRC, res.resolve_before_last),
    _rule("weekend", WEEKEND_SRC, res.resolve_weekend),
    _rule("weekday", WEEKDAY_SRC, res.resolve_weekday),
    _rule("yesterday", r"yesterday", res.resolve_yesterday),
    _rule("same_day", SAME_DAY_SRC, res.resolve_same_day),
    _rule("past_n", PAST_N_SRC, res.resolve_past_n),
    _rule("ago", AGO_SRC, res.resolve_ago),
    _rule("in_a", IN_A_SRC, res.resolve_in_a),
    _rule("duration", DURATION_SRC, res.resolve_duration),
    _rule("rate", RATE, res.resolve_rate),
)
TOP_RULES = tuple(rule for rule in RULES if rule.top)
RANGE_SIDES: tuple[_Rule, ...] = (ISO, DATE_MDY, DATE_DMY, MONTH_RULE, YEAR)
RELATION_TARGETS: tuple[_Rule, ...] = tuple(
    rule for rule in RULES
    if rule.name in {"era", "iso", "date_mdy", "date_dmy", "half_code", "half", "quarter", "qcode",
                     "month", "decade", "year", "year_rel", "month_rel", "weekday", "season", "holiday"}
)
NEUTRAL_LEAD = re.compile(rf"\s*(?:{NEUTRAL_PREPS}\s+)+", re.IGNORECASE)
TRAILING_JUNK = " \t\r\n,;:"


# --- public API ---------------------------------------------------------------------------
def parse_period(text: str, published: dt.date | str | None = None) -> Period | None:
    """One time expression, possibly with its preposition, as a Period (None if not one)."""
    span = _parse_span(text, Ctx(_as_date(published)))
    if not isinstance(span, Span):
        return None
    if span.start and span.end and span.start > span.end:
        return None
    return Period(start=span.start, end=span.end, granularity=span.granularity,
                  rate=span.rate, text=text)


def find_periods(text: str, published: dt.date | str | None = None) -> list[TimeMatch]:
    """All time expressions in ``text``: longest first, non-overlapping, in text order."""
    pub = _as_date(published)
    chosen = _select(_candidates(text, Ctx(pub)), text)
    return [TimeMatch(s, e, text[s:e], parse_period(text[s:e], pub)) for s, e in chosen]


def shift_period(period: Period, years: int) -> Period:
    """The same period ``years`` later (negative: earlier), e.g. for "the same period last year".

    Whole-month periods stay whole (Feb 1-29, 2024 shifted by -1 is Feb 1-28, 2023).
    """
    whole = bool(period.start and period.end and whole_months(period.start, period.end))

    def move(day: dt.date | None) -> dt.date | None:
        return add_years(day, years, keep_month_end=whole) if day else None
    return period.model_copy(update={"start": move(period.start), "end": move(period.end)})


# --- internals ------------------------------------------------------------------------------
def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _parse_span(text: str, ctx: Ctx) -> object:
    end = len(text.rstrip(TRAILING_JUNK))
    first = len(text) - len(text.lstrip())
    lead = NEUTRAL_LEAD.match(text, first)
    starts = [first] + ([lead.end()] if lead and lead.end() < end else [])
    for pos in starts:
        for rule in RULES:
            m = rule.regex.fullmatch(text, pos, end)
            if m is None:
                continue
            result = rule.resolve(m, ctx)
            if result is not REJECT:
                return result
    day = _dateparser_day(text[starts[-1]:end])
    return day_span(day) if day else None


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


def _candidates(text: str, ctx: Ctx) -> list[tuple[int, int]]:
    found = []
    for rule in TOP_RULES:
        pos = 0
        while (m := rule.regex.search(text, pos)) is not None:
            if m.end() > m.start() and rule.resolve(m, ctx) is not REJECT:
                found.append((m.start(), m.end()))
            pos = m.start() + 1  # overlapping candidates too: "of March" must not hide "March 31"
    return [(s, e) for s, e in found if not _inside_longer(s, e, found, text)]


def _inside_longer(start: int, end: int, found: list[tuple[int, int]], text: str) -> bool:
    """A candidate that only repeats the tail of a longer one ("March" inside "in March")."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in found)


def _content_length(start: int, end: int, text: str) -> int:
    """Length without a leading neutral preposition: "of March" is shorter than "March 31"."""
    lead = NEUTRAL_LEAD.match(text, start, end)
    return end - (lead.end() if lead and lead.end() < end else start)


def _select(candidates: list[tuple[int, int]], text: str = "") -> list[tuple[int, int]]:
    """Greedy longest-first choice of non-overlapping spans, returned left to right."""
    chosen: list[tuple[int, int]] = []
    key = (lambda c: (-_content_length(c[0], c[1], text), c[0] - c[1], c[0])) if text else (lambda c: (c[0] - c[1], c[0]))
    for start, end in sorted(set(candidates), key=key):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return sorted(chosen)
