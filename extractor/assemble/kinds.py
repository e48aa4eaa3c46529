"""Is a figure one incident or an aggregate? And conjoined breakdowns summed into one group.

``count_kind`` decides from the figure's period (a day or a week is an
incident, a year or a rate an aggregate), its qualifier, stock phrases, and
whether a specific small group did the crossing ("Seven North Koreans
arrived", "a family of nine"). ``combine_breakdowns`` makes "three men and six
women" one group of nine. Functions take the lexicon; none keeps state.
"""

from __future__ import annotations

from spacy.tokens import Span

from extractor.assemble.clauses import acting_verbs, has_trigger_phrase, team_vanished
from extractor.assemble.doccache import doc_spans
from extractor.assemble.mentions import CountMention
from extractor.assemble.nouns import is_demonym, running_total
from extractor.assemble.periods import SentenceTimes
from extractor.assemble.tokens import contains_phrase, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.counts import CountMatch
from extractor.records import Count, Period

INCIDENT_GRAINS = frozenset({"day", "week"})  # granularities of one event's date


def count_kind(lex: Lexicon, mention: CountMention, period: Period | None, times: SentenceTimes) -> str:
    """``incident`` or ``aggregate`` for the figure ``mention`` dated by ``period``."""
    clause_text = text_of(mention.clause)
    count = mention.span._.count.count
    if period is not None and (period.rate or period.granularity in ("open", "multi_year")):
        return "aggregate"
    if count.qualifier == "vague" and not times.rates and _beside_a_named_person(mention):
        return "incident"  # "Lee and several other North Korean nationals defected": one party, one event
    if times.rates or count.qualifier in ("vague", "range"):
        return "aggregate"
    if is_stock(lex, mention):
        return "aggregate"
    if open_stock(lex, mention):
        return "aggregate"
    if _one_described_person(mention):
        return "incident"
    if count.value is not None and count.value > 1 and contains_phrase(clause_text, lex.separate_cues):
        return "aggregate"  # "Two soldiers crossed separately in October": several crossings, one figure
    kind = _kind_by_grain(lex, mention, period.granularity if period is not None else None)
    if kind == "incident" and count.value is not None and count.value > lex.small_group_max \
            and not _named_group(lex, mention.span):
        return "aggregate"  # "141,500 entering on Monday alone": a day's figure, not one group's crossing
    return kind


def _beside_a_named_person(mention: CountMention) -> bool:
    """"Lee and several other North Korean nationals": a vague count coordinated with a named person."""
    noun = mention.noun
    if noun is None:
        return False
    names = [noun.head] if noun.dep_ == "conj" else []
    names += [c for c in noun.children if c.dep_ == "conj"]
    return any(n.pos_ == "PROPN" and n.tag_ == "NNP" for n in names)


def _named_group(lex: Lexicon, span: Span) -> bool:
    """"a group of 31 North Koreans", "a boatload of 40": one group, whatever its size."""
    root = span.root
    owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return any(t.lemma_.lower() in lex.group_nouns for t in span) \
        or (owner is not None and owner.lemma_.lower() in lex.group_nouns)


def open_stock(lex: Lexicon, mention: CountMention) -> bool:
    """A running total ("bringing the number of X to 20") or a large figure in the perfect tense
    ("about 40,000 soldiers had abandoned their posts"): without a time of its own, all so far."""
    if running_total(lex, mention.span) is not None:
        return True
    value = mention.span._.count.count.value
    if value is None or value <= lex.small_group_max or _named_group(lex, mention.span):
        return False
    verbs = acting_verbs(mention.predicate)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in mention.predicate.children)
    return perfect and any(v.lemma_.lower() in lex.incident_verbs | lex.triggers for v in verbs)


def is_stock(lex: Lexicon, mention: CountMention) -> bool:
    """A stock (v1.1): "a total of", "live in the South", or a present-tense existential ("There are currently
    more than 20,000 North Korean defectors in South Korea": who is there now, not who came when)."""
    if contains_phrase(text_of(mention.clause), lex.stock_phrases):
        return True
    predicate = mention.predicate
    if predicate.lemma_.lower() in lex.stock_lemmas:
        return True
    return predicate.lemma_.lower() == "be" and predicate.tag_ in ("VBP", "VBZ") \
        and any(c.dep_ == "expl" for c in predicate.children)


