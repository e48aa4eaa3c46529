"""One fact from a group of records: consolidated values, its sources and its conflicts.

Each field takes the value most sources give (a null or an empty list never
wins over a value; ties go to the earliest publication, as the group is in
canonical order). For count and period a vaguer value that is compatible with
a more precise one is not a candidate: "196" wins over "nearly 200", May 6
over May. Conflicts: counts that are not all compatible, incident dates that
do not all overlap (near dates match, see ``match``), routes that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import combinations
from typing import Any

from extractor.facts.compat import (
    RULES, Interval, MatchRules, count_interval, counts_compatible, meet, period_interval, width,
)
from extractor.facts.entries import Entry
from extractor.facts.groups import Group
from extractor.facts.models import ConflictValue, Fact, FactConflict, FactSource
from extractor.records import Count, Period


def fact_of(group: Group, rules: MatchRules = RULES) -> Fact:
    """The fact a group tells, with an empty ``fact_id`` (``keys.assign_ids`` gives it)."""
    entries = group.entries
    records = [entry.record for entry in entries]
    return Fact(
        fact_id="", kind=records[0].kind,
        count=_precise(entries, "count", _count_key, lambda c: count_interval(c, rules)),
        period=_precise(entries, "period", _period_key, period_interval),
        defector_types=_most_given(entries, lambda r: tuple(sorted(r.defector_types)) or None) or [],
        origin=_most_given(entries, lambda r: r.origin),
        destination=_most_given(entries, lambda r: r.destination),
        route=_most_given(entries, lambda r: None if r.route == "unknown" else r.route) or "unknown",
        locations=_most_given(entries, lambda r: tuple(r.locations) or None, _locations_key) or [],
        reported_by=_most_given(entries, lambda r: r.reported_by),
        sources=[_source(entry) for entry in entries],
        conflicts=_conflicts(entries, rules),
    )


def _source(entry: Entry) -> FactSource:
    meta, record = entry.meta, entry.record
    return FactSource(
        record_id=record.record_id, article_id=meta.article_id, source=meta.source, url=meta.url,
        published=meta.published, reported_by=record.reported_by, count=record.count, period=record.period,
    )


def _count_key(count: Count) -> Hashable:
    return (count.qualifier, count.value, count.low, count.high)


def _period_key(period: Period) -> Hashable:
    return (period.start, period.end, period.rate)


def _locations_key(locations: tuple) -> Hashable:
    return tuple((loc.name, loc.role) for loc in locations)


def _tally(entries: list[Entry], value_of: Callable, key_of: Callable = lambda v: v) -> dict[Hashable, list]:
    """Distinct non-null values in order of first appearance: key -> [value, number of sources]."""
    tally: dict[Hashable, list] = {}
    for entry in entries:
        value = value_of(entry.record)
        if value is not None:
            tally.setdefault(key_of(value), [value, 0])[1] += 1
    return tally


def _most_given(entries: list[Entry], value_of: Callable, key_of: Callable = lambda v: v) -> Any:
    tally = _tally(entries, value_of, key_of)
    if not tally:
        return None
    best = max(tally.values(), key=lambda item: item[1])  # max keeps the first of equals: the earliest
    return list(best[0]) if isinstance(best[0], tuple) else best[0]


def _precise(entries: list[Entry], name: str, key_of: Callable, interval_of: Callable[[Any], Interval]) -> Any:
    tally = _tally(entries, lambda r: getattr(r, name), key_of)
    spans = {key: interval_of(value) for key, (value, _) in tally.items()}
    vaguer = {a for a, b in combinations(spans, 2) if _contains(spans[a], spans[b])}
    vaguer |= {b for a, b in combinations(spans, 2) if _contains(spans[b], spans[a])}
    candidates = [item for key, item in tally.items() if key not in vaguer]
    return max(candidates, key=lambda item: item[1])[0] if candidates else None


def _contains(outer: Interval, inner: Interval) -> bool:
    """``outer`` admits everything ``inner`` does and more: ``inner`` is the more precise value."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and width(outer) > width(inner)


def _conflicts(entries: list[Entry], rules: MatchRules) -> list[FactConflict]:
    records = [entry.record for entry in entries]
    conflicts = []
    counts = {_count_key(r.count): r.count for r in records if r.count is not None}.values()
    if any(not counts_compatible(a, b, rules) for a, b in combinations(counts, 2)):
        conflicts.append(_conflict(entries, "count", lambda r: r.count, _count_key))
    dated = {period_interval(r.period) for r in records if r.kind == "incident" and r.period is not None}
    if any(not meet(a, b) for a, b in combinations(sorted(dated), 2)):
        conflicts.append(_conflict(entries, "period", lambda r: r.period, _period_key))
    if len({r.route for r in records} - {"unknown"}) > 1:
        conflicts.append(_conflict(entries, "route", lambda r: None if r.route == "unknown" else r.route))
    return conflicts


def _conflict(entries: list[Entry], name: str, value_of: Callable, key_of: Callable = lambda v: v) -> FactConflict:
    """Each distinct value of the field and the record_ids that give it."""
    given: dict[Hashable, tuple[Any, set[str]]] = {}
    for entry in entries:
        value = value_of(entry.record)
        if value is not None:
            given.setdefault(key_of(value), (value, set()))[1].add(entry.record.record_id)
    values = [ConflictValue(value=_plain(value), record_ids=sorted(ids)) for value, ids in given.values()]
    return FactConflict(field=name, values=values)


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value
