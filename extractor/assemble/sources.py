"""Who reports a record: "according to ...", a listed source, or the subject of a reporting verb.

``reported_by`` reads one sentence; ``named_source`` then prefers the name the
article gives elsewhere ("the ministry" after "the Ministry of Unification",
"The HUR said" after "Ukraine says"). Functions take the lexicon; none keeps state.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extractor.assemble.drafts import Draft
from extractor.assemble.mentions import SentenceFacts
from extractor.lexicon import Lexicon

PRONOUN_LIKE = frozenset({"he", "she", "they", "it", "we", "i"})                    # pronouns
NAME_DEPS = ("det", "amod", "compound", "poss", "case", "nmod", "npadvmod")       # inside a source's name
DASHES = ("-", "\u2013", "\u2014", "--")  # punctuation
GENERIC_SOURCE = re.compile(r"the\s+(\w+)", re.I)  # 'the ministry'


def reported_by(lex: Lexicon, facts: SentenceFacts) -> str | None:
    """The source one sentence names, if any."""
    places = facts.spans("places")
    sources = [s for s in facts.spans("sources") if not _inside_longer_name(s, places)]
    according = _according_to(lex, facts.sent)
    if according:
        return according
    if not sources:
        return _reporting_subject(lex, facts.sent)
    span = max(sources, key=len)
    start = min([span.start, *(t.i for t in span.root.subtree
                               if t.i < span.start and t.dep_ in ("poss", "compound", "case", "amod"))])
    return span.doc[start:span.end].text


def _inside_longer_name(span: Span, places: list[Span]) -> bool:
    """"the Military" of "the Military Demarcation Line": a source word that is only part of a longer name."""
    if any(p.start <= span.start and span.end <= p.end and len(p) > len(span) for p in places):
        return True
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return bool(after is not None and span[-1].is_title and after.is_title and after.pos_ == "PROPN")


def _reporting_subject(lex: Lexicon, sent: Span) -> str | None:
    """"..., a South Korean aid group said on Sunday", "Cycling Australia officials confirmed":
    the subject of a reporting verb when it is a proper-noun chain or an organisation-like noun."""
    for token in sent:
        if token.dep_ != "nsubj" or token.head.lemma_.lower() not in lex.source_verbs:
            continue
        if any(c.dep_ in ("acl", "relcl") and c.i == token.i + 1 for c in token.children):
            continue  # misparsed movers ("fishermen defected ..., the JCS said")
        proper = token.pos_ == "PROPN" and token.lower_ not in PRONOUN_LIKE
        if not (proper or token.lemma_.lower() in lex.source_head_nouns or token.lower_ in lex.source_head_nouns):
            continue
        text = _subject_name(token, sent, proper)
        if 0 < len(text.split()) <= 8:
            return text
    return None


def _subject_name(token: Token, sent: Span, proper: bool) -> str:
    """The name a reporting subject heads: its modifiers, after a dateline dash, with "of"/"to" names."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in NAME_DEPS or t.i == token.i]
    words = [t for t in words if t.i >= min(t2.i for t2 in words)]
    start = min(t.i for t in words)
    doc = token.doc
    dashes = [t.i for t in doc[start:token.i] if t.text in DASHES]
    start = dashes[-1] + 1 if dashes else start  # "SEOUL - Bridge to Freedom": after the dateline
    if doc[start].dep_ == "det" and doc[start].lower_ in ("a", "an"):
        start += 1
    end = token.i + 1
    if proper and end + 1 < sent.end and doc[end].lower_ in ("to", "of", "for") and doc[end + 1].pos_ == "PROPN":
        end += 2  # "Bridge to Freedom", "Friends of Refugees"
        while end < sent.end and doc[end].pos_ == "PROPN":
            end += 1
    return doc[start:end].text.strip(" ,.")


def _according_to(lex: Lexicon, sent: Span) -> str | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.doc[token.i + 1].lower_ == "to":
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return _according_object(lex, objects[0])
    return None


def _according_object(lex: Lexicon, obj: Token) -> str | None:
    subtree = [t for t in obj.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == obj.i]
    subtree = [t for t in subtree if t.i <= obj.i or t.dep_ in ("prep", "pobj", "compound", "poss", "case", "appos")]
    text = obj.doc[subtree[0].i:subtree[-1].i + 1].text.strip(" ,.")
    if len(text.split()) <= 10 and not text.lower().startswith(lex.non_source_prefixes):
        return text
    return None


def named_source(lex: Lexicon, draft: Draft, sentences: list[SentenceFacts]) -> str | None:
    """The source as the article names it. "the ministry says" after "according to the Ministry of
    Unification" is that ministry; "Ukraine says a pilot defected" followed by "The HUR said ..." in
    the next sentence of the paragraph names the agency, not the state."""
    source = draft.reported_by
    if not source or draft.sentence >= len(sentences):
        return source
    facts = sentences[draft.sentence]
    generic = GENERIC_SOURCE.fullmatch(source.strip())
    if generic and generic[1].lower() in lex.source_head_nouns:
        return _earlier_full_name(lex, generic[1].lower(), sentences[:draft.sentence]) or source
    country = any(s.text == source and s._.place is not None and s._.place.kind == "country"
                  for s in facts.spans("places"))
    if country:
        return _agency_after(lex, draft, sentences, source) or source
    return source


def _earlier_full_name(lex: Lexicon, head: str, earlier: list[SentenceFacts]) -> str | None:
    for facts in reversed(earlier):
        named = reported_by(lex, facts)
        if named and head in named.lower() and not GENERIC_SOURCE.fullmatch(named.strip()):
            return named
    return None


def _agency_after(lex: Lexicon, draft: Draft, sentences: list[SentenceFacts], source: str) -> str | None:
    facts = sentences[draft.sentence]
    following = sorted({i for i in draft.support if i > draft.sentence} | {draft.sentence + 1})
    for i in following[:3]:
        if i >= len(sentences):
            continue
        after = sentences[i]
        named = reported_by(lex, after)
        related = i in draft.support or after.paragraph == facts.paragraph
        if named and related and named != source and not any(s.text == named for s in after.spans("places")):
            return named
    return None
