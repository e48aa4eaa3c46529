"""Resolvers of the period normalizer: one regex match -> a :class:`Span` (dates, seasons,
months, quarters, halves, years; the rest is in :mod:`extractor.normalize.time_relative`).

Each ``resolve_*`` function receives the match of its rule (see the table in
:mod:`extractor.normalize.time_grammar`) and a :class:`Ctx`, whose ``words`` are
the tables of the grammar that matched, and returns a ``Span``,
``None`` when the expression cannot be resolved (a relative expression without
publication date, an impossible date) or :data:`REJECT` when the text is not a
time expression after all ("may" the verb, "some 2000 defectors").  The
resolution choices are documented in the module docstring of ``time.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Callable, NamedTuple

from extractor.normalize.time_calendar import (
    ONE_DAY, Span, add_months, cut, day_span, last_day, month_span, months_granularity, months_span, safe_date,
    week_span, year_span,
)
from extractor.normalize.time_words import TimeWords, norm_key

if TYPE_CHECKING:
    from extractor.normalize.time_grammar import TimeGrammar

# A date without a year may need to go back to the last Feb 29 (up to 8 years).
MAX_LOOKBACK_YEARS = 9
REJECT = object()  # "this text is not a time expression", as opposed to None = "cannot resolve"


class Ctx(NamedTuple):
    published: dt.date | None
    grammar: TimeGrammar  # the grammar whose rule matched: its inner rules (ranges, relations)
    words: TimeWords  # and its word tables (``grammar.words``, at hand)
    year: int | None = None  # year inherited from the other side of a range
    inner: bool = False  # resolving a piece of a larger expression (range side, "since X")
    alone: bool = False  # parse_period: the phrase is the whole text a caller cut out ("May", "today")


# --- small helpers -------------------------------------------------------------------
def num(text: str | None, words: TimeWords) -> int:
    if not text:
        return 1
    text = norm_key(text)
    if text.isdigit():
        return int(text)
    return words.number_words.get(text, 1)


def cut_part(span: Span, m: re.Match[str], ctx: Ctx, unit: str) -> Span:
    """``span`` cut to the early/mid/late part the match names, if any ("early 2020")."""
    text = m.groupdict().get("part")
    if not text:
        return span
    return cut(span, ctx.words.part_cuts[unit][ctx.words.parts[norm_key(text)]], unit)


def year_value(text: str, ctx: Ctx) -> int | None:
    """A 4-digit year, or a relative one ("last year") against the publication date."""
    if text.strip().isdigit():
        return int(text)
    if ctx.published is None:
        return None
    key = norm_key(text)
    if key.startswith("this"):
        return ctx.published.year
    return ctx.published.year + (1 if key.startswith("next") else -1)


def pick_year(build: Callable[[int], Span | None], ctx: Ctx) -> Span | None:
    """``build(year)`` for the inherited year, else the latest year starting on/before publication."""
    if ctx.year is not None:
        return build(ctx.year)
    pub = ctx.published
    if pub is None:
        return None
    for year in range(pub.year, pub.year - MAX_LOOKBACK_YEARS, -1):
        span = build(year)
        if isinstance(span, Span) and span.start is not None and span.start <= pub:
            return span
    return None


def _with_year(m: re.Match[str], ctx: Ctx, build: Callable[[int], Span | None]) -> Span | None:
    text = m.groupdict().get("y")
    if text:
        year = year_value(text, ctx)
        return None if year is None else build(year)
    return pick_year(build, ctx)


def needs_pub(fn: Callable[[re.Match[str], Ctx], object]):
    """Wrap a resolver that only works relative to the publication date (None without one)."""
    def resolve(m: re.Match[str], ctx: Ctx) -> object:
        return None if ctx.published is None else fn(m, ctx)
    return resolve


# --- resolvers: dates ----------------------------------------------------------------
def resolve_iso(m, ctx):
    day = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return day_span(day) if day else None


def resolve_date(m, ctx):
    """'Aug 20', '20 August 2024', 'the night of July 30-31' (a run of days in one month)."""
    month = ctx.words.months[norm_key(m["mon"])]
    d1 = int(re.match(r"\d+", m["d1"]).group())
    d2 = int(re.match(r"\d+", m["d2"]).group()) if m["d2"] else d1

    def build(year: int) -> Span | None:
        first, last = safe_date(year, month, d1), safe_date(year, month, d2)
        if first is None or last is None or last < first:
            return None
        return Span(first, last, "day")
    return _with_year(m, ctx, build)


@needs_pub
def resolve_weekday(m, ctx):
    pub = ctx.published
    back = (pub.weekday() - ctx.words.weekdays[norm_key(m["wd"])]) % 7
    if back == 0 and m["rel"] and norm_key(m["rel"]) in ("last", "past", "this past"):
        back = 7
    return day_span(pub - dt.timedelta(days=back))


@needs_pub
def resolve_weekend(m, ctx):
    """'last weekend': Saturday-Sunday of the previous Monday-Sunday week (as 'last week');
    'the (past) weekend', 'this past weekend': the latest Saturday on or before publication and its Sunday."""
    pub = ctx.published
    if norm_key(m["rel"]) == "last":
        saturday = week_span(pub - dt.timedelta(days=7)).start + dt.timedelta(days=5)
    else:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    return Span(saturday, saturday + ONE_DAY, "day")


def resolve_holiday(m, ctx):
    """'Christmas Eve', 'New Year's Day 2024': a fixed calendar day."""
    month, day = ctx.words.holidays[norm_key(m["hol"])]
    return _with_year(m, ctx, lambda year: day_span(dt.date(year, month, day)))


