"""When two records' values are compatible: counts by their qualifier's bounds, periods by overlap.

Every value maps to a closed interval (people for a count, days for a period);
two values are compatible when their intervals meet, and the narrower of two
compatible values is the more precise ("196" inside "nearly 200" = 0..199; May
6 inside May). A null never contradicts anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor.records import Count, DefectionRecord, Period

Interval = tuple[float, float]
OPEN = float("inf")


@dataclass(frozen=True)
class MatchRules:
    """The matching thresholds: the two day limits are the contract's; the tolerance is ours
    (docs/decisions.md, "Facts across articles")."""

    approximate_tolerance: float = 0.10  # "about 200" admits 180..220
    stock_days: int = 31  # open stocks whose end dates lie within 31 days are one stock
    incident_gap_days: int = 3  # incident dates at most 3 days apart: one incident, a period conflict


RULES = MatchRules()


def count_interval(count: Count, rules: MatchRules = RULES) -> Interval:
    """The people a count admits: exact is a point, approximate a band around it, others their bounds."""
    if count.qualifier == "exact":
        return (count.value, count.value)
    if count.qualifier == "approximate":
        slack = max(1, round(count.value * rules.approximate_tolerance))
        return (max(0, count.value - slack), count.value + slack)
    low = count.low if count.low is not None else 0
    high = count.high if count.high is not None else OPEN
    return (low, high)


def period_interval(period: Period) -> Interval:
    """The days a period covers, as ordinals; an open side is unbounded."""
    low = period.start.toordinal() if period.start else -OPEN
    high = period.end.toordinal() if period.end else OPEN
    return (low, high)


def meet(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def gap(a: Interval, b: Interval) -> float:
    """Days between two disjoint intervals (0 when they meet)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def width(interval: Interval) -> float:
    return interval[1] - interval[0]


def counts_compatible(a: Count | None, b: Count | None, rules: MatchRules = RULES) -> bool:
    if a is None or b is None:
        return True
    return meet(count_interval(a, rules), count_interval(b, rules))


def is_dated(period: Period | None) -> bool:
    """The period fixes at least one date (a weekday with no publication date fixes none)."""
    return period is not None and (period.start is not None or period.end is not None)


def is_open_stock(record: DefectionRecord) -> bool:
    """A stock or running total with no start: matched by its end date, not by an equal period."""
    period = record.period
    return record.kind == "aggregate" and period is not None and period.start is None and period.end is not None


def ends_within(a: dt.date, b: dt.date, rules: MatchRules = RULES) -> bool:
    return abs((a - b).days) <= rules.stock_days


def _crossings(record: DefectionRecord) -> set[str]:
    return {loc.name for loc in record.locations if loc.role == "crossing_point"}


def _disjoint_when_both_given(a: set, b: set) -> bool:
    return bool(a) and bool(b) and not (a & b)


def incident_details_contradict(a: DefectionRecord, b: DefectionRecord, rules: MatchRules = RULES) -> bool:
    """Counts, types, route or crossing places that cannot describe one escape (a null never does)."""
    if not counts_compatible(a.count, b.count, rules):
        return True
    if a.route != "unknown" and b.route != "unknown" and a.route != b.route:
        return True
    if _disjoint_when_both_given(set(a.defector_types), set(b.defector_types)):
        return True
    return _disjoint_when_both_given(_crossings(a), _crossings(b))
