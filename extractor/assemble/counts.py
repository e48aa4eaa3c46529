"""Which numbers of a sentence count defectors: one ``CountMention`` per figure.

``read_count`` keeps a number when it counts defectors or defections and
drops ages, the make-up of a group ("made up of three families"), relatives
who came along, visitors, causes, breakdowns of a figure already given,
negated or forecast figures. ``parallel_count`` reads a bare number joined to
the figure before it ("196 in 2023 and 236 in 2024"). Every function takes the
lexicon; none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.bare import age_of_person, bare_is_defection, is_label, running_total_mention, the_others
from extractor.assemble.clauses import (
    acting_verbs,
    is_forecast,
    is_negative,
    is_tally_remark,
    named_as_cause,
    negative_verb_or_phrase,
    people_defect,
    repaired_predicate,
    switches_sides,
    visit_purpose,
)
from extractor.assemble.doccache import doc_spans
from extractor.assemble.mentions import CountMention
from extractor.assemble.nouns import counted_noun, is_companion, noun_class, of_object, running_total, visitors
from extractor.assemble.senses import other_sense, own_crossing_relative
from extractor.assemble.subsets import (
    apposed_share,
    breaks_down_a_figure,
    fronted_whole,
    is_partitive,
    own_times,
    whole_of_group,
    whole_predicate,
)
from extractor.assemble.tokens import clause_tokens, contains_phrase, predicate_of, text_of
from extractor.lexicon import Lexicon

DEFINITE = frozenset({"the", "this", "that", "these", "those"})                  # determiners
GROUP_DETERMINERS = ("the", "this", "that", "their", "his", "her")              # determiners and possessives
LIST_PUNCTUATION = ("-", "--", "\u2013", "\u2014", ":", ",")  # punctuation before a list of members


def read_count(lex: Lexicon, span: Span, topical_context: bool) -> CountMention | None:
    """The figure ``span`` gives, or None when it counts no defectors."""
    container = running_total(lex, span)
    if container is not None and of_object(container) is not None:
        return running_total_mention(lex, span, container, topical_context)
    noun = counted_noun(lex, span)
    share = apposed_share(span) if noun is None else None
    noun = share[1] if share is not None else noun  # "More than half, or 99, of the defectors"
    kind = noun_class(lex, noun)
    anchor = noun if noun is not None else span.root
    predicate = repaired_predicate(lex, anchor, predicate_of(anchor))
    predicate = own_crossing_relative(lex, anchor, predicate) or predicate
    clause = clause_tokens(predicate, keep=[anchor])
    composed = is_composition(lex, span)
    breakdown = breaks_down_a_figure(lex, span, composed)  # "The arrivals were made up of 32 men and 164 women"
    if _not_a_figure(lex, span, noun, kind, predicate, anchor, composed and not breakdown):
        return None
    own_relative_verb = predicate.dep_ == "relcl" and predicate.head.i == anchor.i
    listed, partitive = is_subset(lex, span) and not own_relative_verb, is_partitive(span, noun)
    # "14 of the new arrivals", "10 of the 196 defections": part of a figure; "one of Syria's most senior
    # diplomats", "Four of the fishermen": people of a group, as before
    figure_part = partitive and kind != "people" and not whole_of_group(span)
    part = listed or breakdown or share is not None or figure_part or fronted_whole(span)
    dated_part = (listed or partitive) and bool(own_times(span, predicate, lex.reporting_lemmas))
    if share is not None and kind == "none":  # "More than half, or 105, were in their 20s": "half" is no thing
        if not (topical_context and _describes_share(lex, predicate, clause, anchor)):
            return None
    elif not (breakdown and kind == "people") and not _describes_part(lex, part, kind, predicate, clause) \
            and not _counts_defectors(lex, span, kind, predicate, clause, anchor, topical_context):
        return None
    if other_sense(lex, noun, predicate, clause):
        return None  # a prison escape, a party switch, war refugees, the rescued (contract v1.2)
    own_relative = own_relative_verb and _dated_or_stock_relative(lex, span, predicate)
    # "the 236 who arrived in 2024" is a figure of its own, not a follow-up; a part is not a follow-up either
    definite = _definite(span, noun) and not (partitive and (dated_part or figure_part)) and not own_relative \
        and share is None
    if listed:  # the part shares its whole's clause: who, from where, to where
        clause = clause_tokens(whole_predicate(predicate), keep=[anchor])
    return CountMention(span, noun, kind, predicate, clause, definite, part=part, listed=listed,
                        dated_part=dated_part)


def _not_a_figure(lex: Lexicon, span: Span, noun: Token | None, kind: str, predicate: Token, anchor: Token,
                  group_make_up: bool) -> bool:
    """An age, a group's make-up, visitors, relatives who came along, "the last one", a trip, a cause."""
    if kind == "other" or looks_like_age(lex, span) or group_make_up or visitors(lex, noun):
        return True
    if noun is None and is_label(span):
        return True  # "Escape from Camp 14": the number is part of a name
    if noun is not None and is_companion(lex, noun):
        return True  # "defected with his wife and two sons": who came along, not a figure
    if noun is None and (age_of_person(span) or the_others(span)):
        return True  # "when he was 13", "The other three were ...": an age; people already told
    if _pronoun_one(span) or visit_purpose(lex, predicate):
        return True  # "At the last one", "crossed the border to meet relatives"
    return named_as_cause(lex, anchor)  # "attributed the uptick partly to several diplomats"


