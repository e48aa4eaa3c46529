"""``ArticleState``: everything the assembler learns while reading one document.

One state is made per document by :func:`extractor.assemble.build.build_records`
and passed explicitly to the functions that read or update it. The component's
long-lived objects (the lexicon, the gazetteer, the builder) hold no
per-document values, so nothing one article reads can leak into the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractor.assemble.context import ArticleContext
from extractor.assemble.mentions import SentenceFacts
from extractor.records import Period

AGGREGATE_GRAINS = frozenset({"month", "quarter", "half_year", "year", "multi_year"})  # granularities, not words


@dataclass
class ArticleState:
    """One document as the assembler reads it, sentence after sentence."""

    doc: Doc
    context: ArticleContext                       # default origin and destination, Korean or not
    sentences: list[SentenceFacts] = field(default_factory=list)
    topic_period: Period | None = None            # the running period a figure without its own inherits
    topic_text_sentence: int | None = None        # the sentence that named it
    lead_year: Period | None = None               # the first year reported on: an unyeared half or quarter's year
    lead_period: Period | None = None             # the first period reported on: an unnamed whole's ("the arrivals")
    last_incident: int | None = None              # the sentence of the latest incident, for continuations
    notes: list[dict] = field(default_factory=list)  # reported with the result (ErrorInfo-like dicts)
    figure_periods: dict[int, Period | None] = field(default_factory=dict)  # a figure's value -> its latest period

    def remember(self, period: Period | None, sentence_index: int) -> None:
        """Make ``period`` the running topic period when it is an aggregate's (a month or longer)."""
        if period is not None and period.granularity in AGGREGATE_GRAINS and period.rate is None:
            self.topic_period = period
            self.topic_text_sentence = sentence_index
            if self.lead_period is None:
                self.lead_period = period
            if self.lead_year is None and period.granularity == "year":
                self.lead_year = period
