"""Sentence facts -> drafts -> one record per fact."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extractor.assemble.context import ArticleContext, article_context
from extractor.assemble.drafts import Draft, FieldReader
from extractor.assemble.merge import merge_drafts
from extractor.assemble.mentions import ActorMention, CountMention, SentenceFacts, SentenceReader, sentence_bounds
from extractor.assemble.periods import (
    SentenceTimes,
    classify_times,
    end_point_period,
    in_topic_year,
    nearest_group,
    resolve_same_period,
    shift_period,
    since_period,
    with_rate,
)
from extractor.assemble.tokens import clause_tokens, contains_phrase, predicate_chain, predicate_of, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.counts import CountMatch
from extractor.normalize.places import Gazetteer
from extractor.normalize.time import parse_period
from extractor.records import Count, DefectionRecord, Evidence, Period, record_id_for

RELATION_WORD = re.compile(r"\s*(?:since|after|before|until|till|from)\s+", re.I)

@dataclass(frozen=True)
class Assembled:
    """A record and the other sentences it drew details or its period from (for grounding)."""

    record: DefectionRecord
    grounds: list[str]


INCIDENT_GRAINS = frozenset({"day", "week"})
DMZ_SIDES = {"KP": "KR", "KR": "KP"}
INTER_KOREAN_LINES = frozenset({"Demilitarized Zone", "Military Demarcation Line", "Northern Limit Line", "Joint Security Area", "Panmunjom"})
COMPARISON_CUES = ("previous year", "year earlier", "year before", "prior year")


def _is_comparison(text: str | None) -> bool:
    """"1,418 the previous year": a figure compared with, not the year the article is about."""
    return any(cue in (text or "").lower() for cue in COMPARISON_CUES)


PREVIOUS_UNIT = re.compile(r"\b(?:previous|prior|preceding)\s+(?P<u1>quarter|month)\b|\b(?P<u2>quarter|month)\s+(?:earlier|before)\b", re.I)
UNIT_MONTHS = {"quarter": 3, "month": 1}


def unit_before(anchor: Period, months: int) -> Period:
    """The quarter (or month) before ``anchor``: "64 in the July-September period, up from 51 in the previous quarter"."""
    first = anchor.start
    index = first.year * 12 + first.month - 1 - months
    start = dt.date(index // 12, index % 12 + 1, 1)
    return anchor.model_copy(update={"start": start, "end": first - dt.timedelta(days=1)})

SUBCLAUSE_MARKS = frozenset({"after", "before", "when", "while", "because", "as", "once", "until"})


def _in_other_subclause(time: Span, count: Span) -> bool:
    """"the figure had fallen to 1,047, and after Pyongyang sealed its borders at the start of the
    pandemic it collapsed": a time inside an adverbial clause that does not hold the count is not its period."""
    for verb in time.root.ancestors:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBCLAUSE_MARKS for c in verb.children):
            inside = {t.i for t in verb.subtree}
            if count.root.i not in inside:
                return True
    return False


GENERIC_PEOPLE = frozenset({"people", "person", "individual", "north korean", "koreans", "korean", "defector", "resident", "citizen", "national", "refugee", "escapee", "others"})


