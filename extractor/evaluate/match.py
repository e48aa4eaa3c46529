"""Matching predictions to gold records (``shared/spec/gold-format.md``, "Matching").

Pure helpers used by :mod:`extractor.evaluate`: text folding for evidence and
forbidden phrases, the match predicate, period overlap, and an exact
maximum-weight bipartite assignment (Hungarian algorithm, integer weights).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# Curly / typographic quotes become straight ones; invisible format characters
# (zero-width space/joiners, word joiner, BOM, soft hyphen) are dropped.
_FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\uff07": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\uff02": '"',
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
        "\ufeff": None, "\u00ad": None,
    }
)
# ``\s`` on str patterns covers all Unicode whitespace (NBSP, thin/narrow spaces, ...).
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-insensitive, whitespace-folded, quote-normalised form of ``text``."""
    text = text.translate(_FOLD_TABLE)
    return _WS.sub(" ", text).strip().casefold()


def folded_contains(haystack: Any, needle: Any) -> bool:
    if not isinstance(haystack, str) or not isinstance(needle, str):
        return False
    return fold(needle) in fold(haystack)


# --- dates and periods ------------------------------------------------------------

class _Invalid:
    """A predicted date that is present but unparseable: never equal to anything."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<invalid date>"


INVALID_DATE = _Invalid()


def as_date(value: Any) -> dt.date | None | _Invalid:
    """A JSON (ISO string) or Python date value as a ``date``; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return INVALID_DATE
    return INVALID_DATE


def gold_bounds(value: Any, *, earliest: bool) -> dt.date | None:
    """The outer bound of a gold date or ``[lo, hi]`` window (None: open)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if earliest else value[-1]
    d = as_date(value)
    return d if isinstance(d, dt.date) else None


def periods_overlap(gold_period: Any, pred_period: Any) -> bool:
    """Do a gold period (dict or null) and a predicted one overlap?

    Both null counts as overlapping; one null and the other not does not.
    Null bounds are open ends.
    """
    if gold_period is None or pred_period is None:
        return gold_period is None and pred_period is None
    if not isinstance(gold_period, dict) or not isinstance(pred_period, dict):
        return False
    g_lo = gold_bounds(gold_period.get("start"), earliest=True)
    g_hi = gold_bounds(gold_period.get("end"), earliest=False)
    p_lo, p_hi = as_date(pred_period.get("start")), as_date(pred_period.get("end"))
    if isinstance(p_lo, _Invalid) or isinstance(p_hi, _Invalid):
        return False
    lo = max((d for d in (g_lo, p_lo) if d is not None), default=None)
    hi = min((d for d in (g_hi, p_hi) if d is not None), default=None)
    return lo is None or hi is None or lo <= hi


# --- the match predicate ----------------------------------------------------------

def count_value(count: Any) -> Any:
    """A count's value, where a null count and a count with a null value are both None."""
    if not isinstance(count, dict):
        return None
    return count.get("value")


def is_forbidden(prediction: dict, phrases: list[str]) -> list[str]:
    """The forbidden phrases contained in the prediction's ``count.text``."""
    count = prediction.get("count")
    text = count.get("text") if isinstance(count, dict) else None
    if not isinstance(text, str):
        return []
    return [p for p in phrases if isinstance(p, str) and p.strip() and folded_contains(text, p)]


def matches(gold: dict, prediction: dict) -> bool:
    """Kinds equal, evidence contains ``evidence_contains``, count values equal.

    A gold record without a ``count`` key (or whose count has no ``value``
    key) matches any count.
    """
    if "kind" in gold and gold["kind"] != prediction.get("kind"):
        return False
    evidence = prediction.get("evidence")
    text = evidence.get("text") if isinstance(evidence, dict) else None
    if not folded_contains(text, gold.get("evidence_contains")):
        return False
    if "count" in gold:
        g = gold["count"]
        if g is None or (isinstance(g, dict) and "value" in g):
            if count_value(g) != count_value(prediction.get("count")):
                return False
    return True


# --- exact maximum-weight assignment -------------------------------------------------

def max_weight_matching(weights: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Pairs ``(row, col)`` maximising the summed weight; each row/col used once.

    ``weights`` lists the allowed edges (all weights must be positive); any
    other pair is forbidden. Exact: Hungarian algorithm on a padded matrix
    where forbidden pairs weigh 0 and are dropped afterwards.
    """
    if not weights:
        return []
    rows = sorted({r for r, _ in weights})
    cols = sorted({c for _, c in weights})
    transpose = len(rows) > len(cols)
    if transpose:
        rows, cols = cols, rows
        weights = {(c, r): w for (r, c), w in weights.items()}
    n, m = len(rows), len(cols)
    cost = [[-weights.get((rows[i], cols[j]), 0) for j in range(m)] for i in range(n)]
    assignment = _hungarian(cost, n, m)
    pairs = []
    for i, j in enumerate(assignment):
        key = (rows[i], cols[j])
        if key in weights:
            pairs.append((key[1], key[0]) if transpose else key)
    return sorted(pairs)


def _hungarian(cost: list[list[int]], n: int, m: int) -> list[int]:
    """Minimum-cost assignment of every row (n <= m) to a distinct column."""
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result
