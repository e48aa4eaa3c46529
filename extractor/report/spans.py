"""Where a record's count, time, place and type phrases sit inside its evidence sentence.

Records keep their phrases as written (``count.text``, ``period.text``, each
location's ``text``) and their types in canonical form. The report marks them
inside the evidence sentence like this:

* count, time, place: the phrase is searched verbatim (case-sensitive) in the
  evidence text. A time or place phrase takes its first occurrence that stands
  as whole words; a count phrase takes the first whole-word occurrence that does
  not lie inside a time or place span of the same sentence ("two" in "two
  escapes in the past two weeks" is the first "two", not the one in the time
  phrase). A phrase the contract let come from another sentence (a merged
  detail, a period drawn from context) is not in the evidence and is not marked.
* type: each canonical type is searched through its terms in
  ``configs/lexicon.json`` (``defector_types``: the canonical word and its
  synonyms), case-insensitively, as whole words with an optional plural ``s`` /
  ``es``; the earliest match wins, the longest at the same place ("overseas
  students" rather than "students"). Terms that are also common adjectives
  (``report_ambiguous_type_terms`` there: "major", "private", "official" ...)
  count only in the plural or right after a capitalized word that is not a
  determiner ("North Korean private", not "a major crisis"). A type with no
  term in the sentence is not marked.

Several records can share one evidence sentence: a span is identified by its
label and key (the phrase, or the canonical type), so "just over 60" read into
two records is one span listing both records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.rules import load_rules
from extractor.records import DefectionRecord

LABELS: tuple[str, ...] = ("count", "time", "place", "type")


@dataclass
class Span:
    """One highlighted phrase, offsets relative to the evidence text."""

    label: str  # count | time | place | type
    key: str  # the phrase (count/time/place) or the canonical type
    start: int
    end: int
    records: list[int] = field(default_factory=list)  # indexes of the records it belongs to


@dataclass(frozen=True)
class Phrase:
    label: str
    key: str


def record_phrases(record: DefectionRecord) -> list[Phrase]:
    """The phrases a record asks to mark, in label order (count, time, place, type)."""
    phrases: list[Phrase] = []
    if record.count is not None and record.count.text:
        phrases.append(Phrase("count", record.count.text))
    if record.period is not None and record.period.text:
        phrases.append(Phrase("time", record.period.text))
    for location in record.locations:
        if location.text:
            phrases.append(Phrase("place", location.text))
    for kind in record.defector_types:
        phrases.append(Phrase("type", kind))
    return phrases


def locate_spans(evidence: str, records: list[tuple[int, DefectionRecord]]) -> list[Span]:
    """The spans of ``records`` (index, record) that share the sentence ``evidence``."""
    wanted: dict[Phrase, list[int]] = {}
    for index, record in records:
        for phrase in record_phrases(record):
            owners = wanted.setdefault(phrase, [])
            if index not in owners:
                owners.append(index)
    spans: list[Span] = []
    order = sorted(wanted, key=lambda p: ("time", "place", "count", "type").index(p.label))
    for phrase in order:
        if phrase.label == "type":
            found = _find_type(evidence, phrase.key)
        else:
            avoid = [(s.start, s.end) for s in spans] if phrase.label == "count" else []
            found = _find_phrase(evidence, phrase.key, avoid)
        if found is not None:
            spans.append(Span(phrase.label, phrase.key, found[0], found[1], wanted[phrase]))
    spans.sort(key=lambda s: (s.start, -s.end, LABELS.index(s.label)))
    return spans


def _find_phrase(text: str, phrase: str, avoid: list[tuple[int, int]]) -> tuple[int, int] | None:
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not hits:
        return None
    whole = [h for h in hits if _whole_words(text, h, h + len(phrase))]
    free = [h for h in whole if not any(a <= h < b or a < h + len(phrase) <= b for a, b in avoid)]
    start = (free or whole or hits)[0]
    return start, start + len(phrase)


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (after.isalnum() and text[end - 1].isalnum())


DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "their"})


def _find_type(text: str, canonical: str) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    ambiguous = ambiguous_terms()
    for pattern in type_patterns().get(canonical, ()):
        for match in pattern.finditer(text):
            if match.group().lower() in ambiguous and not _after_capitalized(text, match.start()):
                continue
            candidate = (match.start(), match.end())
            if best is None or candidate[0] < best[0] or (candidate[0] == best[0] and candidate[1] > best[1]):
                best = candidate
            break  # later matches of the same term start later
    return best


def _after_capitalized(text: str, start: int) -> bool:
    words = text[:start].split()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower() not in DETERMINERS


def ambiguous_terms() -> frozenset[str]:
    """Singular type terms that are also adjectives (``report_ambiguous_type_terms``)."""
    return load_rules().lexicon.report_ambiguous_type_terms


def type_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """canonical type -> one whole-word, case-insensitive pattern per lexicon term."""
    return _type_patterns(load_rules().directory)


@lru_cache(maxsize=8)
def _type_patterns(directory) -> dict[str, tuple[re.Pattern[str], ...]]:
    table = load_rules(directory).lexicon.defector_types
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for canonical, synonyms in table.items():
        terms = sorted({t.lower() for t in [canonical, *synonyms]}, key=len, reverse=True)
        patterns[canonical] = tuple(
            re.compile(r"(?<![\w-])" + re.escape(term) + r"(?:s|es)?(?![\w-])", re.IGNORECASE) for term in terms
        )
    return patterns