class RecordBuilder:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.reader = SentenceReader(lexicon, gazetteer)
        self.fields = FieldReader(lexicon)
        self._topic: Period | None = None
        self._lead_year: Period | None = None
        self._last_incident: int | None = None

    def build(self, doc: Doc) -> tuple[list[Assembled], list[dict]]:
        ctx = article_context(doc, self.lex)
        sentences = self.read_sentences(doc)
        self._last_incident = None
        drafts: list[Draft] = []
        for index, facts in enumerate(sentences):
            drafts.extend(self.sentence_drafts(facts, index, sentences, ctx, doc))
        merged = drop_headline_repeats(merge_drafts(drafts), sentences)
        for draft in merged:
            draft.reported_by = self.named_source(draft, sentences)
        seen: Counter = Counter()
        return [self.to_record(d, sentences, doc, seen) for d in merged], ctx.notes

    def named_source(self, draft: Draft, sentences: list[SentenceFacts]) -> str | None:
        """The source as the article names it. "the ministry says" after "according to the Ministry of
        Unification" is that ministry; "Ukraine says a pilot defected" followed by "The HUR said ..." in
        the next sentence of the paragraph names the agency, not the state."""
        source = draft.reported_by
        if not source or draft.sentence >= len(sentences):
            return source
        facts = sentences[draft.sentence]
        generic = re.fullmatch(r"the\s+(\w+)", source.strip(), re.I)
        if generic and generic[1].lower() in self.lex.source_head_nouns:
            head = generic[1].lower()
            for earlier in reversed(sentences[:draft.sentence]):
                named = self.fields.reported_by(earlier)
                if named and head in named.lower() and not re.fullmatch(r"the\s+\w+", named.strip(), re.I):
                    return named
            return source
        country = any(s.text == source and s._.place is not None and s._.place.kind == "country" for s in facts.spans("places"))
        if country:
            following = sorted({i for i in draft.support if i > draft.sentence} | {draft.sentence + 1})
            for i in following[:3]:
                if i >= len(sentences):
                    continue
                after = sentences[i]
                named = self.fields.reported_by(after)
                related = i in draft.support or after.paragraph == facts.paragraph
                if named and related and named != source and not any(s.text == named for s in after.spans("places")):
                    return named
        return source

    # --- reading --------------------------------------------------------------
    def read_sentences(self, doc: Doc) -> list[SentenceFacts]:
        facts_list: list[SentenceFacts] = []
        doc_text = doc.text  # built once: Doc.text joins all tokens on every call
        paragraph = 0
        previous_topical = False
        preamble = True  # title lines before the first punctuated sentence (a kicker, a release line, the headline)
        for i, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            start, end, text = sentence_bounds(sent)
            if facts_list and "\n" in doc_text[facts_list[-1].end:start]:
                paragraph += 1
            headline = preamble and self._is_headline(doc_text, doc, sent)
            preamble = headline
            facts = SentenceFacts(sent, start, end, text, paragraph, headline)
            facts.times = [s for s in doc.spans.get("times", []) if sent.start <= s.start and s.end <= sent.end]
            facts.topical = self.reader.is_topical(sent)
            context_topical = facts.topical or previous_topical
            for span in facts.spans("counts"):
                mention = self.reader.read_count(span, context_topical)
                if mention is None and facts.counts:
                    mention = self.reader.parallel_count(span, facts.counts[-1])
                if mention is not None:
                    facts.counts.append(mention)
            counted = {t.i for m in facts.counts for t in ([m.noun] if m.noun is not None else [])}
            counted |= {t.i for m in facts.counts for t in m.span}  # "A group of eight North Korean defectors"
            facts.actors = self.reader.read_actors(sent, counted)
            previous_topical = facts.topical or bool(facts.counts)
            facts_list.append(facts)
        return facts_list

    def _is_headline(self, doc_text: str, doc: Doc, sent: Span) -> bool:
        start, end, text = sentence_bounds(sent)
        own_line = "\n" in doc_text[end:end + 3] or end >= len(doc_text.rstrip())
        unpunctuated = not text.endswith((".", "!", "?", "\u201d", '"'))
        short = len(text.split()) <= self.lex.headline_max_words
        title = doc._.title
        return bool(own_line and short and (unpunctuated or (title and title.strip() == text)))

    # --- drafting -------------------------------------------------------------
    def sentence_drafts(self, facts: SentenceFacts, index: int, sentences: list[SentenceFacts], ctx: ArticleContext, doc: Doc) -> list[Draft]:
        times = classify_times(facts.times, self.lex)
        self._topic = ctx.topic_period
        self._lead_year = ctx.lead_year
        drafts: list[Draft] = []
        facts.counts = combine_breakdowns(facts.counts, self.lex)
        for mention in facts.counts:
            drafts.extend(self.count_drafts(mention, facts, index, times, sentences, ctx, doc))
        for actor in facts.actors:
            if facts.counts and actor.noun.lower_ in self.lex.group_nouns:
                continue  # "a group of North Koreans, three men and six women": the count says it
            draft = self.actor_draft(actor, facts, index, times, sentences, ctx)
            if draft is not None:
                drafts.append(draft)
        if not drafts:
            continuation = self.continuation_draft(facts, index, sentences, ctx)
            if continuation is not None:
                drafts.append(continuation)
        if any(d.kind == "incident" for d in drafts):
            self._last_incident = index
        self._remember_topic(facts, times, drafts, ctx, index)
        return drafts

    def _remember_topic(self, facts: SentenceFacts, times: SentenceTimes, drafts: list[Draft], ctx: ArticleContext, index: int) -> None:
        """The period later figures of the same topic inherit: this sentence's first figure's, else its first dated one."""
        candidates = [d.period for d in drafts if d.kind == "aggregate" and d.period is not None and not _is_comparison(d.period.text)]
        if facts.topical or facts.is_headline or drafts:
            candidates += [span._.time.period for span in times.events]
        for period in candidates:
            ctx.remember(period, index)
            if ctx.topic_text_sentence == index:
                return

    def count_drafts(self, mention: CountMention, facts: SentenceFacts, index: int, times: SentenceTimes, sentences: list[SentenceFacts], ctx: ArticleContext, doc: Doc) -> list[Draft]:
        if mention.definite and mention.noun_class == "defection":
            return []  # "the two crossings": a summary of incidents already reported
        periods = self.count_periods(mention, facts, times)
        kind = self.count_kind(mention, periods[0] if periods else None, times)
        if kind == "incident":
            others = {s.text for s in times.events if self._in_negative_clause(s)}  # "... were sent home on Friday"
            periods = [p for p in periods if p is None or p.text not in others]
            periods = [self.incident_period(mention.span, times, index, sentences) or (periods[0] if periods else None)]
        elif not periods:
            periods = [self.inherited_period(mention, ctx, doc)]
        periods = [with_rate(p, times.rates) for p in periods]
        count = mention.span._.count.count
        tokens = self._scope(mention.clause, mention.noun, facts, kind)
        core = self._core(mention.clause, mention.noun, kind)
        drafts = [self.draft(kind, count, period, facts, index, tokens, ctx, followup=mention.definite, core=core) for period in periods]
        for draft in drafts:
            draft.count_followup = mention.definite
        return drafts

    def count_periods(self, mention: CountMention, facts: SentenceFacts, times: SentenceTimes) -> list[Period]:
        if times.ends:
            counted_to = end_point_period(times.ends, times.events)
            if counted_to is not None:
                return [counted_to]
        groups = times.groups()
        if not groups:
            return []
        own = [g for g in groups if not _in_other_subclause(g[0], mention.span)]
        groups = own or groups
        others = [m.span for m in facts.counts]
        if "respectively" in facts.text.lower() and len(others) == sum(len(g) for g in groups) > 1:
            position = others.index(mention.span)
            return [self._period_of(times.events[position], times)]
        group = nearest_group(mention.span, groups, others)
        return [p for p in (self._period_of(span, times) for span in group) if p is not None]

    def _period_of(self, span: Span, times: SentenceTimes) -> Period | None:
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
        if _is_comparison(span.text):
            same_span = re.search(r"\byear\s+(?:earlier|before)\b", span.text, re.I)
            finer = [s for s in times.events if s.end <= span.start and s._.time.period is not None and s._.time.period.start is not None
                     and s._.time.period.granularity in ("half_year", "quarter", "month")]
            if same_span and finer:  # "89 in the first half, down from 105 a year earlier": the same half, a year before
                return shift_period(finer[-1]._.time.period, -1).model_copy(update={"text": span.text})
            earlier = [s for s in times.events if s.end <= span.start and s._.time.period is not None and s._.time.period.granularity == "year"]
            anchor = earlier[0]._.time.period if earlier else self._topic
            if anchor is not None and anchor.granularity == "year":
                return shift_period(anchor, -1).model_copy(update={"text": span.text})
        if "same" in before:
            earlier = [s for s in times.events if s.end <= span.start and s._.time.period is not None]
            previous = earlier[-1]._.time.period if earlier else self._topic
            return resolve_same_period(span, previous) or span._.time.period
        return in_topic_year(span._.time.period, self._lead_year or self._topic) or span._.time.period

    def count_kind(self, mention: CountMention, period: Period | None, times: SentenceTimes) -> str:
        clause_text = text_of(mention.clause)
        if period is not None and (period.rate or period.granularity in ("open", "multi_year")):
            return "aggregate"
        if times.rates:
            return "aggregate"
        if mention.span._.count.count.qualifier in ("vague", "range"):
            return "aggregate"
        if contains_phrase(clause_text, self.lex.stock_phrases) or mention.predicate.lemma_.lower() in self.lex.stock_lemmas:
            return "aggregate"
        if self._one_described_person(mention):
            return "incident"
        value = mention.span._.count.count.value
        if value is not None and value > 1 and contains_phrase(clause_text, self.lex.separate_cues):
            return "aggregate"  # "Two soldiers crossed separately in October": several crossings, one figure
        specific = self._specific_actor(mention)
        verbs = self.reader.acting_verbs(mention.predicate)
        acting = any(v.lemma_.lower() in self.lex.incident_verbs | self.lex.triggers for v in verbs) or self.reader.has_trigger_phrase(verbs) \
            or (mention.noun is not None and self.reader.team_vanished(mention.noun, verbs))
        grain = period.granularity if period is not None else None
        if grain in INCIDENT_GRAINS:
            plural_events = mention.noun_class == "defection" and mention.noun is not None and mention.noun.tag_ == "NNS"
            return "aggregate" if plural_events else "incident"
        value = mention.span._.count.count.value
        small = value is None or value <= self.lex.small_group_max
        if grain == "month":
            return "incident" if specific and acting and small else "aggregate"
        exact = mention.span._.count.count.qualifier == "exact"
        if grain == "year" and acting and small and exact and self._members_of_one_group(mention):
            return "incident"  # "Eight members of Burundi's team at the 2018 Games went missing": one group, one event
        if grain is None:
            return "incident" if specific and acting else "aggregate"
        return "aggregate"

    @staticmethod
    def _one_described_person(mention: CountMention) -> bool:
        """"including one who was shot as he ran across": one person and his own story."""
        count = mention.span._.count.count
        if (count.value, count.qualifier) != (1, "exact") or mention.noun_class not in ("none", "people"):
            return False
        holder = mention.noun if mention.noun is not None else mention.span.root
        return any(c.dep_ == "relcl" for c in holder.children)

    def _members_of_one_group(self, mention: CountMention) -> bool:
        """"members of Eritrea's national team", "members of the delegation": part of one named group."""
        noun = mention.noun
        if noun is None:
            return False
        if noun.lemma_.lower() not in ("member", "members"):
            # "Six Burundian cyclists disappeared in Switzerland": athletes of one nation vanishing on one trip
            lemma = noun.lemma_.lower()
            return lemma in self.lex.delegation_nouns and self.reader.team_vanished(noun, self.reader.acting_verbs(mention.predicate)) \
                and any(p.label_ == "DEMONYM" and p.end <= noun.i and p.end >= noun.i - 2 for p in noun.doc.spans.get("places", []))
        for prep in (c for c in noun.children if c.lower_ == "of"):
            for group in (o for o in prep.children if o.dep_ == "pobj"):
                if any(c.dep_ == "poss" or c.lower_ in ("the", "its", "their") for c in group.children):
                    return True
        return False

    def _specific_actor(self, mention: CountMention) -> bool:
        """A named kind of person or a group ("13 restaurant workers", "a family of nine")."""
        if mention.noun is None or mention.noun_class != "people":
            return False
        value = mention.span._.count.count.value
        if value is not None and value <= self.lex.small_group_max:
            return True
        if self.reader.is_demonym(mention.noun):
            return False
        lemma = mention.noun.lemma_.lower()
        phrase = " ".join(t.lower_ for t in mention.noun.lefts if t.dep_ == "compound") + " " + mention.noun.lower_
        return lemma not in GENERIC_PEOPLE and phrase.strip() not in GENERIC_PEOPLE or mention.noun.lower_ in self.lex.group_nouns

    def incident_period(self, anchor: Span, times: SentenceTimes, index: int, sentences: list[SentenceFacts]) -> Period | None:
        """The event's own date: its sentence's, else the next sentence's of the same paragraph.

        Dates of what happened to others ("while the other three were sent back on Monday") are not the event's.
        """
        own = self._closest_day(anchor, self._event_dates(times))
        if own is not None:
            return own
        if index + 1 < len(sentences) and sentences[index + 1].paragraph == sentences[index].paragraph:
            following = classify_times(sentences[index + 1].times, self.lex)
            return self._closest_day(None, self._event_dates(following))
        return None

    @staticmethod
    def _when_antecedent(predicate, facts: SentenceFacts) -> Period | None:
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
            if period is not None and period.granularity in ("day", "week", "month", "quarter", "half_year", "year"):
                return period
        return None

    def _own_coarse_date(self, anchor: Span, times: SentenceTimes) -> Period | None:
        """"In 2016, Thae Yong-ho ... defected": a year (or quarter) is the date when the sentence gives no finer one."""
        coarse = [s for s in self._event_dates(times) if s._.time.period.granularity in ("quarter", "half_year", "year")]
        if not coarse:
            return None
        return min(coarse, key=lambda s: abs(s.start - anchor.start))._.time.period

    def _event_dates(self, times: SentenceTimes) -> list[Span]:
        return [s for s in times.events if not self._in_negative_clause(s)]

    def _in_negative_clause(self, span: Span) -> bool:
        predicate = predicate_of(span.root)
        if any(v.lemma_.lower() in self.lex.aftermath_lemmas for v in predicate_chain(predicate)):
            return True
        return contains_phrase(text_of(clause_tokens(predicate)), self.lex.negative_phrases) is not None

    # --- continuations -------------------------------------------------------------
    def continuation_draft(self, facts: SentenceFacts, index: int, sentences: list[SentenceFacts], ctx: ArticleContext) -> Draft | None:
        """A sentence right after an incident that goes on about it ("The soldier, a staff sergeant,
        crossed near Cheorwon at 6:20 a.m. Tuesday"; "The navy found the boat off Sokcho on Feb. 21"):
        its places, finer date and route belong to that incident, though it names no new defection."""
        if self._last_incident is None or facts.is_headline:
            return None
        between = [f for f in sentences[self._last_incident + 1:index] if any(t.pos_ in ("VERB", "AUX") for t in f.sent)]
        if not (0 < index - self._last_incident and len(between) <= 1):
            return None  # speaker labels ("[REPORTER]", "ANCHOR:") between do not count
        if facts.counts or facts.actors or not self._refers_back(facts):
            return None
        root = facts.sent.root
        if self.reader.is_negative(clause_tokens(root), root) or self.reader.is_forecast(root):
            return None
        times = classify_times(facts.times, self.lex)
        period = self._closest_day(None, self._event_dates(times))
        tokens = list(facts.sent)
        route = self.fields.route(facts, tokens, set())
        skip = {c for c in (ctx.origin, ctx.destination, "KP", "KR") if c}
        locations = [loc for loc in self.fields.locations(facts, tokens, skip)]
        if period is None and not locations and route == "unknown":
            return None
        draft = Draft(kind="incident", sentence=index, count=None, period=period, route=route, locations=locations,
                      reported_by=self.fields.reported_by(facts), followup=True, continuation=True)
        return draft

    def _refers_back(self, facts: SentenceFacts) -> bool:
        """A definite person, group or vessel ("the soldier", "the boat", "their boat"), or "he"/"she"/"they"."""
        for token in facts.sent:
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
                continue
            if token.lower_ in ("he", "she", "they") and token.dep_ in ("nsubj", "nsubjpass"):
                return True
            lemma = token.lemma_.lower()
            known = lemma in self.lex.people_nouns or lemma in self.lex.type_words or lemma in self.lex.group_nouns or lemma in self.lex.vehicle_nouns
            determined = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "his", "her", "their") for c in token.children)
            if known and determined:
                return True
        return False

    @staticmethod
    def _closest_day(anchor: Span | None, events: list[Span]) -> Period | None:
        fine = [s for s in events if s._.time.period.granularity in INCIDENT_GRAINS | {"month"}]
        if not fine:
            return None
        exact = [s for s in fine if s._.time.period.start == s._.time.period.end] or fine
        if anchor is None:
            return exact[0]._.time.period
        return min(exact, key=lambda s: abs(s.start - anchor.start))._.time.period

    def inherited_period(self, mention: CountMention, ctx: ArticleContext, doc: Doc) -> Period | None:
        clause_text = text_of(mention.clause)
        is_stock = contains_phrase(clause_text, self.lex.stock_phrases) or mention.predicate.lemma_.lower() in self.lex.stock_lemmas
        if is_stock and doc._.anchor is not None:
            return Period(start=None, end=doc._.anchor, granularity="open", text=mention.span.text)
        return ctx.topic_period

    def actor_draft(self, actor: ActorMention, facts: SentenceFacts, index: int, times: SentenceTimes, sentences: list[SentenceFacts], ctx: ArticleContext) -> Draft | None:
        singular = actor.indefinite and actor.noun.tag_ in ("NN", "NNP")
        if not (actor.definite or singular or actor.named):
            if not any(s._.time.period.granularity in INCIDENT_GRAINS for s in times.events):
                return None
        with_companions = contains_phrase(text_of(actor.clause), self.lex.companion_phrases) is not None or self.reader.has_kin_conjunct(actor.noun)
        one_person = singular or actor.named or (actor.pronoun and actor.noun.lower_ != "they")
        alone = one_person and actor.noun.lower_ not in self.lex.group_nouns and not with_companions
        count = Count(value=1, qualifier="exact", text=actor.tokens.text) if alone else None
        clause_ids = {t.i for t in actor.clause}
        own = [s for s in self._event_dates(times) if s.root.i in clause_ids and s._.time.period.start is not None]
        when = self._when_antecedent(actor.predicate, facts)
        if own:  # "Ri flew to Seoul in July 2023, and Thae ... defected in 2016": each its own clause's date
            period = min(own, key=lambda s: abs(s.start - actor.tokens.start))._.time.period
        elif when is not None:
            period = when
        else:
            period = self.incident_period(actor.tokens, times, index, sentences) or self._own_coarse_date(actor.tokens, times)
        tokens = self._scope(actor.clause, actor.noun, facts, "incident")
        others = [a.predicate.i for a in facts.actors if a is not actor] + [m.predicate.i for m in facts.counts]
        if any(p != actor.predicate.i for p in others):  # two people in one sentence: each keeps to its own clause
            tokens = list({t.i: t for t in actor.clause + list(actor.noun.subtree)}.values())
        draft = self.draft("incident", count, period, facts, index, tokens, ctx, followup=actor.definite, core=self._core(actor.clause, actor.noun, "incident"))
        draft.singular_actor = singular
        draft.pronoun = actor.pronoun
        draft.group_followup = actor.definite and actor.noun.lower_ in self.lex.group_nouns
        return draft

    @staticmethod
    def _scope(clause: list, noun, facts: SentenceFacts, kind: str) -> list:
        if kind == "incident":
            return list(facts.sent)
        extra = list(noun.subtree) if noun is not None else []
        return list({t.i: t for t in clause + extra}.values())

    @staticmethod
    def _core(clause: list, noun, kind: str) -> list | None:
        """Where an incident's people are described: their noun phrase (and, for figures, the clause).

        A noun-less incident ("including one who was shot") is described by its whole sentence (None).
        """
        if kind == "incident" and noun is None:
            return None
        if kind == "incident":
            return list(noun.subtree) + [t for t in clause if t.lower_ in ("with", "family", "wife", "children", "his", "her", "their")]
        return clause + (list(noun.subtree) if noun is not None else [])

    def draft(self, kind: str, count: Count | None, period: Period | None, facts: SentenceFacts, index: int, tokens: list, ctx: ArticleContext, followup: bool = False, core: list | None = None) -> Draft:
        core = core if core is not None else tokens
        types = self.fields.types(facts, core, self.reader.is_companion)
        origin, destination = self.fields.origin_destination(facts, tokens, ctx, core)
        route = self.fields.route(facts, tokens, types)
        locations = self.fields.locations(facts, tokens, {c for c in (origin, destination, "KP", "KR") if c})
        lines = route == "dmz" or any(loc.name in INTER_KOREAN_LINES for loc in locations)
        if destination is None and lines and origin in DMZ_SIDES:
            destination = DMZ_SIDES[origin]  # the DMZ and the NLL have one Korea on each side
        draft = Draft(kind=kind, sentence=index, count=count, period=period, types=types, origin=origin,
                      destination=destination, route=route, locations=locations,
                      reported_by=self.fields.reported_by(facts), followup=followup, headline=facts.is_headline)
        draft.confidence = self._confidence(draft)
        return draft

    @staticmethod
    def _confidence(draft: Draft) -> float:
        score = 0.5 + 0.15 * (draft.count is not None) + 0.15 * (draft.period is not None)
        score += 0.1 * bool(draft.types) + 0.05 * (draft.route != "unknown") + 0.05 * bool(draft.reported_by)
        return round(min(score, 0.99), 2)

    # --- output ------------------------------------------------------------------
    def to_record(self, draft: Draft, sentences: list[SentenceFacts], doc: Doc, seen: Counter) -> Assembled:
        facts = sentences[draft.sentence]
        article_id = doc._.article_id or ""
        key = (draft.kind, draft.sentence, draft.period and (draft.period.start, draft.period.end), draft.count and draft.count.text)
        seen[key] += 1
        record = DefectionRecord(
            record_id=record_id_for(article_id, draft.kind, facts.start, facts.end, draft.period, draft.count, seen[key] - 1),
            kind=draft.kind, count=draft.count, period=draft.period, defector_types=sorted(draft.types),
            origin=draft.origin, destination=draft.destination, route=draft.route, locations=draft.locations,
            reported_by=draft.reported_by, evidence=Evidence(text=facts.text, start=facts.start, end=facts.end),
            confidence=draft.confidence,
        )
        return Assembled(record, self._grounds(draft, sentences))

    @staticmethod
    def _grounds(draft: Draft, sentences: list[SentenceFacts]) -> list[str]:
        """Sentences a record drew from: merged ones, and the nearest one naming its inherited period."""
        grounds = [sentences[i].text for i in draft.support]
        evidence = sentences[draft.sentence].text
        for phrase in (draft.period.text if draft.period else None, draft.count.text if draft.count else None):
            if not phrase or phrase in evidence or any(phrase in g for g in grounds):
                continue
            holders = [i for i, f in enumerate(sentences) if phrase in f.text]
            if holders:
                grounds.append(sentences[min(holders, key=lambda i: abs(i - draft.sentence))].text)
        return grounds


