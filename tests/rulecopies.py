"""Copies of ``configs/`` with small edits, for tests of rules read from another directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def copy_rules(target: Path) -> Path:
    """A copy of every rule file of ``configs/`` in ``target`` (created)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in CONFIGS.glob("*.json"):
        shutil.copy(path, target / path.name)
    return target


def edit_rule_file(directory: Path, name: str, change: Callable[[Any], None]) -> None:
    """Load ``directory/name``, let ``change`` edit the data in place, write it back."""
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def with_extra_type_words(directory: Path) -> Path:
    """Two new defector-type synonyms: "frogman" (soldier) and "deckhand" (fisherman)."""
    def change(lexicon: dict) -> None:
        lexicon["defector_types"]["soldier"].append("frogman")
        lexicon["defector_types"]["fisherman"].append("deckhand")

    edit_rule_file(directory, "lexicon.json", change)
    return directory
