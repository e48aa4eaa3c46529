"""The clause around a mention: is it a defection, denied, forecast, or something else?

Tests on the verb a count or an actor hangs from: defection triggers and
trigger phrases, negation ("returned", "were sent back"), forecasts ("could
exceed"), tally remarks ("the second time this year"), trips with a purpose
("crossed to meet relatives"), causes ("attributed the rise to ..."), and the
repair of predicates the small parser hangs on the wrong verb. Every function
takes the lexicon; none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.doccache import doc_spans
from extractor.assemble.nouns import noun_class
from extractor.assemble.tokens import VERB_POS, clause_tokens, contains_phrase, predicate_chain, text_of
from extractor.lexicon import Lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass")  # dependency labels
MODALS = frozenset({"will", "would", "may", "might", "could", "should", "shall"})  # auxiliaries, not forecast verbs
CAUSE_PATH_DEPS = ("conj", "pobj", "prep", "cc", "nummod", "amod", "compound", "det")  # inside one "to" phrase


def has_trigger(lex: Lexicon, tokens: list[Token], strong: bool = False) -> bool:
    verbs = lex.strong_triggers if strong else lex.triggers
    return any(t.lemma_.lower() in verbs and t.pos_ in VERB_POS for t in tokens)


def mentions_defection(lex: Lexicon, tokens: list[Token]) -> bool:
    return any(t.lemma_.lower() in lex.defection_nouns for t in tokens) or has_trigger(lex, tokens, strong=True)


def is_topical(lex: Lexicon, sent: Span) -> bool:
    """A sentence about defection: a defection noun or a core defection verb."""
    return any(t.lemma_.lower() in lex.defection_nouns or t.lemma_.lower() in lex.topical_lemmas for t in sent)


def has_trigger_phrase(lex: Lexicon, verbs: list[Token]) -> bool:
    """"gave themselves up", "sought asylum": defection said in several words."""
    return contains_phrase(_verbs_text(verbs), lex.trigger_phrases) is not None or has_stay_phrase(lex, verbs)


def has_stay_phrase(lex: Lexicon, verbs: list[Token]) -> bool:
    """"asked to be allowed to stay ... rather than return home", "refused to return home",
    "applied for asylum": staying abroad, which beats the negative words inside the phrase.
    Read on the first verb's own clause without its subjects (the phrase spans nested complements)."""
    if not verbs:
        return False
    subjects = {t.i for c in verbs[0].children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    own = [t for t in clause_tokens(verbs[0]) if t.i not in subjects]
    return contains_phrase(text_of(own), lex.stay_phrases) is not None


def _verbs_text(verbs: list[Token]) -> str:
    near = [t for v in verbs for c in v.children
            for t in [c, *(g for g in c.children if c.dep_ == "prep" and g.dep_ == "pobj")]]
    tokens = sorted({t.i: t for t in [*verbs, *near] if t.dep_ not in SUBJECT_DEPS}.values(), key=lambda t: t.i)
    return text_of(tokens)


def acting_verbs(predicate: Token) -> list[Token]:
    """The predicate, the verbs it complements, its "to"-complements and same-subject conjuncts."""
    verbs = predicate_chain(predicate)
    for child in predicate.children:
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in child.children)
        if child.dep_ in ("xcomp", "conj") and child.pos_ in VERB_POS and not own_subject:
            verbs.append(child)
            verbs.extend(c for c in child.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return verbs


def object_infinitives(verbs: list[Token]) -> list[Token]:
    """"took the chance to defect", "seized the opportunity to flee": the verb of the object's infinitive."""
    return [g for v in verbs for c in v.children if c.dep_ == "dobj" for g in c.children
            if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB" and any(a.lower_ == "to" for a in g.children)]


def is_negative(lex: Lexicon, clause: list[Token], predicate: Token, noun: Token | None = None) -> bool:
    """A mention that is no defection: deported, killed, sent back, interviewed ..."""
    chain = predicate_chain(predicate)
    if has_stay_phrase(lex, acting_verbs(predicate)) and not any(v.lemma_.lower() in lex.fate_lemmas for v in chain):
        return False  # "refused to return home": not going back is the defection
    if noun is not None and predicate.i not in {a.i for a in noun.ancestors}:
        # a repaired predicate: not the verb the parser hung the people on
        chain = [v for v in chain if v.i != noun.head.i]
    if any(v.lemma_.lower() in lex.negative_lemmas for v in chain):
        return True
    if noun is not None and _negative_path(lex, noun, predicate):
        return True
    return contains_phrase(text_of(clause), lex.negative_phrases) is not None


def _negative_path(lex: Lexicon, noun: Token, predicate: Token) -> bool:
    """"interviews with 2,500 defectors", "defectors receive benefits": not a defection."""
    lemma = predicate.lemma_.lower()
    if noun.dep_ == "nsubj" and noun.head.i == predicate.i:
        later = acting_verbs(predicate)[1:] + object_infinitives([predicate])  # "took the chance to defect"
        if lemma in lex.subject_negative_lemmas and not has_trigger(lex, later, strong=True):
            return True  # "took off ... and flew across the border": the later verb is the defection
    if noun.dep_ == "dobj" and noun.head.i == predicate.i and lemma in lex.handover_lemmas:
        return True  # "Ukraine returned 150 prisoners": handed over, not defecting
    if predicate.i not in {a.i for a in noun.ancestors}:
        return False  # a repaired predicate: the verb the parser hung the people on is not theirs
    current = noun
    while current.i != predicate.i and current.head.i != current.i:
        current = current.head
        if current.lemma_.lower() in lex.negative_lemmas:
            return True
    return False


def negative_verb_or_phrase(lex: Lexicon, predicate: Token, clause: list[Token]) -> bool:
    """A negative verb in the predicate's chain or a negative phrase in its clause."""
    if contains_phrase(text_of(clause), lex.negative_phrases) is not None:
        return True
    return any(v.lemma_.lower() in lex.negative_lemmas for v in predicate_chain(predicate))


def is_forecast(lex: Lexicon, token: Token) -> bool:
    """A modal or forecast verb anywhere above the mention ("could exceed", "expected to reach")."""
    for verb in [token, *token.ancestors]:
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        lemma = verb.lemma_.lower()
        if lemma in lex.forecast_lemmas and lemma not in MODALS:
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in lex.forecast_lemmas for c in verb.children):
            return True
    return False


def is_tally_remark(lex: Lexicon, predicate: Token) -> bool:
    """"It marks the second time this year that a soldier has crossed": a remark about incidents told elsewhere."""
    for verb in predicate_chain(predicate):
        owner = verb.head
        if verb.dep_ in ("relcl", "acl", "ccomp") and owner.lemma_.lower() in lex.tally_nouns:
            modifiers = [c for c in owner.children if c.dep_ in ("amod", "nummod")]
            if any(c.lower_ in lex.ordinal_words or c.ent_type_ == "ORDINAL" for c in modifiers):
                return True
    return False


def visit_purpose(lex: Lexicon, predicate: Token) -> bool:
    """"crossed the border to meet relatives": a trip with a purpose, not a defection."""
    for child in predicate.children:
        if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in lex.visit_purpose_lemmas:
            if any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children):
                return True
    return False


