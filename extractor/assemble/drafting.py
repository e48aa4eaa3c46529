"""Drafts of one sentence: a draft per figure (per period), per actor, or one continuation.

``sentence_drafts`` reads the document's :class:`ArticleState` (the running
topic period, the last incident) and updates it after the sentence: the
period later figures inherit, and where the last incident was told. Functions
take the lexicon; the state is passed in, never kept.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractor.assemble.clauses import acting_verbs, is_forecast, is_negative
from extractor.assemble.dating import (
    closest_day,
    count_periods,
    event_dates,
    in_negative_clause,
    incident_period,
    inherited_period,
    is_comparison,
    own_coarse_date,
    when_antecedent,
)
from extractor.assemble.doccache import doc_spans
from extractor.assemble.drafts import Draft, locations_of, origin_destination, route_of, types_of
from extractor.assemble.kinds import INCIDENT_GRAINS, combine_breakdowns, count_kind, open_stock
from extractor.assemble.mentions import ActorMention, CountMention, SentenceFacts
from extractor.assemble.nouns import has_kin_conjunct, is_companion, one_of
from extractor.assemble.periods import SentenceTimes, classify_times, with_rate
from extractor.assemble.sources import reported_by
from extractor.assemble.state import ArticleState
from extractor.assemble.subsets import part_core, part_drafts, undated_part_periods, without_parts, without_shares
from extractor.assemble.tokens import VERB_POS, clause_tokens, contains_phrase, text_of
from extractor.lexicon import Lexicon
from extractor.records import Count, Period

DMZ_SIDES = {"KP": "KR", "KR": "KP"}  # the DMZ and the NLL have one Korea on each side
REFERRING_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos")  # dependency labels
REFERRING_DETERMINERS = ("the", "this", "that", "these", "those", "his", "her", "their")  # determiners, possessives


def sentence_drafts(lex: Lexicon, state: ArticleState, index: int) -> list[Draft]:
    """The drafts of sentence ``index``; then remember its topic period and whether it told an incident."""
    facts = state.sentences[index]
    times = classify_times(facts.times, lex)
    drafts: list[Draft] = []
    facts.counts = combine_breakdowns(lex, facts.counts)
    _join_others(facts)
    whole: list[Draft] = []
    for mention in facts.counts:
        made = count_drafts(lex, state, mention, index, times)
        if mention.part:
            made = part_drafts(mention, made, whole)
        elif made:
            whole = made
        drafts.extend(made)
    for actor in facts.actors:
        if _group_counted(lex, actor, facts.counts):
            continue  # "a group of North Koreans, three men and six women": the count says it
        draft = actor_draft(lex, state, actor, index, times)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        continuation = continuation_draft(lex, state, index)
        if continuation is not None:
            drafts.append(continuation)
    if any(d.kind == "incident" for d in drafts):
        state.last_incident = index
    for draft in drafts:  # "Of the 64, 52 were women": a part's whole named by its number
        if draft.kind == "aggregate" and draft.count is not None and draft.count.value is not None:
            state.figure_periods[draft.count.value] = draft.period
    _remember_topic(lex, state, facts, times, drafts, index)
    return drafts


def _group_counted(lex: Lexicon, actor: ActorMention, counts: list[CountMention]) -> bool:
    """A figure of the group's own clause counts it ("a group of North Koreans, three men and six women,
    crossed"); "seven members of one team sought asylum, and the entire other team fled" are two groups."""
    noun = actor.noun
    group = noun if noun.lower_ in lex.group_nouns else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.group_nouns:
        group = noun.head.head  # "a group of North Koreans"
    if group is None:
        return False
    return any(m.predicate.i == actor.predicate.i or m.span.root.is_ancestor(group)
               or group.is_ancestor(m.span.root) for m in counts)


def _join_others(facts: SentenceFacts) -> None:
    """"A brigadier general crossed into Turkey with 12 other officers": the one person and the
    others with him are one group; the count moves onto the person's incident."""
    for actor in facts.actors:
        singular = (actor.indefinite or actor.named) and actor.noun.tag_ in ("NN", "NNP")
        for mention in list(facts.counts):
            noun, count = mention.noun, mention.span._.count.count
            if not singular or noun is None or count.value is None or count.qualifier not in ("exact", "approximate"):
                continue
            with_prep = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
            if with_prep is None or with_prep.head.i not in (actor.predicate.i, actor.noun.i):
                continue
            if any(c.dep_ == "amod" and c.lower_ == "other" for c in noun.children):
                actor.others = mention
                facts.counts.remove(mention)


