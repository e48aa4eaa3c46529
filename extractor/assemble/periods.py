"""Which time expression of a sentence dates which figure.

Time spans are sorted into event times, rates ("annually") and announcement
times ("figures released this week", "said Tuesday": the day it was told,
not the day it happened). Each count takes the nearest group of event times
("in 2021 and 2022" is one group of two years: one record each), and
"respectively" pairs counts and times in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from extractor.assemble.tokens import predicate_of
from extractor.lexicon import Lexicon
from extractor.normalize.time import shift_period
from extractor.records import Period

COORDINATORS = frozenset({"and", ",", "or", "&", "as", "well"})  # conjunctions and punctuation
YEAR_DIGITS = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b")  # a year written in digits
COMPARED_PREPOSITIONS = frozenset({"from", "than", "with", "over"})  # "up from 67 a year earlier"
TOPIC_YEAR_GRAINS = frozenset({"half_year", "quarter"})  # granularities


@dataclass
class SentenceTimes:
    events: list[Span]
    rates: list[Span]
    announcements: list[Span]
    ends: list[Span] = field(default_factory=list)  # "as of the end of June": where a running total stops

    def groups(self) -> list[list[Span]]:
        """Event times joined only by "and"/commas form one group."""
        groups: list[list[Span]] = []
        for span in self.events:
            if groups and _coordinated(groups[-1][-1], span):
                groups[-1].append(span)
            else:
                groups.append([span])
        return groups


def _coordinated(left: Span, right: Span) -> bool:
    between = left.doc[left.end:right.start]
    return 0 < len(between) <= 3 and all(t.lower_ in COORDINATORS or t.is_space for t in between)


def classify_times(times: list[Span], lexicon: Lexicon) -> SentenceTimes:
    events, rates, announcements, ends = [], [], [], []
    for span in times:
        period = span._.time.period
        if period is None:
            if "same" in span.text.lower():
                events.append(span)  # "the same period last year": resolved against its neighbour
            continue
        if period.rate and period.start is None and period.end is None:
            rates.append(span)
        elif is_end_point(span, lexicon):
            ends.append(span)
        elif _in_dateline(span):
            announcements.append(span)
        elif _compared(span, lexicon):
            events.append(span)  # "..., the ministry said on Thursday, up from 67 a year earlier": a figure's period
        elif predicate_of(span.root).lemma_.lower() in lexicon.reporting_lemmas and not _before_postposed_report(span):
            announcements.append(span)
        elif _is_duration(span, lexicon) and period.granularity not in ("day",):
            continue  # "a journey that took two months": a duration, not a date
        else:
            events.append(span)
    return SentenceTimes(events, rates, announcements, ends)


def is_comparison(lex: Lexicon, text: str | None) -> bool:
    """"1,418 the previous year": a figure compared with, not the year the article is about."""
    return any(cue in (text or "").lower() for cue in lex.comparison_cues)


def _compared(span: Span, lexicon: Lexicon) -> bool:
    """"a year earlier", "the previous year": the period of a figure compared with, never the day a
    report was made, even when the parser hangs it on the reporting verb."""
    if not is_comparison(lexicon, span.text):
        return False
    verb = predicate_of(span.root)
    between = [t for t in span.root.ancestors if t.i != verb.i and verb in t.ancestors]
    return any(t.dep_ == "prep" and t.lower_ in COMPARED_PREPOSITIONS for t in between)


def _before_postposed_report(span: Span) -> bool:
    """"... crossed the MDL at 5 a.m. Tuesday, the JCS said": the parser hangs the time on the
    trailing "said", but a time before a postposed reporting clause dates the reported event."""
    verb = predicate_of(span.root)
    return verb.i > span.end and any(c.dep_ == "ccomp" and c.i < span.start for c in verb.children)


def is_end_point(span: Span, lexicon: Lexicon) -> bool:
    """"as of the end of June", "as at 31 December": the day a running total was counted up to."""
    before = " ".join(t.lower_ for t in span.doc[max(span.sent.start, span.start - 3):span.start])
    return any(before.endswith(cue) for cue in lexicon.end_point_cues)


def end_point_period(ends: list[Span], events: list[Span]) -> Period | None:
    """A total counted up to a day: from its "since" start (if the sentence gives one) to that day.

    "since 1998 rose to 34,586 as of the end of December" is 1998-01-01 .. December 31;
    "34,410 as of the end of June" with no start is an open stock ending June 30.
    """
    end = ends[-1]._.time.period
    if end is None or end.end is None:
        return None
    starts = [s for s in events if s.text.lower().startswith("since")
              and s._.time.period is not None and s._.time.period.start is not None]
    if starts:
        start = starts[0]._.time.period
        if start.start <= end.end:
            return Period(start=start.start, end=end.end, granularity="multi_year", text=starts[0].text)
    if events:
        return None  # the sentence dates its figure some other way ("in the first half, as of June 30")
    return Period(start=None, end=end.end, granularity="open", text=ends[-1].text)


def _is_duration(span: Span, lexicon: Lexicon) -> bool:
    """"took two months" is a duration; "took place in 2024" dates an event."""
    predicate = predicate_of(span.root)
    if predicate.lemma_.lower() not in lexicon.duration_lemmas:
        return False
    return not any(c.dep_ == "dobj" and c.lower_ in lexicon.event_objects for c in predicate.children)


def since_clause_start(span: Span) -> bool:
    """"since it was set up in September 2022", "since its launch in 2019": a start, not the period."""
    predicate = predicate_of(span.root)
    if predicate.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in predicate.children):
        return True
    current = span.root
    while current.i != predicate.i and current.head.i != current.i:
        current = current.head
        if current.lower_ == "since" and current.dep_ == "prep":
            return True
    return False


def since_period(span: Span) -> Period | None:
    """The event time of a "since" clause, stretched to the anchor: "since it was set up in 2022" is
    2022 .. published."""
    period = span._.time.period
    anchor = span.doc._.anchor
    if period is None or period.start is None or anchor is None or span.text.lower().startswith("since"):
        return None
    if not since_clause_start(span) or period.start > anchor:
        return None
    return Period(start=period.start, end=anchor, granularity="multi_year", text=span.text)


def _in_dateline(span: Span) -> bool:
    """"KYIV, Feb 25 - ...", "SEOUL, Oct. 21 (Yonhap) --": the filing date, not the event's."""
    sent = span.sent
    if span.start - sent.start > 4:
        return False
    following = span.doc[span.end:min(span.end + 4, sent.end)]
    doc = span.doc
    # a dash with a space before it ("Yong-ho" is a name, not a dateline dash)
    spaced = lambda t: t.i > 0 and bool(doc[t.i - 1].whitespace_)  # noqa: E731
    return any(t.text in ("-", "--", "\u2014", "\u2013") and spaced(t) for t in following)