def resolve_week_of_month(m, ctx):
    """'the first week of August' = Aug 1-7 (weeks of a month counted from its 1st); 'the last week' its last 7 days."""
    month, nth = ctx.words.months[norm_key(m["mon"])], ctx.words.week_of_month[norm_key(m["ord"])]

    def build(year: int) -> Span:
        end_day = last_day(year, month)
        first = end_day - 6 if nth < 0 else 7 * (nth - 1) + 1
        last = end_day if nth < 0 else min(first + 6, end_day)
        return Span(dt.date(year, month, first), dt.date(year, month, last), "week")
    return _with_year(m, ctx, build)


# --- resolvers: seasons ------------------------------------------------------------
_NAME_BEFORE = re.compile(r"(?-i:[A-Z][\w'\u2019-]*)\s+$")


def season_span(year: int, months: tuple[int, int]) -> Span:
    """A meteorological season of ``year`` (its first and last month); winter runs from December
    of ``year`` into the next."""
    first, last = months
    end_year = year + 1 if last < first else year
    return Span(dt.date(year, first, 1), dt.date(end_year, last, last_day(end_year, last)), "quarter")


def resolve_season(m, ctx):
    """'the summer of 2023', 'last winter', 'winter 2022-23' (see configs/time.json 'seasons')."""
    season, pub, rel = ctx.words.seasons[norm_key(m["season"])], ctx.published, (m["rel"] or "").lower()
    if m["season"][0].isupper() and _NAME_BEFORE.search(m.string, 0, m.start("season")):
        return REJECT  # "the Arab Spring", "the Prague Spring": a name
    if m["y"]:
        year = int(m["y"])
        if m["y2"]:
            last = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
            if season[1] >= season[0] or last != year + 1:
                return None  # "winter 2022-23" only: other seasons do not span a new year
            return season_span(year, season)
        span = season_span(year, season)
        if span.end.year > year and pub is not None and span.start > pub:
            span = season_span(year - 1, season)  # "the winter of 2024" in Jan 2024: the one under way
        return span
    if not rel:
        return REJECT  # "spring", "fall" alone are ordinary words
    if pub is None:
        return None
    if rel == "this":
        under_way = season_span(pub.year - 1, season)
        return under_way if under_way.end >= pub else season_span(pub.year, season)
    if rel == "next":
        return next(season_span(y, season) for y in range(pub.year - 1, pub.year + 2)
                    if season_span(y, season).start > pub)
    # last / past: the latest one over before the publication date
    return next(season_span(y, season) for y in range(pub.year, pub.year - 3, -1)
                if season_span(y, season).end < pub)


def resolve_season_ctx(m, ctx):
    """'in the summer', 'over the winter': the latest one begun on or before publication."""
    season = ctx.words.seasons[norm_key(m["season"])]
    return pick_year(lambda year: season_span(year, season), ctx)


def resolve_same_day(m, ctx):
    """'this morning', 'overnight', 'at 7:30 a.m. today' -> the publication day; 'last night' -> the day before."""
    if m["bare"] and not (ctx.alone or ctx.inner):
        return REJECT  # "Today she runs a bakery": nowadays
    if ctx.published is None:
        return None
    offset = 0 if m["today"] or m["bare"] else ctx.words.same_day.get(norm_key(m["sd"]), 0)
    return day_span(ctx.published + dt.timedelta(days=offset))


