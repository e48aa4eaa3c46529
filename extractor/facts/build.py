"""Records of all articles in, facts out: the whole consolidation, pure (no database, no model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from extractor.facts.compat import RULES, MatchRules
from extractor.facts.consolidate import fact_of
from extractor.facts.keys import assign_ids
from extractor.facts.entries import Item, entries_of
from extractor.facts.match import group_entries
from extractor.facts.models import Fact


def build_facts(items: Iterable[Item], rules: MatchRules = RULES) -> list[Fact]:
    """The facts that ArticleResults or (ArticleMeta, DefectionRecord) pairs report, sorted:
    the same list whatever the order of the inputs."""
    facts = assign_ids([fact_of(group, rules) for group in group_entries(entries_of(items), rules)])
    return sorted(facts, key=_order)


def _order(fact: Fact) -> tuple:
    period = fact.period
    start = (period.start or period.end or dt.date.min) if period else dt.date.min
    return (fact.kind, start, fact.fact_id)


def select_facts(
    facts: list[Fact], kind: str | None = None, conflicts_only: bool = False, since: dt.date | None = None,
) -> list[Fact]:
    """The facts of ``kind``, with conflicts only if asked, whose period reaches ``since``: it ends
    on or after it or has no end (facts with no dates at all are left out then)."""
    return [fact for fact in facts if (kind is None or fact.kind == kind)
            and (not conflicts_only or fact.conflicts) and (since is None or _reaches(fact, since))]


def _reaches(fact: Fact, since: dt.date) -> bool:
    period = fact.period
    if period is None or (period.start is None and period.end is None):
        return False
    return period.end is None or period.end >= since
