"""Calendar arithmetic for the period normalizer: spans, month/year shifts, thirds.

Pure date helpers with no regexes; ``time.py`` composes them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

ONE_DAY = dt.timedelta(days=1)


class YearOnly(dt.date):
    """An anchor of which only the year is known: the last day of the latest year an undated
    text names (contract v1.1). Expressions that need the day of publication ("on Tuesday",
    "last month", "earlier this year") stay unresolved against it; "Aug 20", "in March" or
    "last year" need only the year and resolve."""

    @classmethod
    def of(cls, year: int) -> "YearOnly":
        return cls(year, 12, 31)


class Span(NamedTuple):
    """A resolved period before it becomes a :class:`~extractor.records.Period`."""

    start: dt.date | None
    end: dt.date | None
    granularity: str
    rate: str | None = None
    era: bool = False  # a named era ("until the pandemic" then means before it began)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day_span(day: dt.date) -> Span:
    return Span(day, day, "day")


def month_span(year: int, month: int) -> Span:
    return Span(dt.date(year, month, 1), dt.date(year, month, last_day(year, month)), "month")


def year_span(year: int) -> Span:
    return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def months_span(year: int, first: int, last: int, granularity: str) -> Span:
    """Whole months ``first``..``last`` of one year (halves, quarters, 'first nine months')."""
    return Span(dt.date(year, first, 1), dt.date(year, last, last_day(year, last)), granularity)


def week_span(day: dt.date) -> Span:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return Span(monday, monday + dt.timedelta(days=6), "week")


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (negative: earlier), clamped to the month's last day."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, last_day(year, month0 + 1)))


def add_years(day: dt.date, years: int, *, keep_month_end: bool = False) -> dt.date:
    """Same day ``years`` later; Feb 29 clamps to Feb 28.

    With ``keep_month_end`` a month's last day stays a month's last day
    (2023-02-28 + 1 year = 2024-02-29), which keeps whole-month periods whole.
    """
    year = day.year + years
    if keep_month_end and day.day == last_day(day.year, day.month):
        return dt.date(year, day.month, last_day(year, day.month))
    return dt.date(year, day.month, min(day.day, last_day(year, day.month)))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def cut(span: Span, bounds: tuple[int, int] | None, unit: str) -> Span:
    """Early/mid/late third of a year, month or decade, keeping the span's granularity.

    ``bounds`` are the first and last month (``unit`` year), day (month) or year
    of the decade (decade) of the part, from ``part_cuts`` in ``time.json``: a
    year by whole months (Jan-Apr, May-Aug, Sep-Dec), a month by days (1-10,
    11-20, 21-end), a decade by years (0-3, 4-6, 7-9). None: the whole span.
    """
    if bounds is None or span.start is None:
        return span
    lo, hi = bounds
    start = span.start
    if unit == "year":
        return span._replace(start=dt.date(start.year, lo, 1),
                             end=dt.date(start.year, hi, last_day(start.year, hi)))
    if unit == "month":
        end_day = min(hi, last_day(start.year, start.month))
        return span._replace(start=start.replace(day=lo), end=start.replace(day=end_day))
    return span._replace(start=dt.date(start.year + lo, 1, 1), end=dt.date(start.year + hi, 12, 31))


def rolling(published: dt.date, n: int, unit: str) -> Span:
    """``published`` minus n units .. ``published`` ("the past two weeks", "12 days")."""
    if unit == "day":
        start, gran = published - dt.timedelta(days=n), "day"
    elif unit == "week":
        start, gran = published - dt.timedelta(days=7 * n), "week"
    elif unit == "month":
        start, gran = add_months(published, -n), "month"
    elif unit == "year":
        start, gran = add_years(published, -n), ("year" if n == 1 else "multi_year")
    else:  # decade
        start, gran = add_years(published, -10 * n), "multi_year"
    return Span(start, published, gran)


def ago(published: dt.date, n: int, unit: str) -> Span:
    """The day/week/month/year that lies n units before ``published`` ("two years ago")."""
    if unit == "day":
        return day_span(published - dt.timedelta(days=n))
    if unit == "week":
        return week_span(published - dt.timedelta(days=7 * n))
    if unit == "month":
        moved = add_months(published, -n)
        return month_span(moved.year, moved.month)
    return year_span(published.year - n * (10 if unit == "decade" else 1))


def anniversary(published: dt.date, n: int, unit: str) -> dt.date:
    """The day n units before ``published`` ("ten years ago today")."""
    if unit == "day":
        return published - dt.timedelta(days=n)
    if unit == "week":
        return published - dt.timedelta(days=7 * n)
    if unit == "month":
        return add_months(published, -n)
    return add_years(published, -n * (10 if unit == "decade" else 1))


def whole_months(start: dt.date, end: dt.date) -> int | None:
    """Number of whole calendar months start..end covers, or None if not month-aligned."""
    if start.day != 1 or end.day != last_day(end.year, end.month):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def months_granularity(n: int) -> str:
    """Granularity of an n-month window: 12 year, 6 half_year, multiples of 3 quarter, else month."""
    if n == 12:
        return "year"
    if n == 6:
        return "half_year"
    return "quarter" if n % 3 == 0 else "month"


def range_granularity(start: dt.date, end: dt.date) -> str:
    """Granularity of an explicit range ("2011-2019", "July-September", "July 30-31")."""
    months = whole_months(start, end)
    if months is None:
        return "day"
    if start.month == 1 and end.month == 12:
        return "year" if start.year == end.year else "multi_year"
    if months in (3, 6) and (start.month - 1) % months == 0:
        return "quarter" if months == 3 else "half_year"
    return "month"