def _remember_topic(lex: Lexicon, state: ArticleState, facts: SentenceFacts, times: SentenceTimes, drafts: list[Draft],
                    index: int) -> None:
    """The period later figures of the same topic inherit: this sentence's first figure's, else its first dated one."""
    candidates = [d.period for d in drafts
                  if d.kind == "aggregate" and d.period is not None and not is_comparison(lex, d.period.text)]
    if facts.topical or facts.is_headline or drafts:
        candidates += [span._.time.period for span in times.events]
    for period in candidates:
        state.remember(period, index)
        if state.topic_text_sentence == index:
            return


def count_drafts(lex: Lexicon, state: ArticleState, mention: CountMention, index: int,
                 times: SentenceTimes) -> list[Draft]:
    """One draft per period of the figure ``mention``."""
    if mention.definite and mention.noun_class == "defection":
        return []  # "the two crossings": a summary of incidents already reported
    facts = state.sentences[index]
    periods = count_periods(lex, state, mention, facts, times)
    if open_stock(lex, mention):  # "fled overnight ..., bringing the number to 20": the day is the crossing's
        periods = [p for p in periods if p.granularity not in INCIDENT_GRAINS]
    if mention.part and not mention.dated_part:
        periods = undated_part_periods(mention, periods, times, state.figure_periods)
        if not periods and state.lead_period is not None:
            periods = [state.lead_period]  # "Fourteen of the new arrivals": the whole is the article's lead figure
    value = mention.span._.count.count.value
    if mention.definite and mention.noun_class == "none" and not periods and state.figure_periods.get(value):
        periods = [state.figure_periods[value]]  # "Of the 64, ...": the figure of 64 given before
    kind = count_kind(lex, mention, periods[0] if periods else None, times)
    if kind == "aggregate" and mention.members:  # "two men and 60 women arrived in the second quarter": 2 and 60
        for member in mention.members:
            member.part = True
        return [d for member in mention.members for d in count_drafts(lex, state, member, index, times)]
    if kind == "incident":
        others = {s.text for s in times.events if in_negative_clause(lex, s)}  # "... were sent home on Friday"
        periods = [p for p in periods if p is None or p.text not in others]
        own = incident_period(lex, mention.span, times, index, state.sentences)
        periods = [own or (periods[0] if periods else None)]
    elif not periods:
        periods = [inherited_period(lex, state, mention)]
    periods = [with_rate(p, times.rates) for p in periods]
    count = mention.span._.count.count
    tokens = _scope(mention.clause, mention.noun, facts, kind)
    own_words = mention.part and kind == "aggregate"
    core = part_core(mention) if own_words else _core(lex, mention.clause, mention.noun, kind)
    if kind == "aggregate" and not mention.part:  # the whole takes no types from its parts' or shares' words
        core = without_shares(lex, without_parts(mention, core, facts.counts))
    drafts = [draft_of(lex, state, kind, count, period, index, tokens, followup=mention.definite, core=core)
              for period in periods]
    for draft in drafts:
        draft.count_followup = mention.definite
    return drafts


def actor_draft(lex: Lexicon, state: ArticleState, actor: ActorMention, index: int,
                times: SentenceTimes) -> Draft | None:
    """The incident draft of a person or group named without a number."""
    singular = actor.indefinite and (actor.noun.tag_ in ("NN", "NNP") or one_of(actor.noun))
    if not (actor.definite or singular or actor.named):
        if not any(s._.time.period.granularity in INCIDENT_GRAINS for s in times.events) \
                and not _some_went_over(lex, actor):
            return None
    facts = state.sentences[index]
    companions = contains_phrase(text_of(actor.clause), lex.companion_phrases) is not None \
        or has_kin_conjunct(lex, actor.noun)
    one_person = singular or actor.named or (actor.pronoun and actor.noun.lower_ != "they")
    alone = one_person and actor.noun.lower_ not in lex.group_nouns and not companions
    count = Count(value=1, qualifier="exact", text=actor.tokens.text) if alone else None
    if actor.others is not None:  # "a general ... with 12 other officers": 13
        others = actor.others.span._.count.count
        count = Count(value=others.value + 1, qualifier=others.qualifier, text=actor.tokens.text)
    period = _actor_period(lex, state, actor, index, times)
    tokens = _scope(actor.clause, actor.noun, facts, "incident")
    others = [a.predicate.i for a in facts.actors if a is not actor] + [m.predicate.i for m in facts.counts]
    if any(p != actor.predicate.i for p in others):  # two people in one sentence: each keeps to its own clause
        tokens = list({t.i: t for t in actor.clause + list(actor.noun.subtree)}.values())
    core = _core(lex, actor.clause, actor.noun, "incident") + (_title_run(actor) if actor.named else [])
    if actor.others is not None:
        core = core + list(actor.others.noun.subtree)
    draft = draft_of(lex, state, "incident", count, period, index, tokens, followup=actor.definite, core=core)
    draft.singular_actor = singular
    draft.pronoun = actor.pronoun
    # "the entire Eritrean team fled": a group the sentence names by its own country is a new one
    draft.group_followup = actor.definite and actor.noun.lower_ in lex.group_nouns and not _own_country(actor)
    if state.context.korean and _returns_after(lex, actor):
        draft.origin, draft.destination = "KR", "KP"  # "a refugee who previously escaped was able to return"
    draft.going_back = any(c.lower_ == "back" for c in actor.predicate.children) and draft.destination == "KP"
    return draft


