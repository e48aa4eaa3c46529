"""Quality can only go up: the corpus score may not fall below the floor stored in tests/data.

Like trafilatura's eval gate: after an improvement, raise the floor in
``tests/data/eval_floor.json`` to the new figures (printed on failure).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import REPO
from extractor.evaluate import evaluate_paths
from extractor.pipeline import extract

FLOOR_FILE = Path(__file__).parent / "data" / "eval_floor.json"


def run(text_path: Path, published: dt.date | None) -> dict:
    return extract(str(text_path), published).model_dump(mode="json")


def test_corpus_scores_stay_above_the_floor() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    golds = sorted((REPO / "corpus").glob("*.gold.json"))
    assert len(golds) >= floor["min_files"]
    overall = evaluate_paths(golds, run).overall
    figures = {"record_f1": round(overall.f1, 3), "field_accuracy": round(overall.field_accuracy, 3)}
    assert overall.f1 >= floor["record_f1"], figures
    assert overall.field_accuracy >= floor["field_accuracy"], figures
    assert overall.forbidden_hits <= floor["max_forbidden_hits"], overall.forbidden_hits


def test_articles_without_defections_give_no_records() -> None:
    for gold_path in sorted((REPO / "corpus").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["records"] or gold.get("optional"):
            continue
        result = run(gold_path.parent / gold["text_file"], dt.date.fromisoformat(gold["published"]))
        assert result["records"] == [], (gold_path.name, [r["evidence"]["text"] for r in result["records"]])
