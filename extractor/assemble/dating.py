"""The period of a figure or an incident, with what the article said before.

A figure takes the nearest group of its sentence's event times (see
:mod:`.periods`), resolving "the previous quarter", "a year earlier" and "the
same period" against earlier times of the sentence or the article's running
topic period, and a yearless half or quarter against the lead year; a figure
with no time of its own inherits the topic period (a stock: open up to the
publication date). An incident takes its own day, else the next sentence's
of the same paragraph. The running periods live in the document's
:class:`ArticleState`, passed in; functions take the lexicon; none keeps state.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from extractor.assemble.kinds import INCIDENT_GRAINS, is_stock, open_stock
from extractor.assemble.mentions import CountMention, SentenceFacts
from extractor.assemble.periods import (
    COMPARED_PREPOSITIONS,
    SentenceTimes,
    classify_times,
    end_point_period,
    in_topic_year,
    is_comparison,
    nearest_group,
    resolve_same_period,
    since_clause_start,
    since_period,
)
from extractor.assemble.state import ArticleState
from extractor.assemble.tokens import clause_tokens, contains_phrase, predicate_chain, predicate_of, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.time import parse_period, shift_period
from extractor.records import Period

RELATION_WORD = re.compile(r"\s*(?:since|after|before|until|till|from)\s+", re.I)  # temporal prepositions before a time
# 'the previous quarter', 'a month earlier'
PREVIOUS_UNIT = re.compile(r"\b(?:previous|prior|preceding)\s+(?P<u1>quarter|month)\b"
                           r"|\b(?P<u2>quarter|month)\s+(?:earlier|before)\b", re.I)
YEAR_EARLIER = re.compile(r"\byear\s+(?:earlier|before)\b", re.I)  # 'a year earlier'
UNIT_MONTHS = {"quarter": 3, "month": 1}  # calendar units
SUBCLAUSE_MARKS = frozenset({"after", "before", "when", "while", "because", "as", "once", "until"})  # conjunctions
WHEN_GRAINS = ("day", "week", "month", "quarter", "half_year", "year")  # granularities, not words


def unit_before(anchor: Period, months: int) -> Period:
    """The quarter (or month) before ``anchor``: "64 in the July-September period, up from 51 in the
    previous quarter"."""
    first = anchor.start
    index = first.year * 12 + first.month - 1 - months
    start = dt.date(index // 12, index % 12 + 1, 1)
    return anchor.model_copy(update={"start": start, "end": first - dt.timedelta(days=1)})


def _in_other_subclause(time: Span, count: Span) -> bool:
    """"the figure had fallen to 1,047, and after Pyongyang sealed its borders at the start of the
    pandemic it collapsed": a time inside an adverbial clause that does not hold the count is not its period."""
    for verb in time.root.ancestors:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBCLAUSE_MARKS for c in verb.children):
            inside = {t.i for t in verb.subtree}
            if count.root.i not in inside:
                return True
    return False


def count_periods(lex: Lexicon, state: ArticleState, mention: CountMention, facts: SentenceFacts,
                  times: SentenceTimes) -> list[Period]:
    """The periods ``mention`` is dated by in its own sentence (one per time of its group)."""
    if times.ends:
        counted_to = end_point_period(times.ends, times.events)
        if counted_to is not None:
            return [counted_to]
    groups = times.groups()
    if not groups:
        return []
    own = [g for g in groups if not _in_other_subclause(g[0], mention.span)]
    groups = own or groups
    if is_stock(lex, mention):
        groups = _stock_groups(mention, groups)
        if not groups:
            return []
    others = [m.span for m in facts.counts]
    if "respectively" in facts.text.lower() and len(others) == sum(len(g) for g in groups) > 1:
        position = others.index(mention.span)
        return [_period_of(lex, state, times.events[position], times)]
    paired = _from_to_period(lex, state, mention, facts, groups, times)
    if paired is not None:
        return [paired]
    groups = _without_compared_base(mention, groups)
    group = nearest_group(mention.span, groups, others)
    return [p for p in (_period_of(lex, state, span, times) for span in group) if p is not None]


