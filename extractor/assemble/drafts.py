"""A record in the making (``Draft``), and how its types, route and places are read from a sentence.

The functions here read the fields of one mention from its sentence's spans:
defector types (relatives who came along make it a family), the route (by
vote of route cues and places), locations with their roles, and origin and
destination (falling back on the article's :class:`ArticleContext`). They take
the lexicon; none keeps state. The source is read in :mod:`.sources`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.assemble.context import ArticleContext, inside_name, korean_side
from extractor.assemble.mentions import SentenceFacts
from extractor.assemble.tokens import VERB_POS, contains_phrase, governing_preposition, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.places import to_location
from extractor.records import Count, Location, Period

KOREAS = ("KP", "KR")  # the two sides of a Korean story, never listed among its places
ROUTE_ORDER = ("dmz", "maritime", "air", "third_country")  # the contract's routes, in order of preference on a tie


@dataclass
class Draft:
    kind: str
    sentence: int
    count: Count | None
    period: Period | None
    types: set[str] = field(default_factory=set)
    origin: str | None = None
    destination: str | None = None
    route: str = "unknown"
    locations: list[Location] = field(default_factory=list)
    reported_by: str | None = None
    followup: bool = False
    headline: bool = False
    confidence: float = 0.5
    support: list[int] = field(default_factory=list)
    singular_actor: bool = False
    count_followup: bool = False   # a definite count ("the nine") that adds to a known group
    pronoun: bool = False          # told by "he"/"she"/"they": adds to a known incident unless it dates its own
    continuation: bool = False     # a sentence going on about the last incident: adds places and dates only
    group_followup: bool = False   # "The group, made up of three families ...": its make-up adds types, never conflicts
    going_back: bool = False       # "he went back": a re-defection, never more about the crossing before it


def types_of(lex: Lexicon, facts: SentenceFacts, tokens: list[Token],
             companion: Callable[[Token], bool] | None = None) -> set[str]:
    """Types of the people who moved; relatives who came along ("with his wife and two children") make it a family."""
    indices = {t.i for t in tokens}
    found = {"family"} if contains_phrase(text_of(tokens), lex.companion_phrases) else set()
    for span in facts.spans("types"):
        if span.start not in indices or _names_a_source(lex, span) or _acted_upon(lex, span):
            continue
        if companion is not None and companion(span.root):
            found.add("family")
            continue
        found.add(span.label_)
    return found


def _acted_upon(lex: Lexicon, span: Span) -> bool:
    """"following orders to attack civilians": the object of a subordinate verb is not who moved."""
    root = span.root
    verb = root.head
    return root.dep_ == "dobj" and verb.dep_ in ("acl", "xcomp", "relcl", "advcl") \
        and verb.lemma_.lower() not in lex.incident_verbs


def _names_a_source(lex: Lexicon, span: Span) -> bool:
    root = span.root
    head = root.head
    if any(c.dep_ in ("acl", "relcl") and c.i == root.i + 1 and c.lemma_.lower() in lex.incident_verbs
           for c in root.children):
        return False  # "Two fishermen defected ..., the JCS said": misparsed movers, not the source
    return root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.reporting_lemmas


def route_of(lex: Lexicon, facts: SentenceFacts, tokens: list[Token], types: set[str]) -> str:
    """The route the cues and places of ``tokens`` vote for; defecting from a posting abroad is third_country."""
    indices = {t.i for t in tokens}
    votes: dict[str, int] = {}
    for span in facts.spans("route_cues"):
        if span.start in indices:
            votes[span.label_] = votes.get(span.label_, 0) + 1
    for span in facts.spans("places"):
        place = span._.place
        if span.start in indices and place is not None and place.route:
            votes[place.route] = votes.get(place.route, 0) + 1
    if types & lex.abroad_types and (votes.get("third_country") or not (votes.get("dmz") or votes.get("maritime"))):
        return "third_country"  # defecting from a posting abroad (contract)
    if not votes:
        return "unknown"
    if votes.get("air") and not votes.get("third_country"):
        return "air"  # a flight passes over the sea border or the DMZ it crosses
    return max(ROUTE_ORDER, key=lambda r: (votes.get(r, 0), -ROUTE_ORDER.index(r)))


def locations_of(lex: Lexicon, facts: SentenceFacts, tokens: list[Token], skip: set[str]) -> list[Location]:
    """Places of ``tokens`` below country level (and countries not in ``skip``), each with its role.

    A country the movers went to ("fled to Turkey", "crossed into Turkey") is kept even when it is
    the record's destination: where a defector ended up is a place tied to the record.
    """
    indices = {t.i for t in tokens}
    found = []
    for span in facts.spans("places"):
        place = span._.place
        if span.start not in indices or place is None:
            continue
        role = _role(lex, span)
        if place.kind == "country" and (span.label_ == "DEMONYM" or inside_name(span)):
            continue
        if place.kind == "country" and place.country in skip and not _moved_into(lex, span, role):
            continue
        found.append(to_location(place, span.text, role))
    return found


def _moved_into(lex: Lexicon, span: Span, role: str) -> bool:
    """"defected to Turkey", "came to Germany": a destination the clause's verb moves the people to.

    The two Koreas stay out: in a Korean story they are the sides, not places ("defected to South Korea").
    """
    if span._.place.country in KOREAS:
        return False
    if span.root.dep_ == "pobj" and span.root.head.lower_ == "in" and _event_abroad(lex, span.root.head.head):
        return True  # "fled during a competition in Kenya"
    if role != "destination_place":
        return False
    head = span.root.head
    return head.pos_ in VERB_POS or head.dep_ == "prep" and head.head.pos_ in VERB_POS


def _role(lex: Lexicon, span: Span) -> str:
    prep = governing_preposition(span.root)
    if prep in lex.crossing_prepositions or prep in lex.crossing_verbs:
        return "crossing_point"
    if prep in lex.origin_prepositions or prep in lex.origin_verbs:
        return "origin_place"
    if prep in lex.destination_prepositions or prep in lex.destination_verbs:
        return "destination_place"
    return "mentioned"


def origin_destination(lex: Lexicon, facts: SentenceFacts, tokens: list[Token], ctx: ArticleContext,
                       core: list[Token]) -> tuple[str | None, str | None]:
    """Origin and destination from the places of ``tokens``, else the article's defaults."""
    core_text = text_of(sorted(core, key=lambda t: t.i))
    if contains_phrase(core_text, lex.reentry_cues) or ctx.korean and contains_phrase(core_text, lex.back_cues):
        return "KR", "KP"  # "crossed back", and in a Korean story "went back", "slipped back"
    origin, destination = None, None
    indices = {t.i for t in tokens}
    own = {t.i for t in core}
    # the movers' own words first: "Three from Guinea and three from Mali" each have their own origin
    for span in sorted(facts.spans("places"), key=lambda s: s.start not in own):
        place = span._.place
        if span.start not in indices or place is None or not place.country or inside_name(span):
            continue
        prep = governing_preposition(span.root)
        if span.label_ == "DEMONYM" and span.start not in own:
            continue  # "taken into custody by South Korean troops": other people's nationality
        if span.label_ == "DEMONYM" or prep in lex.origin_prepositions or _team_of(lex, span, own):
            origin = origin or place.country
        elif _is_destination(lex, span, prep):
            destination = destination or place.country
    origin = _side_left(lex, tokens, ctx) or origin  # "ran across the border from South to North Korea"
    destination = destination or _side(lex, tokens, ctx) or _place_reached(lex, facts, tokens, origin or ctx.origin)
    origin = origin or ctx.origin
    destination = destination or ctx.destination
    if destination == origin:
        destination = ctx.destination if ctx.destination != origin else None
    return origin, destination


