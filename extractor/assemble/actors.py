"""People who defect without a number: "a North Korean soldier", "Thae Yong-ho", "he".

``read_actors`` finds the subjects (and a few misparsed objects) of incident
verbs that name a person or a group; a name or a pronoun needs a strong
trigger ("defected", "fled"), a noun of people any incident verb. Functions
take the lexicon and the gazetteer (to tell a person's name from a place's);
none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.clauses import (
    acting_verbs,
    has_trigger,
    has_trigger_phrase,
    is_forecast,
    is_negative,
    is_tally_remark,
    object_infinitives,
    reduced_relative_verb,
    repaired_predicate,
    switches_sides,
)
from extractor.assemble.counts import DEFINITE
from extractor.assemble.doccache import heads_among, relative_heads
from extractor.assemble.mentions import ActorMention
from extractor.assemble.nouns import MOVER_CLASSES, noun_class, one_of, visitors
from extractor.assemble.senses import crosses_border, other_sense
from extractor.assemble.tokens import clause_tokens, contains_phrase, predicate_chain, predicate_of, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

INDEFINITE = frozenset({"a", "an", "one", "another"})   # determiners
PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})  # pronouns
ACTOR_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")  # dependency labels of a mover
RELATIVE_PRONOUNS = frozenset({"who", "that"})  # subjects of a relative clause about a person
OWNER_DEPS = ("poss", "pobj")  # dependency labels of a name owning an event ("Thae's defection", "of Hwang")


def read_actors(lex: Lexicon, gaz: Gazetteer, sent: Span, counted: set[int],
                known_names: frozenset[str] = frozenset(), korean: bool = False,
                after_defections: bool = False) -> list[ActorMention]:
    """Actors of ``sent`` outside the tokens already read as counts; ``known_names`` are the parts
    of full names given earlier in the article ("Lee" after "Lee Young-guk"); in a ``korean``
    article a defector going back ("he went back") is a re-defection; ``after_defections``: the
    sentence before spoke of defections ("The latest is <name>" names one more)."""
    actors = []
    under_incident_verb = heads_among(sent.doc, lex.incident_verb_forms)
    for token in sent:
        if token.i in counted:
            continue
        dep = token.dep_
        told = _relative_actor(lex, gaz, token) \
            or (_event_owner(lex, gaz, token) if dep in OWNER_DEPS else None) \
            or (_next_in_list(lex, gaz, token) if after_defections else None)
        if told is not None:  # "Kim, who defected in 2016, ...", "the defection of Hwang Jang-yop"
            actors.append(told)
            continue
        if dep not in ACTOR_DEPS and not _may_act_anyway(lex, token, under_incident_verb):
            continue
        actor = _actor(lex, gaz, token, known_names, korean)
        if actor is not None and not any(t.i in counted for t in actor.tokens):
            actors.append(actor)
    return actors


def may_tell_actors(lex: Lexicon, sent: Span, after_defections: bool = False) -> bool:
    """False when :func:`read_actors` cannot find an actor in ``sent``: every way it has to one needs a
    word of :func:`_actor_cues` in the sentence (an incident, topical, movement or owned-event word,
    "back", or every word of a trigger or stay phrase), except a name after a sentence about defections.
    Many sentences of an article have none; ``tests/test_assemble_shortcuts.py`` checks that the skipped
    ones of every corpus article give no actor."""
    if after_defections:
        return True
    words, phrases = _actor_cues(lex)
    seen = {t.lower_ for t in sent}
    seen.update(t.lemma_.lower() for t in sent)
    return not seen.isdisjoint(words) or any(phrase <= seen for phrase in phrases)


_CUES: dict[int, tuple[Lexicon, frozenset[str], tuple[frozenset[str], ...]]] = {}


def _actor_cues(lex: Lexicon) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The words and the phrases (as word sets) one of which an actor's sentence holds; per lexicon."""
    cached = _CUES.get(id(lex))
    if cached is None or cached[0] is not lex:
        words = lex.incident_verbs | lex.incident_verb_forms | lex.topical_lemmas | lex.owned_event_nouns \
            | lex.movement_verbs | {"back"}
        phrases = tuple(frozenset(p.split()) for p in (*lex.trigger_phrases, *lex.stay_phrases))
        cached = _CUES[id(lex)] = (lex, frozenset(words), phrases)
    return cached[1], cached[2]


