"""Which records are one fact: records of all articles, grouped by the contract's matching rules.

Records are first put in a canonical order (earliest publication first, then
article, record and source), so the grouping, and everything derived from it,
is the same whatever order the inputs came in. Each record then joins the best
group of its block that admits it, or starts a new one:

- an aggregate with a period: its block is kind, period (start, end, rate),
  origin, destination and types; any group admits it (equal keys with
  incompatible counts are one fact with a count conflict); where a block has
  several groups (a part and its whole in one article), a compatible count is
  preferred, then the same route, then the nearest count;
- an open stock: the same without the period; a group admits it when every
  end date in it lies within 31 days of its own;
- an incident: its block is origin and destination; a group admits it when
  every member's date is at most 3 days from its own and no member's count,
  types, route or crossing places contradict it. An undated incident stays a
  fact of its own (nothing says which escape it is).

A group never takes two records of one article: within an article the rule
"one record per fact" already holds (a part and its whole are two records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractor.facts.compat import (
    RULES, MatchRules, count_interval, counts_compatible, ends_within, gap, incident_details_contradict,
    is_open_stock, period_interval,
)
from extractor.records import ArticleMeta, ArticleResult, DefectionRecord

Item = ArticleResult | tuple[ArticleMeta, DefectionRecord]


@dataclass(frozen=True)
class Entry:
    """One record as one input reached it."""

    meta: ArticleMeta
    record: DefectionRecord

    def order(self) -> tuple:
        published = self.meta.published or dt.date.max
        return (published, self.meta.article_id, self.record.record_id, self.meta.source,
                self.record.model_dump_json())


@dataclass
class Group:
    block: tuple
    entries: list[Entry] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self.articles.add(entry.meta.article_id)


def entries_of(items: Iterable[Item]) -> list[Entry]:
    """Every (article, record) pair once per input (source), in the canonical order."""
    found: list[Entry] = []
    for item in items:
        if isinstance(item, ArticleResult):
            found.extend(Entry(item.article, record) for record in item.records)
        else:
            found.append(Entry(*item))
    unique: dict[tuple[str, str], Entry] = {}
    for entry in sorted(found, key=Entry.order):
        unique.setdefault((entry.meta.source, entry.record.record_id), entry)
    return list(unique.values())


def group_entries(entries: list[Entry], rules: MatchRules = RULES) -> list[Group]:
    """The groups of records that are one fact each, in order of their first record."""
    groups: list[Group] = []
    by_block: dict[tuple, list[Group]] = {}
    by_record: dict[str, Group] = {}
    for entry in entries:
        if (same := by_record.get(entry.record.record_id)) is not None:  # one text through another input
            same.add(entry)
            continue
        block = block_of(entry.record)
        candidates = [
            (score, number, group) for number, group in enumerate(by_block.get(block, []))
            if entry.meta.article_id not in group.articles
            and (score := _score(entry.record, group, rules)) is not None
        ]
        if candidates:
            group = min(candidates, key=lambda c: (c[0], c[1]))[2]
        else:
            group = Group(block)
            groups.append(group)
            by_block.setdefault(block, []).append(group)
        group.add(entry)
        by_record[entry.record.record_id] = group
    return groups


def block_of(record: DefectionRecord) -> tuple:
    """The fields that must be equal for two records to be one fact."""
    types = tuple(sorted(record.defector_types))
    if record.kind == "incident":
        return ("incident", record.origin, record.destination)
    period = record.period
    if is_open_stock(record):
        return ("stock", period.rate, record.origin, record.destination, types)
    dates = (period.start, period.end, period.rate) if period else (None, None, None)
    return ("aggregate", *dates, record.origin, record.destination, types)


def _score(record: DefectionRecord, group: Group, rules: MatchRules) -> tuple | None:
    """How well the record fits the group (lower is better), or None when the group cannot take it."""
    members = [entry.record for entry in group.entries]
    if record.kind == "incident":
        return _incident_score(record, members, rules)
    if is_open_stock(record) and not all(ends_within(record.period.end, m.period.end, rules) for m in members):
        return None
    incompatible = sum(not counts_compatible(record.count, m.count, rules) for m in members)
    other_routes = sum("unknown" not in (record.route, m.route) and record.route != m.route for m in members)
    return (incompatible, other_routes, sum(_count_distance(record, m, rules) for m in members))


def _incident_score(record: DefectionRecord, members: list[DefectionRecord], rules: MatchRules) -> tuple | None:
    if record.period is None or any(m.period is None for m in members):
        return None
    if any(incident_details_contradict(record, m, rules) for m in members):
        return None
    gaps = [gap(period_interval(record.period), period_interval(m.period)) for m in members]
    if max(gaps) > rules.incident_gap_days:
        return None
    return (sum(g > 0 for g in gaps), sum(gaps))


def _count_distance(a: DefectionRecord, b: DefectionRecord, rules: MatchRules) -> float:
    if a.count is None or b.count is None:
        return 0
    return gap(count_interval(a.count, rules), count_interval(b.count, rules))
