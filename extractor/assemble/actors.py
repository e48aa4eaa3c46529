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
    reduced_relative_verb,
    repaired_predicate,
)
from extractor.assemble.counts import DEFINITE
from extractor.assemble.mentions import ActorMention
from extractor.assemble.nouns import MOVER_CLASSES, noun_class, visitors
from extractor.assemble.senses import other_sense
from extractor.assemble.tokens import clause_tokens, predicate_chain, predicate_of
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

INDEFINITE = frozenset({"a", "an", "one", "another"})   # determiners
PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})  # pronouns
ACTOR_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")  # dependency labels of a mover


def read_actors(lex: Lexicon, gaz: Gazetteer, sent: Span, counted: set[int]) -> list[ActorMention]:
    """Actors of ``sent`` outside the tokens already read as counts."""
    actors = []
    for token in sent:
        if token.i in counted:
            continue
        # "SEOUL (AP) — A diplomat ... fled": an apposition to the subject
        subject_appos = token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")
        misparsed = reduced_relative_verb(lex, token) is not None  # "fishermen defected ..., the JCS said"
        verb_taken_for_noun = token.head.lower_ in lex.incident_verb_forms
        if token.dep_ not in ACTOR_DEPS and not subject_appos and not misparsed and not verb_taken_for_noun:
            continue
        actor = _actor(lex, gaz, token)
        if actor is not None and not any(t.i in counted for t in actor.tokens):
            actors.append(actor)
    return actors


def _actor(lex: Lexicon, gaz: Gazetteer, noun: Token) -> ActorMention | None:
    named = noun.dep_ in ("nsubj", "nsubjpass") and _is_person_name(gaz, noun)
    pronoun = noun.lower_ in PERSONAL_PRONOUNS and noun.dep_ == "nsubj"
    if not (named or pronoun) and noun_class(lex, noun) not in MOVER_CLASSES or visitors(lex, noun):
        return None
    predicate = repaired_predicate(lex, noun, predicate_of(noun))
    if noun.head.lower_ in lex.incident_verb_forms:
        predicate = noun.head  # the tagger took "swam" for a noun
    verbs = acting_verbs(predicate)
    if not _acts(lex, noun, verbs):
        return None
    clause = clause_tokens(predicate, keep=[noun])
    if is_negative(lex, clause, predicate, noun) or is_forecast(lex, noun) or is_tally_remark(lex, predicate):
        return None
    if other_sense(lex, noun, predicate, clause, actor=True):
        return None  # a prison escape, a party switch, war refugees, the rescued (contract v1.2)
    strong = has_trigger(lex, predicate_chain(predicate), strong=True) or has_trigger_phrase(lex, verbs)
    if (named or pronoun) and not strong:
        return None
    dets = [c.lower_ for c in noun.lefts if c.dep_ in ("det", "nummod")]
    definite = any(d in DEFINITE for d in dets) or pronoun
    indefinite = any(d in INDEFINITE for d in dets) or _owned_by_country(gaz, noun)
    plural = noun.tag_ in ("NNS", "NNPS")
    if not (definite or indefinite or named or plural):
        return None
    start = min([noun.i, *(c.i for c in noun.lefts)])
    return ActorMention(noun.doc[start:noun.i + 1], noun, predicate, clause, definite, named, indefinite, pronoun)


def _acts(lex: Lexicon, noun: Token, verbs: list[Token]) -> bool:
    """An incident verb (or phrase) is the noun's own: as subject or object, or in "a group of ..."."""
    acting = any(v.lemma_.lower() in lex.incident_verbs or v.lower_ in lex.incident_verb_forms for v in verbs)
    acting = acting or has_trigger_phrase(lex, verbs)
    if not acting or noun.dep_ == "pobj" and noun.head.lower_ != "of":
        return False
    return not (noun.dep_ == "pobj" and noun.head.head.lower_ not in lex.group_nouns)


def _owned_by_country(gaz: Gazetteer, noun: Token) -> bool:
    """"North Korea's acting ambassador": one specific person."""
    owners = [c for c in noun.lefts if c.dep_ == "poss"]
    return any(gaz.country_code(o.text) is not None
               or gaz.country_code(" ".join(t.text for t in o.subtree if t.dep_ != "case")) is not None
               for o in owners)


def _is_person_name(gaz: Gazetteer, noun: Token) -> bool:
    """A person's name ("Thae Yong-ho", "Capt. Lee Woong-pyeong"), not a place or a people."""
    parts = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    hyphenated = noun.i > 1 and noun.doc[noun.i - 1].text == "-" and noun.doc[noun.i - 2].is_title
    proper = noun.tag_ == "NNP" or (hyphenated and noun.is_lower and noun.pos_ == "NOUN")
    if not parts or not proper or not (noun.is_title or hyphenated):
        return False
    if not all(p.is_title or p.text == "." for p in parts):
        return False
    name = noun.doc[parts[0].i:noun.i + 1].text
    return gaz.resolve(name) is None and gaz.country_code(noun.text) is None