def combine_breakdowns(counts: list[CountMention], lexicon: Lexicon) -> list[CountMention]:
    """"three men and six women" is one group of nine: sum conjoined exact counts of men, women, children."""
    combined: list[CountMention] = []
    for mention in counts:
        previous = combined[-1] if combined else None
        if previous is not None and _is_breakdown_pair(previous, mention, lexicon):
            combined[-1] = _summed(previous, mention)
        else:
            combined.append(mention)
    return combined


def _is_breakdown_pair(first: CountMention, second: CountMention, lexicon: Lexicon) -> bool:
    nouns = (first.noun, second.noun)
    if any(n is None or n.lower_ not in lexicon.breakdown_nouns for n in nouns):
        return False
    counts = (first.span._.count.count, second.span._.count.count)
    linked = second.noun.head.i == first.noun.i and second.noun.dep_ == "conj"
    return linked and all(c.qualifier == "exact" and c.value is not None for c in counts)


def _summed(first: CountMention, second: CountMention) -> CountMention:
    doc = first.span.doc
    span = doc[first.span.start:second.noun.i + 1]
    total = first.span._.count.count.value + second.span._.count.count.value
    match = CountMatch(span.start_char, span.end_char, span.text, Count(value=total, qualifier="exact", text=span.text))
    span._.count = match
    return CountMention(span, first.noun, first.noun_class, first.predicate, first.clause, first.definite)


def drop_headline_repeats(drafts: list[Draft], sentences: list[SentenceFacts]) -> list[Draft]:
    """A headline repeats what the body says: keep a headline record only when the body lacks its figure."""
    body_values = {d.count.value for d in drafts if not d.headline and d.count is not None}
    body_text = " ".join(f.text for f in sentences if not f.is_headline)
    kept = []
    for draft in drafts:
        if draft.headline:
            value = draft.count.value if draft.count is not None else None
            repeated = value in body_values or (draft.count is not None and draft.count.text in body_text)
            if repeated or any(d.kind == draft.kind and not d.headline for d in drafts if value is None):
                continue
        kept.append(draft)
    return kept


def latest_year_anchor(text: str, today: dt.date | None = None) -> dt.date | None:
    """Without a publication date, relative dates resolve against the latest year the text names."""
    today = today or dt.date.today()
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text) if int(y) <= today.year]
    return dt.date(max(years), 12, 31) if years else None
