"""Accuracy of our normalizers vs off-the-shelf tools, on the hand-checked case tables.

    python -m benchmarks.normalizers          # plain-text tables
    python -m benchmarks.normalizers --json   # the same numbers as JSON

* ``tests/data/period_cases.json``: ``parse_period`` vs ``dateparser.parse`` alone.
* ``tests/data/count_cases.json``: ``parse_count`` vs ``quantulum3.parser.parse`` alone.
* ``tests/data/*_cases_issue16.json``: the same, on phrasings written blind for issue 16
  (rates with periods, "today", "the end of the year", centuries, bare months, "the last
  week", "the week of March 6", counts with nouns, "4 hundred million"); reported apart.

Scoring (see benchmarks/README.md, "Normalizers"):
ours is right when every field of the case matches; dateparser returns one datetime,
so it is right only on single-day cases (start == end == its date) and on cases that
must give None (it returns None); quantulum3 has no qualifiers or bounds, so it is
right only when it finds exactly one quantity equal to the value of an ``exact`` /
``approximate`` case, or nothing for a case that must give None.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PERIOD_CASES = ROOT / "tests" / "data" / "period_cases.json"
COUNT_CASES = ROOT / "tests" / "data" / "count_cases.json"
PERIOD_CASES_16 = ROOT / "tests" / "data" / "period_cases_issue16.json"
COUNT_CASES_16 = ROOT / "tests" / "data" / "count_cases_issue16.json"
PERIOD_CATEGORIES = ["day", "week", "month", "quarter", "half_year", "year",
                     "multi_year", "open", "rate/unknown", "none"]
COUNT_CATEGORIES = ["exact", "approximate", "more_than", "less_than", "at_least",
                    "at_most", "range", "vague", "none"]


# --- generic scoring -----------------------------------------------------------------------
def timed(fn: Callable, *args):
    """(result, seconds) of one call."""
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def score(cases: list[dict], category: Callable, judges: dict[str, Callable]) -> dict:
    """Run every judge on every case: totals, per-category counts and mean ms per call."""
    right = {name: 0 for name in judges}
    seconds = {name: 0.0 for name in judges}
    cats: dict[str, dict] = defaultdict(lambda: {"cases": 0, **{n: 0 for n in judges}})
    for case in cases:
        cat = cats[category(case)]
        cat["cases"] += 1
        for name, judge in judges.items():
            ok, took = judge(case)
            right[name] += ok
            cat[name] += ok
            seconds[name] += took
    n = len(cases)
    tools = {name: {"right": right[name], "pct": pct(right[name], n),
                    "ms_per_call": round(1000 * seconds[name] / n, 3) if n else 0.0} for name in judges}
    return {"cases": n, "tools": tools, "by_category": dict(cats)}


def pct(k: int, n: int) -> float:
    return round(100.0 * k / n, 1) if n else 0.0


# --- periods -------------------------------------------------------------------------------
def period_category(case: dict) -> str:
    g = case["granularity"]
    if g is None:
        return "none"
    return "rate/unknown" if g == "unknown" or case.get("rate") else g


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def judge_ours_period(case: dict) -> tuple[bool, float]:
    from extractor.normalize.time import parse_period
    got, took = timed(parse_period, case["text"], case["published"])
    if case["granularity"] is None:
        return got is None, took
    ok = got is not None and (_iso(got.start), _iso(got.end), got.granularity) == (
        case["start"], case["end"], case["granularity"])
    if ok and "rate" in case:
        ok = got.rate == case["rate"]
    return ok, took


def dateparser_settings(published: str | None) -> dict:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:  # without a publication date dateparser falls back to "now"
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    return settings


def judge_dateparser(case: dict) -> tuple[bool, float]:
    import dateparser
    settings = dateparser_settings(case["published"])
    got, took = timed(lambda text: dateparser.parse(text, settings=settings), case["text"])
    if case["granularity"] is None:
        return got is None, took
    single_day = case["start"] is not None and case["start"] == case["end"]
    return single_day and got is not None and got.date().isoformat() == case["start"], took


def bench_periods(path: Path = PERIOD_CASES) -> dict:
    cases = json.loads(path.read_text("utf-8"))
    judges = {"ours": judge_ours_period, "dateparser": judge_dateparser}
    for judge in judges.values():  # warm-up: imports, language data, regex compilation
        judge({"text": "1 January 2000", "published": "2024-08-22", "start": None,
               "end": None, "granularity": "day"})
    return score(cases, period_category, judges)


# --- counts --------------------------------------------------------------------------------
def count_category(case: dict) -> str:
    return "none" if case.get("none") else case["qualifier"]


def judge_ours_count(case: dict) -> tuple[bool, float]:
    from extractor.normalize.counts import parse_count
    got, took = timed(parse_count, case["text"])
    if case.get("none"):
        return got is None, took
    want = (case["value"], case["qualifier"], case["low"], case["high"])
    return got is not None and (got.value, got.qualifier, got.low, got.high) == want, took


def judge_quantulum(case: dict) -> tuple[bool, float]:
    from quantulum3 import parser
    got, took = timed(parser.parse, case["text"])
    if case.get("none"):
        return not got, took
    if case["qualifier"] not in ("exact", "approximate") or len(got) != 1:
        return False, took
    return got[0].value == case["value"], took


def bench_counts(path: Path = COUNT_CASES) -> dict:
    cases = json.loads(path.read_text("utf-8"))
    judges = {"ours": judge_ours_count, "quantulum3": judge_quantulum}
    for judge in judges.values():
        judge({"text": "12 people", "value": 12, "qualifier": "exact", "low": None, "high": None})
    return score(cases, count_category, judges)


# --- output --------------------------------------------------------------------------------
def table(title: str, result: dict, order: list[str]) -> str:
    names = list(result["tools"])
    head = f"{'category':<14}{'cases':>6}" + "".join(f"{n + ' right':>20}" for n in names)
    lines = [title, "=" * len(title), head, "-" * len(head)]
    cats = result["by_category"]
    for cat in [c for c in order if c in cats] + sorted(set(cats) - set(order)):
        row = cats[cat]
        lines.append(f"{cat:<14}{row['cases']:>6}" + "".join(
            f"{row[n]:>11} ({pct(row[n], row['cases']):5.1f}%)" for n in names))
    lines.append("-" * len(head))
    tools = result["tools"]
    lines.append(f"{'all':<14}{result['cases']:>6}" + "".join(
        f"{tools[n]['right']:>11} ({tools[n]['pct']:5.1f}%)" for n in names))
    lines.append(f"{'ms per call':<20}" + "".join(
        f"{tools[n]['ms_per_call']:>20.3f}" for n in names))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")  # quantulum3 warns that its optional classifier is absent
    tables = {"periods": (PERIOD_CASES, bench_periods, PERIOD_CATEGORIES),
              "counts": (COUNT_CASES, bench_counts, COUNT_CATEGORIES),
              "periods_issue16": (PERIOD_CASES_16, bench_periods, PERIOD_CATEGORIES),
              "counts_issue16": (COUNT_CASES_16, bench_counts, COUNT_CATEGORIES)}
    results = {key: bench(path) for key, (path, bench, _) in tables.items()}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for key, (path, _, order) in tables.items():
        kind = "Periods" if key.startswith("periods") else "Counts"
        print(table(f"{kind} ({path.relative_to(ROOT)})", results[key], order))
        print()


if __name__ == "__main__":
    main()