def _may_act_anyway(lex: Lexicon, token: Token, under_incident_verb: frozenset[int]) -> bool:
    """A mover the parser did not make a subject or object of its verb."""
    subject_appos = token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")  # "SEOUL (AP) — A diplomat"
    misparsed = reduced_relative_verb(lex, token) is not None  # "fishermen defected ..., the JCS said"
    return subject_appos or misparsed or token.i in under_incident_verb  # the tagger took "swam" for a noun


def _actor(lex: Lexicon, gaz: Gazetteer, noun: Token, known_names: frozenset[str] = frozenset(),
           korean: bool = False) -> ActorMention | None:
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.origin_verbs:
        return None  # "raced to escape the guards", "fled the soldiers": what is left behind, not who moves
    surname = noun.dep_ in ("nsubj", "nsubjpass") and _known_name(noun, known_names)
    named = noun.dep_ in ("nsubj", "nsubjpass") and _is_person_name(gaz, noun) or surname
    pronoun = noun.lower_ in PERSONAL_PRONOUNS and noun.dep_ == "nsubj"
    collective = noun.dep_ == "nsubj" and noun.lemma_.lower() in lex.group_nouns | lex.delegation_nouns
    if not (named or pronoun or collective) and noun_class(lex, noun) not in MOVER_CLASSES or visitors(lex, noun):
        return None
    predicate = repaired_predicate(lex, noun, predicate_of(noun))
    if noun.head.lower_ in lex.incident_verb_forms:
        predicate = noun.head  # the tagger took "swam" for a noun
    verbs = acting_verbs(predicate)
    back = korean and (named or pronoun or noun_class(lex, noun) == "defection") and _goes_back(lex, verbs)
    if not _moves(lex, noun, verbs, collective, back):
        return None
    clause = clause_tokens(predicate, keep=[noun])
    if is_negative(lex, clause, predicate, noun) or is_forecast(lex, noun) or is_tally_remark(lex, predicate):
        return None
    if not back and other_sense(lex, noun, predicate, clause, actor=True):
        return None  # a prison escape, a party switch, war refugees, the rescued (contract v1.2)
    if switches_sides(lex, verbs) or not _strong_enough(lex, predicate, verbs, named or pronoun, surname, back):
        return None
    dets = [c.lower_ for c in noun.lefts if c.dep_ in ("det", "nummod")]
    definite = any(d in DEFINITE for d in dets) or pronoun
    indefinite = any(d in INDEFINITE for d in dets) or _owned_by_country(gaz, noun) or one_of(noun)
    plural = noun.tag_ in ("NNS", "NNPS")
    if not (definite or indefinite or named or plural):
        return None
    if plural and any(c.tag_ in ("JJR", "RBR") for c in noun.lefts):
        return None  # "as more men chose to defect": a trend, not an incident
    start = min([noun.i, *(c.i for c in noun.lefts)])
    return ActorMention(noun.doc[start:noun.i + 1], noun, predicate, clause, definite, named, indefinite, pronoun)


def _moves(lex: Lexicon, noun: Token, verbs: list[Token], collective: bool, back: bool) -> bool:
    """The noun's own verb moves it; a team or group needs a core defection verb ("the team fled",
    "took the chance to defect"; "the team travelled to Kenya" is a trip)."""
    if collective and noun_class(lex, noun) not in MOVER_CLASSES:
        return _defects(lex, verbs)
    return _acts(lex, noun, verbs) or back


