"""Read every sentence of a document into ``SentenceFacts``: paragraphs, headlines, counts, actors.

A number is read in the light of the sentence before it: a bare "rose to 196"
counts defectors when this or the previous sentence is about defection.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor.assemble.actors import may_tell_actors, person_name_parts, read_actors
from extractor.assemble.clauses import is_topical
from extractor.assemble.counts import parallel_count, read_count
from extractor.assemble.doccache import doc_spans
from extractor.assemble.mentions import SentenceFacts, sentence_bounds
from extractor.doctext import doc_text
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

SENTENCE_ENDS = (".", "!", "?", "\u201d", '"')  # punctuation


def read_sentences(lex: Lexicon, gaz: Gazetteer, doc: Doc, korean: bool = False) -> list[SentenceFacts]:
    """One ``SentenceFacts`` per non-blank sentence of ``doc``, in order (``korean``: an article about the Koreas)."""
    facts_list: list[SentenceFacts] = []
    full_text = doc_text(doc)  # built once per doc: Doc.text joins all tokens on every call
    paragraph = 0
    previous_topical = False
    previous_defection = False  # the sentence before spoke of defection (not only of a figure)
    names: set[str] = set()  # parts of full person names read so far: "Lee" after "Lee Young-guk"
    preamble = True  # title lines before the first punctuated sentence (a kicker, a release line, the headline)
    for sent in doc.sents:
        start, end, text = sentence_bounds(sent, full_text)
        if not text:
            continue
        if facts_list and "\n" in full_text[facts_list[-1].end:start]:
            paragraph += 1
        headline = preamble and _is_headline(lex, full_text, doc, sent)
        preamble = headline
        facts = SentenceFacts(sent, start, end, text, paragraph, headline)
        facts.times = [s for s in doc_spans(doc, "times") if sent.start <= s.start and s.end <= sent.end]
        facts.topical = is_topical(lex, sent)
        _read_counts(lex, facts, facts.topical or previous_topical, korean)
        counted = {t.i for m in facts.counts for t in ([m.noun] if m.noun is not None else [])}
        counted |= {t.i for m in facts.counts for t in m.span}  # "A group of eight North Korean defectors"
        if may_tell_actors(lex, sent, previous_defection):
            facts.actors = read_actors(lex, gaz, sent, counted, frozenset(names), korean, previous_defection)
        names |= person_name_parts(gaz, sent)
        previous_topical = facts.topical or bool(facts.counts)
        previous_defection = facts.topical
        facts_list.append(facts)
    return facts_list


def _read_counts(lex: Lexicon, facts: SentenceFacts, topical_context: bool, korean: bool = False) -> None:
    for span in facts.spans("counts"):
        mention = read_count(lex, span, topical_context)
        if mention is None and facts.counts:
            mention = parallel_count(lex, span, facts.counts[-1], korean)
        if mention is not None:
            facts.counts.append(mention)


def _is_headline(lex: Lexicon, doc_text: str, doc: Doc, sent: Span) -> bool:
    start, end, text = sentence_bounds(sent, doc_text)
    own_line = "\n" in doc_text[end:end + 3] or end >= len(doc_text.rstrip())
    unpunctuated = not text.endswith(SENTENCE_ENDS)
    short = len(text.split()) <= lex.headline_max_words
    title = doc._.title
    return bool(own_line and short and (unpunctuated or (title and title.strip() == text)))
