"""One record per fact: follow-up mentions merge into their incident, repeated figures collapse.

An incident told over several sentences keeps the first sentence that states
the crossing as evidence; later sentences ("The group of nearly 10 ... was
found on May 6") fill in what it lacks. A figure repeated later in the
article, or in the headline, is the same record: the first body mention wins.
"""

from __future__ import annotations

from extractor.assemble.drafts import Draft


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    incidents: list[Draft] = []
    aggregates: list[Draft] = []
    for draft in drafts:
        if draft.count_followup and draft.kind == "aggregate":
            draft.kind = "incident"  # "the nine had crossed ...": more about a group already reported
        if draft.kind == "incident":
            _add_incident(incidents, draft)
        else:
            _add_aggregate(aggregates, draft)
    return sorted(incidents + aggregates, key=lambda d: d.sentence)


def _add_incident(incidents: list[Draft], draft: Draft) -> None:
    if draft.continuation:
        if incidents and not _conflicting(incidents[-1].period, draft.period):
            _fill(incidents[-1], draft)
        return
    target = _same_incident(incidents, draft)
    if target is None:
        # "He was unarmed": nothing of its own; "he went back" is a re-defection of its own
        adds_nothing = draft.pronoun and draft.period is None and not draft.going_back
        dated = draft.period is not None and draft.period.granularity == "day"
        # "On Feb. 11, the three of them crossed ...": nothing to follow up
        orphan = draft.count_followup and dated and not incidents
        if (orphan or not (draft.followup and draft.count is not None and draft.count_followup)) and not adds_nothing:
            incidents.append(draft)
        return
    if target.headline and not draft.headline:
        _fill(draft, target)
        incidents[incidents.index(target)] = draft
        return
    _fill(target, draft)
    if draft.pronoun:  # "Four of a group of 31 crossed ... since they crossed in February": both groups
        for sibling in incidents:
            if sibling is not target and sibling.sentence == target.sentence \
                    and not _conflicting(sibling.period, draft.period):
                _fill(sibling, draft)


def _same_incident(incidents: list[Draft], draft: Draft) -> Draft | None:
    if not incidents:
        return None
    last = incidents[-1]
    follows = draft.followup and _compatible(last, draft) and not _conflicting(last.period, draft.period) \
        and not _opposite(last, draft)
    if draft.group_followup or follows:
        return last
    for known in incidents:
        same_day = _within(known.period, draft.period) or _within(draft.period, known.period)
        same_count = _count_value(known) == _count_value(draft)
        if (same_day or known.headline) and same_count and _compatible(known, draft) and not _opposite(known, draft):
            return known
    return None


def _opposite(a: Draft, b: Draft) -> bool:
    """A going back ("he went back") after a crossing the other way: a re-defection, not more about it."""
    return bool(b.going_back and a.origin and b.origin and a.origin != b.origin
                and (a.origin == b.destination or b.origin == a.destination))


def _conflicting(a, b) -> bool:
    """Two dates of which neither holds the other: a follow-up telling of another event
    ("He had come south in 2020")."""
    return a is not None and b is not None and not (_within(a, b) or _within(b, a))


def _within(outer, inner) -> bool:
    """``inner`` lies inside ``outer`` ("May 23, 1996" inside "twenty years ago": 1996)."""
    if outer is None or inner is None or None in (outer.start, outer.end, inner.start, inner.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def _compatible(a: Draft, b: Draft) -> bool:
    return not a.types or not b.types or bool(a.types & b.types)


def _count_value(draft: Draft) -> int | None:
    return draft.count.value if draft.count is not None else None


def _fill(target: Draft, source: Draft) -> None:
    """Fill what ``target`` lacks from ``source``, remembering the sentence it came from."""
    used = False
    if target.count is None and source.count is not None:
        target.count, used = source.count, True
    finer = target.period is not None and _within(target.period, source.period) and target.period != source.period
    if source.period is not None and (target.period is None or finer):
        target.period, used = source.period, True  # a finer date for the same event
    if target.route == "unknown" and source.route != "unknown":
        target.route, used = source.route, True
    known = {loc.name for loc in target.locations}
    extra = [loc for loc in source.locations if loc.name not in known]
    if extra:
        target.locations.extend(extra)
        used = True
    if source.types - target.types:
        target.types |= source.types
    target.reported_by = target.reported_by or source.reported_by
    if target.destination is None and source.destination is not None and source.destination != target.origin:
        target.destination, used = source.destination, True  # "landed in the Kharkiv region" told in a later sentence
    if target.origin is None and source.origin is not None and source.origin != target.destination:
        target.origin, used = source.origin, True
    if used:
        target.support.append(source.sentence)
        target.support.extend(source.support)


def _add_aggregate(aggregates: list[Draft], draft: Draft) -> None:
    for i, known in enumerate(aggregates):
        if _same_figure(known, draft):
            if known.headline and not draft.headline:
                aggregates[i] = draft
            return
    aggregates.append(draft)


def _same_figure(a: Draft, b: Draft) -> bool:
    if a.count is None or b.count is None:
        return False
    same_count = _count_key(a.count) == _count_key(b.count)
    if a.period and b.period:
        return same_count and (a.period.start, a.period.end) == (b.period.start, b.period.end)
    return same_count and a.period is b.period


def _count_key(count) -> tuple:
    return count.value, count.qualifier, count.low, count.high