@needs_pub
def resolve_yesterday(m, ctx):
    return day_span(ctx.published - ONE_DAY)


# --- resolvers: months, quarters, halves, years ---------------------------------------
def _month_with_rel(month: int, rel: str, pub: dt.date) -> Span:
    rel = rel.lower()
    if rel == "this":
        year = pub.year
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    else:  # last: the latest such month before the publication month
        year = pub.year if month < pub.month else pub.year - 1
    return month_span(year, month)


def resolve_month(m, ctx):
    key = norm_key(m["mon"])
    if not ctx.inner and key in ctx.words.month_needs_context and not (m["part"] or m["rel"] or m["y"]) \
            and not (ctx.alone and key in ctx.words.months_read_alone):
        return REJECT  # "may" / "March" alone: a verb or a name, not a month
    month = ctx.words.months[key]
    if m["rel"]:
        span = None if ctx.published is None else _month_with_rel(month, m["rel"], ctx.published)
    else:
        span = _with_year(m, ctx, lambda year: month_span(year, month))
    return None if span is None else cut_part(span, m, ctx, "month")


def resolve_month_ctx(m, ctx):
    key = norm_key(m["mon"])
    if key not in ctx.words.month_needs_context:
        return REJECT  # unambiguous months are matched without their preposition
    month = ctx.words.months[key]
    return pick_year(lambda year: month_span(year, month), ctx)


def resolve_half(m, ctx):
    g = m.groupdict()
    half = ctx.words.half_ordinals[norm_key(g["ord"])] if g.get("ord") else int(g["h1"] or g["h2"])
    first = 1 if half == 1 else 7
    return _with_year(m, ctx, lambda year: months_span(year, first, first + 5, "half_year"))


def resolve_quarter(m, ctx):
    g = m.groupdict()
    if g.get("ord"):
        quarter = ctx.words.quarter_ordinals[norm_key(g["ord"])]
    else:
        if g["q2"] and not g["y"]:
            return REJECT  # "3Q" alone is too ambiguous
        quarter = int(g["q1"] or g["q2"])
    first = 3 * quarter - 2
    return _with_year(m, ctx, lambda year: months_span(year, first, first + 2, "quarter"))


@needs_pub
def resolve_quarter_rel(m, ctx):
    pub = ctx.published
    rel = norm_key(m.group(0)).split()[0]
    step = {"this": 0, "next": 1}.get(rel, -1)
    index = pub.year * 4 + (pub.month - 1) // 3 + step
    year, quarter0 = divmod(index, 4)
    return months_span(year, 3 * quarter0 + 1, 3 * quarter0 + 3, "quarter")


def resolve_first_n_months(m, ctx):
    n = num(m["n"], ctx.words)
    if not 1 <= n <= 12:
        return None
    return _with_year(m, ctx, lambda year: months_span(year, 1, n, months_granularity(n)))


def resolve_months_to(m, ctx):
    """'the year to June', 'the three months to September': n months ending with that month."""
    n = 12 if m["yr"] else num(m["n"], ctx.words)
    month = ctx.words.months[norm_key(m["mon"])]
    if m["y"] or ctx.year is not None:
        year = int(m["y"]) if m["y"] else ctx.year
    elif ctx.published is None:
        return None
    else:
        pub = ctx.published
        year = pub.year if month_span(pub.year, month).end <= pub else pub.year - 1
    end = month_span(year, month).end
    start = add_months(dt.date(year, month, 1), -(n - 1))
    return Span(start, end, months_granularity(n))


def resolve_year(m, ctx):
    if not ctx.inner and not m["part"]:
        before = m.string[max(0, m.start() - 24):m.start()]
        if ctx.words.year_approximators.search(before):
            return REJECT  # "some 2000 ...": a count
    return cut_part(year_span(int(m["y"])), m, ctx, "year")


def resolve_year_rel(m, ctx):
    year = year_value(m["rel"], ctx)
    return None if year is None else cut_part(year_span(year), m, ctx, "year")


def resolve_decade(m, ctx):
    first = int(m["dec"])
    span = Span(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "multi_year")
    return cut_part(span, m, ctx, "decade")
