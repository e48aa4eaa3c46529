"""What a number counts, and what kind of noun that is.

``counted_noun`` finds the noun a count belongs to ("34,448 North Koreans",
"31 cases of defectors", "a family of five"); ``noun_class`` sorts it into
``defection`` (defectors, crossings), ``people``, ``other`` or ``none`` (no noun,
or a bare "number"). Relatives who came along ("with his wife and two sons")
are companions, not movers of their own. Every function takes the lexicon; none
keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.doccache import doc_spans, labelled_tokens, type_roots
from extractor.assemble.tokens import noun_phrase_text
from extractor.lexicon import Lexicon

MOVER_CLASSES = ("people", "defection")  # noun classes (see noun_class)
NOUN_POS = ("NOUN", "PROPN")  # POS tags
# dependency labels of a number on its noun
NUMBER_DEPS = ("nummod", "quantmod", "amod", "compound", "det", "nmod", "npadvmod")
COMPANION_PATH_DEPS = ("conj", "nummod", "amod", "compound", "det", "poss", "cc", "appos")  # inside one noun phrase


def counted_noun(lex: Lexicon, span: Span) -> Token | None:
    """The noun the number of ``span`` counts, if any."""
    for token in span:
        if token.pos_ in NOUN_POS and not token.like_num and token.lower_ not in lex.bare_count_nouns:
            if noun_class(lex, token) in MOVER_CLASSES:
                return token
    for token in span:
        for child in token.children:
            if child.lower_ == "of" and child.i >= span.end:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    root = span.root
    if people_from_country(root):
        return root
    owner = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and owner.pos_ == "NOUN" \
            and owner.lemma_.lower() in lex.group_nouns and owner.i < span.start:
        return owner  # "a family of five", "a crew of six": the group is what is counted
    if root.dep_ in NUMBER_DEPS and root.head.i >= span.end:
        if root.head.pos_ in NOUN_POS:
            return _through_container(lex, root.head)
    for token in span:  # "A total of 34,448 North Koreans": the number's own noun after the span
        head = token.head
        if token.like_num and token.dep_ in ("nummod", "quantmod") and head.i >= span.end and head.pos_ in NOUN_POS:
            if noun_class(lex, head) in MOVER_CLASSES:
                return head
    return None


def running_total(lex: Lexicon, span: Span) -> Token | None:
    """"bringing the number of Syrian generals in Turkey to 20": the number (or total, list) whose
    new value ``span`` gives after "to", set by a verb above it; None for any other figure."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "to":
        return None
    for verb in root.head.ancestors:
        if verb.lemma_.lower() in lex.running_total_verbs:
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < root.head.i
                       and c.lemma_.lower() in lex.running_total_nouns]
            return objects[0] if objects else None
    return None


def people_from_country(token: Token) -> bool:
    """"Three from Guinea and three from the Ivory Coast have disappeared": a number standing for people
    of the country its own "from" phrase names."""
    if not token.like_num or token.dep_ not in ("nsubj", "nsubjpass", "conj"):
        return False
    places = doc_spans(token.doc, "places")
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if any(s.start <= obj.i < s.end and s._.place is not None and s._.place.kind == "country"
                   for s in places):
                return True
    return False


def of_object(noun: Token) -> Token | None:
    """"the number of Syrian generals": generals."""
    for child in noun.children:
        if child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _through_container(lex: Lexicon, noun: Token) -> Token:
    """"31 cases of defectors": what is counted is in the of-phrase."""
    if noun.lemma_.lower() not in lex.container_nouns:
        return noun
    for child in noun.children:
        if child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and noun_class(lex, objects[0]) in MOVER_CLASSES:
                return objects[0]
    return noun


def noun_class(lex: Lexicon, noun: Token | None) -> str:
    """``defection``, ``people``, ``other`` or ``none`` (no noun, or a bare "number", "total")."""
    if noun is None:
        return "none"
    lemma, lower = noun.lemma_.lower(), noun.lower_
    if lower in lex.bare_count_nouns or lemma in lex.bare_count_nouns:
        return "none"
    if lemma in lex.defection_nouns or lower in lex.defection_nouns:
        return "defection"
    if lower in ("them", "us") and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
        return "people"  # "the three of them": people, whoever they are
    if people_from_country(noun):
        return "people"  # "Three from Guinea": the number is its own noun
    if _is_people_word(lex, noun):
        return "people"
    return "other"


