"""Groups of records (one fact each) and the index that finds the groups near a record.

A group keeps its members' distinct signatures (count, route, types, crossing
places, period): scoring a record against a group reads each distinct
description once, however many outlets repeat it. The index of a block files
each group under the weeks (seven-day buckets) its members' dates reach (a date plus the matching
slack: 3 days for incidents, 31 for stocks), so a record is only compared with
groups it could join; groups with no bounded dates are compared with every record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.facts.compat import OPEN, Interval, MatchRules, is_dated, is_open_stock, period_interval
from extractor.facts.entries import Entry
from extractor.records import DefectionRecord

MAX_WEEKS = 160  # a reach longer (three years) is filed with the groups compared with every record


@dataclass
class Group:
    number: int
    block: tuple
    entries: list[Entry] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    members: dict[tuple, DefectionRecord] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self.articles.add(entry.meta.article_id)
        self.members.setdefault(signature(entry.record), entry.record)


def signature(record: DefectionRecord) -> tuple:
    count, period = record.count, record.period
    return (
        (count.qualifier, count.value, count.low, count.high) if count else None,
        record.route, tuple(sorted(record.defector_types)),
        tuple(sorted(loc.name for loc in record.locations if loc.role == "crossing_point")),
        (period.start, period.end, period.rate) if period else None,
    )


def reach(record: DefectionRecord, rules: MatchRules) -> Interval | None:
    """The days a record can match others on, or None when its block does not go by dates."""
    if not is_dated(record.period):
        return None
    if record.kind == "incident":
        low, high = period_interval(record.period)
        return (low - rules.incident_gap_days, high + rules.incident_gap_days)
    if is_open_stock(record):
        end = record.period.end.toordinal()
        return (end - rules.stock_days, end + rules.stock_days)
    return None


def weeks(days: Interval | None) -> range | None:
    """The seven-day buckets an interval of days touches; None when unbounded or too long."""
    if days is None or days[0] == -OPEN or days[1] == OPEN:
        return None
    first, last = int(days[0]) // 7, int(days[1]) // 7
    return range(first, last + 1) if last - first < MAX_WEEKS else None


class BlockIndex:
    """The groups of one block, found by the weeks their members reach."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.known: set[int] = set()
        self.wide: dict[int, Group] = {}
        self.by_week: dict[int, dict[int, Group]] = {}

    def near(self, record: DefectionRecord, rules: MatchRules) -> list[Group]:
        """The groups the record could join, in order of creation."""
        wanted = weeks(reach(record, rules))
        if wanted is None:
            return list(self.groups)
        found = dict(self.wide)
        for week in wanted:
            found.update(self.by_week.get(week, {}))
        return [found[number] for number in sorted(found)]

    def file(self, group: Group, record: DefectionRecord, rules: MatchRules) -> None:
        """File the group under the weeks its new member reaches."""
        if group.number not in self.known:
            self.known.add(group.number)
            self.groups.append(group)
        reached = weeks(reach(record, rules))
        if reached is None:
            self.wide[group.number] = group
            return
        for week in reached:
            self.by_week.setdefault(week, {})[group.number] = group
