"""Fact keys and ``fact_id``: a stable hash of what makes a fact that fact.

- An aggregate over a period: kind, start, end, rate, origin, destination, types.
- An open stock: the same with the month of its consolidated end instead of the period.
- An incident: kind, origin, destination and the month its consolidated period starts
  (incidents match by overlap, so no single date of a source can be the key; the
  month only moves when sources that disagree about the date change majority).
- An undated incident: its one record_id (it never joins another).
Facts that share a key (two escapes from KP to KR in one month, a part and its
whole without types): the one whose first source comes first (earliest
publication) keeps the plain key, so a later article about another escape of the
month leaves its id alone; the others add their consolidated period, count,
route and types, and as a last resort their smallest record_id.
docs/decisions.md explains the choice.
"""

from __future__ import annotations

import hashlib

from extractor.facts.compat import is_dated
from extractor.facts.models import Fact

ID_CHARS = 32


def base_key(fact: Fact) -> str:
    period, types = fact.period, "+".join(fact.defector_types)
    where = f"{fact.origin}>{fact.destination}"
    if fact.kind == "incident":
        if not is_dated(period):
            return f"incident|{where}|undated|{min(s.record_id for s in fact.sources)}"
        month = period.start or period.end
        return f"incident|{where}|{month:%Y-%m}"
    if period is not None and period.start is None and period.end is not None:
        return f"aggregate|open|{period.end:%Y-%m}|{period.rate}|{where}|{types}"
    span = f"{period.start}..{period.end}|{period.rate}" if period else "undated"
    return f"aggregate|{span}|{where}|{types}"


def detail_key(fact: Fact) -> str:
    period, count = fact.period, fact.count
    span = f"{period.start}..{period.end}" if period else "-"
    amount = f"{count.qualifier}:{count.value}:{count.low}:{count.high}" if count else "-"
    return f"{span}|{amount}|{fact.route}|{'+'.join(fact.defector_types)}"


def assign_ids(facts: list[Fact]) -> list[Fact]:
    """Each fact with its ``fact_id`` (and its key, as the extra field ``key``); ``facts`` are in
    the order of their first source."""
    keys = _unique([base_key(fact) for fact in facts], facts, detail_key)
    keys = _unique(keys, facts, lambda fact: min(source.record_id for source in fact.sources))
    return [fact.model_copy(update={"fact_id": fact_id_for(key), "key": key}) for fact, key in zip(facts, keys)]


def _unique(keys: list[str], facts: list[Fact], detail) -> list[str]:
    """The keys, with ``detail`` appended to those an earlier fact already has."""
    seen: set[str] = set()
    unique = []
    for key, fact in zip(keys, facts):
        unique.append(f"{key}|{detail(fact)}" if key in seen else key)
        seen.add(key)
    return unique


def fact_id_for(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_CHARS]