def named_as_cause(lex: Lexicon, token: Token) -> bool:
    """"attributed the uptick partly to several diplomats": a cause of a trend, not a figure."""
    root = token.sent.root
    if root.lemma_.lower() in lex.attribution_lemmas and token.i > root.i \
            and any(t.lower_ == "to" for t in token.doc[root.i:token.i]):
        return True  # the small parser often hangs a second "as well as to ..." on the wrong word
    current, through_to = token, False
    while current.head.i != current.i:
        head = current.head
        through_to = through_to or (current.dep_ == "pobj" and head.lower_ == "to")
        if through_to and current.dep_ == "prep" and head.lemma_.lower() in lex.attribution_lemmas:
            return True
        if current.dep_ not in CAUSE_PATH_DEPS:
            return False
        current = head
    return False


def team_vanished(lex: Lexicon, noun: Token, verbs: list[Token]) -> bool:
    """"Six Burundian cyclists disappeared in Switzerland": athletes or delegation members who vanish abroad."""
    searched = noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in lex.search_lemmas
    if not searched and not any(_vanishes(lex, v) for v in verbs):
        return False  # "officials are looking for four members of the team": they are missing
    words = {noun.lemma_.lower(), noun.lower_}
    for child in noun.children:
        if child.lower_ == "of":
            words |= {t.lemma_.lower() for t in child.subtree}
    if noun.like_num:  # "Three from Guinea have disappeared as their teammates went home": the sentence says who
        words |= {t.lemma_.lower() for t in noun.sent} | {t.lower_ for t in noun.sent}
    return bool(words & lex.delegation_nouns)


