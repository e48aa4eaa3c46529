"""What one sentence says: counted people, incident actors, times, places, sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.assemble.tokens import (
    clause_tokens,
    contains_phrase,
    noun_phrase_text,
    predicate_chain,
    predicate_of,
    text_of,
    trimmed_bounds,
)
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

BARE_NOUNS = frozenset({"number", "figure", "total", "tally", "count", "numbers", "figures", "level", "record", "high", "low"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
AGE_CUES = frozenset({"aged", "age", "ages", "old"})


@dataclass
class CountMention:
    span: Span
    noun: Token | None
    noun_class: str            # defection | people | other | none
    predicate: Token
    clause: list[Token]
    definite: bool = False     # "the group of nearly 10": a follow-up on a known incident


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
        return [s for s in doc.spans.get(key, []) if self.sent.start <= s.start and s.end <= self.sent.end]


class SentenceReader:
    """Reads counts and actors out of one sentence with the lexicon and the gazetteer."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer

    # --- what a number counts -------------------------------------------------
    def counted_noun(self, span: Span) -> Token | None:
        for token in span:
            if token.pos_ in ("NOUN", "PROPN") and not token.like_num and token.lower_ not in BARE_NOUNS:
                if self.noun_class(token) in ("people", "defection"):
                    return token
        for token in span:
            for child in token.children:
                if child.lower_ == "of" and child.i >= span.end:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        root = span.root
        if root.dep_ in ("nummod", "quantmod", "amod", "compound", "det", "nmod", "npadvmod") and root.head.i >= span.end:
            if root.head.pos_ in ("NOUN", "PROPN"):
                return root.head
        return None

    def noun_class(self, noun: Token | None) -> str:
        if noun is None:
            return "none"
        lemma, lower = noun.lemma_.lower(), noun.lower_
        if lower in BARE_NOUNS or lemma in BARE_NOUNS:
            return "none"
        if lemma in self.lex.defection_nouns or lower in self.lex.defection_nouns:
            return "defection"
        if self._is_people_word(noun):
            return "people"
        return "other"

    def _is_people_word(self, noun: Token) -> bool:
        lemma, lower = noun.lemma_.lower(), noun.lower_
        words = (lemma, lower, noun_phrase_text(noun))
        if any(w in self.lex.people_nouns or w in self.lex.type_words for w in words):
            return True
        return self.gaz.country_code(noun.text) is not None and noun.tag_ in ("NNPS", "NNS")

    # --- the clause around a mention -------------------------------------------
    def is_negative(self, clause: list[Token], predicate: Token) -> bool:
        chain = predicate_chain(predicate)
        if any(v.lemma_.lower() in self.lex.negative_lemmas for v in chain):
            return True
        return contains_phrase(text_of(clause), self.lex.negative_phrases) is not None

    def is_forecast(self, predicate: Token) -> bool:
        for verb in predicate_chain(predicate):
            if verb.lemma_.lower() in self.lex.forecast_lemmas:
                return True
            if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in self.lex.forecast_lemmas for c in verb.children):
                return True
        return False

    def has_trigger(self, tokens: list[Token]) -> bool:
        return any(
            t.lemma_.lower() in self.lex.triggers and t.pos_ == "VERB"
            or t.lemma_.lower() in self.lex.defection_nouns
            for t in tokens
        )

    def is_topical(self, sent: Span) -> bool:
        return any(t.lemma_.lower() in self.lex.defection_nouns or t.lemma_.lower() in ("defect", "flee", "escape") for t in sent)

    # --- counts ------------------------------------------------------------------
    def read_count(self, span: Span, topical_context: bool) -> CountMention | None:
        noun = self.counted_noun(span)
        noun_class = self.noun_class(noun)
        anchor = noun if noun is not None else span.root
        predicate = predicate_of(anchor)
        keep = [noun] if noun is not None else [span.root]
        clause = clause_tokens(predicate, keep=keep)
        if noun_class == "other" or self._looks_like_age(span):
            return None
        if self.is_negative(clause, predicate) or self.is_forecast(predicate):
            return None
        if noun_class == "people" and not self.has_trigger(clause + list(noun.subtree)):
            return None
        if noun_class == "none" and not (self.has_trigger(clause) or self._statistic(predicate, topical_context)):
            return None
        definite = noun is not None and any(c.lower_ in DEFINITE for c in noun.lefts if c.dep_ == "det")
        return CountMention(span, noun, noun_class, predicate, clause, definite)

    def _statistic(self, predicate: Token, topical_context: bool) -> bool:
        return topical_context and predicate.lemma_.lower() in self.lex.statistic_verbs

    @staticmethod
    def _looks_like_age(span: Span) -> bool:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.lower_ in AGE_CUES:
            return True
        if after is not None and after.lower_ in ("years", "year") and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "old":
            return True
        comma_wrapped = before is not None and before.text == "," and after is not None and after.text in (",", ")")
        return comma_wrapped and span.root.dep_ in ("appos", "npadvmod", "amod", "nummod") and len(span) == 1

    # --- actors without a number ---------------------------------------------------
    def read_actors(self, sent: Span, counted: set[int]) -> list[ActorMention]:
        actors = []
        for token in sent:
            if token.i in counted or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
                continue
            actor = self._actor(token)
            if actor is not None:
                actors.append(actor)
        return actors

    def _actor(self, noun: Token) -> ActorMention | None:
        named = noun.pos_ == "PROPN" and noun.dep_ in ("nsubj", "nsubjpass") and self._is_person_name(noun)
        if not named and self.noun_class(noun) not in ("people", "defection"):
            return None
        predicate = predicate_of(noun)
        if predicate.lemma_.lower() not in self.lex.incident_verbs or noun.dep_ == "pobj" and noun.head.lower_ != "of":
            return None
        if noun.dep_ == "pobj" and noun.head.head.lower_ not in self.lex.group_nouns:
            return None
        clause = clause_tokens(predicate, keep=[noun])
        if self.is_negative(clause, predicate) or self.is_forecast(predicate):
            return None
        dets = [c.lower_ for c in noun.lefts if c.dep_ in ("det", "nummod")]
        definite = any(d in DEFINITE for d in dets)
        indefinite = any(d in INDEFINITE for d in dets)
        plural = noun.tag_ in ("NNS", "NNPS")
        if not (definite or indefinite or named or plural):
            return None
        start = min([noun.i, *(c.i for c in noun.lefts)])
        return ActorMention(noun.doc[start:noun.i + 1], noun, predicate, clause, definite, named, indefinite)

    def _is_person_name(self, noun: Token) -> bool:
        """A person's name: capitalised singular PROPN compound ("Thae Yong-ho") that is no place or people."""
        parts = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not parts or noun.tag_ != "NNP" or not all(p.is_title for p in [*parts, noun]):
            return False
        name = noun.doc[parts[0].i:noun.i + 1].text
        return self.gaz.resolve(name) is None and self.gaz.country_code(noun.text) is None


def sentence_bounds(sent: Span) -> tuple[int, int, str]:
    start, end = trimmed_bounds(sent)
    return start, end, sent.doc.text[start:end]
