"""Which records are one fact: records of all articles, grouped by the contract's matching rules.

Records come in the canonical order (``entries``), so the grouping, and
everything derived from it, is the same whatever order the inputs came in.
Each record joins the best group of its block that admits it, or starts one:

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
"one record per fact" already holds (a part and its whole are two records);
the same record reached through another input joins its group at once.
"""

from __future__ import annotations

from extractor.facts.compat import (
    RULES, MatchRules, count_interval, counts_compatible, ends_within, gap, incident_details_contradict,
    is_dated, is_open_stock, period_interval,
)
from extractor.facts.entries import Entry
from extractor.facts.groups import BlockIndex, Group
from extractor.records import DefectionRecord


def group_entries(entries: list[Entry], rules: MatchRules = RULES) -> list[Group]:
    """The groups of records that are one fact each, in order of their first record."""
    groups: list[Group] = []
    blocks: dict[tuple, BlockIndex] = {}
    by_record: dict[str, Group] = {}
    for entry in entries:
        record = entry.record
        group = by_record.get(record.record_id)  # one text through another input
        if group is None:
            index = blocks.setdefault(block_of(record), BlockIndex())
            group = _best(entry, index.near(record, rules), rules)
            if group is None:
                group = Group(len(groups), block_of(record))
                groups.append(group)
            index.file(group, record, rules)
        group.add(entry)
        by_record[record.record_id] = group
    return groups


def _best(entry: Entry, near: list[Group], rules: MatchRules) -> Group | None:
    open_to = [group for group in near if entry.meta.article_id not in group.articles]
    if len(open_to) == 1 and open_to[0].block[0] == "aggregate":  # any group of its block admits it
        return open_to[0]
    scored = [
        (score, group.number, group) for group in open_to
        if (score := _score(entry.record, list(group.members.values()), rules)) is not None
    ]
    return min(scored, key=lambda item: item[:2])[2] if scored else None


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


def _score(record: DefectionRecord, members: list[DefectionRecord], rules: MatchRules) -> tuple | None:
    """How well the record fits a group's distinct members (lower is better), or None when it cannot join."""
    if record.kind == "incident":
        return _incident_score(record, members, rules)
    if is_open_stock(record) and not all(ends_within(record.period.end, m.period.end, rules) for m in members):
        return None
    incompatible = sum(not counts_compatible(record.count, m.count, rules) for m in members)
    other_routes = sum("unknown" not in (record.route, m.route) and record.route != m.route for m in members)
    return (incompatible, other_routes, sum(_count_distance(record, m, rules) for m in members))


def _incident_score(record: DefectionRecord, members: list[DefectionRecord], rules: MatchRules) -> tuple | None:
    if not is_dated(record.period) or not all(is_dated(m.period) for m in members):
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
