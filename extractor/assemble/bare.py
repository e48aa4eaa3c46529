"""What a number with no noun of its own is: a label, an age, the rest of a group, a part of
something else, a running total, or a figure of the topic.

A bare number ("rose to 196", "Another 38 came") counts defectors when its own
clause says defection, or when the sentence (or the one before) is about
defection and the number hangs on a figure verb (``statistic_verbs``, a
trigger, an arrival or reporting verb) or a figure subject ("The figure",
"That"). "Camp 14" is a label, "when he was 13" an age, "Among 39 civilian
casualties were 25" a part of something else, "bringing the number of X to N"
a running total of X. Functions take the lexicon; none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.clauses import is_forecast, mentions_defection
from extractor.assemble.doccache import doc_spans
from extractor.assemble.mentions import CountMention
from extractor.assemble.nouns import MOVER_CLASSES, NOUN_POS, noun_class, of_object
from extractor.assemble.tokens import VERB_POS, clause_tokens, contains_phrase, predicate_chain, text_of
from extractor.lexicon import Lexicon

FIGURE_PRONOUNS = frozenset({"it", "that", "this", "which"})  # "That was down from 1,418": the figure itself
PERSON_PRONOUNS = frozenset({"he", "she", "i", "you"})  # one person's pronouns ("he was 13": an age)
LABEL_DEPS = ("nummod", "compound", "appos", "npadvmod")  # dependency labels of a number naming its noun


def running_total_mention(lex: Lexicon, span: Span, container: Token, topical_context: bool) -> CountMention | None:
    """"bringing the number of Syrian generals in Turkey to 20": a figure of the number's of-object,
    when those are defectors, or people in a sentence (or context) about defecting, vanishing or asylum."""
    noun = of_object(container)
    kind = noun_class(lex, noun)
    if kind not in MOVER_CLASSES or is_forecast(lex, span.root):
        return None  # "grew the list of congressional Democrats to more than 30"
    sentence = list(span.sent)
    said = topical_context or mentions_defection(lex, sentence) or any(
        t.lemma_.lower() in lex.vanish_lemmas for t in sentence) or contains_phrase(
        text_of(sentence), lex.trigger_phrases) is not None
    if kind == "people" and not said:
        return None
    verb = container.head
    return CountMention(span, noun, kind, verb, clause_tokens(verb, keep=[container]), False)


def is_label(span: Span) -> bool:
    """"Camp 14", "Route 1", "Flight 370": a number right after a title-case noun it modifies names
    that thing; it counts nothing. Dates never reach here (the count tagger drops "Jan. 16")."""
    root = span.root
    if span.start == span.sent.start or not root.like_num or root.dep_ not in LABEL_DEPS:
        return False
    name = span.doc[span.start - 1]
    times = doc_spans(span.doc, "times")
    return name.i == root.head.i and name.pos_ in NOUN_POS and name.is_title \
        and not any(t.start <= name.i < t.end for t in times)


def age_of_person(span: Span) -> bool:
    """"when he was 13", "Now 26, she told ...": a person's age."""
    root, doc = span.root, span.doc
    if root.dep_ in ("attr", "acomp") and root.head.lemma_ == "be":
        subjects = [c for c in root.head.children if c.dep_ == "nsubj"]
        if any(s.lower_ in PERSON_PRONOUNS for s in subjects):
            return True
    before = doc[span.start - 1] if span.start > span.sent.start else None
    after = doc[span.end] if span.end < len(doc) else None
    return before is not None and before.lower_ == "now" and before.i == span.sent.start \
        and after is not None and after.text == ","


def the_others(span: Span) -> bool:
    """"The other three were regime soldiers": the rest of a group already told, not a figure."""
    doc = span.doc
    words = [t.lower_ for t in doc[max(span.sent.start, span.start - 2):span.start]]
    return words in (["the", "other"], ["the", "remaining"])


def bare_is_defection(lex: Lexicon, predicate: Token, clause: list[Token], topical_context: bool) -> bool:
    """A number with no noun ("rose to 196") counts defectors only in a defection context."""
    subjects = [c for v in _conjoined_heads(predicate) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(noun_class(lex, s) == "other" and s.pos_ in ("NOUN", "PROPN") for s in subjects):
        return False  # "The population ... has fluctuated and currently is estimated at around 40,000"
    if any(noun_class(lex, frame) == "other" for frame in _frame_nouns(lex, predicate)):
        return False  # "Among 39 civilian casualties were 25", "Out of a total of 1,113 structures, 358 ..."
    if mentions_defection(lex, clause):
        return True
    return topical_context and _figure_verb(lex, predicate)


def _figure_verb(lex: Lexicon, predicate: Token) -> bool:
    """A verb a figure of a topic told nearby hangs on: "rose to 196", "was 61", "Another 38 came",
    "peaked at 2,914"; not "more than 40 sitting Tory councillors" (a bare number the topic alone carries)."""
    if predicate.pos_ not in VERB_POS:
        return True  # a verbless fragment: "Up from 1,047 in 2023"
    figure_verbs = lex.statistic_verbs | lex.triggers | lex.incident_verbs | lex.arrival_lemmas | lex.stock_lemmas \
        | lex.reporting_lemmas
    if any(v.lemma_.lower() in figure_verbs for v in predicate_chain(predicate)):
        return True
    subjects = [c for v in _conjoined_heads(predicate) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(noun_class(lex, s) in ("none", "defection") or s.lower_ in FIGURE_PRONOUNS for s in subjects)


def _conjoined_heads(predicate: Token) -> list[Token]:
    """The predicate and the verbs it is conjoined to, whose subject it shares."""
    verbs = [predicate]
    while verbs[-1].dep_ == "conj" and verbs[-1].head.i != verbs[-1].i:
        verbs.append(verbs[-1].head)
    return verbs


def _frame_nouns(lex: Lexicon, predicate: Token) -> list[Token]:
    """What "among X", "of X", "out of X" on the predicate say the bare number is a part of
    (not a figure or a pronoun: "Of the 64, 52 were women" is a part of a figure already read)."""
    frames = []
    for prep in (c for c in predicate.children if c.dep_ == "prep" and c.lower_ in ("among", "of", "out")):
        for noun in (o for c in [prep, *prep.children] for o in c.children if o.dep_ == "pobj"):
            inner = of_object(noun) if noun.lemma_.lower() in lex.container_nouns | lex.bare_count_nouns else None
            frame = inner if inner is not None else noun
            if not (frame.like_num or frame.pos_ in ("NUM", "PRON")):
                frames.append(frame)
    return frames
