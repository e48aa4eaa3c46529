"""The records of all inputs in one canonical order, each once per input.

The order is earliest publication first (undated articles last), then
article_id, record_id and source: grouping, consolidation and ids follow from
it, so the facts never depend on the order the inputs came in, and "ties go
to the earliest publication" is "the first in this order".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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
