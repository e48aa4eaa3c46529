"""Resolvers of the period normalizer: one regex match -> a :class:`Span`.

Each ``resolve_*`` function receives the match of its rule (see the table in
:mod:`extractor.normalize.time`) and a :class:`Ctx`, and returns a ``Span``,
``None`` when the expression cannot be resolved (a relative expression without
publication date, an impossible date) or :data:`REJECT` when the text is not a
time expression after all ("may" the verb, "some 2000 defectors").  The
resolution choices are documented in the module docstring of ``time.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, NamedTuple

from extractor.normalize.time_calendar import (
    ONE_DAY, Span, add_months, ago, anniversary, cut, day_span, last_day, month_span, months_granularity,
    months_span, rolling, safe_date, week_span, year_span,
)
from extractor.normalize.time_grammar import (
    ERAS_BY_ALIAS, ERAS_BY_PREFIX, HALF_ORDINALS, HOLIDAYS, MONTH_NEEDS_CONTEXT, MONTHS, NUMBER_WORDS,
    PARTS, QUARTER_ORDINALS, RATES, SAME_DAY, SEASONS, UNITS, WEEK_OF_MONTH, WEEKDAYS, YEAR_APPROXIMATORS, Era,
    era_key, norm_key,
)

# A date without a year may need to go back to the last Feb 29 (up to 8 years).
MAX_LOOKBACK_YEARS = 9
REJECT = object()  # "this text is not a time expression", as opposed to None = "cannot resolve"


class Ctx(NamedTuple):
    published: dt.date | None
    year: int | None = None  # year inherited from the other side of a range
    inner: bool = False  # resolving a piece of a larger expression (range side, "since X")


# --- small helpers -------------------------------------------------------------------
def _num(text: str | None) -> int:
    if not text:
        return 1
    text = norm_key(text)
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text, 1)


def _part(m: re.Match[str]) -> str | None:
    text = m.groupdict().get("part")
    return PARTS[norm_key(text)] if text else None


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


def _needs_pub(fn: Callable[[re.Match[str], dt.date], object]):
    """Wrap a resolver that only works relative to the publication date."""
    def resolve(m: re.Match[str], ctx: Ctx) -> object:
        return None if ctx.published is None else fn(m, ctx.published)
    return resolve


# --- resolvers: dates ----------------------------------------------------------------
def resolve_iso(m, ctx):
    day = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return day_span(day) if day else None


def resolve_date(m, ctx):
    """'Aug 20', '20 August 2024', 'the night of July 30-31' (a run of days in one month)."""
    month = MONTHS[norm_key(m["mon"])]
    d1 = int(re.match(r"\d+", m["d1"]).group())
    d2 = int(re.match(r"\d+", m["d2"]).group()) if m["d2"] else d1

    def build(year: int) -> Span | None:
        first, last = safe_date(year, month, d1), safe_date(year, month, d2)
        if first is None or last is None or last < first:
            return None
        return Span(first, last, "day")
    return _with_year(m, ctx, build)


@_needs_pub
def resolve_weekday(m, pub):
    back = (pub.weekday() - WEEKDAYS[norm_key(m["wd"])]) % 7
    if back == 0 and m["rel"] and norm_key(m["rel"]) in ("last", "past", "this past"):
        back = 7
    return day_span(pub - dt.timedelta(days=back))


@_needs_pub
def resolve_weekend(m, pub):
    """'last weekend': Saturday-Sunday of the previous Monday-Sunday week (as 'last week');
    'the (past) weekend', 'this past weekend': the latest Saturday on or before publication and its Sunday."""
    if norm_key(m["rel"]) == "last":
        saturday = week_span(pub - dt.timedelta(days=7)).start + dt.timedelta(days=5)
    else:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    return Span(saturday, saturday + ONE_DAY, "day")


def resolve_holiday(m, ctx):
    """'Christmas Eve', 'New Year's Day 2024': a fixed calendar day."""
    month, day = HOLIDAYS[norm_key(m["hol"])]
    return _with_year(m, ctx, lambda year: day_span(dt.date(year, month, day)))


def resolve_week_of_month(m, ctx):
    """'the first week of August' = Aug 1-7 (weeks of a month counted from its 1st); 'the last week' its last 7 days."""
    month, nth = MONTHS[norm_key(m["mon"])], WEEK_OF_MONTH[norm_key(m["ord"])]

    def build(year: int) -> Span:
        end_day = last_day(year, month)
        first = end_day - 6 if nth < 0 else 7 * (nth - 1) + 1
        last = end_day if nth < 0 else min(first + 6, end_day)
        return Span(dt.date(year, month, first), dt.date(year, month, last), "week")
    return _with_year(m, ctx, build)