def _stock_groups(mention: CountMention, groups: list[list[Span]]) -> list[list[Span]]:
    """A stock is dated only by its own verb's times or its noun's ("the total number of defectors who have
    settled in the South since 1998 rose to 34,078"), a "since" start first; never by another clause's
    ("..., but the flow has slowed since the pandemic", "... a fraction of what they were before the pandemic")."""
    holders = [mention.noun] if mention.noun is not None else []
    holders += [c for c in mention.predicate.children if c.dep_ in ("nsubj", "nsubjpass")]  # "the total number of"
    head = mention.span.root.head
    if head.dep_ == "prep" and head.lower_ in COMPARED_PREPOSITIONS:
        holders.append(head)  # "up from 67 a year earlier": the figure compared with is dated in its own phrase
    own = [g for g in groups if predicate_of(g[0].root).i == mention.predicate.i
           or any(g[0].root.i in {t.i for t in h.subtree} and not _clause_between(g[0].root, h) for h in holders)]
    since = [g for g in own if g[0].text.lower().startswith("since") or since_clause_start(g[0])]
    return since or own


def _clause_between(token: Token, noun: Token) -> bool:
    """Is there a conjoined clause or noun between ``token`` and its ancestor ``noun``?"""
    current = token
    while current.i != noun.i and current.head.i != current.i:
        if current.dep_ == "conj":
            return True
        current = current.head
    return False


def _without_compared_base(mention: CountMention, groups: list[list[Span]]) -> list[list[Span]]:
    """"nearly tripled from a year earlier to 196": a time right after "from" dates the figure compared with,
    not one that does not follow "from" itself, when the sentence gives the figure another time."""
    doc = mention.span.doc
    def after_from(span: Span) -> bool:  # noqa: E306
        return span.start > span.sent.start and doc[span.start - 1].lower_ == "from"
    if after_from(mention.span):
        return groups
    kept = [g for g in groups if not after_from(g[0])]
    return kept or groups


def _from_to_period(lex: Lexicon, state: ArticleState, mention: CountMention, facts: SentenceFacts,
                    groups: list[list[Span]], times: SentenceTimes) -> Period | None:
    """"from less than 100 in the 1990s to more than 2,000 per year since 2006", "compared to 2011 (from 2,700
    to 1,500)": with one figure after "from", one after "to" and two times, the earlier time dates the
    "from" figure and the later one the "to" figure, wherever the times stand."""
    roles = {}
    for other in facts.counts:
        before = other.span.doc[other.span.start - 1].lower_ if other.span.start > other.span.sent.start else ""
        if before in ("from", "to"):
            roles.setdefault(before, []).append(other.span)
    role = next((r for r, spans in roles.items() if mention.span in spans), None)
    if role is None or any(len(roles.get(r, [])) != 1 for r in ("from", "to")) or len(groups) != 2 \
            or any(len(g) != 1 for g in groups):
        return None
    periods = [_period_of(lex, state, g[0], times) for g in groups]
    if any(p is None or p.start is None for p in periods) or periods[0].start == periods[1].start:
        return None
    earlier, later = sorted(periods, key=lambda p: p.start)
    return earlier if role == "from" else later


def _period_of(lex: Lexicon, state: ArticleState, span: Span, times: SentenceTimes) -> Period | None:
    since = since_period(span)
    if since is not None:
        return since
    before = span.doc[max(span.sent.start, span.start - 4):span.end].text.lower()
    unit = PREVIOUS_UNIT.search(span.text)
    if unit:
        grain = unit["u1"] or unit["u2"]
        earlier = [s for s in times.events if s.end <= span.start and s._.time.period is not None
                   and s._.time.period.granularity == grain and s._.time.period.start is not None]
        if earlier:
            return unit_before(earlier[-1]._.time.period, UNIT_MONTHS[grain]).model_copy(update={"text": span.text})
    if is_comparison(lex, span.text):
        compared = _compared_period(state, span, times)
        if compared is not None:
            return compared
    if "same" in before:
        earlier = [s for s in times.events if s.end <= span.start and s._.time.period is not None]
        previous = earlier[-1]._.time.period if earlier else state.topic_period
        return resolve_same_period(span, previous, lex) or span._.time.period
    return in_topic_year(span._.time.period, state.lead_year or state.topic_period) or span._.time.period


