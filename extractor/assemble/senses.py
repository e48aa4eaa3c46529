"""Senses of "defect", "escape", "flee" and "cross" that are no defection (contract v1.2).

A defection is leaving a state's control. These are not: an escape from a
prison or a jail, politicians or players going over to another party or club,
mass flight from a war (refugees of the fighting, people who fled their
homes), and people rescued or found with nothing else saying they defected.
``other_sense`` answers for one mover (a counted noun, an actor or a bare
number) and its predicate; the words are data (``configs/lexicon.json``:
``non_state_origins``, ``non_state_destinations``, ``politician_nouns``,
``war_flight_cues``, ``weak_triggers``). Functions take the lexicon; none keeps
state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.clauses import acting_verbs, has_trigger_phrase, mentions_defection
from extractor.assemble.nouns import noun_class
from extractor.assemble.tokens import VERB_POS, contains_phrase, noun_phrase_text, predicate_chain, text_of
from extractor.lexicon import Lexicon

PARAGRAPH_REACH = 150  # tokens looked at on each side of a sentence for its paragraph
COUNTRY_LABELS = ("COUNTRY", "DEMONYM")  # place span labels that name a state


def other_sense(lex: Lexicon, mover: Token | None, predicate: Token, clause: list[Token]) -> bool:
    """True when the defection words around ``mover`` mean something else (see the module docstring)."""
    verbs = acting_verbs(predicate)
    if _from_prison(lex, verbs) or _to_party_or_club(lex, verbs):
        return True
    if mover is not None and _politician_without_state(lex, mover, clause):
        return True
    if _only_rescued(lex, predicate, verbs):
        return True
    return _war_flight(lex, mover, predicate, clause)


def _objects(verbs: list[Token], prepositions: tuple[str, ...] | frozenset[str], direct: bool) -> list[Token]:
    """The objects of ``verbs`` after one of ``prepositions`` (and their direct objects with ``direct``)."""
    found = []
    for verb in verbs:
        for child in verb.children:
            if direct and child.dep_ == "dobj":
                found.append(child)
            if child.dep_ == "prep" and child.lower_ in prepositions:
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _phrase_tokens(noun: Token) -> list[Token]:
    """The noun phrase of ``noun`` without the clauses hanging on it."""
    inside = set()
    for token in noun.subtree:
        if token.i != noun.i and token.dep_ in ("relcl", "acl"):
            inside.update(t.i for t in token.subtree)
    return [t for t in noun.subtree if t.i not in inside]


def _names_state(noun: Token) -> bool:
    """"a North Korean prison", "Reform UK": a country or a people named before the noun (not in
    "a jail in the southern Pakistani city of Karachi", which only places it)."""
    ids = {noun.i} | {t.i for c in noun.lefts if c.dep_ in ("compound", "amod", "poss") for t in c.subtree}
    return any(s.label_ in COUNTRY_LABELS and s.start in ids for s in noun.doc.spans.get("places", []))


def _ends_with(phrase: str, entries: frozenset[str] | tuple[str, ...]) -> bool:
    return any(phrase == e or phrase.endswith(" " + e) for e in entries)


def _from_prison(lex: Lexicon, verbs: list[Token]) -> bool:
    """"escaped from a prison work detail", "fled Malir District Jail": a prison escape (not "a prison camp")."""
    leaving = [v for v in verbs if v.lemma_.lower() in lex.origin_verbs]
    places = _objects(verbs, tuple(lex.origin_prepositions) + ("out",), direct=False) \
        + _objects(leaving, (), direct=True)
    for place in places:
        phrase = noun_phrase_text(place)
        named = _ends_with(phrase, lex.non_state_origins) or place.lemma_.lower() in lex.non_state_origins
        if named and not _names_state(place):
            return True
    return False


def _to_party_or_club(lex: Lexicon, verbs: list[Token]) -> bool:
    """"defected to hated rivals Real Madrid", "defected to the party": no state is left."""
    for target in _objects(verbs, tuple(lex.destination_prepositions), direct=False):
        if any(t.lemma_.lower() in lex.non_state_destinations or t.lower_ in lex.non_state_destinations
               for t in _phrase_tokens(target)):
            return True
    return False


def _politician_without_state(lex: Lexicon, mover: Token, clause: list[Token]) -> bool:
    """"40 Tory councillors have switched": politicians change party unless a country is named."""
    words = {mover.lemma_.lower(), mover.lower_}
    if not words & lex.politician_nouns:
        return False
    ids = {t.i for t in clause} | {t.i for t in mover.subtree}
    states = [s for s in mover.doc.spans.get("places", []) if s.label_ == "COUNTRY" and s.start in ids]
    return not states


def _only_rescued(lex: Lexicon, predicate: Token, verbs: list[Token]) -> bool:
    """"The coastguard rescued 120 people": rescued or found, and nothing in the sentence (or the one
    before: "Arrivals of this kind are rare. ... nine North Koreans were found aboard a boat") says defected."""
    lemmas = {v.lemma_.lower() for v in [*predicate_chain(predicate), *verbs] if v.pos_ in VERB_POS}
    if not lemmas & lex.weak_triggers or lemmas & (lex.incident_verbs - lex.weak_triggers):
        return False
    sent = predicate.sent
    before = sent.doc[sent.start - 1].sent if sent.start > 0 else sent
    return not (mentions_defection(lex, [*before, *sent]) or has_trigger_phrase(lex, verbs))


def _war_flight(lex: Lexicon, mover: Token | None, predicate: Token, clause: list[Token]) -> bool:
    """Flight from a war: "fled her home" in the mover's clause, or a war cue in the paragraph of
    civilians (people, refugees, families; not soldiers or officials) crossing."""
    if contains_phrase(text_of(clause), lex.war_flight_cues):
        return True
    if mover is not None and not _civilians(lex, mover):
        return False
    return contains_phrase(text_of(_paragraph(predicate.sent)), lex.war_flight_cues) is not None


def _civilians(lex: Lexicon, mover: Token) -> bool:
    """People named by no role: "people", "refugees", "Sudanese refugees", "women and children"."""
    lemma = mover.lemma_.lower()
    if lemma in lex.type_words or mover.lower_ in lex.type_words or noun_class(lex, mover) == "defection":
        return False
    return lemma in lex.civilian_nouns or mover.lower_ in lex.civilian_nouns


def _paragraph(sent: Span) -> list[Token]:
    """The tokens of the paragraph holding ``sent`` (up to a line break on each side)."""
    doc = sent.doc
    start = sent.start
    while start > max(0, sent.start - PARAGRAPH_REACH) and not _breaks_line(doc[start - 1]):
        start -= 1
    end = sent.end
    while end < min(len(doc), sent.end + PARAGRAPH_REACH) and not _breaks_line(doc[end - 1]):
        end += 1
    return list(doc[start:end])


def _breaks_line(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)