def _vanishes(lex: Lexicon, verb: Token) -> bool:
    """"disappeared", "went missing" (a vanish entry of two words: the verb and its complement)."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    two = f"{verb.lower_} {following.lower_}" if following is not None else ""
    return verb.lemma_.lower() in lex.vanish_lemmas or two in lex.vanish_lemmas


def people_defect(lex: Lexicon, noun: Token, predicate: Token) -> bool:
    """People counted are defectors when their own verb (or a relative clause) is a defection verb."""
    relative = [t for t in noun.subtree if t.dep_ in ("relcl", "acl") and t.pos_ == "VERB"]
    verbs = acting_verbs(predicate)
    moving = [v for v in verbs if not _vanishes(lex, v)]  # "went missing" is vanishing, not going somewhere
    if has_trigger(lex, moving + relative) or has_trigger_phrase(lex, moving):
        return True
    if team_vanished(lex, noun, verbs):
        return True
    if predicate.lemma_.lower() == "be" and any(noun_class(lex, c) == "defection" for c in predicate.children
                                                 if c.dep_ in ("nsubj", "expl", "attr", "prep")):
        return True  # "Among this year's arrivals were a dozen former members of the elite"
    return _governed_by_defection(lex, noun)


def _governed_by_defection(lex: Lexicon, noun: Token) -> bool:
    """A misparsed subject ("diplomats ... posted overseas defected"): a defection verb above it."""
    for verb in noun.ancestors:
        lemma = verb.lemma_.lower()
        if verb.pos_ == "VERB" and lemma in lex.reporting_lemmas:
            return False
        if verb.pos_ == "VERB" and lemma in lex.strong_triggers:
            clause = clause_tokens(verb, keep=[noun])
            return contains_phrase(text_of(clause), lex.negative_phrases) is None
    return False


def reduced_relative_verb(lex: Lexicon, noun: Token) -> Token | None:
    """"Two fishermen defected by boat ..., the JCS said": the small parser makes the people the
    subject of "said" and "defected" a reduced relative (acl) of them; that verb is their predicate."""
    if noun.dep_ not in ("nsubj", "npadvmod", "dobj") or noun.head.lemma_.lower() not in lex.reporting_lemmas:
        return None
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i == noun.i + 1 \
                and child.lemma_.lower() in lex.incident_verbs:
            return child
    return None


def repaired_predicate(lex: Lexicon, noun: Token, predicate: Token) -> Token:
    """The defection verb of people the parser hung on the wrong verb.

    "Four women interviewed for the report escaped through Laos": "interviewed" (a reduced
    relative) is parsed as their verb and "escaped" as a bare adverbial clause of it.
    """
    reduced = reduced_relative_verb(lex, noun)
    if reduced is not None:
        return reduced
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "among"):
        relative_verbs = lex.incident_verbs | lex.stock_lemmas | lex.relative_figure_lemmas
        for child in noun.children:  # "Of the 236 who arrived in 2024, ...": the figure's own relative clause
            if child.dep_ == "relcl" and child.lemma_.lower() in relative_verbs:
                return child  # "among roughly 220 North Koreans who have been resettled in the US since 2006"
    naming = _verb_after_naming(lex, noun, predicate)
    if naming is not None:
        return naming
    if noun.dep_ in SUBJECT_DEPS and noun.head.i == predicate.i and predicate.tag_ in ("VBN", "VBD"):
        if predicate.lemma_.lower() in lex.negative_lemmas | lex.subject_negative_lemmas:
            later = _later_bare_verb(lex, predicate)
            if later is not None:
                return later
    return predicate


def _verb_after_naming(lex: Lexicon, noun: Token, predicate: Token) -> Token | None:
    """"the national team, nicknamed the Red Lions, took the chance to defect": the parser makes the
    naming participle the subject's verb; the first finite verb after it with no subject of its own is."""
    if noun.dep_ != "nsubj" or noun.head.i != predicate.i or predicate.tag_ not in ("VBN", "VBD") \
            or predicate.lemma_.lower() not in lex.naming_lemmas or predicate.i != noun.i + 2:
        return None
    if noun.doc[noun.i + 1].text != ",":
        return None  # "the team, nicknamed ...": set off by a comma right after the subject
    if any(c.dep_ in ("aux", "auxpass") for c in predicate.children):
        return None  # "the team was nicknamed ...": the participle is the verb
    after = max(t.i for t in predicate.subtree) + 1
    for token in noun.doc[after:noun.sent.end]:
        if token.pos_ == "VERB" and token.tag_ == "VBD":
            return None if any(c.dep_ in SUBJECT_DEPS for c in token.children) else token
        if not token.is_punct:
            return None
    return None


def _later_bare_verb(lex: Lexicon, predicate: Token) -> Token | None:
    """An incident verb after ``predicate`` hung on it as a clause with no subject or marker of its own."""
    for child in predicate.children:
        own = any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in child.children)
        if (child.dep_ in ("advcl", "conj") and child.pos_ == "VERB" and child.tag_ == "VBD" and not own
                and child.i > predicate.i and child.lemma_.lower() in lex.incident_verbs):
            return child
    return None


def switches_sides(lex: Lexicon, verbs: list[Token]) -> bool:
    """"defected to the opposition party", "to rivals Real Madrid", "to Reform UK": a party or club switch.

    v1.2: changing party, club or side is no defection. The to/from object is a party-like noun
    (``party_switch_nouns``), or an organisation named after a place: a title-case word outside
    any place span in front of a place name ("Reform UK", "Real Madrid").
    """
    for verb in verbs:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "from"):
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if _party_like(lex, obj):
                    return True
    return False


def _party_like(lex: Lexicon, obj: Token) -> bool:
    words = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod", "appos", "conj"))]
    if any(w.lemma_.lower() in lex.party_switch_nouns or w.lower_ in lex.party_switch_nouns for w in words):
        return True
    places = [s for s in doc_spans(obj.doc, "places") if s.start <= obj.i < s.end]
    if not places:
        return False
    spans = doc_spans(obj.doc, "places")
    names = [c for c in obj.lefts if c.dep_ == "compound" and c.is_title and c.i < places[0].start]
    return any(not any(s.start <= n.i < s.end for s in spans) for n in names)
