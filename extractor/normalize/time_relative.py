"""Resolvers of the period normalizer relative to the publication date, eras, relations
and ranges (the others are in :mod:`extractor.normalize.time_resolvers`, whose
conventions hold here: ``Span``, ``None`` = cannot resolve, ``REJECT`` = not a
time expression).

Relations ("since X") and ranges ("from X to Y") resolve their parts with the
inner rules of the grammar that matched them (``ctx.grammar``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from extractor.normalize.time_calendar import (
    ONE_DAY, Span, add_months, add_years, ago, anniversary, day_span, month_span, range_granularity, rolling, week_span,
    year_span,
)
from extractor.normalize.time_resolvers import REJECT, Ctx, cut_part, needs_pub, num, pick_year, year_value
from extractor.normalize.time_sources import DASHES, HAS_YEAR
from extractor.normalize.time_words import Era, era_key, norm_key

if TYPE_CHECKING:
    from extractor.normalize.time_grammar import Rule


# --- resolvers: relative to the publication date -----------------------------------------
@needs_pub
def resolve_month_rel(m, ctx):
    pub = ctx.published
    text = norm_key(m["rel"])
    step = 0 if text.startswith("this") else 1 if text.startswith("next") else -1
    moved = add_months(pub.replace(day=1), step)
    return cut_part(month_span(moved.year, moved.month), m, ctx, "month")


@needs_pub
def resolve_week_rel(m, ctx):
    text = norm_key(m.group(0))
    step = 0 if text.startswith("this") else 1 if text.startswith("next") else -1
    return week_span(ctx.published + dt.timedelta(days=7 * step))


@needs_pub
def resolve_before_last(m, ctx):
    """'the week/month/year before last': two calendar units back."""
    pub = ctx.published
    unit = m["u"].lower()
    if unit == "week":
        return week_span(pub - dt.timedelta(days=14))
    if unit == "month":
        moved = add_months(pub.replace(day=1), -2)
        return month_span(moved.year, moved.month)
    return year_span(pub.year - 2)


@needs_pub
def resolve_so_far(m, ctx):
    pub = ctx.published
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
    unit = ctx.words.units[m["unit"].lower()]
    if not m["n"] and m["rel"].lower() == "last" and unit in ctx.words.calendar_last_units:
        return week_span(ctx.published - dt.timedelta(days=7))  # "the last week" = last week
    return rolling(ctx.published, num(m["n"], ctx.words), ctx.words.units[m["unit"].lower()])


def resolve_duration(m, ctx):
    n = num(m["n"], ctx.words)
    if n == 0 or norm_key(m["n"]) == "one":
        return REJECT  # "one day, he ..." is narrative
    if ctx.published is None:
        return None
    return rolling(ctx.published, n, ctx.words.units[m["unit"].lower()])


@needs_pub
def resolve_in_a(m, ctx):
    return rolling(ctx.published, 1, ctx.words.units[m["unit"].lower()])


@needs_pub
def resolve_ago(m, ctx):
    """"two years ago" is that year; "twenty years ago today" is that very day (an anniversary)."""
    pub, n, unit = ctx.published, num(m["n"], ctx.words), ctx.words.units[m["unit"].lower()]
    return day_span(anniversary(pub, n, unit)) if m["today"] else ago(pub, n, unit)


def resolve_rate(m, ctx):
    return Span(None, None, "unknown", rate=ctx.words.rates[norm_key(m.group(0))])


def resolve_unresolvable(m, ctx):
    return None  # "the same period last year": depends on another period (shift_period)


# --- resolvers: eras and relations ---------------------------------------------------
def era_span(era: Era, pub: dt.date | None) -> Span:
    end = era.end or pub
    return Span(era.start, end, "multi_year" if end else "open", era=True)


def resolve_era(m, ctx):
    if m["pp"]:
        era = ctx.words.eras_by_prefix[era_key(m["short"])]
        relation = "before" if m["pp"].lower() == "pre" else "after"
        return relate(relation, era_span(era, ctx.published), ctx.published)
    era = ctx.words.eras_by_alias[era_key(m["era"])]
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


@needs_pub
def resolve_part_year(m, ctx):
    """'the end of the year', 'the end of the month': a part of the publication year or month."""
    pub = ctx.published
    if m["u"].lower() == "month":
        return cut_part(month_span(pub.year, pub.month), m, ctx, "month")
    return cut_part(year_span(pub.year), m, ctx, "year")


def resolve_century(m, ctx):
    """'the 20th century' / 'the twentieth century': 1900-1999 (time.json, century_ordinals)."""
    key = norm_key(m["c"])
    n = int(re.sub(r"\D", "", key)) if key[0].isdigit() else ctx.words.century_ordinals[key]
    if not 1 <= n <= 30:
        return REJECT
    first = 100 * (n - 1)
    return Span(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "multi_year")


def resolve_unit_before(m, ctx):
    """'the decade before the pandemic': the ten years (or one) up to the day before X began."""
    x = _resolve_inner(m, "x", ctx._replace(year=None), ctx.grammar.relation_targets)
    if x is REJECT or x is None or x.start is None:
        return None if x is not REJECT else x
    decade = m["unit"].lower() == "decade"
    start = add_years(x.start, -10 if decade else -1)
    return Span(start, x.start - ONE_DAY, "multi_year" if decade else "year")


def resolve_week_of(m, ctx):
    """'the week of March 6': the Monday-Sunday week holding that day."""
    day = _resolve_inner(m, "d", ctx, ctx.grammar.range_sides)
    if day is REJECT or day is None:
        return day
    return week_span(day.start)


# --- resolvers: ranges and relations -------------------------------------------------
def _resolve_inner(m: re.Match[str], group: str, ctx: Ctx, rules: tuple[Rule, ...]):
    """Resolve the text of ``group`` with the first inner rule that accepts it."""
    inner = ctx._replace(inner=True)
    for rule in rules:
        mm = rule.regex.fullmatch(m.string, m.start(group), m.end(group))
        if mm is not None:
            result = rule.resolve(mm, inner)
            if result is not REJECT:
                return result
    return REJECT


def resolve_relation(m, ctx):
    """'since 2020', 'before the pandemic', 'from March onwards': a relation to another period."""
    if m["erel"]:  # "by the end of the year": until then
        relation, group = ctx.words.end_relations[norm_key(m["erel"])], "ex"
    else:
        relation = "since" if m["fx"] else ctx.words.relations[norm_key(m["rel"])]
        group = "fx" if m["fx"] else "x"
    x = _resolve_inner(m, group, ctx._replace(year=None), ctx.grammar.relation_targets)
    if x is REJECT or x is None:
        return x
    return relate(relation, x, ctx.published)


def resolve_range(m, ctx):
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
    result = _resolve_inner(m, group, ctx._replace(year=year), ctx.grammar.range_sides)
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
