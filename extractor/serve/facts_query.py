"""Facts for the service, behind one function: today built from the ``records`` table with the pure
``extractor.facts``; when the database holds facts of its own, only ``load_facts`` changes.

Facts depend on every record (a record read later can join or split a fact), so they are
built from all of them and cached until an article is written (``database_mark``).
"""

from __future__ import annotations

import threading

from extractor.facts import Fact, build_facts, select_facts
from extractor.serve.store import Filters, article_pairs, database_mark

_cache: dict[int, tuple[tuple, list[Fact]]] = {}
_lock = threading.Lock()


def load_facts(engine, filters: Filters = Filters()) -> list[Fact]:
    """The facts of the database that pass ``filters`` (kind, origin, destination, period, conflicts only)."""
    facts = [fact for fact in _all_facts(engine) if _passes(fact, filters)]
    return select_facts(facts, filters.kind, filters.conflicts_only)


def find_fact(engine, fact_id: str) -> Fact | None:
    return next((fact for fact in _all_facts(engine) if fact.fact_id == fact_id), None)


def _all_facts(engine) -> list[Fact]:
    mark = database_mark(engine)
    with _lock:
        cached = _cache.get(id(engine))
        if cached is not None and cached[0] == mark:
            return cached[1]
    facts = build_facts(article_pairs(engine, Filters()))
    with _lock:
        _cache[id(engine)] = (mark, facts)
    return facts


def _passes(fact: Fact, filters: Filters) -> bool:
    period = fact.period
    if filters.origin is not None and fact.origin != filters.origin:
        return False
    if filters.destination is not None and fact.destination != filters.destination:
        return False
    if filters.period_from is not None and (period is None or period.end is None or period.end < filters.period_from):
        return False
    return filters.period_to is None or (period is not None and period.start is not None
                                         and period.start <= filters.period_to)
