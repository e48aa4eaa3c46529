"""What one sentence says, as data: its counted figures, its actors, its times.

The readers that fill these are functions in their own modules: ``counts``
(which numbers count defectors), ``actors`` (people without a number),
``nouns`` (what a number counts) and ``clauses`` (negation, forecasts,
triggers); ``sentences`` runs them over a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.assemble.doccache import doc_spans


@dataclass
class CountMention:
    span: Span
    noun: Token | None
    noun_class: str            # defection | people | other | none
    predicate: Token
    clause: list[Token]
    definite: bool = False     # "the group of nearly 10": a follow-up on a known incident
    part: bool = False         # "including 210 women", "14 of the new arrivals": a part of a figure (v1.1)
    listed: bool = False       # a part after "including", "among them": its whole is a figure of the same sentence
    dated_part: bool = False   # a part that names its own period ("including 43 in the first quarter")
    members: list[CountMention] = field(default_factory=list)  # "three men and six women" summed: the two


@dataclass
class ActorMention:
    """A person or group doing the defecting without a number: "a North Korean soldier"."""

    tokens: Span               # determiner .. noun
    noun: Token
    predicate: Token
    clause: list[Token]
    definite: bool
    named: bool = False
    indefinite: bool = False
    pronoun: bool = False      # "He had come south in 2020": someone the article already named
    others: CountMention | None = None  # "a general ... with 12 other officers": one group of 13


@dataclass
class SentenceFacts:
    sent: Span
    start: int
    end: int
    text: str
    paragraph: int
    is_headline: bool
    counts: list[CountMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    topical: bool = False

    def spans(self, key: str) -> list[Span]:
        doc = self.sent.doc
        return [s for s in doc_spans(doc, key) if self.sent.start <= s.start and s.end <= self.sent.end]


def sentence_bounds(sent: Span, full_text: str) -> tuple[int, int, str]:
    """Start, end and text of a sentence without its surrounding whitespace; ``full_text`` is the
    document's text (``doc_text``): slicing it spares making a Token for each word (``Span.text``)."""
    text = full_text[sent.start_char:sent.end_char]
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(stripped), stripped