def _strong_enough(lex: Lexicon, predicate: Token, verbs: list[Token], needs_strong: bool, surname: bool,
                   back: bool) -> bool:
    """A name or a pronoun needs a strong trigger; one word of a name a core defection verb or phrase
    ("Kim flew to the area" says too little). "came ... seeking asylum": a participle counts."""
    manner = [c for v in verbs for c in v.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    phrase = has_trigger_phrase(lex, verbs + manner)
    strong = has_trigger(lex, predicate_chain(predicate), strong=True) or phrase or back
    if needs_strong and not strong:
        return False
    return not surname or phrase or any(v.lemma_.lower() in lex.topical_lemmas for v in verbs)


def _acts(lex: Lexicon, noun: Token, verbs: list[Token]) -> bool:
    """An incident verb (or phrase) is the noun's own: as subject or object, or in "a group of ..."."""
    acting = any(v.lemma_.lower() in lex.incident_verbs or v.lower_ in lex.incident_verb_forms for v in verbs)
    acting = acting or has_trigger_phrase(lex, verbs)
    if not acting or noun.dep_ == "pobj" and noun.head.lower_ != "of":
        return False
    return not (noun.dep_ == "pobj" and noun.head.head.lower_ not in lex.group_nouns and not one_of(noun))


def _owned_by_country(gaz: Gazetteer, noun: Token) -> bool:
    """"North Korea's acting ambassador": one specific person."""
    owners = [c for c in noun.lefts if c.dep_ == "poss"]
    return any(gaz.country_code(o.text) is not None
               or gaz.country_code(" ".join(t.text for t in o.subtree if t.dep_ != "case")) is not None
               for o in owners)


def _is_person_name(gaz: Gazetteer, noun: Token) -> bool:
    """A person's name ("Thae Yong-ho", "Capt. Lee Woong-pyeong"), not a place or a people."""
    hyphenated = noun.i > 1 and noun.doc[noun.i - 1].text == "-" and noun.doc[noun.i - 2].is_title
    proper = noun.tag_ == "NNP" or (hyphenated and noun.is_lower and noun.pos_ == "NOUN")
    if not proper or not (noun.is_title or hyphenated):
        return False
    parts = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not parts:
        return False
    if not all(p.is_title or p.text == "." for p in parts):
        return False
    name = noun.doc[parts[0].i:noun.i + 1].text
    return gaz.resolve(name) is None and gaz.country_code(noun.text) is None


def _relative_actor(lex: Lexicon, gaz: Gazetteer, noun: Token) -> ActorMention | None:
    """"Kim Chol, who defected from the North in 2016, ...", "a sailor who fled to Japan":
    a named or single person whose relative clause tells the defection (dated by that clause)."""
    if noun.i not in relative_heads(noun.doc):
        return None  # the test below, for the few tokens that head a relative clause at all
    verbs = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"
             and any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in RELATIVE_PRONOUNS for s in c.children)]
    if not verbs or noun.dep_ in ACTOR_DEPS[:2] and _actor(lex, gaz, noun) is not None:
        return None
    verb = verbs[0]
    named = _is_person_name(gaz, noun) or (noun.dep_ == "appos" and _is_person_name(gaz, noun.head))
    # "a sailor who fled", "the last soldier who defected": one person, told here for the first time
    first_told = any(c.lower_ in INDEFINITE for c in noun.lefts if c.dep_ == "det") \
        or any(c.lower_ in lex.ordinal_words for c in noun.lefts if c.dep_ == "amod")
    indefinite = first_told and noun.tag_ == "NN"
    if not (named or indefinite and noun_class(lex, noun) in MOVER_CLASSES) or visitors(lex, noun):
        return None
    acting = acting_verbs(verb)
    defects = any(v.lemma_.lower() in lex.topical_lemmas for v in acting) or has_trigger_phrase(lex, acting) \
        or crosses_border(lex, acting)  # "the soldier who ran across the border"
    if not defects or switches_sides(lex, acting):
        return None  # "who arrived with her children": a movement alone says too little here
    clause = clause_tokens(verb)
    if is_negative(lex, clause, verb) or is_forecast(lex, verb) or _negative_main_clause(lex, noun):
        return None
    start = min([noun.i, *(c.i for c in noun.lefts)])
    return ActorMention(noun.doc[start:noun.i + 1], noun, verb, clause, False, named, indefinite, False)


