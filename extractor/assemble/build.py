"""Sentence facts -> drafts -> one record per fact, for one document at a time.

:func:`build_records` is the whole assembler: it makes the document's
:class:`ArticleState`, reads its sentences (:mod:`.sentences`), drafts each
one in order (:mod:`.drafting`), merges repeated incidents and figures
(:mod:`.merge`), names sources (:mod:`.sources`) and writes the records.
:class:`RecordBuilder` is the long-lived object the spaCy component holds: it
keeps only the lexicon and the gazetteer, never anything of a document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from extractor.assemble.context import article_context
from extractor.assemble.doccache import forget
from extractor.assemble.drafting import sentence_drafts
from extractor.assemble.drafts import Draft
from extractor.assemble.merge import merge_drafts
from extractor.assemble.mentions import SentenceFacts
from extractor.assemble.sentences import read_sentences
from extractor.assemble.sources import named_source
from extractor.assemble.state import ArticleState
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer
from extractor.normalize.time_calendar import YearOnly
from extractor.records import DefectionRecord, Evidence, record_id_for

YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")  # a four-digit year


@dataclass(frozen=True)
class Assembled:
    """A record and the other sentences it drew details or its period from (for grounding)."""

    record: DefectionRecord
    grounds: list[str]


class RecordBuilder:
    """The assembler's rules (lexicon and gazetteer); one per pipeline, reused for every document."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer

    def build(self, doc: Doc) -> tuple[list[Assembled], list[dict]]:
        return build_records(self.lex, self.gaz, doc)


def build_records(lex: Lexicon, gaz: Gazetteer, doc: Doc) -> tuple[list[Assembled], list[dict]]:
    """The records of ``doc`` and the notes to report with them."""
    forget(doc)
    try:
        state = ArticleState(doc=doc, context=article_context(doc, lex))
        state.sentences = read_sentences(lex, gaz, doc, state.context.korean)
        drafts: list[Draft] = []
        for index in range(len(state.sentences)):
            drafts.extend(sentence_drafts(lex, state, index))
        merged = drop_headline_repeats(merge_drafts(drafts), state.sentences)
        for draft in merged:
            draft.reported_by = named_source(lex, draft, state.sentences)
        seen: Counter = Counter()
        return [to_record(d, state.sentences, doc, seen) for d in merged], state.notes
    finally:
        forget(doc)  # the cached spans point back at the Doc: a cycle only the garbage collector would free


def to_record(draft: Draft, sentences: list[SentenceFacts], doc: Doc, seen: Counter) -> Assembled:
    """The record of ``draft``; ``seen`` numbers drafts with the same id parts apart."""
    facts = sentences[draft.sentence]
    article_id = doc._.article_id or ""
    period_bounds = draft.period and (draft.period.start, draft.period.end)
    key = (draft.kind, draft.sentence, period_bounds, draft.count and draft.count.text)
    seen[key] += 1
    record = DefectionRecord(
        record_id=record_id_for(article_id, draft.kind, facts.start, facts.end, draft.period, draft.count,
                                seen[key] - 1),
        kind=draft.kind, count=draft.count, period=draft.period, defector_types=sorted(draft.types),
        origin=draft.origin, destination=draft.destination, route=draft.route, locations=draft.locations,
        reported_by=draft.reported_by, evidence=Evidence(text=facts.text, start=facts.start, end=facts.end),
        confidence=draft.confidence,
    )
    return Assembled(record, _grounds(draft, sentences))


def _grounds(draft: Draft, sentences: list[SentenceFacts]) -> list[str]:
    """Sentences a record drew from: merged ones, and the nearest one naming its inherited period."""
    grounds = [sentences[i].text for i in draft.support]
    evidence = sentences[draft.sentence].text
    for phrase in (draft.period.text if draft.period else None, draft.count.text if draft.count else None):
        if not phrase or phrase in evidence or any(phrase in g for g in grounds):
            continue
        holders = [i for i, f in enumerate(sentences) if phrase in f.text]
        if holders:
            grounds.append(sentences[min(holders, key=lambda i: abs(i - draft.sentence))].text)
    return grounds


def drop_headline_repeats(drafts: list[Draft], sentences: list[SentenceFacts]) -> list[Draft]:
    """A headline repeats what the body says: keep a headline record only when the body lacks its figure."""
    body_values = {d.count.value for d in drafts if not d.headline and d.count is not None}
    body_text = " ".join(f.text for f in sentences if not f.is_headline)
    kept = []
    for draft in drafts:
        if draft.headline:
            value = draft.count.value if draft.count is not None else None
            repeated = value in body_values or (draft.count is not None and draft.count.text in body_text)
            if repeated or any(d.kind == draft.kind and not d.headline for d in drafts if value is None):
                continue
        kept.append(draft)
    return kept


def latest_year_anchor(text: str, today: dt.date | None = None) -> dt.date | None:
    """Without a publication date, dates that need only a year resolve against the latest year the
    text names (a ``YearOnly`` anchor); those that need the day of publication stay unresolved."""
    today = today or dt.date.today()
    years = [int(y) for y in YEAR.findall(text) if int(y) <= today.year]
    return YearOnly.of(max(years)) if years else None