def _team_of(lex: Lexicon, span: Span, own: set[int]) -> bool:
    """"members of the Cameroon team", "Burundi's national team": the country a group of the movers stands for."""
    root = span.root
    return span.start in own and root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in lex.group_nouns


def _is_destination(lex: Lexicon, span: Span, prep: str | None) -> bool:
    """"defected to Japan", "reached Seoul", "arrived in Seoul"; "living in China" is not a destination."""
    if prep in lex.destination_verbs:
        return True
    verb = span.root.head.head if span.root.dep_ == "pobj" else None
    if verb is None:
        return False
    if verb.pos_ not in VERB_POS:
        return prep == "in" and (_arrival_verb(lex, verb) is not None or _event_abroad(lex, verb))
    moving = verb.lemma_.lower() in lex.triggers | lex.incident_verbs
    if prep in lex.destination_prepositions:
        return moving
    return prep == "in" and _arrival_verb(lex, verb) is not None


def _event_abroad(lex: Lexicon, noun: Token) -> bool:
    """"fled during a 2009 competition in Kenya", "defected at a tournament in Qatar": the country of
    an event the movers had travelled to, hung on their own defection verb."""
    if noun.lemma_.lower() not in lex.event_abroad_nouns or noun.dep_ != "pobj":
        return False
    prep, verb = noun.head, noun.head.head
    moving = verb.lemma_.lower() in lex.topical_lemmas | lex.vanish_lemmas | lex.incident_verbs
    return prep.lower_ in lex.event_abroad_prepositions and verb.pos_ in VERB_POS and moving


def _arrival_verb(lex: Lexicon, verb: Token) -> Token | None:
    """"landed in X", and through one place phrase: "landed at an airfield in the Kharkiv region",
    "landed on a beach in Hsinchu county"."""
    if verb.pos_ in VERB_POS and verb.lemma_.lower() in lex.arrival_lemmas:
        return verb
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        higher = verb.head.head
        if higher.pos_ in VERB_POS and higher.lemma_.lower() in lex.arrival_lemmas:
            return higher
    return None


def _place_reached(lex: Lexicon, facts: SentenceFacts, tokens: list[Token], origin: str | None) -> str | None:
    """An incident whose boat was found off Ishikawa ended in Japan."""
    indices = {t.i for t in tokens}
    for span in facts.spans("places"):
        place = span._.place
        if span.start in indices and place and place.kind != "country" and place.country and place.country != origin:
            if _role(lex, span) in ("crossing_point", "destination_place"):
                return place.country
    return None


def _side_left(lex: Lexicon, tokens: list[Token], ctx: ArticleContext) -> str | None:
    """"from the South", "from South to North Korea": the Korea a crossing started from, said with a
    from-phrase; it beats the movers' nationality ("the US soldier who ran ... from South to North Korea")."""
    for token in tokens:
        if token.is_title and token.dep_ == "pobj" and governing_preposition(token) in lex.origin_prepositions:
            code = korean_side(token.lower_, ctx.korean)
            if code is not None:
                return code
    return None


def _side(lex: Lexicon, tokens: list[Token], ctx: ArticleContext) -> str | None:
    for token in tokens:
        if token.i > 0 and token.doc[token.i - 1].lower_ == "the":
            code = korean_side(f"the {token.lower_}", ctx.korean)
            if code and governing_preposition(token) in lex.destination_prepositions | lex.destination_verbs:
                return code  # "fled to the South", "reached the South"
    return None