def _is_people_word(lex: Lexicon, noun: Token) -> bool:
    lemma, lower = noun.lemma_.lower(), noun.lower_
    phrase = noun_phrase_text(noun)
    words = (lemma, lower, phrase, " ".join([*phrase.split()[:-1], lemma]))
    if any(w in lex.people_nouns or w in lex.type_words for w in words):
        return True
    parts = [*phrase.split()[:-1], lemma]  # "Libyan army personnel", "deputy prime minister": a role at the end
    if any(" ".join(parts[i:]) in lex.person_role_nouns for i in range(len(parts))):
        return True
    delegate = lemma in lex.delegation_nouns or lower in lex.delegation_nouns
    if delegate and lemma not in lex.group_nouns and lemma != "delegation":
        return True  # athletes, performers, delegates: people who can defect from a trip abroad
    return is_demonym(noun) or _heads_a_type(noun)


def _heads_a_type(noun: Token) -> bool:
    """"a North Korean air force captain": the type tagger already named this person."""
    return noun.i in type_roots(noun.doc)


def is_demonym(noun: Token) -> bool:
    """"North Koreans", "Eritreans": people named by their country."""
    if noun.tag_ not in ("NNPS", "NNS", "NNP"):
        return False
    return noun.i in labelled_tokens(noun.doc, "places", "DEMONYM")


def visitors(lex: Lexicon, noun: Token | None) -> bool:
    """"A group of 120 Chinese tourists crossed into Sinuiju": people on a visit, not defectors."""
    if noun is None:
        return False
    words = [noun] + [o for c in noun.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return any(w.lemma_.lower() in lex.visitor_nouns or w.lower_ in lex.visitor_nouns for w in words)


def _is_kin(lex: Lexicon, token: Token) -> bool:
    return token.lemma_.lower() in lex.kin_nouns or token.lower_ in lex.kin_nouns


def is_companion(lex: Lexicon, token: Token) -> bool:
    """Inside "with his wife and two sons" / "along with their children": relatives who came along."""
    if kin_conjunct(lex, token):
        return True  # "Park, his wife and their two daughters fled": relatives named beside the mover
    current = token
    while current.head.i != current.i:
        if current.dep_ == "pobj" and current.head.lower_ == "with":
            kin = [t for t in current.subtree if _is_kin(lex, t)]
            owned = any(c.dep_ == "poss" for t in kin for c in t.children) \
                or any(t.dep_ == "poss" for t in current.subtree)
            return bool(kin) and owned
        if current.dep_ not in COMPANION_PATH_DEPS:
            return False
        current = current.head
    return False


def kin_conjunct(lex: Lexicon, token: Token) -> bool:
    """A relative with a possessive ("his wife", "their two daughters") coordinated with, or in
    apposition to, other movers."""
    owned = any(c.dep_ == "poss" for c in token.children)
    if not (_is_kin(lex, token) and owned):
        return False
    if token.dep_ in ("conj", "appos") and token.head.pos_ in NOUN_POS:
        return True
    # the small parser often makes "Park, his wife and ..." two subjects of the verb
    return token.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i < token.i for c in token.head.children)


def has_kin_conjunct(lex: Lexicon, noun: Token) -> bool:
    """"Park Sung-il, his wife and their two daughters": the mover came with relatives."""
    near = list(noun.subtree)
    if noun.dep_ == "nsubj":
        near += [t for c in noun.head.children if c.dep_ == "nsubj" and c.i != noun.i for t in c.subtree]
    return any(kin_conjunct(lex, t) for t in near if t.i != noun.i)


def one_of(noun: Token) -> bool:
    """"One of Syria's most senior diplomats defected": one person of the plural noun, the verb's subject."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    one = noun.head.head
    return one.lower_ == "one" and one.dep_ in ("nsubj", "nsubjpass")
