"""Parts of a figure already given: "including 210 women", "190 of those surrenders", "More than half, or 99,
of the defectors", "The arrivals were made up of 32 men and 164 women".

Contract v1.1 ("Parts and breakdowns of a figure"): a part that the text states
with its own number is an aggregate record of its own, with the whole's period,
origin, destination and route unless it states its own, and the types of its
own words only; the whole stays a record. The members of one incident are not
parts ("a family of nine, including four children"): the drafting step drops a
part whose whole is an incident.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractor.assemble.doccache import doc_spans
from extractor.assemble.drafts import Draft
from extractor.assemble.mentions import CountMention
from extractor.assemble.nouns import noun_class
from extractor.assemble.periods import SentenceTimes
from extractor.assemble.tokens import predicate_of
from extractor.lexicon import Lexicon
from extractor.records import Period

PARTITIVE_DETERMINERS = frozenset({"the", "those", "these", "them", "whom", "which"})  # determiners and pronouns


def is_partitive(span: Span, noun: Token | None) -> bool:
    """"190 of those surrenders", "three of the diplomats": a part of a known whole."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return False
    following = doc[span.end + 1]
    if noun is not None and noun.i <= span.end:
        return False
    if following.lower_ in PARTITIVE_DETERMINERS:
        return True
    # "About 10 of last year's arrivals": a whole named by a possessive
    return any(c.dep_ == "poss" for o in doc[span.end].children if o.dep_ == "pobj" for c in o.children)


def apposed_share(span: Span) -> tuple[Token, Token | None] | None:
    """"More than half, or 99, (of the defectors)": the share word ("half") the number restates, and the
    whole of its of-phrase (None without one)."""
    root = span.root
    share = root.head
    if root.dep_ != "conj" or share.i >= span.start or not any(c.dep_ == "cc" and c.lower_ == "or"
                                                               for c in share.children):
        return None
    wholes = [o for c in share.children if c.lower_ == "of" and c.i >= span.end for o in c.children
              if o.dep_ == "pobj"]
    return share, (wholes[0] if wholes else None)


def whole_times(span: Span, noun: Token | None) -> list[Span]:
    """Times inside the phrase that names a part's whole: "Of last year's arrivals, 33 were women",
    "About 10 of last year's arrivals", "Of the 58 who arrived in the second quarter, 49 were women"."""
    phrases = []
    if noun is not None and noun.i >= span.end:
        phrases.append(noun)
    verb = predicate_of(span.root)
    phrases += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                and span.root.i not in {t.i for t in c.subtree}]
    inside = {t.i for p in phrases for t in p.subtree} | {t.i for t in fronted_phrase(span)}
    return [t for t in doc_spans(span.doc, "times") if t.start in inside and t._.time is not None
            and t._.time.period is not None]


def breaks_down_a_figure(lex: Lexicon, span: Span, composed: bool) -> bool:
    """"The arrivals were made up of 32 men and 164 women", "the 38 arrivals were 6 men and 32 women":
    the make-up (or the copula attribute) of a figure named by a defection noun. The make-up of one
    group ("The group, made up of three families") is no figure: its subject is no defection noun."""
    holder = span.root.head if span.root.dep_ == "nummod" else span.root
    while holder.dep_ == "conj" and holder.head.i != holder.i:
        holder = holder.head
    verb = predicate_of(holder)
    if not (composed or (holder.dep_ == "attr" and verb.lemma_.lower() == "be")):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(noun_class(lex, s) == "defection" for s in subjects)


def fronted_whole(span: Span) -> bool:
    """"Of the 64, 52 were women and 12 were men", "Of last year's arrivals, 33 were women": a fronted of-phrase
    names the whole the number is a part of."""
    return bool(fronted_phrase(span))


def fronted_phrase(span: Span) -> list[Token]:
    """The tokens of a sentence-initial "Of/Among <whole>," before ``span`` (empty without one)."""
    sent = span.sent
    first = sent[0]
    if first.lower_ not in ("of", "among") or first.i >= span.start:
        return []
    for token in span.doc[first.i + 1:span.start]:
        if token.text == ",":
            return list(span.doc[first.i:token.i])
    return []


def whole_of_group(span: Span) -> bool:
    """"the three of them": the whole group, not a part of it."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"


def own_times(span: Span, predicate: Token, reporting_lemmas: frozenset[str] | set[str]) -> list[Span]:
    """Event times that belong to this part: inside its phrase, or in the clause it is the subject of."""
    root = span.root
    phrase = {t.i for t in root.subtree} - {t.i for t in span}
    subject = root.dep_ in ("nsubj", "nsubjpass") and root.head.i == predicate.i
    if subject:
        phrase |= {t.i for t in predicate.subtree}
    found = []
    for time in doc_spans(span.doc, "times"):
        if time.start < span.sent.start or time.end > span.sent.end or time.start not in phrase:
            continue
        if time._.time is None or time._.time.period is None:
            continue
        if predicate_of(time.root).lemma_.lower() in reporting_lemmas:
            continue  # "the agency said Tuesday": when it was told
        found.append(time)
    after = [t for t in doc_spans(span.doc, "times") if 0 <= t.start - span.end <= 1 and t not in found
             and t._.time is not None and t._.time.period is not None]
    return found + after  # "including 43 in the first quarter"


def whole_predicate(predicate: Token) -> Token:
    """"have returned to North Korea ..., including three": the part shares its whole's verb."""
    if predicate.lower_ == "including" and predicate.head.i != predicate.i:
        return predicate_of(predicate.head)
    return predicate


