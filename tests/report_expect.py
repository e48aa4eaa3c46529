"""What a report must show, computed from the records alone (not by the report's own code).

A span is expected for each distinct (label, phrase) of the records sharing an
evidence sentence, when the phrase is in that sentence: the count text, the
period text, each location text; and for each canonical type, when one of its
lexicon terms (configs/lexicon.json, whole word, optional plural) is in it;
a term listed in ``report_ambiguous_type_terms`` counts only in the plural or
after a capitalized word other than a determiner.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


LEXICON = json.loads((REPO / "configs" / "lexicon.json").read_text(encoding="utf-8"))
AMBIGUOUS = {t.lower() for t in LEXICON.get("report_ambiguous_type_terms", [])}


def type_terms() -> dict[str, list[str]]:
    return {canonical: [canonical, *synonyms] for canonical, synonyms in LEXICON["defector_types"].items()}


def mentions_type(sentence: str, terms: list[str]) -> bool:
    for term in terms:
        for match in re.finditer(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", sentence, re.IGNORECASE):
            before = sentence[:match.start()].split()
            capitalized = bool(before) and before[-1][0].isupper() and before[-1].lower() not in {
                "a", "an", "the", "this", "that", "its", "his", "her", "their"}
            if match.group().lower() not in AMBIGUOUS or capitalized:
                return True
    return False


def expected_spans(records: list[dict]) -> dict[tuple[int, int], set[tuple[str, str]]]:
    """evidence (start, end) -> the (label, phrase or type) pairs highlighted in it."""
    terms = type_terms()
    spans: dict[tuple[int, int], set[tuple[str, str]]] = defaultdict(set)
    for record in records:
        evidence = record["evidence"]
        sentence = evidence["text"]
        wanted = set()
        if record.get("count"):
            wanted.add(("count", record["count"]["text"]))
        if record.get("period"):
            wanted.add(("time", record["period"]["text"]))
        wanted |= {("place", loc["text"]) for loc in record.get("locations", [])}
        found = {(label, phrase) for label, phrase in wanted if phrase and phrase in sentence}
        for kind in record.get("defector_types", []):
            if mentions_type(sentence, terms[kind]):
                found.add(("type", kind))
        spans[(evidence["start"], evidence["end"])] |= found
    return spans


def expected_span_count(results: list[dict]) -> int:
    return sum(len(pairs) for result in results for pairs in expected_spans(result["records"]).values())


def dated_records(results: list[dict]) -> list[dict]:
    return [
        r for result in results for r in result["records"]
        if r.get("period") and (r["period"].get("start") or r["period"].get("end"))
    ]