def _returns_after(lex: Lexicon, actor: ActorMention) -> bool:
    """A defector told by a relative clause whose main verb goes back ("who escaped ... was able to return")."""
    noun = actor.noun
    if actor.predicate.dep_ != "relcl" or actor.predicate.head.i != noun.i or noun.dep_ != "nsubj":
        return False
    main = noun.head
    able = [x for c in main.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"]  # "was able to"
    return any(v.lemma_.lower() in lex.going_back_lemmas for v in acting_verbs(main) + able)


def _some_went_over(lex: Lexicon, actor: ActorMention) -> bool:
    """"some army personnel had defected": part of a force told in the past with a core defection verb."""
    some = any(c.dep_ == "det" and c.lower_ in lex.some_determiners for c in actor.noun.lefts)
    past = actor.predicate.tag_ in ("VBD", "VBN")
    return some and past and actor.predicate.lemma_.lower() in lex.topical_lemmas


def _own_country(actor: ActorMention) -> bool:
    """The actor's words name a country or its people ("the entire Eritrean national team")."""
    return any(actor.tokens.start <= s.start and s.end <= actor.tokens.end and s._.place is not None
               and s._.place.country for s in doc_spans(actor.tokens.doc, "places"))


def _actor_period(lex: Lexicon, state: ArticleState, actor: ActorMention, index: int,
                  times: SentenceTimes) -> Period | None:
    """Its own clause's date, else the time a "when" clause hangs on, else the incident's day or year."""
    # "an astronaut, who flew on a 1987 mission, crossed into Turkey": the relative clause's date is another
    # event's, unless it tells the same arrival ("the defection of Ri, who arrived in Seoul in November 2023")
    same_event = lex.arrival_lemmas | lex.topical_lemmas
    other_event = {t.i for c in actor.noun.subtree if c.dep_ in ("relcl", "acl") and c.i != actor.predicate.i
                   and not c.is_ancestor(actor.predicate) and c.lemma_.lower() not in same_event for t in c.subtree}
    clause_ids = {t.i for t in actor.clause} - other_event
    own = [s for s in event_dates(lex, times) if s.root.i in clause_ids and s._.time.period.start is not None]
    when = when_antecedent(actor.predicate, state.sentences[index])
    if own:  # "Ri flew to Seoul in July 2023, and Thae ... defected in 2016": each its own clause's date
        return min(own, key=lambda s: abs(s.start - actor.tokens.start))._.time.period
    if when is not None:
        return when
    found = incident_period(lex, actor.tokens, times, index, state.sentences) \
        or own_coarse_date(lex, actor.tokens, times)
    others = {s._.time.period.text for s in state.sentences[index].times
              if s.root.i in other_event and s._.time is not None and s._.time.period is not None}
    return None if found is not None and found.text in others else found


def continuation_draft(lex: Lexicon, state: ArticleState, index: int) -> Draft | None:
    """A sentence right after an incident that goes on about it ("The soldier, a staff sergeant,
    crossed near Cheorwon at 6:20 a.m. Tuesday"; "The navy found the boat off Sokcho on Feb. 21"):
    its places, finer date and route belong to that incident, though it names no new defection."""
    facts = state.sentences[index]
    last = state.last_incident
    if last is None or facts.is_headline:
        return None
    between = [f for f in state.sentences[last + 1:index] if any(t.pos_ in VERB_POS for t in f.sent)]
    if not (0 < index - last and len(between) <= 1):
        return None  # speaker labels ("[REPORTER]", "ANCHOR:") between do not count
    if facts.counts or facts.actors or not _refers_back(lex, facts):
        return None
    root = facts.sent.root
    if is_negative(lex, clause_tokens(root), root) or is_forecast(lex, root):
        return None
    period = closest_day(None, event_dates(lex, classify_times(facts.times, lex)))
    tokens = list(facts.sent)
    route = route_of(lex, facts, tokens, set())
    context = state.context
    skip = {c for c in (context.origin, context.destination, "KP", "KR") if c}
    locations = locations_of(lex, facts, tokens, skip)
    if period is None and not locations and route == "unknown":
        return None
    return Draft(kind="incident", sentence=index, count=None, period=period, route=route, locations=locations,
                 reported_by=reported_by(lex, facts), followup=True, continuation=True)


def _refers_back(lex: Lexicon, facts: SentenceFacts) -> bool:
    """A definite person, group or vessel ("the soldier", "the boat", "their boat"), or "he"/"she"/"they"."""
    for token in facts.sent:
        if token.dep_ not in REFERRING_DEPS:
            continue
        if token.lower_ in ("he", "she", "they") and token.dep_ in ("nsubj", "nsubjpass"):
            return True
        lemma = token.lemma_.lower()
        known = lemma in lex.people_nouns or lemma in lex.type_words or lemma in lex.group_nouns \
            or lemma in lex.vehicle_nouns
        determined = any(c.dep_ in ("det", "poss") and c.lower_ in REFERRING_DETERMINERS for c in token.children)
        if known and determined:
            return True
    return False


def _scope(clause: list[Token], noun: Token | None, facts: SentenceFacts, kind: str) -> list[Token]:
    if kind == "incident":
        return list(facts.sent)
    extra = list(noun.subtree) if noun is not None else []
    return list({t.i: t for t in clause + extra}.values())


def _core(lex: Lexicon, clause: list[Token], noun: Token | None, kind: str) -> list[Token] | None:
    """Where an incident's people are described: their noun phrase (and, for figures, the clause).

    A noun-less incident ("including one who was shot") is described by its whole sentence (None).
    """
    if kind == "incident" and noun is None:
        return None
    if kind == "incident":
        back = [u for t in clause if t.lower_ == "back" and t.dep_ in ("advmod", "prt") for u in (t, t.head)]
        # "he crossed back over the border": going back is said of the mover, in the clause
        return list(noun.subtree) + [t for t in clause if t.lower_ in lex.companion_core_words] + back
    return clause + (list(noun.subtree) if noun is not None else [])


def draft_of(lex: Lexicon, state: ArticleState, kind: str, count: Count | None, period: Period | None, index: int,
             tokens: list[Token], followup: bool = False, core: list[Token] | None = None) -> Draft:
    """A draft with the types, places, route and source of ``tokens`` (the people in ``core``)."""
    facts = state.sentences[index]
    core = core if core is not None else tokens
    types = types_of(lex, facts, core, lambda token: is_companion(lex, token))
    origin, destination = origin_destination(lex, facts, tokens, state.context, core)
    route = route_of(lex, facts, tokens, types)
    locations = locations_of(lex, facts, tokens, {c for c in (origin, destination, "KP", "KR") if c})
    lines = route == "dmz" or any(loc.name.lower() in lex.inter_korean_lines for loc in locations)
    if destination is None and lines and origin in DMZ_SIDES:
        destination = DMZ_SIDES[origin]  # the DMZ and the NLL have one Korea on each side
    if route == "unknown" and DMZ_SIDES.get(origin) == destination and _land_border(lex, tokens if kind == "incident"
                                                                                    else core):
        route = "dmz"  # "walked across the border" from one Korea into the other: the only land border is the DMZ
    draft = Draft(kind=kind, sentence=index, count=count, period=period, types=types, origin=origin,
                  destination=destination, route=route, locations=locations,
                  reported_by=reported_by(lex, facts), followup=followup, headline=facts.is_headline)
    draft.confidence = _confidence(draft)
    return draft


def _title_run(actor: ActorMention) -> list[Token]:
    """"Cuban Air Force Major Orestes Lorenzo Perez": the title words the parser hung elsewhere."""
    doc, run = actor.noun.doc, []
    i = actor.tokens.start - 1
    while i >= actor.noun.sent.start and doc[i].is_title and doc[i].pos_ in ("PROPN", "NOUN", "ADJ"):
        run.append(doc[i])
        i -= 1
    return run


def _land_border(lex: Lexicon, tokens: list[Token]) -> bool:
    """A border crossed on foot or by land ("walked across the eastern section of the border")."""
    words = {t.lemma_.lower() for t in tokens}
    return bool(words & lex.land_border_nouns) and bool(words & lex.land_crossing_lemmas)


def _confidence(draft: Draft) -> float:
    score = 0.5 + 0.15 * (draft.count is not None) + 0.15 * (draft.period is not None)
    score += 0.1 * bool(draft.types) + 0.05 * (draft.route != "unknown") + 0.05 * bool(draft.reported_by)
    return round(min(score, 0.99), 2)