def part_core(mention: CountMention) -> list[Token]:
    """The part's own words, whose types it takes: "including 210 women", "164 were women", "10 ... were elites".

    Its noun phrase without conjoined nouns ("6 men and 32 women": "men" is not "women"), and the words
    from the number up to the next number, comma or semicolon (a copula's attribute, often misparsed).
    """
    doc, sent = mention.span.doc, mention.span.sent
    tokens = list(mention.span)
    verb = predicate_of(mention.span.root)
    if verb.lemma_.lower() == "be" and mention.span.root.dep_ in ("nsubj", "nsubjpass"):
        tokens += [t for c in verb.children if c.dep_ in ("attr", "acomp") for t in c.subtree]  # "were diplomats,
        # trade officials or overseas students"
    if mention.noun is not None:
        skip = {t.i for c in mention.noun.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        tokens += [t for t in mention.noun.subtree if t.i not in skip]
    start = mention.span.end
    if mention.noun is not None and mention.noun.i >= start:  # "10 of the 196 defections in 2023 were elites"
        start = max(t.i for t in mention.noun.subtree) + 1
    for token in doc[start:sent.end]:
        if token.like_num or token.text in (",", ";") or token.dep_ == "cc":
            break
        tokens.append(token)
    return tokens


def without_parts(whole: CountMention, core: list[Token], mentions: list[CountMention]) -> list[Token]:
    """The whole's words without its parts' ("236 North Koreans, including 210 women": no type for the 236)."""
    own = {t.i for t in whole.span} | ({whole.noun.i} if whole.noun is not None else set())
    parts = {t.i for m in mentions if m.part and m is not whole and (m.noun is None or m.noun is not whole.noun)
             for t in part_core(m)} - own
    return [t for t in core if t.i not in parts]


def without_shares(lex: Lexicon, core: list[Token]) -> list[Token]:
    """A figure's words without the type words of a share of it ("43 ... arrived, most of them women";
    "33,000 ..., roughly 72 percent of them women"): a share gives no record and no type (contract)."""
    def share_of(token: Token) -> bool:  # noqa: E306
        return token.head.lower_ in lex.share_words or any(c.lower_ in lex.share_words for c in token.children)
    dropped = {t.i for t in core if t.pos_ in ("NOUN", "PROPN") and share_of(t)}
    return [t for t in core if t.i not in dropped]


def part_drafts(mention: CountMention, drafts: list[Draft], whole: list[Draft]) -> list[Draft]:
    """A part of the whole drafted before it in the sentence: none when the whole is one incident (its
    members), else aggregates with the whole's period (unless the part names its own), origin and
    destination (a part's own words rarely name them, and its clause is the whole's), and route (unless
    it states its own). A part with no whole in its sentence ("Of the 64,
    52 were women") keeps its own drafts: its period comes from the topic like any undated figure."""
    if not whole:  # "98 people died, including 39 militants": a listed part whose whole is no defection figure
        return [] if mention.listed else drafts
    if any(d.kind == "incident" for d in whole):
        return []  # "a family of nine, including four children": one incident of nine
    model = whole[0]
    for draft in drafts:
        if draft.kind == "incident":
            continue  # "including one who was shot as he ran across": one person's own escape
        draft.kind = "aggregate"
        if not mention.dated_part:
            draft.period = model.period
        draft.origin, draft.destination = model.origin, model.destination  # "returned to the North, including two"
        draft.route = model.route if draft.route == "unknown" else draft.route
    return drafts


def undated_part_periods(mention: CountMention, periods: list[Period], times: SentenceTimes,
                         figures: dict[int, Period | None]) -> list[Period]:
    """An undated part's period is its whole's: a time in the phrase naming the whole ("Of last year's
    arrivals"), else the period of the figure the whole names by its number ("Of the 64", "10 of the 196
    defections"), else a time of the part's own clause ("Two men and 60 women arrived in the second
    quarter"), else none here, so that it takes the topic period ("The arrivals were made up of 32 men and
    164 women, ..., roughly in line with the years before the pandemic": not the pandemic)."""
    named = [t._.time.period for t in whole_times(mention.span, mention.noun) if t in times.events]
    if named:
        return named[:1]
    value = _whole_value(mention)
    if value is not None and figures.get(value) is not None:
        return [figures[value]]
    clause = {t.i for t in mention.clause}
    return periods if any(t.start in clause for t in times.events) else []


def _whole_value(mention: CountMention) -> int | None:
    """The number of the whole: "Of the 64, 52 were women", "10 of the 196 defections"."""
    tokens = [mention.noun, *mention.noun.children] if mention.noun is not None \
        and mention.noun.i >= mention.span.end else []
    tokens += fronted_phrase(mention.span)
    for token in tokens:
        if token.like_num and token.i not in range(mention.span.start, mention.span.end):
            counts = [s for s in doc_spans(token.doc, "counts") if s.start <= token.i < s.end]
            if counts and counts[0]._.count is not None:
                return counts[0]._.count.count.value
    return None