def _compared_period(state: ArticleState, span: Span, times: SentenceTimes) -> Period | None:
    """"89 in the first half, down from 105 a year earlier": the same half (or the year) a year before."""
    earlier = [s for s in times.events if s.end <= span.start and s._.time.period is not None]
    finer = [s for s in earlier if s._.time.period.start is not None
             and s._.time.period.granularity in ("half_year", "quarter", "month")]
    if YEAR_EARLIER.search(span.text) and finer:
        return shift_period(finer[-1]._.time.period, -1).model_copy(update={"text": span.text})
    years = [s for s in earlier if s._.time.period.granularity == "year"]
    anchor = years[0]._.time.period if years else state.topic_period
    if anchor is not None and anchor.granularity == "year":
        return shift_period(anchor, -1).model_copy(update={"text": span.text})
    return None


def inherited_period(lex: Lexicon, state: ArticleState, mention: CountMention) -> Period | None:
    """A figure with no time of its own: a stock up to the publication date, else the topic period."""
    if (is_stock(lex, mention) or open_stock(lex, mention)) and state.doc._.anchor is not None:
        return Period(start=None, end=state.doc._.anchor, granularity="open", text=mention.span.text)
    return state.topic_period


def incident_period(lex: Lexicon, anchor: Span, times: SentenceTimes, index: int,
                    sentences: list[SentenceFacts]) -> Period | None:
    """The event's own date: its sentence's, else the next sentence's of the same paragraph.

    Dates of what happened to others ("while the other three were sent back on Monday") are not the event's.
    """
    own = closest_day(anchor, event_dates(lex, times))
    if own is not None:
        return own
    following_facts = sentences[index + 1] if index + 1 < len(sentences) else None
    if following_facts is not None and following_facts.paragraph == sentences[index].paragraph \
            and not _tells_another(following_facts):
        following = classify_times(following_facts.times, lex)
        return closest_day(None, event_dates(lex, following))
    return None


def _tells_another(facts: SentenceFacts) -> bool:
    """A sentence with people or a figure of its own (not "the soldier", "the nine"): its date is theirs."""
    return any(not a.definite and not a.pronoun for a in facts.actors) or any(not m.definite for m in facts.counts)


def when_antecedent(predicate: Token, facts: SentenceFacts) -> Period | None:
    """"since August last year, when a soldier crossed": the time a "when" clause hangs on dates it."""
    if not any(c.lower_ == "when" and c.dep_ == "advmod" for c in predicate.children):
        return None
    first = min(t.i for t in predicate.subtree)
    doc = predicate.doc
    for span in facts.times:
        if not (0 <= first - span.end <= 1) or span._.time is None or span._.time.period is None:
            continue
        period = span._.time.period
        relation = RELATION_WORD.match(span.text)
        if relation:  # "since August last year": the point in time itself
            period = parse_period(span.text[relation.end():], doc._.anchor)
        if period is not None and period.granularity in WHEN_GRAINS:
            return period
    return None


def own_coarse_date(lex: Lexicon, anchor: Span, times: SentenceTimes) -> Period | None:
    """"In 2016, Thae Yong-ho ... defected": a year (or quarter) is the date when the sentence gives no finer one."""
    coarse = [s for s in event_dates(lex, times) if s._.time.period.granularity in ("quarter", "half_year", "year")]
    if not coarse:
        return None
    return min(coarse, key=lambda s: abs(s.start - anchor.start))._.time.period


def event_dates(lex: Lexicon, times: SentenceTimes) -> list[Span]:
    """Event times of the sentence, without those of what happened to others or afterwards."""
    return [s for s in times.events if not in_negative_clause(lex, s)]


def in_negative_clause(lex: Lexicon, span: Span) -> bool:
    predicate = predicate_of(span.root)
    if any(v.lemma_.lower() in lex.aftermath_lemmas for v in predicate_chain(predicate)):
        return True
    return contains_phrase(text_of(clause_tokens(predicate)), lex.negative_phrases) is not None


def closest_day(anchor: Span | None, events: list[Span]) -> Period | None:
    """The day (or week or month) closest to ``anchor``, exact days first; the first without an anchor."""
    fine = [s for s in events if s._.time.period.granularity in INCIDENT_GRAINS | {"month"}]
    if not fine:
        return None
    exact = [s for s in fine if s._.time.period.start == s._.time.period.end] or fine
    if anchor is None:
        return exact[0]._.time.period
    return min(exact, key=lambda s: abs(s.start - anchor.start))._.time.period
