"""Quality can only go up: the corpus score may not fall below the floor stored in tests/data.

Like trafilatura's eval gate: after an improvement, raise the floor in
``tests/data/eval_floor.json`` to the new figures (printed on failure).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from extractor.evaluate import evaluate_paths
from extractor.pipeline import extract

FLOOR_FILE = Path(__file__).parent / "data" / "eval_floor.json"


def run(text_path: Path, published: dt.date | None) -> dict:
    return extract(str(text_path), published).model_dump(mode="json")


def assert_above_floor(golds: list[Path], floor: dict) -> None:
    assert len(golds) >= floor["min_files"]
    overall = evaluate_paths(golds, run).overall
    figures = {"record_f1": round(overall.f1, 3), "field_accuracy": round(overall.field_accuracy, 3)}
    assert overall.f1 >= floor["record_f1"], figures
    assert overall.field_accuracy >= floor["field_accuracy"], figures
    assert overall.forbidden_hits <= floor["max_forbidden_hits"], overall.forbidden_hits


def test_corpus_scores_stay_above_the_floor() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    assert_above_floor(sorted((REPO / "corpus").glob("*.gold.json")), floor)


def test_articles_without_defections_give_no_records() -> None:
    for gold_path in sorted((REPO / "corpus").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["records"] or gold.get("optional"):
            continue
        result = run(gold_path.parent / gold["text_file"], dt.date.fromisoformat(gold["published"]))
        assert result["records"] == [], (gold_path.name, [r["evidence"]["text"] for r in result["records"]])


# --- real text, read from ../shared (never copied into the project) ---------------------

REAL_DIR = SHARED / "corpus" / "real"
WEB_DIR = SHARED / "corpus" / "web" / "pages"


def test_real_news_scores_stay_above_the_floor() -> None:
    """The real development set: real reports of defections and near misses that use the same words."""
    golds = sorted(REAL_DIR.glob("*.gold.json"))
    if not golds:
        pytest.skip(f"real development set not present ({REAL_DIR}): nothing to score")
    assert_above_floor(golds, json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["real"])


def test_real_web_pages_give_no_records(tmp_path) -> None:
    """Pages of many sites, none about defections: every page is accounted for and none gives a record."""
    pages = sorted(p for p in WEB_DIR.glob("*") if p.is_file()) if WEB_DIR.is_dir() else []
    if not pages:
        pytest.skip(f"real web pages not present ({WEB_DIR})")
    out = tmp_path / "web.jsonl"
    command = [sys.executable, "-m", "extractor", "batch", str(WEB_DIR), "--out", str(out), "--quiet"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert completed.returncode in (0, 3), completed.stderr[-2000:]
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == len(pages)
    with_records = [(r["article"]["source"], [x["evidence"]["text"] for x in r["records"]])
                    for r in results if r["records"]]
    assert with_records == []
