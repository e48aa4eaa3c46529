"""Reading gold files (``shared/spec/gold-format.md``); re-exported by :mod:`extractor.evaluate`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


class GoldFormatError(ValueError):
    """A gold file that does not follow gold-format.md."""


# --- loading -------------------------------------------------------------------------

def load_gold(path: Path) -> dict:
    """Read and check a ``NAME.gold.json``; fills ``optional``/``forbidden`` defaults and ids."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file: {exc}") from exc
    if not isinstance(gold, dict):
        raise GoldFormatError(f"{path}: a gold file is a JSON object")
    if not isinstance(gold.get("text_file"), str) or not gold["text_file"]:
        raise GoldFormatError(f"{path}: 'text_file' is required")
    published = gold.get("published")
    if published is not None:
        try:
            dt.date.fromisoformat(published)
        except (TypeError, ValueError) as exc:
            raise GoldFormatError(f"{path}: 'published' is not an ISO date: {published!r}") from exc
    for section, prefix in (("records", "r"), ("optional", "o")):
        records = gold.setdefault(section, [])
        if not isinstance(records, list):
            raise GoldFormatError(f"{path}: '{section}' must be a list")
        for i, rec in enumerate(records):
            where = f"{path}: {section}[{i}]"
            if not isinstance(rec, dict):
                raise GoldFormatError(f"{where} must be an object")
            if not isinstance(rec.get("evidence_contains"), str) or not rec["evidence_contains"].strip():
                raise GoldFormatError(f"{where}: 'evidence_contains' is required")
            if rec.get("kind") not in ("aggregate", "incident"):
                raise GoldFormatError(f"{where}: 'kind' must be 'aggregate' or 'incident'")
            rec.setdefault("id", f"{prefix}{i + 1}")
    forbidden = gold.setdefault("forbidden", [])
    if not isinstance(forbidden, list) or not all(isinstance(p, str) for p in forbidden):
        raise GoldFormatError(f"{path}: 'forbidden' must be a list of strings")
    return gold
