"""What the article as a whole says about places: who defects from where to where.

:func:`article_context` reads it once per document; the result is immutable and
lives in that document's :class:`extractor.assemble.state.ArticleState`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from extractor.assemble.doccache import doc_spans, token_indices
from extractor.assemble.tokens import governing_preposition
from extractor.lexicon import Lexicon

# 'the North' / 'the South' in an article about the Koreas -> country code
KOREAN_CONTEXT = {"north": "KP", "south": "KR"}


@dataclass(frozen=True)
class ArticleContext:
    origin: str | None = None
    destination: str | None = None
    korean: bool = False


def country_of_span(span: Span) -> str | None:
    place = span._.place
    return place.country if place is not None else None


def korean_side(span_text: str, korean: bool) -> str | None:
    """"the South" / "the North" in an article about the two Koreas."""
    words = span_text.lower().split()
    if korean and words and words[-1] in KOREAN_CONTEXT and (len(words) == 1 or words[0] == "the"):
        return KOREAN_CONTEXT[words[-1]]
    return None


def side_mentions(doc: Doc) -> list[tuple[int, str]]:
    """(token index, code) for every "the North"/"the South" used as a place."""
    found = []
    for i in token_indices(doc, LOWER, tuple(KOREAN_CONTEXT)):
        token = doc[i]
        if token.i > 0 and doc[token.i - 1].lower_ == "the":
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is None or not nxt.is_alpha or nxt.pos_ not in ("NOUN", "PROPN"):
                found.append((token.i, KOREAN_CONTEXT[token.lower_]))
    return found


def article_context(doc: Doc, lexicon: Lexicon) -> ArticleContext:
    """Default origin and destination, only where the article supports them."""
    places = list(doc_spans(doc, "places"))
    codes = [country_of_span(s) for s in places if s._.place and s._.place.kind == "country"]
    korean = "KP" in codes or any("north korea" in s.text.lower() for s in places)
    origin = _default_origin(places, codes, lexicon)
    destination = _default_destination(doc, places, korean, origin, lexicon)
    return ArticleContext(origin=origin, destination=destination, korean=korean)


def _default_origin(places: list[Span], codes: list[str | None], lexicon: Lexicon) -> str | None:
    actor_codes = Counter()
    for span in places:
        place = span._.place
        if place is None or place.kind != "country" or not place.country:
            continue
        head = span.root.head
        if inside_name(span):
            continue  # "Cycling Australia officials": an organisation's name, not the country
        movers = lexicon.people_nouns | set(lexicon.type_words) | lexicon.defection_nouns
        if span.label_ == "DEMONYM" or head.lemma_.lower() in movers:
            actor_codes[place.country] += 2
        elif span.root.dep_ == "poss" and head.lemma_.lower() in lexicon.group_nouns:
            actor_codes[place.country] += 2  # "Burundi's national cycling team walked out"
        if governing_preposition(span.root) in lexicon.origin_prepositions:
            actor_codes[place.country] += 1
    if actor_codes:
        return actor_codes.most_common(1)[0][0]
    counted = Counter(c for c in codes if c)
    return counted.most_common(1)[0][0] if counted else None


def inside_name(span: Span) -> bool:
    """A country name right after another capitalised word of the same name ("Cycling Australia")."""
    if span.label_ == "DEMONYM" or span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    return before.is_title and before.pos_ in ("PROPN", "NOUN", "VERB") \
        and before.dep_ in ("compound", "amod", "nmod") and span.root.dep_ == "compound"


def _default_destination(doc: Doc, places: list[Span], korean: bool, origin: str | None,
                         lexicon: Lexicon) -> str | None:
    votes = Counter()
    reached = lexicon.destination_prepositions | lexicon.destination_verbs
    for span in places:
        code = country_of_span(span)
        prep = governing_preposition(span.root)
        arrived_in = prep == "in" and span.root.head.head.lemma_.lower() in lexicon.arrival_lemmas
        if code and code != origin and (prep in reached or arrived_in):
            votes[code] += 1
    if korean:
        for index, code in side_mentions(doc):
            if code != origin and governing_preposition(doc[index]) in reached:
                votes[code] += 1
    if votes:
        return votes.most_common(1)[0][0]
    if origin == "KP" and (any(country_of_span(s) == "KR" for s in places) or side_mentions(doc)):
        return "KR"
    return None