def _event_owner(lex: Lexicon, gaz: Gazetteer, noun: Token) -> ActorMention | None:
    """"the defection of Hwang Jang-yop", "Thae's defection": an event noun owned by a person's name."""
    owned = noun.dep_ == "poss" or (noun.dep_ == "pobj" and noun.head.lower_ == "of")
    if not owned:
        return None
    event = noun.head if noun.dep_ == "poss" else noun.head.head
    if event.lemma_.lower() not in lex.owned_event_nouns or not _is_person_name(gaz, noun):
        return None
    if switches_sides(lex, [event]) or _negative_main_clause(lex, event):
        return None
    main = predicate_of(event)
    clause = clause_tokens(main, keep=[event])
    start = min(t.i for t in noun.subtree if t.dep_ == "compound" or t.i == noun.i)
    return ActorMention(noun.doc[start:noun.i + 1], noun, event, clause, False, True, False, False)


def _next_in_list(lex: Lexicon, gaz: Gazetteer, noun: Token) -> ActorMention | None:
    """"Senior officials have defected in recent months. The latest is Omar Haddad, ...": a person's
    name as what an ordinal ("the latest", "the first") is, right after a sentence about defections."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_.lower() != "be" or not _is_person_name(gaz, noun):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    ordinal = subjects and subjects[0].lower_ in lex.ordinal_words \
        and any(c.lower_ == "the" for c in subjects[0].children if c.dep_ == "det")
    if not ordinal or is_forecast(lex, verb):
        return None
    start = min(t.i for t in noun.subtree if t.dep_ == "compound" or t.i == noun.i)
    return ActorMention(noun.doc[start:noun.i + 1], noun, verb, clause_tokens(verb), False, True, False, False)


def _negative_main_clause(lex: Lexicon, token: Token) -> bool:
    """"a soldier who had defected was killed", "was sent back": the main clause tells a fate that
    denies the record ("declined to comment" does not)."""
    main = predicate_of(token.head if token.dep_ != "ROOT" else token)
    told = {t.i for t in token.subtree}
    clause = [t for t in clause_tokens(main) if t.i not in told]
    if any(v.lemma_.lower() in lex.fate_lemmas for v in predicate_chain(main)):
        return True
    return contains_phrase(text_of(clause), lex.negative_phrases) is not None or is_forecast(lex, main)


def person_name_parts(gaz: Gazetteer, sent: Span) -> set[str]:
    """The parts of the full person names in ``sent`` ("Lee", "Young-guk"), for later one-word mentions."""
    parts: set[str] = set()
    for token in sent:
        if token.dep_ != "compound" and _is_person_name(gaz, token):
            first = min(c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")
            parts.update(t.text for t in token.doc[first:token.i + 1] if t.is_title and len(t.text) > 1)
    return parts


def _known_name(noun: Token, known_names: frozenset[str]) -> bool:
    """"Lee arrived in Toronto": one title-case word, part of a full name the article gave before."""
    alone = not any(c.dep_ == "compound" for c in noun.lefts)
    return alone and noun.tag_ == "NNP" and noun.text in known_names


def _goes_back(lex: Lexicon, verbs: list[Token]) -> bool:
    """"he went back", "the defector slipped back": a verb with "back" that ``back_cues`` names."""
    for verb in verbs:
        if any(c.lower_ == "back" and c.dep_ in ("advmod", "prt") for c in verb.children):
            if contains_phrase(f"{verb.lower_} back", lex.back_cues) is not None:
                return True
    return False


def _defects(lex: Lexicon, verbs: list[Token]) -> bool:
    """A core defection verb or phrase, also as the infinitive of the object ("took the chance to defect")."""
    objects = object_infinitives(verbs)
    return any(v.lemma_.lower() in lex.topical_lemmas for v in verbs + objects) or has_trigger_phrase(lex, verbs)
