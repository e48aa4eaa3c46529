"""A record in the making, and how its fields are read from a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.assemble.context import ArticleContext, inside_name, korean_side
from extractor.assemble.mentions import SentenceFacts
from extractor.assemble.tokens import contains_phrase, governing_preposition, text_of
from extractor.lexicon import Lexicon
from extractor.normalize.places import to_location
from extractor.records import Count, Location, Period

ABROAD_TYPES = frozenset({"diplomat", "worker", "student"})
ROUTE_ORDER = ("dmz", "maritime", "air", "third_country")


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


SOURCE_VERBS = frozenset({"say", "tell", "report", "confirm", "announce", "state", "add", "estimate"})
PRONOUN_LIKE = frozenset({"he", "she", "they", "it", "we", "i"})


class FieldReader:
    """Types, route, places, origin/destination and source of a mention, from its sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def types(self, facts: SentenceFacts, tokens: list[Token], companion=None) -> set[str]:
        """Types of the people who moved; relatives who came along ("with his wife and two children") make it a family."""
        indices = {t.i for t in tokens}
        found = {"family"} if contains_phrase(text_of(tokens), self.lex.companion_phrases) else set()
        for span in facts.spans("types"):
            if span.start not in indices or self._names_a_source(span):
                continue
            if companion is not None and companion(span.root):
                found.add("family")
                continue
            found.add(span.label_)
        return found

    def _names_a_source(self, span: Span) -> bool:
        root = span.root
        head = root.head
        if any(c.dep_ in ("acl", "relcl") and c.i == root.i + 1 and c.lemma_.lower() in self.lex.incident_verbs for c in root.children):
            return False  # "Two fishermen defected ..., the JCS said": misparsed movers, not the source
        return root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.lex.reporting_lemmas

    def route(self, facts: SentenceFacts, tokens: list[Token], types: set[str]) -> str:
        indices = {t.i for t in tokens}
        votes: dict[str, int] = {}
        for span in facts.spans("route_cues"):
            if span.start in indices:
                votes[span.label_] = votes.get(span.label_, 0) + 1
        for span in facts.spans("places"):
            place = span._.place
            if span.start in indices and place is not None and place.route:
                votes[place.route] = votes.get(place.route, 0) + 1
        if types & ABROAD_TYPES and (votes.get("third_country") or not (votes.get("dmz") or votes.get("maritime"))):
            return "third_country"  # defecting from a posting abroad (contract)
        if not votes:
            return "unknown"
        if votes.get("air") and not votes.get("third_country"):
            return "air"  # a flight passes over the sea border or the DMZ it crosses
        return max(ROUTE_ORDER, key=lambda r: (votes.get(r, 0), -ROUTE_ORDER.index(r)))

    def locations(self, facts: SentenceFacts, tokens: list[Token], skip: set[str]) -> list[Location]:
        indices = {t.i for t in tokens}
        found = []
        for span in facts.spans("places"):
            place = span._.place
            if span.start not in indices or place is None:
                continue
            if place.kind == "country" and (place.country in skip or span.label_ == "DEMONYM" or inside_name(span)):
                continue
            found.append(to_location(place, span.text, self._role(span)))
        return found

    def _role(self, span: Span) -> str:
        prep = governing_preposition(span.root)
        if prep in self.lex.crossing_prepositions or prep == "cross":
            return "crossing_point"
        if prep in self.lex.origin_prepositions or prep in ("leave", "flee", "escape"):
            return "origin_place"
        if prep in self.lex.destination_prepositions or prep in ("reach", "enter"):
            return "destination_place"
        return "mentioned"

    def reported_by(self, facts: SentenceFacts) -> str | None:
        places = facts.spans("places")
        sources = [s for s in facts.spans("sources") if not self._inside_longer_name(s, places)]
        according = self._according_to(facts.sent)
        if according:
            return according
        if not sources:
            return self._reporting_subject(facts.sent)
        span = max(sources, key=len)
        start = min([span.start, *(t.i for t in span.root.subtree if t.i < span.start and t.dep_ in ("poss", "compound", "case", "amod"))])
        return span.doc[start:span.end].text

    @staticmethod
    def _inside_longer_name(span: Span, places: list[Span]) -> bool:
        """"the Military" of "the Military Demarcation Line": a source word that is only part of a longer name."""
        if any(p.start <= span.start and span.end <= p.end and len(p) > len(span) for p in places):
            return True
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        return bool(after is not None and span[-1].is_title and after.is_title and after.pos_ == "PROPN")

    def _reporting_subject(self, sent: Span) -> str | None:
        """"..., a South Korean aid group said on Sunday", "Cycling Australia officials confirmed":
        the subject of a reporting verb when it is a proper-noun chain or an organisation-like noun."""
        for token in sent:
            if token.dep_ != "nsubj" or token.head.lemma_.lower() not in SOURCE_VERBS:
                continue
            if any(c.dep_ in ("acl", "relcl") and c.i == token.i + 1 for c in token.children):
                continue  # misparsed movers ("fishermen defected ..., the JCS said")
            proper = token.pos_ == "PROPN" and token.lower_ not in PRONOUN_LIKE
            if not (proper or token.lemma_.lower() in self.lex.source_head_nouns or token.lower_ in self.lex.source_head_nouns):
                continue
            words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("det", "amod", "compound", "poss", "case", "nmod", "npadvmod") or t.i == token.i]
            words = [t for t in words if t.i >= min(t2.i for t2 in words)]
            start = min(t.i for t in words)
            doc = token.doc
            dashes = [t.i for t in doc[start:token.i] if t.text in ("-", "\u2013", "\u2014", "--")]
            start = dashes[-1] + 1 if dashes else start  # "SEOUL - Bridge to Freedom": after the dateline
            if doc[start].dep_ == "det" and doc[start].lower_ in ("a", "an"):
                start += 1
            end = token.i + 1
            if proper and end + 1 < sent.end and doc[end].lower_ in ("to", "of", "for") and doc[end + 1].pos_ == "PROPN":
                end += 2  # "Bridge to Freedom", "Friends of Refugees"
                while end < sent.end and doc[end].pos_ == "PROPN":
                    end += 1
            text = doc[start:end].text.strip(" ,.")
            if 0 < len(text.split()) <= 8:
                return text
        return None

    @staticmethod
    def _according_to(sent: Span) -> str | None:
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "to":
                objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
                if objects:
                    subtree = [t for t in objects[0].subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == objects[0].i]
                    subtree = [t for t in subtree if t.i <= objects[0].i or t.dep_ in ("prep", "pobj", "compound", "poss", "case", "appos")]
                    text = token.doc[subtree[0].i:subtree[-1].i + 1].text.strip(" ,.")
                    return text if len(text.split()) <= 10 and not text.lower().startswith(("an interview", "a report", "the report")) else None
        return None

    def origin_destination(self, facts: SentenceFacts, tokens: list[Token], ctx: ArticleContext, core: list[Token]) -> tuple[str | None, str | None]:
        if contains_phrase(text_of(sorted(core, key=lambda t: t.i)), self.lex.reentry_cues):
            return "KR", "KP"
        origin, destination = None, None
        indices = {t.i for t in tokens}
        own = {t.i for t in core}
        for span in facts.spans("places"):
            place = span._.place
            if span.start not in indices or place is None or not place.country or inside_name(span):
                continue
            prep = governing_preposition(span.root)
            if span.label_ == "DEMONYM" and span.start not in own:
                continue  # "taken into custody by South Korean troops": other people's nationality
            if span.label_ == "DEMONYM" or prep in self.lex.origin_prepositions:
                origin = origin or place.country
            elif self._is_destination(span, prep):
                destination = destination or place.country
        destination = destination or self._side(facts, tokens, ctx) or self._place_reached(facts, tokens, origin or ctx.origin)
        origin = origin or ctx.origin
        destination = destination or ctx.destination
        if destination == origin:
            destination = ctx.destination if ctx.destination != origin else None
        return origin, destination

    def _is_destination(self, span: Span, prep: str | None) -> bool:
        """"defected to Japan", "reached Seoul", "arrived in Seoul"; "living in China" is not a destination."""
        if prep in ("reach", "enter"):
            return True
        verb = span.root.head.head if span.root.dep_ == "pobj" else None
        if verb is None:
            return False
        if verb.pos_ not in ("VERB", "AUX"):
            return prep == "in" and self._arrival_verb(verb) is not None
        moving = verb.lemma_.lower() in self.lex.triggers | self.lex.incident_verbs
        if prep in self.lex.destination_prepositions:
            return moving
        return prep == "in" and self._arrival_verb(verb) is not None

    def _arrival_verb(self, verb: Token) -> Token | None:
        """"landed in X", and through one place phrase: "landed at an airfield in the Kharkiv region",
        "landed on a beach in Hsinchu county"."""
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in self.lex.arrival_lemmas:
            return verb
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
            higher = verb.head.head
            if higher.pos_ in ("VERB", "AUX") and higher.lemma_.lower() in self.lex.arrival_lemmas:
                return higher
        return None

    def _place_reached(self, facts: SentenceFacts, tokens: list[Token], origin: str | None) -> str | None:
        """An incident whose boat was found off Ishikawa ended in Japan."""
        indices = {t.i for t in tokens}
        for span in facts.spans("places"):
            place = span._.place
            if span.start in indices and place and place.kind != "country" and place.country and place.country != origin:
                if self._role(span) in ("crossing_point", "destination_place"):
                    return place.country
        return None

    def _side(self, facts: SentenceFacts, tokens: list[Token], ctx: ArticleContext) -> str | None:
        for token in tokens:
            if token.i > 0 and token.doc[token.i - 1].lower_ == "the":
                code = korean_side(f"the {token.lower_}", ctx.korean)
                if code and governing_preposition(token) in self.lex.destination_prepositions | {"reach", "enter"}:
                    return code  # "fled to the South", "reached the South"
        return None
