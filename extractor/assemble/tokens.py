"""Small questions asked of spaCy tokens and spans by the assembler."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

CLAUSE_BREAKING_DEPS = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis", "acl"})  # dependency labels
VERB_POS = frozenset({"VERB", "AUX"})  # POS tags
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})  # POS tags


def predicate_of(token: Token) -> Token:
    """The nearest verb above ``token`` (or the root of its sentence)."""
    current = token
    while current.pos_ not in VERB_POS and current.head.i != current.i:
        current = current.head
    return current


def predicate_chain(predicate: Token) -> list[Token]:
    """The predicate and the verbs it complements ("expected to reach": reach, expected)."""
    chain = [predicate]
    current = predicate
    while current.dep_ in ("xcomp", "ccomp", "conj", "advcl") and current.head.i != current.i:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children)
        if current.dep_ in ("conj", "advcl", "ccomp") and own_subject:
            break  # a clause with its own subject says nothing about the one it hangs from
        current = current.head
        chain.append(current)
        if current.pos_ in VERB_POS and current.dep_ not in ("xcomp", "ccomp"):
            break
    return chain


def clause_tokens(predicate: Token, keep: Iterable[Token] = ()) -> list[Token]:
    """Tokens of the predicate's own clause: its subtree minus embedded clauses of other verbs."""
    excluded: set[int] = set()
    for child in predicate.children:
        if child.dep_ in CLAUSE_BREAKING_DEPS and child.pos_ in VERB_POS:
            excluded.update(t.i for t in child.subtree)
    for token in keep:
        excluded.difference_update(t.i for t in token.subtree)
    return [t for t in predicate.subtree if t.i not in excluded]


def text_of(tokens: Iterable[Token]) -> str:
    return " ".join(t.lower_ for t in tokens)


def contains_phrase(haystack: str, phrases: Iterable[str]) -> str | None:
    padded = f" {haystack} "
    for phrase in phrases:
        if f" {phrase} " in padded:
            return phrase
    return None


def noun_phrase_text(noun: Token) -> str:
    """"North Koreans" for the token "Koreans": the noun with its compound and adjectival modifiers."""
    left = [c for c in noun.lefts if c.dep_ in ("compound", "amod")]
    return " ".join([*(t.lower_ for t in left), noun.lower_])


def governing_preposition(token: Token) -> str | None:
    """"across" for "the DMZ" in "crossed across the DMZ"; climbs compounds and appositions."""
    current = token
    for _ in range(4):
        if current.dep_ == "pobj":
            return current.head.lower_
        if current.dep_ in ("compound", "appos", "conj", "amod", "poss", "nmod") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "dobj":
            return current.head.lemma_.lower()
        return None
    return None