def _counts_defectors(lex: Lexicon, span: Span, kind: str, predicate: Token, clause: list[Token], anchor: Token,
                      topical_context: bool) -> bool:
    """Neither negated, forecast nor a tally remark, and the people (or the bare number) defect."""
    if is_negative(lex, clause, predicate, anchor) or is_forecast(lex, anchor) or is_tally_remark(lex, predicate):
        return False
    if kind == "people" and (_of_another_thing(lex, anchor, span) or not people_defect(lex, anchor, predicate)):
        return False
    if switches_sides(lex, acting_verbs(predicate)):
        return False  # "two lawmakers defected to the opposition party"
    return kind != "none" or bare_is_defection(lex, predicate, clause, topical_context)


def _describes_part(lex: Lexicon, part: bool, kind: str, predicate: Token, clause: list[Token]) -> bool:
    """"Fourteen of the new arrivals had served in the military": the verb says who the part's people
    were; the defection is the whole's (a defection noun)."""
    if not part or kind != "defection" or predicate.lemma_.lower() not in lex.part_attribute_lemmas:
        return False
    return contains_phrase(text_of(clause), lex.negative_phrases) is None and not is_forecast(lex, predicate)


def _describes_share(lex: Lexicon, predicate: Token, clause: list[Token], anchor: Token) -> bool:
    """A share of the figure just given, neither negated nor forecast."""
    return not is_negative(lex, clause, predicate, anchor) and not is_forecast(lex, anchor)


def _dated_or_stock_relative(lex: Lexicon, span: Span, predicate: Token) -> bool:
    """"the 236 who arrived in 2024", "the 220 who have settled": the relative clause makes it a figure."""
    relative_ids = {t.i for t in predicate.subtree}
    relative_dated = any(t.start in relative_ids for t in doc_spans(span.doc, "times"))
    return relative_dated or predicate.lemma_.lower() in lex.stock_lemmas


def parallel_count(lex: Lexicon, span: Span, previous: CountMention, korean: bool = False) -> CountMention | None:
    """"196 in 2023 and 236 in 2024", "61 arrived, compared with 49 in the same quarter of 2024".

    A bare number joined to the figure just read by a coordinator or a comparison
    word counts the same thing, whatever clause the parser hung it in.
    """
    if counted_noun(lex, span) is not None or looks_like_age(lex, span) or span.start <= previous.span.end:
        return None
    doc = span.doc
    link = doc[span.start - 1] if span.start > span.sent.start else None
    if link is None or link.lower_ not in lex.parallel_links:
        return None
    if previous.span._.count.count.value is None or is_subset(lex, span) or is_composition(lex, span):
        return None
    predicate = predicate_of(span.root)
    clause = clause_tokens(predicate, keep=[span.root])
    if is_forecast(lex, span.root):
        return None
    if korean and previous.noun_class == "defection" and _goes_back(lex, predicate):
        # "while 10,000 defectors have arrived ..., just 30 have returned home": defectors going back (KR -> KP)
        return CountMention(span, None, "none", predicate, clause, False)
    if negative_verb_or_phrase(lex, predicate, clause):
        return None
    return CountMention(span, None, "none", previous.predicate, previous.clause, False)