# --- resolvers: seasons ------------------------------------------------------------
_NAME_BEFORE = re.compile(r"(?-i:[A-Z][\w'\u2019-]*)\s+$")


def season_span(year: int, season: str) -> Span:
    """A meteorological season of ``year``; winter runs from December of ``year`` into the next."""
    first, last = SEASONS[season]
    end_year = year + 1 if last < first else year
    return Span(dt.date(year, first, 1), dt.date(end_year, last, last_day(end_year, last)), "quarter")


def resolve_season(m, ctx):
    """'the summer of 2023', 'last winter', 'winter 2022-23' (see configs/time.json 'seasons')."""
    season, pub, rel = norm_key(m["season"]), ctx.published, (m["rel"] or "").lower()
    if m["season"][0].isupper() and _NAME_BEFORE.search(m.string, 0, m.start("season")):
        return REJECT  # "the Arab Spring", "the Prague Spring": a name
    if m["y"]:
        year = int(m["y"])
        if m["y2"]:
            last = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
            if SEASONS[season][1] >= SEASONS[season][0] or last != year + 1:
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
    season = norm_key(m["season"])
    return pick_year(lambda year: season_span(year, season), ctx)


@_needs_pub
def resolve_same_day(m, pub):
    """'this morning', 'overnight', 'at 7:30 a.m. today' -> the publication day; 'last night' -> the day before."""
    offset = 0 if m["today"] else SAME_DAY.get(norm_key(m["sd"]), 0)
    return day_span(pub + dt.timedelta(days=offset))


@_needs_pub
def resolve_yesterday(m, pub):
    return day_span(pub - ONE_DAY)


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
    if not ctx.inner and key in MONTH_NEEDS_CONTEXT and not (m["part"] or m["rel"] or m["y"]):
        return REJECT  # "may" / "March" alone: a verb or a name, not a month
    month = MONTHS[key]
    if m["rel"]:
        span = None if ctx.published is None else _month_with_rel(month, m["rel"], ctx.published)
    else:
        span = _with_year(m, ctx, lambda year: month_span(year, month))
    return None if span is None else cut(span, _part(m), "month")


def resolve_month_ctx(m, ctx):
    key = norm_key(m["mon"])
    if key not in MONTH_NEEDS_CONTEXT:
        return REJECT  # unambiguous months are matched without their preposition
    return pick_year(lambda year: month_span(year, MONTHS[key]), ctx)


def resolve_half(m, ctx):
    g = m.groupdict()
    half = HALF_ORDINALS[norm_key(g["ord"])] if g.get("ord") else int(g["h1"] or g["h2"])
    first = 1 if half == 1 else 7
    return _with_year(m, ctx, lambda year: months_span(year, first, first + 5, "half_year"))


def resolve_quarter(m, ctx):
    g = m.groupdict()
    if g.get("ord"):
        quarter = QUARTER_ORDINALS[norm_key(g["ord"])]
    else:
        if g["q2"] and not g["y"]:
            return REJECT  # "3Q" alone is too ambiguous
        quarter = int(g["q1"] or g["q2"])
    first = 3 * quarter - 2
    return _with_year(m, ctx, lambda year: months_span(year, first, first + 2, "quarter"))


@_needs_pub
def resolve_quarter_rel(m, pub):
    rel = norm_key(m.group(0)).split()[0]
    step = {"this": 0, "next": 1}.get(rel, -1)
    index = pub.year * 4 + (pub.month - 1) // 3 + step
    year, quarter0 = divmod(index, 4)
    return months_span(year, 3 * quarter0 + 1, 3 * quarter0 + 3, "quarter")


def resolve_first_n_months(m, ctx):
    n = _num(m["n"])
    if not 1 <= n <= 12:
        return None
    return _with_year(m, ctx, lambda year: months_span(year, 1, n, months_granularity(n)))


def resolve_months_to(m, ctx):
    """'the year to June', 'the three months to September': n months ending with that month."""
    n = 12 if m["yr"] else _num(m["n"])
    month = MONTHS[norm_key(m["mon"])]
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
        if YEAR_APPROXIMATORS.search(before):
            return REJECT  # "some 2000 ...": a count
    return cut(year_span(int(m["y"])), _part(m), "year")


