"""Parts of a figure already given: "including two in the past three years", "190 of those surrenders".

A part with no time of its own is a breakdown of its whole and gives no
record. A part that names its own period is a figure of its own: the
contract's "one record per fact" then counts it (a subset over a different
period is a different fact).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.tokens import predicate_of

PARTITIVE_DETERMINERS = frozenset({"the", "those", "these", "them", "whom", "which"})  # determiners and pronouns


def is_partitive(span: Span, noun: Token | None) -> bool:
    """"190 of those surrenders", "three of the diplomats": a part of a known whole."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return False
    following = doc[span.end + 1]
    return following.lower_ in PARTITIVE_DETERMINERS and (noun is None or noun.i > span.end)


def own_times(span: Span, predicate: Token, reporting_lemmas: frozenset[str] | set[str]) -> list[Span]:
    """Event times that belong to this part: inside its phrase, or in the clause it is the subject of."""
    root = span.root
    phrase = {t.i for t in root.subtree} - {t.i for t in span}
    subject = root.dep_ in ("nsubj", "nsubjpass") and root.head.i == predicate.i
    if subject:
        phrase |= {t.i for t in predicate.subtree}
    found = []
    for time in span.doc.spans.get("times", []):
        if time.start < span.sent.start or time.end > span.sent.end or time.start not in phrase:
            continue
        if time._.time is None or time._.time.period is None:
            continue
        if predicate_of(time.root).lemma_.lower() in reporting_lemmas:
            continue  # "the agency said Tuesday": when it was told
        found.append(time)
    return found


def whole_predicate(predicate: Token) -> Token:
    """"have returned to North Korea ..., including three": the part shares its whole's verb."""
    if predicate.lower_ == "including" and predicate.head.i != predicate.i:
        return predicate_of(predicate.head)
    return predicate
