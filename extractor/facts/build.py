"""Records of all articles in, facts out: the whole consolidation, pure (no database, no model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from extractor.facts.compat import RULES, MatchRules
from extractor.facts.consolidate import fact_of
from extractor.facts.keys import assign_ids
from extractor.facts.match import Item, entries_of, group_entries
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
