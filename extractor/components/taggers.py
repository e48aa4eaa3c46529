"""Components that mark spans: places, lexicon terms, time expressions, counts.

Each finds spans and hands their text to a pure normalizer; none decides what
a span means for a record (that is the assembler's job). Their factories, with
their settings, are in :mod:`extractor.components.factories`.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.assemble.build import latest_year_anchor
from extractor.doctext import doc_text
from extractor.normalize.counts import count_parser, find_counts
from extractor.normalize.time import find_periods, period_grammar
from extractor.rules import Rules

PLACES_KEY, TYPES_KEY, SOURCES_KEY, ROUTES_KEY = "places", "types", "sources", "route_cues"
TIMES_KEY, COUNTS_KEY = "times", "counts"


class PlaceTagger:
    """Gazetteer names, countries and demonyms -> ``doc.spans["places"]`` with ``span._.place``.

    The gazetteer gives token patterns (lower-case or exact tokens, some
    optional). Hundreds of them in a token ``Matcher`` cost more than the
    parser, so each is expanded into its concrete phrases for a
    ``PhraseMatcher`` on lower case; the tokens that must match exactly
    (acronyms like "DMZ") are checked on each hit.
    """

    def __init__(self, nlp: Language, rules: Rules) -> None:
        self.rules = rules
        self.gazetteer = gazetteer = rules.gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact: dict[int, tuple[str, tuple[str | None, ...]]] = {}
        for pattern in gazetteer.span_patterns():
            for tokens in expand_optional(pattern["pattern"]):
                key = f"{pattern['label']}|{pattern['id']}|{len(self.exact)}"
                words = [token.get("LOWER") or token["ORTH"].lower() for token in tokens]
                self.matcher.add(key, [Doc(nlp.vocab, words=words)])
                self.exact[nlp.vocab.strings[key]] = (pattern["label"], tuple(token.get("ORTH") for token in tokens))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, orths = self.exact[match_id]
            if all(orth is None or token.text == orth for orth, token in zip(orths, doc[start:end])):
                spans.append(Span(doc, start, end, label=label))
        kept = filter_spans(spans)
        for span in kept:
            span._.place = self.gazetteer.resolve(span.text)
        doc.spans[PLACES_KEY] = [s for s in kept if s._.place is not None]
        return doc


def expand_optional(pattern: list[dict]) -> list[list[dict]]:
    """Every concrete token sequence of a pattern whose tokens may be optional (``"OP": "?"``)."""
    sequences: list[list[dict]] = [[]]
    for token in pattern:
        if token.get("OP") not in (None, "?"):
            raise ValueError(f"unsupported operator in gazetteer pattern: {token}")
        choices = [[concrete] for concrete in _alternatives(token)]
        if token.get("OP") == "?":
            choices.append([])
        sequences = [seq + choice for seq in sequences for choice in choices]
    return [seq for seq in sequences if seq]


def _alternatives(token: dict) -> list[dict]:
    """``{"LOWER": {"IN": [a, b]}}`` → ``[{"LOWER": a}, {"LOWER": b}]``; a plain token stays one."""
    (attr, value), = ((k, v) for k, v in token.items() if k != "OP")
    values = value["IN"] if isinstance(value, dict) else [value]
    return [{attr: v} for v in values]


class TermTagger:
    """Defector-type words, attribution sources and route cues from the rules' ``lexicon.json``."""

    def __init__(self, nlp: Language, rules: Rules) -> None:
        self.rules = rules
        lexicon = rules.lexicon
        self.matchers = {
            TYPES_KEY: self._phrases(nlp, lexicon.type_words),
            SOURCES_KEY: self._phrases(nlp, {s: "source" for s in lexicon.sources}),
            ROUTES_KEY: self._phrases(nlp, {c: r for r, cues in lexicon.route_cues.items() for c in cues}),
        }

    @staticmethod
    def _phrases(nlp: Language, labels: dict[str, str]) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, label in labels.items():
            matcher.add(label, [nlp.make_doc(form) for form in plural_forms(phrase)])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        for key, matcher in self.matchers.items():
            spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
            doc.spans[key] = filter_spans(spans)
        return doc


class TimeTagger:
    """Time expressions resolved against ``doc._.anchor`` -> ``doc.spans["times"]``.

    A Doc without an anchor gets one here: ``doc._.published``, else the component's own
    ``published`` setting, else the latest year the text names (``YearOnly``: dates that need
    the day of publication then stay unresolved).
    """

    def __init__(self, rules: Rules, *, published: dt.date | None = None) -> None:
        self.rules = rules
        self.grammar = period_grammar(rules)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        if doc._.anchor is None:
            doc._.published = doc._.published or self.published
            doc._.anchor = doc._.published or latest_year_anchor(doc_text(doc))
        spans = []
        for match in find_periods(doc_text(doc), doc._.anchor, grammar=self.grammar):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None:
                span._.time = match
                spans.append(span)
        doc.spans[TIMES_KEY] = _without_overlaps(spans, [])
        return doc


class CountTagger:
    """Count phrases that are not part of a time expression or a place name."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.parser = count_parser(rules)

    def __call__(self, doc: Doc) -> Doc:
        taken = list(doc.spans.get(TIMES_KEY, [])) + list(doc.spans.get(PLACES_KEY, []))
        spans = []
        for match in find_counts(doc_text(doc), parser=self.parser):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None:
                span._.count = match
                spans.append(span)
        doc.spans[COUNTS_KEY] = _without_overlaps(spans, taken)
        return doc


def plural_forms(phrase: str) -> list[str]:
    """The phrase and the plural of its last word: the lexicons list singulars."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [phrase, f"{head} {plural}".strip()]


def _without_overlaps(spans: list[Span], taken: list[Span]) -> list[Span]:
    """Keep spans that overlap none of ``taken`` nor an earlier kept span."""
    occupied = {i for span in taken for i in range(span.start, span.end)}
    kept = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        tokens = set(range(span.start, span.end))
        if tokens & occupied:
            continue
        occupied |= tokens
        kept.append(span)
    return kept