def resolve_year_rel(m, ctx):
    year = year_value(m["rel"], ctx)
    return None if year is None else cut(year_span(year), _part(m), "year")


def resolve_decade(m, ctx):
    first = int(m["dec"])
    span = Span(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "multi_year")
    return cut(span, _part(m), "decade")


# --- resolvers: relative to the publication date -----------------------------------------
@_needs_pub
def resolve_month_rel(m, pub):
    text = norm_key(m["rel"])
    step = 0 if text.startswith("this") else 1 if text.startswith("next") else -1
    moved = add_months(pub.replace(day=1), step)
    return cut(month_span(moved.year, moved.month), _part(m), "month")


@_needs_pub
def resolve_week_rel(m, pub):
    text = norm_key(m.group(0))
    step = 0 if text.startswith("this") else 1 if text.startswith("next") else -1
    return week_span(pub + dt.timedelta(days=7 * step))


@_needs_pub
def resolve_before_last(m, pub):
    """'the week/month/year before last': two calendar units back."""
    unit = m["u"].lower()
    if unit == "week":
        return week_span(pub - dt.timedelta(days=14))
    if unit == "month":
        moved = add_months(pub.replace(day=1), -2)
        return month_span(moved.year, moved.month)
    return year_span(pub.year - 2)


@_needs_pub
def resolve_so_far(m, pub):
    year = m["y"] or m["y2"]
    if year:  # "so far in 2024": Jan 1 .. publication (the whole year once it is over)
        start = dt.date(int(year), 1, 1)
        return None if start > pub else Span(start, min(pub, dt.date(int(year), 12, 31)), "year")
    unit = (m["u"] or m["u2"] or m["u3"] or "year").lower()
    if unit == "week":
        return Span(week_span(pub).start, pub, "week")
    start = pub.replace(day=1) if unit == "month" else dt.date(pub.year, 1, 1)
    return Span(start, pub, unit)


def resolve_past_n(m, ctx):
    if not m["the"] and not m["n"] and m["rel"].lower() != "past":
        return REJECT  # "last year", "previous month": calendar units, other rules
    if ctx.published is None:
        return None
    return rolling(ctx.published, _num(m["n"]), UNITS[m["unit"].lower()])


def resolve_duration(m, ctx):
    n = _num(m["n"])
    if n == 0 or norm_key(m["n"]) == "one":
        return REJECT  # "one day, he ..." is narrative
    if ctx.published is None:
        return None
    return rolling(ctx.published, n, UNITS[m["unit"].lower()])


@_needs_pub
def resolve_in_a(m, pub):
    return rolling(pub, 1, UNITS[m["unit"].lower()])


@_needs_pub
def resolve_ago(m, pub):
    """"two years ago" is that year; "twenty years ago today" is that very day (an anniversary)."""
    n, unit = _num(m["n"]), UNITS[m["unit"].lower()]
    return day_span(anniversary(pub, n, unit)) if m["today"] else ago(pub, n, unit)


def resolve_rate(m, ctx):
    return Span(None, None, "unknown", rate=RATES[norm_key(m.group(0))])


def resolve_unresolvable(m, ctx):
    return None  # "the same period last year": depends on another period (shift_period)


# --- resolvers: eras, relations, ranges ----------------------------------------------
def era_span(era: Era, pub: dt.date | None) -> Span:
    end = era.end or pub
    return Span(era.start, end, "multi_year" if end else "open", era=True)


def resolve_era(m, ctx):
    if m["pp"]:
        era = ERAS_BY_PREFIX[era_key(m["short"])]
        relation = "before" if m["pp"].lower() == "pre" else "after"
        return relate(relation, era_span(era, ctx.published), ctx.published)
    era = ERAS_BY_ALIAS[era_key(m["era"])]
    if m["edge"]:
        day = era.end if "end" in m["edge"].lower() else era.start
        return day_span(day) if day else None
    return era_span(era, ctx.published)


def relate(relation: str, x: Span, pub: dt.date | None) -> Span | None:
    """since / after / before / until applied to the span of X."""
    if relation == "before" or (relation == "until" and x.era):
        return Span(None, x.start - ONE_DAY, "open") if x.start else None
    if relation == "until":
        return Span(None, x.end, "open") if x.end else None
    start = x.start if relation == "since" else (x.end + ONE_DAY if x.end else None)
    if pub is None or start is None or start > pub:
        return None
    wide = x.granularity in ("year", "multi_year") or start.year < pub.year
    return Span(start, pub, "multi_year" if wide else x.granularity)


