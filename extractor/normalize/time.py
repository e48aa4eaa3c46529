"""Time expressions -> :class:`~extractor.records.Period` (contract: ``Period`` section).

Public API
----------
``parse_period(text, published)``  one expression ("in 2023", "last week", "annually") -> Period | None
``find_periods(text, published)``  every time expression in a sentence or article -> [TimeMatch]
``shift_period(period, years)``    the same period n years later/earlier ("the same period last year")
``period_grammar(rules)``          the shared :class:`TimeGrammar` of a ``Rules`` (None: the active rules)

``parse_period`` and ``find_periods`` take ``grammar=`` (a :class:`TimeGrammar`) to
read with another rules directory's words than the active one.

``published`` is a ``date``, an ISO ``YYYY-MM-DD`` string or None.  Anything that
needs it (relative words, a date without a year, "since 1998" whose end is the
publication date) resolves to None without it; absolute expressions do not need it.

How it works: a :class:`~extractor.normalize.time_grammar.TimeGrammar` holds a table
of rules, each a regex compiled from ``time.json`` / ``eras.json`` of one rules
directory (see :mod:`time_sources`) plus a resolver that turns the match into a
``Span``.  ``parse_period`` fullmatches the rules in priority order; ``find_periods``
searches with all of them, keeps the longest non-overlapping candidates and parses
each, so a match's period is by construction ``parse_period(match.text)``.  Both use
the grammar of the active rules (:func:`period_grammar`) unless given one.  dateparser
is only a cached last resort for absolute dates the grammar does not know ("20/08/2024").

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
  night", "early Tuesday", "late on Tuesday") does not change the day.
* Issue 16: a rate with a period ("about 100 a month in 2019", "some 1,000 annually
  before the pandemic") is the period with ``rate`` set; a count and a rate alone
  ("about 1,000 a year") is the rate without a period. "the end of the year/month" is
  late in the publication year/month; "by the end of X" = until X (``open``). "the 20th
  century" is 1900-1999. "the last week" is the previous Monday-Sunday week (as "last
  week"); "the week of March 6" the Monday-Sunday week holding March 6. A phrase that is
  only "today" or "May" (cut out by a caller) is the publication day / the month;
  running text still needs context for them ("Today she runs a bakery", "Theresa May").
"""

from __future__ import annotations

import datetime as dt

from extractor.normalize.per_rules import per_rules
from extractor.normalize.time_calendar import add_years, whole_months
from extractor.normalize.time_grammar import TimeGrammar, TimeMatch
from extractor.records import Period

__all__ = ["TimeGrammar", "TimeMatch", "find_periods", "parse_period", "period_grammar", "shift_period"]

period_grammar = per_rules(TimeGrammar)
"""``period_grammar(rules)``: the shared :class:`TimeGrammar` of ``rules`` (None: the active rules)."""


def parse_period(text: str, published: dt.date | str | None = None, *,
                 grammar: TimeGrammar | None = None) -> Period | None:
    """One time expression, possibly with its preposition, as a Period (None if not one)."""
    return (grammar or period_grammar()).parse(text, _as_date(published))


def find_periods(text: str, published: dt.date | str | None = None, *,
                 grammar: TimeGrammar | None = None) -> list[TimeMatch]:
    """All time expressions in ``text``: longest first, non-overlapping, in text order."""
    return (grammar or period_grammar()).find(text, _as_date(published))


def shift_period(period: Period, years: int) -> Period:
    """The same period ``years`` later (negative: earlier), e.g. for "the same period last year".

    Whole-month periods stay whole (Feb 1-29, 2024 shifted by -1 is Feb 1-28, 2023).
    """
    whole = bool(period.start and period.end and whole_months(period.start, period.end))

    def move(day: dt.date | None) -> dt.date | None:
        return add_years(day, years, keep_month_end=whole) if day else None
    return period.model_copy(update={"start": move(period.start), "end": move(period.end)})


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
