"""What one sentence says: counted people, incident actors, times, places, sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.assemble.subsets import is_partitive, own_times, whole_predicate
from extractor.assemble.tokens import (
    clause_tokens,
    contains_phrase,
    noun_phrase_text,
    predicate_chain,
    predicate_of,
    text_of,
)
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

BARE_NOUNS = frozenset({"number", "figure", "total", "tally", "count", "numbers", "figures", "level", "record", "high", "low"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
AGE_CUES = frozenset({"aged", "age", "ages", "old"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})


@dataclass
class CountMention:
    span: Span
    noun: Token | None
    noun_class: str            # defection | people | other | none
    predicate: Token
    clause: list[Token]
    definite: bool = False     # "the group of nearly 10": a follow-up on a known incident


@dataclass
class ActorMention:
    """A person or group doing the defecting without a number: "a North Korean soldier"."""

    tokens: Span               # determiner .. noun
    noun: Token
    predicate: Token
    clause: list[Token]
    definite: bool
    named: bool = False
    indefinite: bool = False
    pronoun: bool = False      # "He had come south in 2020": someone the article already named


@dataclass
class SentenceFacts:
    sent: Span
    start: int
    end: int
    text: str
    paragraph: int
    is_headline: bool
    counts: list[CountMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    topical: bool = False

    def spans(self, key: str) -> list[Span]:
        doc = self.sent.doc
        return [s for s in doc.spans.get(key, []) if self.sent.start <= s.start and s.end <= self.sent.end]


class SentenceReader:
    """Reads counts and actors out of one sentence with the lexicon and the gazetteer."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer

    # --- what a number counts -------------------------------------------------
    def counted_noun(self, span: Span) -> Token | None:
        for token in span:
            if token.pos_ in ("NOUN", "PROPN") and not token.like_num and token.lower_ not in BARE_NOUNS:
                if self.noun_class(token) in ("people", "defection"):
                    return token
        for token in span:
            for child in token.children:
                if child.lower_ == "of" and child.i >= span.end:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
                and root.head.head.lemma_.lower() in self.lex.group_nouns and root.head.head.i < span.start:
            return root.head.head  # "a family of five", "a crew of six": the group is what is counted
        if root.dep_ in ("nummod", "quantmod", "amod", "compound", "det", "nmod", "npadvmod") and root.head.i >= span.end:
            if root.head.pos_ in ("NOUN", "PROPN"):
                return self._through_container(root.head)
        for token in span:  # "A total of 34,448 North Koreans": the number's own noun after the span
            if token.like_num and token.dep_ in ("nummod", "quantmod") and token.head.i >= span.end and token.head.pos_ in ("NOUN", "PROPN"):
                if self.noun_class(token.head) in ("people", "defection"):
                    return token.head
        return None

    def _through_container(self, noun: Token) -> Token:
        """"31 cases of defectors": what is counted is in the of-phrase."""
        if noun.lemma_.lower() not in self.lex.container_nouns:
            return noun
        for child in noun.children:
            if child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and self.noun_class(objects[0]) in ("people", "defection"):
                    return objects[0]
        return noun

    def noun_class(self, noun: Token | None) -> str:
        if noun is None:
            return "none"
        lemma, lower = noun.lemma_.lower(), noun.lower_
        if lower in BARE_NOUNS or lemma in BARE_NOUNS:
            return "none"
        if lemma in self.lex.defection_nouns or lower in self.lex.defection_nouns:
            return "defection"
        if lower in ("them", "us") and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
            return "people"  # "the three of them": people, whoever they are
        if self._is_people_word(noun):
            return "people"
        return "other"

    def _is_people_word(self, noun: Token) -> bool:
        lemma, lower = noun.lemma_.lower(), noun.lower_
        phrase = noun_phrase_text(noun)
        words = (lemma, lower, phrase, " ".join([*phrase.split()[:-1], lemma]))
        if any(w in self.lex.people_nouns or w in self.lex.type_words for w in words):
            return True
        if (lemma in self.lex.delegation_nouns or lower in self.lex.delegation_nouns) and lemma not in self.lex.group_nouns and lemma != "delegation":
            return True  # athletes, performers, delegates: people who can defect from a trip abroad
        return self.is_demonym(noun) or self._heads_a_type(noun)

    @staticmethod
    def _heads_a_type(noun: Token) -> bool:
        """"a North Korean air force captain": the type tagger already named this person."""
        return any(s.start <= noun.i < s.end and s.root.i == noun.i for s in noun.doc.spans.get("types", []))

    def is_demonym(self, noun: Token) -> bool:
        """"North Koreans", "Eritreans": people named by their country."""
        if noun.tag_ not in ("NNPS", "NNS", "NNP"):
            return False
        return any(s.label_ == "DEMONYM" and s.start <= noun.i < s.end for s in noun.doc.spans.get("places", []))

    # --- the clause around a mention -------------------------------------------
    def is_negative(self, clause: list[Token], predicate: Token, noun: Token | None = None) -> bool:
        chain = predicate_chain(predicate)
        if noun is not None and predicate.i not in {a.i for a in noun.ancestors}:
            chain = [v for v in chain if v.i != noun.head.i]  # repaired predicate: not the verb the parser hung the people on
        if any(v.lemma_.lower() in self.lex.negative_lemmas for v in chain):
            return True
        if noun is not None and self._negative_path(noun, predicate):
            return True
        return contains_phrase(text_of(clause), self.lex.negative_phrases) is not None

    def _negative_path(self, noun: Token, predicate: Token) -> bool:
        """"interviews with 2,500 defectors", "defectors receive benefits": not a defection."""
        if noun.dep_ == "nsubj" and noun.head.i == predicate.i:
            if predicate.lemma_.lower() in self.lex.subject_negative_lemmas and not self.has_trigger(self.acting_verbs(predicate)[1:], strong=True):
                return True  # "took off ... and flew across the border": the later verb is the defection
        if noun.dep_ == "dobj" and noun.head.i == predicate.i and predicate.lemma_.lower() in ("return", "send", "hand", "deliver"):
            return True  # "Ukraine returned 150 prisoners": handed over, not defecting
        if predicate.i not in {a.i for a in noun.ancestors}:
            return False  # a repaired predicate: the verb the parser hung the people on is not theirs
        current = noun
        while current.i != predicate.i and current.head.i != current.i:
            current = current.head
            if current.lemma_.lower() in self.lex.negative_lemmas:
                return True
        return False

    def is_forecast(self, token: Token) -> bool:
        """A modal or forecast verb anywhere above the mention ("could exceed", "expected to reach")."""
        for verb in [token, *token.ancestors]:
            if verb.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            if verb.lemma_.lower() in self.lex.forecast_lemmas and verb.lemma_.lower() not in ("will", "would", "may", "might", "could", "should", "shall"):
                return True
            if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in self.lex.forecast_lemmas for c in verb.children):
                return True
        return False

    def has_trigger(self, tokens: list[Token], strong: bool = False) -> bool:
        verbs = self.lex.strong_triggers if strong else self.lex.triggers
        return any(t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX") for t in tokens)

    def mentions_defection(self, tokens: list[Token]) -> bool:
        return any(t.lemma_.lower() in self.lex.defection_nouns for t in tokens) or self.has_trigger(tokens, strong=True)

    def is_topical(self, sent: Span) -> bool:
        return any(t.lemma_.lower() in self.lex.defection_nouns or t.lemma_.lower() in ("defect", "flee", "escape") for t in sent)

    # --- counts ------------------------------------------------------------------
    def read_count(self, span: Span, topical_context: bool) -> CountMention | None:
        noun = self.counted_noun(span)
        noun_class = self.noun_class(noun)
        anchor = noun if noun is not None else span.root
        predicate = self.repaired_predicate(anchor, predicate_of(anchor))
        clause = clause_tokens(predicate, keep=[anchor])
        if noun_class == "other" or self._looks_like_age(span) or self._is_composition(span) or self._visitors(noun):
            return None
        if noun is not None and self.is_companion(noun):
            return None  # "defected with his wife and two sons": who came along, not a figure
        if self._pronoun_one(span) or self.visit_purpose(predicate):
            return None  # "At the last one", "crossed the border to meet relatives"
        if self._named_as_cause(anchor):
            return None  # "attributed the uptick partly to several diplomats": a cause, not a figure
        own_relative_verb = predicate.dep_ == "relcl" and predicate.head.i == anchor.i
        listed, partitive = self._is_subset(span) and not own_relative_verb, is_partitive(span, noun)
        dated_part = (listed or partitive) and bool(own_times(span, predicate, self.lex.reporting_lemmas))
        if listed and not dated_part:
            return None  # "including 89 women": a breakdown of a figure already given
        if self.is_negative(clause, predicate, anchor) or self.is_forecast(anchor) or self.is_tally_remark(predicate):
            return None
        if noun_class == "people" and (self._of_another_thing(noun, span) or not self._people_defect(noun, predicate)):
            return None
        if noun_class == "none" and not self._bare_is_defection(predicate, clause, topical_context):
            return None
        relative_ids = {t.i for t in predicate.subtree} if own_relative_verb else set()
        relative_dated = any(t.start in relative_ids for t in span.doc.spans.get("times", []))
        own_relative = own_relative_verb and (relative_dated or predicate.lemma_.lower() in self.lex.stock_lemmas)
        definite = self._definite(span, noun) and not (partitive and dated_part) and not own_relative  # "the 236 who arrived in 2024": a figure
        if listed:  # the part shares its whole's clause: who, from where, to where
            clause = clause_tokens(whole_predicate(predicate), keep=[anchor])
        return CountMention(span, noun, noun_class, predicate, clause, definite)

    def is_companion(self, token: Token) -> bool:
        """Inside "with his wife and two sons" / "along with their children": relatives who came along."""
        if self.kin_conjunct(token):
            return True  # "Park, his wife and their two daughters fled": relatives named beside the mover
        current = token
        while current.head.i != current.i:
            if current.dep_ == "pobj" and current.head.lower_ == "with":
                kin = [t for t in current.subtree if t.lemma_.lower() in self.lex.kin_nouns or t.lower_ in self.lex.kin_nouns]
                owned = any(c.dep_ == "poss" for t in kin for c in t.children) or any(t.dep_ == "poss" for t in current.subtree)
                return bool(kin) and owned
            if current.dep_ not in ("conj", "nummod", "amod", "compound", "det", "poss", "cc", "appos"):
                return False
            current = current.head
        return False

    @staticmethod
    def _pronoun_one(span: Span) -> bool:
        """"the last one", "this one", "another one": the pronoun "one", not a count of one."""
        if len(span) != 1 or span[0].lower_ != "one":
            return False
        token = span[0]
        return token.dep_ not in ("nummod", "quantmod") and any(c.dep_ in ("det", "amod") for c in token.children)

    def visit_purpose(self, predicate: Token) -> bool:
        """"crossed the border to meet relatives": a trip with a purpose, not a defection."""
        for child in predicate.children:
            if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in self.lex.visit_purpose_lemmas:
                if any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children):
                    return True
        return False

    def _named_as_cause(self, token: Token) -> bool:
        root = token.sent.root
        if root.lemma_.lower() in self.lex.attribution_lemmas and token.i > root.i \
                and any(t.lower_ == "to" for t in token.doc[root.i:token.i]):
            return True  # the small parser often hangs a second "as well as to ..." on the wrong word
        current, through_to = token, False
        while current.head.i != current.i:
            head = current.head
            through_to = through_to or (current.dep_ == "pobj" and head.lower_ == "to")
            if through_to and current.dep_ == "prep" and head.lemma_.lower() in self.lex.attribution_lemmas:
                return True
            if current.dep_ not in ("conj", "pobj", "prep", "cc", "nummod", "amod", "compound", "det"):
                return False
            current = head
        return False

    def kin_conjunct(self, token: Token) -> bool:
        """A relative with a possessive ("his wife", "their two daughters") coordinated with, or in apposition to, other movers."""
        kin = token.lemma_.lower() in self.lex.kin_nouns or token.lower_ in self.lex.kin_nouns
        owned = any(c.dep_ == "poss" for c in token.children)
        if not (kin and owned):
            return False
        if token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN"):
            return True
        # the small parser often makes "Park, his wife and ..." two subjects of the verb
        return token.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i < token.i for c in token.head.children)

    def has_kin_conjunct(self, noun: Token) -> bool:
        """"Park Sung-il, his wife and their two daughters": the mover came with relatives."""
        near = list(noun.subtree)
        if noun.dep_ == "nsubj":
            near += [t for c in noun.head.children if c.dep_ == "nsubj" and c.i != noun.i for t in c.subtree]
        return any(self.kin_conjunct(t) for t in near if t.i != noun.i)

    def is_tally_remark(self, predicate: Token) -> bool:
        """"It marks the second time this year that a soldier has crossed": a remark about incidents told elsewhere."""
        for verb in predicate_chain(predicate):
            owner = verb.head
            if verb.dep_ in ("relcl", "acl", "ccomp") and owner.lemma_.lower() in self.lex.tally_nouns:
                if any(c.lower_ in self.lex.ordinal_words or c.ent_type_ == "ORDINAL" for c in owner.children if c.dep_ in ("amod", "nummod")):
                    return True
        return False

    def parallel_count(self, span: Span, previous: CountMention) -> CountMention | None:
        """"196 in 2023 and 236 in 2024", "61 arrived, compared with 49 in the same quarter of 2024".

        A bare number joined to the figure just read by a coordinator or a comparison
        word counts the same thing, whatever clause the parser hung it in.
        """
        if self.counted_noun(span) is not None or self._looks_like_age(span) or span.start <= previous.span.end:
            return None
        doc = span.doc
        link = doc[span.start - 1] if span.start > span.sent.start else None
        if link is None or link.lower_ not in self.lex.parallel_links:
            return None
        if previous.span._.count.count.value is None or self._is_subset(span) or self._is_composition(span):
            return None
        predicate = predicate_of(span.root)
        clause = clause_tokens(predicate, keep=[span.root])
        if self.is_forecast(span.root) or contains_phrase(text_of(clause), self.lex.negative_phrases) is not None:
            return None
        if any(v.lemma_.lower() in self.lex.negative_lemmas for v in predicate_chain(predicate)):
            return None
        return CountMention(span, None, "none", previous.predicate, previous.clause, False)

    def _of_another_thing(self, noun: Token, span: Span) -> bool:
        """"the dismissal of several officers": the people belong to some other noun, not to the verb."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "of":
            return False
        owner = noun.head.head
        if owner.pos_ != "NOUN" or owner.lower_ in BARE_NOUNS or span.start <= owner.i < span.end:
            return False
        lemma = owner.lemma_.lower()
        if lemma in self.lex.group_nouns or lemma in self.lex.container_nouns:
            return False
        return self.noun_class(owner) == "other"

    def _people_defect(self, noun: Token, predicate: Token) -> bool:
        """People counted are defectors when their own verb (or a relative clause) is a defection verb."""
        relative = [t for t in noun.subtree if t.dep_ in ("relcl", "acl") and t.pos_ == "VERB"]
        verbs = self.acting_verbs(predicate)
        if self.has_trigger(verbs + relative) or self.has_trigger_phrase(verbs):
            return True
        if self.team_vanished(noun, verbs):
            return True
        if predicate.lemma_.lower() == "be" and any(self.noun_class(c) == "defection" for c in predicate.children if c.dep_ in ("nsubj", "expl", "attr", "prep")):
            return True  # "Among this year's arrivals were a dozen former members of the elite"
        return self._governed_by_defection(noun)

    def team_vanished(self, noun: Token, verbs: list[Token]) -> bool:
        """"Six Burundian cyclists disappeared in Switzerland": athletes or delegation members who vanish abroad."""
        if not any(v.lemma_.lower() in self.lex.vanish_lemmas for v in verbs):
            return False
        words = {noun.lemma_.lower(), noun.lower_}
        for child in noun.children:
            if child.lower_ == "of":
                words |= {t.lemma_.lower() for t in child.subtree}
        return bool(words & self.lex.delegation_nouns)

    def _governed_by_defection(self, noun: Token) -> bool:
        """A misparsed subject ("diplomats ... posted overseas defected"): a defection verb above it."""
        for verb in noun.ancestors:
            lemma = verb.lemma_.lower()
            if verb.pos_ == "VERB" and lemma in self.lex.reporting_lemmas:
                return False
            if verb.pos_ == "VERB" and lemma in self.lex.strong_triggers:
                clause = clause_tokens(verb, keep=[noun])
                return contains_phrase(text_of(clause), self.lex.negative_phrases) is None
        return False

    def has_trigger_phrase(self, verbs: list[Token]) -> bool:
        """"gave themselves up", "sought asylum": defection said in several words."""
        near = [t for v in verbs for c in v.children for t in [c, *(g for g in c.children if c.dep_ == "prep" and g.dep_ == "pobj")]]
        tokens = sorted({t.i: t for t in [*verbs, *near] if t.dep_ not in ("nsubj", "nsubjpass")}.values(), key=lambda t: t.i)
        return contains_phrase(text_of(tokens), self.lex.trigger_phrases) is not None

    def acting_verbs(self, predicate: Token) -> list[Token]:
        """The predicate, the verbs it complements, its "to"-complements and same-subject conjuncts."""
        verbs = predicate_chain(predicate)
        for child in predicate.children:
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if child.dep_ in ("xcomp", "conj") and child.pos_ in ("VERB", "AUX") and not own_subject:
                verbs.append(child)
                verbs.extend(c for c in child.children if c.dep_ == "conj" and c.pos_ == "VERB")
        return verbs

    def _bare_is_defection(self, predicate: Token, clause: list[Token], topical_context: bool) -> bool:
        """A number with no noun ("rose to 196") counts defectors only in a defection context."""
        subjects = [c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(self.noun_class(s) == "other" and s.pos_ in ("NOUN", "PROPN") for s in subjects):
            return False
        return self.mentions_defection(clause) or topical_context

    @staticmethod
    def _definite(span: Span, noun: Token | None) -> bool:
        """"the group of nearly 10", "the nine": a follow-up on a group already reported."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ == "the" and span[0].lower_ not in DEFINITE:
            return True
        return noun is not None and any(c.lower_ in DEFINITE for c in noun.lefts if c.dep_ == "det")

    def _is_subset(self, span: Span) -> bool:
        before = span.doc[max(span.sent.start, span.start - 2):span.start].text.lower()
        return any(before.endswith(cue) for cue in self.lex.subset_cues)

    def _is_composition(self, span: Span) -> bool:
        """"The group, made up of three families and two women": the make-up of a group, not a figure."""
        before = " ".join(t.lower_ for t in span.doc[max(span.sent.start, span.start - 3):span.start])
        if any(before.endswith(cue) for cue in self.lex.composition_cues):
            return True
        if self._after_named_group(span):
            return True
        holder = span.root.head if span.root.dep_ == "nummod" else span.root
        while holder.dep_ == "conj" and holder.head.i != holder.i:  # "... of three families and two women"
            holder = holder.head
            first = min(t.i for t in holder.subtree)
            left = " ".join(t.lower_ for t in span.doc[max(span.sent.start, first - 3):first])
            if any(left.endswith(cue) for cue in self.lex.composition_cues):
                return True
        return False

    def _after_named_group(self, span: Span) -> bool:
        """"The family – a couple, their teenage son and ...": a list right after a definite group
        noun and a dash, colon or comma spells out its members, it is not a figure of its own."""
        doc = span.doc
        if span.start - 2 < span.sent.start:
            return False
        punct, noun = doc[span.start - 1], doc[span.start - 2]
        if punct.text not in ("-", "--", "\u2013", "\u2014", ":", ","):
            return False
        if noun.lemma_.lower() not in self.lex.group_nouns and noun.lower_ not in self.lex.group_nouns:
            return False
        return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "his", "her") for c in noun.children)

    @staticmethod
    def _looks_like_age(span: Span) -> bool:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.lower_ in AGE_CUES:
            return True
        first = span.root
        while first.dep_ == "conj" and first.head.i != first.i:  # "aged 22 and 25": the second age too
            first = first.head
            if first.i > 0 and doc[first.i - 1].lower_ in AGE_CUES:
                return True
        if after is not None and after.lower_ in ("years", "year") and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "old":
            return True
        comma_wrapped = before is not None and before.text == "," and after is not None and after.text in (",", ")")
        return comma_wrapped and span.root.dep_ in ("appos", "npadvmod", "amod", "nummod") and len(span) == 1

    # --- actors without a number ---------------------------------------------------
    def read_actors(self, sent: Span, counted: set[int]) -> list[ActorMention]:
        actors = []
        for token in sent:
            if token.i in counted:
                continue
            subject_appos = token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")  # "SEOUL (AP) — A diplomat ... fled"
            misparsed = self._reduced_relative_verb(token) is not None  # "fishermen defected ..., the JCS said"
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") and not subject_appos and not misparsed and token.head.lower_ not in self.lex.incident_verb_forms:
                continue
            actor = self._actor(token)
            if actor is not None and not any(t.i in counted for t in actor.tokens):
                actors.append(actor)
        return actors

    def _visitors(self, noun: Token | None) -> bool:
        """"A group of 120 Chinese tourists crossed into Sinuiju": people on a visit, not defectors."""
        if noun is None:
            return False
        words = [noun] + [o for c in noun.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        return any(w.lemma_.lower() in self.lex.visitor_nouns or w.lower_ in self.lex.visitor_nouns for w in words)

    def _reduced_relative_verb(self, noun: Token) -> Token | None:
        """"Two fishermen defected by boat ..., the JCS said": the small parser makes the people the
        subject of "said" and "defected" a reduced relative (acl) of them; that verb is their predicate."""
        if noun.head.lemma_.lower() not in self.lex.reporting_lemmas or noun.dep_ not in ("nsubj", "npadvmod", "dobj"):
            return None
        for child in noun.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i == noun.i + 1 and child.lemma_.lower() in self.lex.incident_verbs:
                return child
        return None

    def repaired_predicate(self, noun: Token, predicate: Token) -> Token:
        """The defection verb of people the parser hung on the wrong verb.

        "Four women interviewed for the report escaped through Laos": "interviewed" (a reduced
        relative) is parsed as their verb and "escaped" as a bare adverbial clause of it.
        """
        reduced = self._reduced_relative_verb(noun)
        if reduced is not None:
            return reduced
        if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "among"):
            for child in noun.children:  # "Of the 236 who arrived in 2024, ...": the figure's own relative clause
                if child.dep_ == "relcl" and child.lemma_.lower() in self.lex.incident_verbs | self.lex.stock_lemmas | {"resettle"}:
                    return child  # "among roughly 220 North Koreans who have been resettled in the US since 2006"
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == predicate.i and predicate.tag_ in ("VBN", "VBD"):
            if predicate.lemma_.lower() in self.lex.negative_lemmas | self.lex.subject_negative_lemmas:
                for child in predicate.children:
                    own = any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in child.children)
                    if (child.dep_ in ("advcl", "conj") and child.pos_ == "VERB" and child.tag_ == "VBD" and not own
                            and child.i > predicate.i and child.lemma_.lower() in self.lex.incident_verbs):
                        return child
        return predicate

    def _actor(self, noun: Token) -> ActorMention | None:
        named = noun.dep_ in ("nsubj", "nsubjpass") and self._is_person_name(noun)
        pronoun = noun.lower_ in PERSONAL_PRONOUNS and noun.dep_ == "nsubj"
        if not (named or pronoun) and self.noun_class(noun) not in ("people", "defection") or self._visitors(noun):
            return None
        predicate = self.repaired_predicate(noun, predicate_of(noun))
        if noun.head.lower_ in self.lex.incident_verb_forms:
            predicate = noun.head  # the tagger took "swam" for a noun
        verbs = self.acting_verbs(predicate)
        acting = any(v.lemma_.lower() in self.lex.incident_verbs or v.lower_ in self.lex.incident_verb_forms for v in verbs)
        acting = acting or self.has_trigger_phrase(verbs)
        if not acting or noun.dep_ == "pobj" and noun.head.lower_ != "of":
            return None
        if noun.dep_ == "pobj" and noun.head.head.lower_ not in self.lex.group_nouns:
            return None
        clause = clause_tokens(predicate, keep=[noun])
        if self.is_negative(clause, predicate, noun) or self.is_forecast(noun) or self.is_tally_remark(predicate):
            return None
        if (named or pronoun) and not (self.has_trigger(predicate_chain(predicate), strong=True) or self.has_trigger_phrase(verbs)):
            return None
        dets = [c.lower_ for c in noun.lefts if c.dep_ in ("det", "nummod")]
        definite = any(d in DEFINITE for d in dets) or pronoun
        indefinite = any(d in INDEFINITE for d in dets) or self._owned_by_country(noun)
        plural = noun.tag_ in ("NNS", "NNPS")
        if not (definite or indefinite or named or plural):
            return None
        start = min([noun.i, *(c.i for c in noun.lefts)])
        return ActorMention(noun.doc[start:noun.i + 1], noun, predicate, clause, definite, named, indefinite, pronoun)

    def _owned_by_country(self, noun: Token) -> bool:
        """"North Korea's acting ambassador": one specific person."""
        owners = [c for c in noun.lefts if c.dep_ == "poss"]
        return any(self.gaz.country_code(o.text) is not None or self.gaz.country_code(" ".join(t.text for t in o.subtree if t.dep_ != "case")) is not None for o in owners)

    def _is_person_name(self, noun: Token) -> bool:
        """A person's name ("Thae Yong-ho", "Capt. Lee Woong-pyeong"), not a place or a people."""
        parts = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        hyphenated = noun.i > 1 and noun.doc[noun.i - 1].text == "-" and noun.doc[noun.i - 2].is_title
        proper = noun.tag_ == "NNP" or (hyphenated and noun.is_lower and noun.pos_ == "NOUN")
        if not parts or not proper or not (noun.is_title or hyphenated):
            return False
        if not all(p.is_title or p.text == "." for p in parts):
            return False
        name = noun.doc[parts[0].i:noun.i + 1].text
        return self.gaz.resolve(name) is None and self.gaz.country_code(noun.text) is None


def sentence_bounds(sent: Span) -> tuple[int, int, str]:
    # sliced from the span's own text: ``Doc.text`` joins every token of the doc on each call
    text = sent.text
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(stripped), stripped