def nearest_group(count: Span, groups: list[list[Span]], others: list[Span]) -> list[Span]:
    """The event-time group closest to ``count``; one beyond another count costs extra."""
    best, best_cost = [], None
    for group in groups:
        cost = min(_distance(count, span) for span in group)
        between = [o for o in others if (o.start, o.end) != (count.start, count.end) and _between(o, count, group)]
        if between:
            cost += 50
        if group[0].start >= count.end:
            cost -= 0.5  # "196 in 2023": a figure is usually followed by its period
        if best_cost is None or cost < best_cost:
            best, best_cost = group, cost
    return _finer_after(count, best, groups, others) or best


def _finer_after(count: Span, best: list[Span], groups: list[list[Span]], others: list[Span]) -> list[Span] | None:
    """"this year, with 99 reaching the South in the first half of 2023": a frame before the figure
    yields to a finer period inside it that follows the figure closely, with no other figure between."""
    if not best or best[-1].end > count.start:
        return None
    frame = best[-1]._.time.period
    if frame is None or frame.start is None or frame.end is None:
        return None
    for group in groups:
        span = group[0]
        period = span._.time.period
        if span.start < count.end or span.start - count.end > 8 or not _bounded(period):
            continue
        if any(count.end <= o.start and o.end <= span.start for o in others):
            continue
        inside = frame.start <= period.start and period.end <= frame.end
        if inside and (period.start, period.end) != (frame.start, frame.end):
            return group
    return None


def _bounded(period: Period | None) -> bool:
    return period is not None and period.start is not None and period.end is not None


def _distance(a: Span, b: Span) -> int:
    return b.start - a.end if b.start >= a.end else a.start - b.end


def _between(other: Span, count: Span, group: list[Span]) -> bool:
    lo = min(count.start, group[0].start)
    hi = max(count.end, group[-1].end)
    return lo <= other.start and other.end <= hi


def with_rate(period: Period | None, rates: list[Span]) -> Period | None:
    """Carry "annually" into the period it qualifies, or stand alone as an undated rate."""
    if not rates:
        return period
    rate = rates[0]._.time.period
    if period is None:
        return rate
    return period.model_copy(update={"rate": rate.rate})


def resolve_same_period(span: Span, previous: Period | None, lexicon: Lexicon) -> Period | None:
    """"the same period last year": the period just named, one year earlier."""
    if previous is None or not any(w in span.sent.text.lower() for w in lexicon.same_period_phrases):
        return None
    shifted = shift_period(previous, -1)
    return shifted.model_copy(update={"text": span.text})


def in_topic_year(period: Period | None, topic: Period | None) -> Period | None:
    """"In the first half" in a report about 2017 is 2017's half, not the publication year's.

    A half or quarter named without a year moves into the article's topic year
    when that year is finished by the publication date and is earlier than its own (it
    resolved as the latest such half or quarter before publication, never a later one).
    """
    if period is None or topic is None or topic.granularity != "year" or period.granularity not in TOPIC_YEAR_GRAINS:
        return None
    if YEAR_DIGITS.search(period.text or "") or period.start is None or topic.start is None:
        return None
    years = topic.start.year - period.start.year
    if years >= 0:
        return None  # never forward: "the fourth quarter" read in April is last year's, whatever the lead's year
    return shift_period(period, years)
