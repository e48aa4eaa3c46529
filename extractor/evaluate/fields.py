"""Field scoring of one matched (gold, prediction) pair (``gold-format.md``).

A field the gold record leaves out is not scored; ``null`` is scored (the
prediction must be null too). Nested ``count`` / ``period`` dicts are scored
per key present in the gold (``count.value``, ``period.start``, ...); a gold
``"count": null`` or ``"period": null`` is one field (``count`` / ``period``)
that is right only when the prediction's is null.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extractor.evaluate.match import INVALID_DATE, as_date, fold, folded_contains

# Gold keys that steer matching or annotate the gold and are never scored.
NOT_SCORED = frozenset({"id", "kind", "evidence_contains", "note", "notes", "comment", "comments"})

# Report order of field names; others follow alphabetically.
FIELD_ORDER = (
    "count", "count.value", "count.qualifier", "count.low", "count.high", "count.text",
    "period", "period.start", "period.end", "period.rate", "period.granularity", "period.text",
    "defector_types", "origin", "destination", "route", "locations", "reported_by",
)


@dataclass(frozen=True)
class FieldResult:
    name: str
    right: bool
    gold: Any
    predicted: Any

    def to_dict(self) -> dict:
        return {"field": self.name, "right": self.right,
                "gold": jsonable(self.gold), "predicted": jsonable(self.predicted)}


def field_sort_key(name: str) -> tuple[int, str]:
    return (FIELD_ORDER.index(name), name) if name in FIELD_ORDER else (len(FIELD_ORDER), name)


def score_fields(gold: dict, prediction: dict) -> list[FieldResult]:
    """Every scored field of ``gold`` against ``prediction``, in gold key order."""
    results: list[FieldResult] = []
    for key, gval in gold.items():
        if key in NOT_SCORED or key.startswith("_"):
            continue
        pval = prediction.get(key)
        if key in ("count", "period") and isinstance(gval, dict):
            sub = pval if isinstance(pval, dict) else {}
            for subkey, gsub in gval.items():
                name = f"{key}.{subkey}"
                psub = sub.get(subkey)
                if key == "period" and subkey in ("start", "end"):
                    right = _date_right(gsub, psub)
                else:
                    right = _equal(gsub, psub)
                results.append(FieldResult(name, right, gsub, psub))
        elif key in ("count", "period"):  # gold null (or a malformed scalar)
            results.append(FieldResult(key, gval is None and pval is None, gval, pval))
        elif key == "defector_types":
            results.append(FieldResult(key, _types_right(gval, pval), gval, pval))
        elif key == "locations":
            results.append(FieldResult(key, _locations_right(gval, pval), gval, pval))
        elif key == "reported_by":
            results.append(FieldResult(key, _reported_by_right(gval, pval), gval, pval))
        else:
            results.append(FieldResult(key, _equal(gval, pval), gval, pval))
    return results


def _equal(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(gold, str) and isinstance(pred, str):
        return fold(gold) == fold(pred)
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold is pred
    if isinstance(gold, (int, float)) and isinstance(pred, (int, float)):
        return gold == pred
    if isinstance(gold, str) and isinstance(pred, dt.date):
        return as_date(gold) == as_date(pred)
    return gold == pred


def _date_right(gold: Any, pred: Any) -> bool:
    """A gold date, null, or inclusive ``[lo, hi]`` window (either bound may be null)."""
    p = as_date(pred)
    if p is INVALID_DATE:
        return False
    if isinstance(gold, (list, tuple)):
        if p is None or len(gold) != 2:
            return False
        lo, hi = as_date(gold[0]), as_date(gold[1])
        return (lo is None or lo <= p) and (hi is None or p <= hi)
    g = as_date(gold)
    return g is not INVALID_DATE and g == p


def _types_right(gold: Any, pred: Any) -> bool:
    g = {fold(t) for t in gold or [] if isinstance(t, str)}
    p = {fold(t) for t in pred or [] if isinstance(t, str)}
    return g == p


def _locations_right(gold: Any, pred: Any) -> bool:
    """Each inner alias list matched by some predicted location's name or text."""
    predicted = pred or []
    if gold is None:
        return not predicted
    names = set()
    for loc in predicted:
        if isinstance(loc, dict):
            names.update(fold(loc[k]) for k in ("name", "text") if isinstance(loc.get(k), str))
        elif isinstance(loc, str):
            names.add(fold(loc))
    for aliases in gold:
        alias_list = [aliases] if isinstance(aliases, str) else aliases
        if not any(isinstance(a, str) and fold(a) in names for a in alias_list):
            return False
    return True


def _reported_by_right(gold: Any, pred: Any) -> bool:
    """The prediction contains the gold string, or one of a list of alternatives."""
    if gold is None:
        return pred is None or (isinstance(pred, str) and not pred.strip())
    alternatives = [gold] if isinstance(gold, str) else list(gold)
    return any(folded_contains(pred, alt) for alt in alternatives)


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, containers recursively; for JSON reports."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    return value
