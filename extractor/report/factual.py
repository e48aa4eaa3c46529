"""The report's cross-article views count facts, not mentions.

One figure told by five outlets is one bar on the timeline and one count in
the places table, with its number of sources and a mark where they disagree;
the per-article sections still show every record. A fact's mark links to the
record of its first source (the canonical order of ``extractor.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.facts import Fact, build_facts
from extractor.report.load import ReportItem
from extractor.report.marking import record_anchor
from extractor.report.section import article_label
from extractor.report.timeline import Entry


@dataclass(frozen=True)
class ReportFacts:
    facts: list[Fact]
    entries: list[Entry]  # one per fact, for the timeline
    article_numbers: dict[str, int]  # input source -> its section number

    def articles_of(self, fact: Fact) -> list[int]:
        return sorted({self.article_numbers[s.source] for s in fact.sources if s.source in self.article_numbers})


def report_facts(items: list[ReportItem]) -> ReportFacts:
    results = [item.result for item in items]
    numbers = {result.article.source: number for number, result in enumerate(results, 1)}
    anchors = {(result.article.source, record.record_id): record_anchor(a, n)
               for a, result in enumerate(results, 1) for n, record in enumerate(result.records, 1)}
    labels = {result.article.source: article_label(result) for result in results}
    facts = build_facts(result for result in results if result.records)
    entries = [_entry(fact, anchors, labels) for fact in facts]
    return ReportFacts(facts, entries, numbers)


def _entry(fact: Fact, anchors: dict, labels: dict) -> Entry:
    first = fact.sources[0]
    article = labels.get(first.source, first.source)
    others = len({s.source for s in fact.sources}) - 1
    if others:
        article += f" and {others} more"
    return Entry(fact, anchors.get((first.source, first.record_id), ""), article,
                 record_ids=tuple(sorted({s.record_id for s in fact.sources})), sources=len(fact.sources),
                 conflicts=tuple(c.field for c in fact.conflicts))