def _kind_by_grain(lex: Lexicon, mention: CountMention, grain: str | None) -> str:
    count = mention.span._.count.count
    specific = _specific_actor(lex, mention)
    verbs = acting_verbs(mention.predicate)
    acting = any(v.lemma_.lower() in lex.incident_verbs | lex.triggers for v in verbs) \
        or has_trigger_phrase(lex, verbs) \
        or (mention.noun is not None and team_vanished(lex, mention.noun, verbs))
    if grain in INCIDENT_GRAINS:
        plural_events = mention.noun_class == "defection" and mention.noun is not None and mention.noun.tag_ == "NNS" \
            and mention.noun.lemma_.lower() in lex.defection_event_nouns  # "crossings", not "defectors"
        return "aggregate" if plural_events else "incident"
    small = count.value is None or count.value <= lex.small_group_max
    if grain == "month":
        return "incident" if specific and acting and small else "aggregate"
    exact = count.qualifier == "exact"
    if grain == "year" and acting and small and exact and _members_of_one_group(lex, mention):
        return "incident"  # "Eight members of Burundi's team at the 2018 Games went missing": one group, one event
    if grain is None:
        return "incident" if specific and acting else "aggregate"
    return "aggregate"


def _one_described_person(mention: CountMention) -> bool:
    """"including one who was shot as he ran across": one person and his own story."""
    count = mention.span._.count.count
    if (count.value, count.qualifier) != (1, "exact") or mention.noun_class not in ("none", "people"):
        return False
    holder = mention.noun if mention.noun is not None else mention.span.root
    return any(c.dep_ == "relcl" for c in holder.children)


def _members_of_one_group(lex: Lexicon, mention: CountMention) -> bool:
    """"members of Eritrea's national team", "members of the delegation": part of one named group."""
    noun = mention.noun
    if noun is None:
        return False
    if noun.lemma_.lower() not in lex.member_nouns:
        # "Six Burundian cyclists disappeared in Switzerland": athletes of one nation vanishing on one trip
        return noun.lemma_.lower() in lex.delegation_nouns \
            and team_vanished(lex, noun, acting_verbs(mention.predicate)) \
            and any(p.label_ == "DEMONYM" and p.end <= noun.i and p.end >= noun.i - 2
                    for p in doc_spans(noun.doc, "places"))
    for prep in (c for c in noun.children if c.lower_ == "of"):
        for group in (o for o in prep.children if o.dep_ == "pobj"):
            if any(c.dep_ == "poss" or c.lower_ in ("the", "its", "their") for c in group.children):
                return True
    return False


def _specific_actor(lex: Lexicon, mention: CountMention) -> bool:
    """A named kind of person or a group ("13 restaurant workers", "a family of nine")."""
    if mention.noun is None or mention.noun_class != "people":
        return False
    value = mention.span._.count.count.value
    if value is not None and value <= lex.small_group_max:
        return True
    if is_demonym(mention.noun):
        return False
    lemma = mention.noun.lemma_.lower()
    phrase = " ".join(t.lower_ for t in mention.noun.lefts if t.dep_ == "compound") + " " + mention.noun.lower_
    generic = lemma in lex.generic_people or phrase.strip() in lex.generic_people
    return not generic or mention.noun.lower_ in lex.group_nouns


def combine_breakdowns(lex: Lexicon, counts: list[CountMention]) -> list[CountMention]:
    """"three men and six women" is one group of nine: sum conjoined exact counts of men, women, children.

    The summed mention keeps its ``members``: when the figure turns out to be an aggregate ("two men and
    60 women arrived in the second quarter") the drafting step gives each member its own record (v1.1)."""
    combined: list[CountMention] = []
    for mention in counts:
        previous = combined[-1] if combined else None
        if previous is not None and not (previous.part or mention.part) and _is_breakdown_pair(lex, previous, mention):
            combined[-1] = _summed(previous, mention)
        else:
            combined.append(mention)
    return combined


def _is_breakdown_pair(lex: Lexicon, first: CountMention, second: CountMention) -> bool:
    nouns = (first.noun, second.noun)
    if any(n is None or n.lower_ not in lex.breakdown_nouns for n in nouns):
        return False
    counts = (first.span._.count.count, second.span._.count.count)
    linked = second.noun.head.i == first.noun.i and second.noun.dep_ == "conj"
    return linked and all(c.qualifier == "exact" and c.value is not None for c in counts)


def _summed(first: CountMention, second: CountMention) -> CountMention:
    doc = first.span.doc
    span: Span = doc[first.span.start:second.noun.i + 1]
    total = first.span._.count.count.value + second.span._.count.count.value
    match = CountMatch(span.start_char, span.end_char, span.text, Count(value=total, qualifier="exact", text=span.text))
    span._.count = match
    members = [*(first.members or [first]), second]
    return CountMention(span, first.noun, first.noun_class, first.predicate, first.clause, first.definite,
                        members=members)
