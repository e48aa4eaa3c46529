"""Facts for the service, behind one function: built from the stored records (every input's, through
``article_records``) with the pure ``extractor.facts``, exactly as a batch rebuilds the ``facts``
table at its end. Not read from that table: ``/extract`` writes records between batch runs, and
the table is rebuilt only when a run finishes; ``load_facts`` is the one place to change that.

Facts depend on every record (a record read later can join or split a fact), so they are
built from all of them and cached until an article is written (``database_mark``).
"""

from __future__ import annotations

import threading

from extractor.facts import Fact, build_facts, select_facts
from extractor.serve.store import Filters, database_mark
from extractor.sinks.sql_facts import stored_items

_cache: dict[str, tuple[tuple, list[Fact]]] = {}
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
        cached = _cache.get(str(engine.url))
        if cached is not None and cached[0] == mark:
            return cached[1]
    with engine.connect() as conn:
        facts = build_facts(stored_items(conn))
    with _lock:
        _cache[str(engine.url)] = (mark, facts)
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