def _goes_back(lex: Lexicon, predicate: Token) -> bool:
    """The number's own verb with its particle or adverb is a going back ("have returned home", "went back")."""
    words = [predicate, *(c for c in predicate.children if c.dep_ in ("advmod", "prt") and c.i > predicate.i)]
    return contains_phrase(text_of(words), lex.back_cues) is not None


def _pronoun_one(span: Span) -> bool:
    """"the last one", "this one", "another one": the pronoun "one", not a count of one."""
    if len(span) != 1 or span[0].lower_ != "one":
        return False
    token = span[0]
    return token.dep_ not in ("nummod", "quantmod") and any(c.dep_ in ("det", "amod") for c in token.children)


def _of_another_thing(lex: Lexicon, noun: Token, span: Span) -> bool:
    """"the dismissal of several officers": the people belong to some other noun, not to the verb."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    if owner.pos_ != "NOUN" or owner.lower_ in lex.bare_count_nouns or span.start <= owner.i < span.end:
        return False
    lemma = owner.lemma_.lower()
    if lemma in lex.group_nouns or lemma in lex.container_nouns:
        return False
    return noun_class(lex, owner) == "other"


def _definite(span: Span, noun: Token | None) -> bool:
    """"the group of nearly 10", "the nine": a follow-up on a group already reported."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span[0].lower_ not in DEFINITE:
        return True
    return noun is not None and any(c.lower_ in DEFINITE and not _noun_between(c, span) for c in noun.lefts
                                    if c.dep_ == "det")


def _noun_between(det: Token, span: Span) -> bool:
    """"Before the 2010 Games nine members ...": the article belongs to a noun between it and the count."""
    between = span.doc[det.i + 1:span.start]
    return any(t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod") for t in between)


def is_subset(lex: Lexicon, span: Span) -> bool:
    """A count right after "including", "among them": part of a figure already given."""
    before = span.doc[max(span.sent.start, span.start - 2):span.start].text.lower()
    return any(before.endswith(cue) for cue in lex.subset_cues)


def is_composition(lex: Lexicon, span: Span) -> bool:
    """"The group, made up of three families and two women": the make-up of a group, not a figure."""
    before = " ".join(t.lower_ for t in span.doc[max(span.sent.start, span.start - 3):span.start])
    if any(before.endswith(cue) for cue in lex.composition_cues):
        return True
    if _after_named_group(lex, span):
        return True
    holder = span.root.head if span.root.dep_ == "nummod" else span.root
    while holder.dep_ == "conj" and holder.head.i != holder.i:  # "... of three families and two women"
        holder = holder.head
        first = min(t.i for t in holder.subtree)
        left = " ".join(t.lower_ for t in span.doc[max(span.sent.start, first - 3):first])
        if any(left.endswith(cue) for cue in lex.composition_cues):
            return True
    return False


def _after_named_group(lex: Lexicon, span: Span) -> bool:
    """"The family – a couple, their teenage son and ...": a list right after a definite group
    noun and a dash, colon or comma spells out its members, it is not a figure of its own."""
    doc = span.doc
    if span.start - 2 < span.sent.start:
        return False
    punct, noun = doc[span.start - 1], doc[span.start - 2]
    if punct.text not in LIST_PUNCTUATION:
        return False
    if noun.lemma_.lower() not in lex.group_nouns and noun.lower_ not in lex.group_nouns:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in GROUP_DETERMINERS for c in noun.children)


def looks_like_age(lex: Lexicon, span: Span) -> bool:
    """"aged 22", "a 25-year-old", ", 31,": a person's age, not a count."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in lex.age_cues:
        return True
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:  # "aged 22 and 25": the second age too
        first = first.head
        if first.i > 0 and doc[first.i - 1].lower_ in lex.age_cues:
            return True
    if after is not None and after.lower_ in ("years", "year") and span.end + 1 < len(doc) \
            and doc[span.end + 1].lower_ == "old":
        return True
    comma_wrapped = before is not None and before.text == "," and after is not None and after.text in (",", ")")
    return comma_wrapped and span.root.dep_ in ("appos", "npadvmod", "amod", "nummod") and len(span) == 1
