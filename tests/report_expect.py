"""What a report must show, computed from the records alone (not by the report's own code).

A span is expected for each distinct (label, phrase) of the records sharing an
evidence sentence, when the phrase is in that sentence: the count text, the
period text, each location text; and for each canonical type, when one of its
lexicon terms (configs/lexicon.json, whole word, optional plural) is in it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def type_terms() -> dict[str, list[str]]:
    table = json.loads((REPO / "configs" / "lexicon.json").read_text(encoding="utf-8"))["defector_types"]
    return {canonical: [canonical, *synonyms] for canonical, synonyms in table.items()}


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
            if any(re.search(rf"(?<![\w-]){re.escape(t)}(?:s|es)?(?![\w-])", sentence, re.IGNORECASE) for t in terms[kind]):
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
