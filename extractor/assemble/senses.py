"""Senses of "defect", "escape", "flee", "cross" and "arrive" that are no defection (contract v1.2).

A defection is leaving a state's control. These are not: an escape from a
prison or a jail, politicians or players going over to another party or club,
mass flight from a war (refugees of the fighting, people who fled their
homes), people rescued or found with nothing else saying they defected, people
held or captured in the clause the defection hangs on, defectors doing
something else (gathering, learning), residents living in a town, "sought" or
"abandoned" without their object ("sought reelection"), and a movement with no
border, route, state or place crossed ("arrive at the city hall"). ``other_sense``
answers for one mover (a counted noun, an actor or a bare number) and its
predicate; the words are data (``configs/lexicon.json``: ``non_state_origins``,
``non_state_destinations``, ``politician_nouns``, ``war_flight_cues``,
``civilian_nouns``, ``weak_triggers``, ``captivity_lemmas``,
``defector_activity_lemmas``, ``trigger_objects``, ``movement_verbs``,
``border_nouns``, ``org_head_words``). Functions take the lexicon; none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.clauses import acting_verbs, has_trigger_phrase, mentions_defection
from extractor.assemble.doccache import doc_spans
from extractor.assemble.nouns import is_demonym, noun_class, of_object
from extractor.assemble.tokens import VERB_POS, contains_phrase, noun_phrase_text, predicate_chain, text_of
from extractor.lexicon import Lexicon

CROSSING_WORDS = ("across", "over")  # prepositions of a movement that crosses what follows

PARAGRAPH_REACH = 150  # tokens looked at on each side of a sentence for its paragraph
PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "inside", "within"})  # where a movement ends
COUNTRY_LABELS = ("COUNTRY", "DEMONYM")  # place span labels that name a state


def other_sense(lex: Lexicon, mover: Token | None, predicate: Token, clause: list[Token], actor: bool = False) -> bool:
    """True when the defection words around ``mover`` mean something else (see the module docstring).

    A movement with nothing crossed is checked for ``actor`` movers only (people with no number):
    a figure of arrivals is a statistic whose article says what they arrive from."""
    verbs = acting_verbs(predicate)
    if _from_prison(lex, verbs) or _to_party_or_club(lex, verbs) or _without_its_object(lex, verbs):
        return True
    if _held_afterwards(lex, predicate):
        return True
    if mover is not None and _politician_without_state(lex, mover, clause):
        return True
    if mover is not None and (_defectors_doing_else(lex, mover, predicate) or _residents(lex, mover, predicate)):
        return True
    # "returned a week later to spend Christmas with ... two sisters": relatives on a trip
    relatives = mover is not None and mover.lemma_.lower() in lex.kin_nouns and _trip(verbs, mover)
    if _only_rescued(lex, predicate, verbs) or ((actor or relatives) and _mere_movement(lex, mover, verbs, clause)):
        return True
    return _war_flight(lex, mover, predicate, clause)


def _trip(verbs: list[Token], mover: Token) -> bool:
    """A movement with a purpose ("returned ... to spend Christmas"): an infinitive clause on it
    that does not hold the mover ("landed ... to pick up his wife and two sons" moves them)."""
    return any(c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               and mover.i not in {t.i for t in c.subtree} for v in verbs for c in v.children)


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
    return any(s.label_ in COUNTRY_LABELS and s.start in ids for s in doc_spans(noun.doc, "places"))


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


def _without_its_object(lex: Lexicon, verbs: list[Token]) -> bool:
    """"did not seek reelection", "sought to ban banks", "my father abandoned us": the only triggers
    are ones that need an object of ``trigger_objects`` ("sought asylum", "abandoned their posts")."""
    triggers = [v for v in verbs if v.lemma_.lower() in lex.triggers | lex.incident_verbs]
    if not triggers or any(v.lemma_.lower() not in lex.trigger_objects for v in triggers):
        return False
    for verb in triggers:
        wanted = lex.trigger_objects[verb.lemma_.lower()]
        objects = _objects([verb], tuple(lex.crossing_prepositions | PLACE_PREPOSITIONS), direct=True)
        if any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in objects):
            return False
    return not has_trigger_phrase(lex, verbs)


def _politician_without_state(lex: Lexicon, mover: Token, clause: list[Token]) -> bool:
    """"40 Tory councillors have switched": politicians change party unless a country is named."""
    words = {mover.lemma_.lower(), mover.lower_}
    if not words & lex.politician_nouns:
        return False
    ids = {t.i for t in clause} | {t.i for t in mover.subtree}
    states = [s for s in doc_spans(mover.doc, "places") if s.label_ == "COUNTRY" and s.start in ids]
    return not states


def _held_afterwards(lex: Lexicon, predicate: Token) -> bool:
    """"After giving themselves up the defectors ... were held for two weeks": a defection told in a
    clause hung on a main verb of captivity is no record (v1.2: captured before they got away)."""
    if predicate.dep_ == "pcomp" and predicate.head.dep_ == "prep":
        main = predicate.head.head
    elif predicate.dep_ == "advcl":
        main = predicate.head
    else:
        return False
    return main.pos_ in VERB_POS and main.lemma_.lower() in lex.captivity_lemmas


def _defectors_doing_else(lex: Lexicon, mover: Token, predicate: Token) -> bool:
    """"a group of about 15 defectors gathered on the island", "Hundreds of defectors learn how to
    live ...": defectors (people, not events) whose own verb is something else than defecting."""
    phrase = [mover, *(n for n in [of_object(mover)] if n is not None)]
    if mover.dep_ == "pobj" and mover.head.lower_ == "of":
        phrase.append(mover.head.head)  # "Hundreds of defectors"
    defectors = [n for n in phrase if noun_class(lex, n) == "defection"
                 and n.lemma_.lower() not in lex.defection_event_nouns]
    if not defectors:
        return False
    own = [c for n in phrase for c in n.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if not own and any(n.dep_ in ("nsubj", "nsubjpass") and n.head.i == predicate.i for n in phrase):
        own = [predicate]
    other = lex.negative_lemmas | lex.subject_negative_lemmas | lex.defector_activity_lemmas
    return any(v.lemma_.lower() in other for v in own)


def _residents(lex: Lexicon, mover: Token, predicate: Token) -> bool:
    """"about 5,000 residents who live in the town": people (no defectors, no people of a country, no
    type) living somewhere that is no state or gazetteer place are residents, not a stock of defectors."""
    if noun_class(lex, mover) != "people" or is_demonym(mover) or mover.lemma_.lower() in lex.type_words:
        return False
    own = [c for c in mover.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if not own and mover.dep_ in ("nsubj", "nsubjpass") and mover.head.i == predicate.i:
        own = [predicate]
    for verb in (v for v in own if v.lemma_.lower() in lex.stock_lemmas):
        ids = {t.i for t in verb.subtree}
        places = [p for p in doc_spans(mover.doc, "places") if p.start in ids and p.label_ != "DEMONYM"]
        if not places and not contains_phrase(text_of(verb.subtree), lex.border_nouns):
            return True
    return False


def _only_rescued(lex: Lexicon, predicate: Token, verbs: list[Token]) -> bool:
    """"The coastguard rescued 120 people": rescued or found, and nothing in the sentence (or the one
    before: "Arrivals of this kind are rare. ... nine North Koreans were found aboard a boat") says defected."""
    lemmas = {v.lemma_.lower() for v in [*predicate_chain(predicate), *verbs] if v.pos_ in VERB_POS}
    if not lemmas & lex.weak_triggers or lemmas & (lex.incident_verbs - lex.weak_triggers):
        return False
    sent = predicate.sent
    before = sent.doc[sent.start - 1].sent if sent.start > 0 else sent
    return not (mentions_defection(lex, [*before, *sent]) or has_trigger_phrase(lex, verbs))


def _mere_movement(lex: Lexicon, mover: Token | None, verbs: list[Token], clause: list[Token]) -> bool:
    """"arrive at the Legislative Council", "entered the province of Hama", "returned a week later":
    a movement with no border, route, state or place crossed, in a sentence that says no defection."""
    lemmas = {v.lemma_.lower() for v in verbs}
    defecting = (lex.triggers | lex.incident_verbs) - lex.movement_verbs
    if not lemmas & lex.movement_verbs or lemmas & defecting:
        return False
    if mover is not None and _organisation(lex, mover):
        return True
    sent = verbs[0].sent
    said = any(t.lemma_.lower() in lex.defection_nouns - lex.movement_nouns for t in sent) or any(
        t.lemma_.lower() in lex.strong_triggers - lex.movement_verbs and t.pos_ in VERB_POS for t in sent)
    if said or has_trigger_phrase(lex, verbs):
        return False
    crossed = _where_to(lex, [v for v in verbs if v.lemma_.lower() in lex.movement_verbs])
    words = text_of(crossed)
    routes = [p for phrases in lex.route_cues.values() for p in phrases]
    if contains_phrase(words, lex.border_nouns) or contains_phrase(words, routes):
        return False
    ids = {t.i for t in crossed}
    return not any(s.start in ids and s.label_ != "DEMONYM" for s in doc_spans(sent.doc, "places"))


def own_crossing_relative(lex: Lexicon, noun: Token, predicate: Token) -> Token | None:
    """"Four North Koreans who crossed the sea border on Oct 21 have asked to defect": the people's own
    relative clause tells a border crossing, in the past, while their main verb (a request, a wish, life
    after arrival) is no defection event of its own: the relative clause is the event. Only a crossing
    of a border: "defectors who fled in 2010 now run a restaurant" stays as it was."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or predicate.lemma_.lower() in lex.incident_verbs:
        return None
    for verb in noun.children:
        if verb.dep_ == "relcl" and verb.tag_ in ("VBD", "VBN") and crosses_border(lex, [verb]):
            return verb
    return None


def crosses_border(lex: Lexicon, verbs: list[Token]) -> bool:
    """"who ran across the border", "who swam over the river": a movement verb whose "across"/"over"
    phrase (or the object of "cross") is a border; "ran across the street" is not."""
    for verb in (v for v in verbs if v.lemma_.lower() in lex.movement_verbs):
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() in lex.crossing_verbs]
        objects += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in CROSSING_WORDS
                    for o in c.children if o.dep_ == "pobj"]
        if any(contains_phrase(noun_phrase_text(o), lex.border_nouns) for o in objects):
            return True
    return False


def _where_to(lex: Lexicon, verbs: list[Token]) -> list[Token]:
    """The movement verbs with their objects, particles and place phrases ("at the Legislative
    Council", "across the playground"), not "for a press conference in Hong Kong"."""
    spatial = lex.crossing_prepositions | lex.destination_prepositions | lex.origin_prepositions | PLACE_PREPOSITIONS
    tokens = list(verbs)
    for verb in verbs:
        for child in verb.children:
            spatial_phrase = child.dep_ == "prep" and child.lower_ in spatial
            if child.dep_ in ("dobj", "advmod", "prt", "npadvmod") or spatial_phrase:
                tokens.extend(child.subtree)
    return tokens


def _organisation(lex: Lexicon, mover: Token) -> bool:
    """"The Syrian Red Crescent", "The Volcker Rule": a proper name whose head names an organisation."""
    return mover.pos_ == "PROPN" and (mover.lower_ in lex.org_head_words or mover.lower_ in lex.source_head_nouns)


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
