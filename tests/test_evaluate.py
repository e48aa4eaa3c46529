"""Gold scoring (shared/spec/gold-format.md): matching, pairing, scores, report."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import random
import re
from pathlib import Path

import pytest

from extractor.evaluate import (
    EvalReport,
    GoldFormatError,
    evaluate_paths,
    format_report,
    load_gold,
    score_article,
)
from extractor.evaluate.match import fold, max_weight_matching
from extractor.records import ArticleResult, article_id_for

REFERENCE = Path("/work/shared/corpus/reference/nk-elite-defections-2024.gold.json")


# --- helpers: invented sentences only --------------------------------------------------

def pred(kind="aggregate", evidence="Officials said 42 people fled in 2019.", value=42,
         qualifier="exact", count_text=None, period="2019", **extra) -> dict:
    """A DefectionRecord dict (JSON form); ``period`` "2019" means that calendar year."""
    count = None if value is False else {
        "value": value, "qualifier": qualifier, "low": None, "high": None,
        "text": count_text if count_text is not None else str(value)}
    if isinstance(period, str):
        period = {"start": f"{period}-01-01", "end": f"{period}-12-31",
                  "granularity": "year", "rate": None, "text": f"in {period}"}
    rec = {"record_id": "x", "kind": kind, "count": count, "period": period,
           "defector_types": [], "origin": "KP", "destination": "KR", "route": "unknown",
           "locations": [], "reported_by": None,
           "evidence": {"text": evidence, "start": 0, "end": len(evidence)}, "confidence": 0.9}
    rec.update(extra)
    return rec


def gold(records=(), optional=(), forbidden=()) -> dict:
    return {"text_file": "a.txt", "published": "2020-03-01", "records": list(records),
            "optional": list(optional), "forbidden": list(forbidden)}


def grec(gid="g1", kind="aggregate", contains="42 people fled", **fields) -> dict:
    return {"id": gid, "kind": kind, "evidence_contains": contains, **fields}


# --- matching -----------------------------------------------------------------------

def test_fold_handles_case_unicode_whitespace_and_quotes():
    assert fold("  North\u00a0Korea\u2019s\u2009 \u201cElite\u201d\n") == "north korea's \"elite\""
    assert fold("a\u200bb") == "ab"


@pytest.mark.parametrize("evidence", [
    "OFFICIALS SAID 42   PEOPLE\tFLED in 2019.",
    "Officials said 42\u00a0people\u202ffled in 2019.",
    "Officials said 42\npeople fled in 2019.",
])
def test_evidence_match_folds_case_and_whitespace(evidence):
    s = score_article(gold([grec()]), [pred(evidence=evidence)])
    assert s.totals.matched_required == 1


def test_evidence_match_normalises_quotes_on_both_sides():
    g = gold([grec(contains="the ministry\u2019s \"latest\" tally")])
    p = pred(evidence="It was the Ministry's \u201clatest\u201d tally: 42 people.")
    assert score_article(g, [p]).totals.matched_required == 1
    g2 = gold([grec(contains="the ministry's latest tally")])
    p2 = pred(evidence="It was the ministry\u2019s latest tally: 42 people.")
    assert score_article(g2, [p2]).totals.matched_required == 1


def test_evidence_not_contained_or_kind_differs_does_not_match():
    g = gold([grec(contains="43 people fled")])
    assert score_article(g, [pred()]).totals.matched_required == 0
    g = gold([grec(kind="incident")])
    assert score_article(g, [pred()]).totals.matched_required == 0


def test_count_mismatch_prevents_a_match():
    g = gold([grec(count={"value": 41, "qualifier": "exact"})])
    s = score_article(g, [pred(value=42)])
    assert s.totals.matched_required == 0
    assert s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0
    assert s.missed == ["g1"] and s.false_positives == [0]


def test_gold_without_count_key_matches_any_count():
    g = gold([grec()])
    for p in (pred(value=42), pred(value=7), pred(value=False), pred(value=None, qualifier="vague")):
        assert score_article(g, [p]).totals.matched_required == 1


def test_null_gold_count_matches_null_count_or_null_value_and_is_scored():
    g = gold([grec(count=None)])
    null_count = score_article(g, [pred(value=False)])
    assert null_count.totals.matched_required == 1
    assert null_count.per_field["count"].right == 1
    null_value = score_article(g, [pred(value=None, qualifier="vague")])
    assert null_value.totals.matched_required == 1
    assert null_value.per_field["count"].right == 0  # a count was given: the field is wrong
    assert score_article(g, [pred(value=3)]).totals.matched_required == 0


# --- pairing ------------------------------------------------------------------------

def test_same_evidence_and_count_paired_by_period_overlap_in_any_order():
    sentence = "Officials said about 42 people fled in both 2018 and 2019."
    g = gold([
        grec("y18", count={"value": 42}, period={"start": "2018-01-01", "end": "2018-12-31"}),
        grec("y19", count={"value": 42}, period={"start": "2019-01-01", "end": "2019-12-31"}),
    ])
    p18, p19 = pred(evidence=sentence, period="2018"), pred(evidence=sentence, period="2019")
    for order in ([p18, p19], [p19, p18]):
        s = score_article(g, order)
        assert s.totals.matched_required == 2
        assert s.field_accuracy == 1.0
        paired = {p.gold_id: order[p.prediction_index]["period"]["start"][:4] for p in s.pairs}
        assert paired == {"y18": "2018", "y19": "2019"}


def test_required_gold_preferred_over_optional_and_each_used_once():
    g = gold([grec("req")], optional=[grec("opt")])
    s = score_article(g, [pred()])
    assert [(p.gold_id, p.required) for p in s.pairs] == [("req", True)]
    s2 = score_article(g, [pred(), pred()])
    assert s2.totals.matched_required == 1 and s2.totals.matched_optional == 1
    assert s2.precision == 1.0 and s2.recall == 1.0


def test_max_weight_matching_is_exact():
    # Greedy on the heaviest edge (0,0)=5 would give 5 + 1; the optimum is 4 + 4.
    w = {(0, 0): 5, (0, 1): 4, (1, 0): 4, (1, 1): 1}
    assert max_weight_matching(w) == [(0, 1), (1, 0)]
    # More rows than columns (transposed internally); unmatched rows are fine.
    assert max_weight_matching({(0, 0): 1, (1, 0): 3, (2, 0): 2}) == [(1, 0)]
    assert max_weight_matching({}) == []


def test_max_weight_matching_agrees_with_brute_force():
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        w = {(i, j): rng.randint(1, 9) for i in range(n) for j in range(m) if rng.random() < 0.6}
        best = 0
        for perm in itertools.permutations(range(max(n, m)), n):
            best = max(best, sum(w.get((i, j), 0) for i, j in enumerate(perm)))
        pairs = max_weight_matching(w)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert all(pair in w for pair in pairs)
        assert sum(w[pair] for pair in pairs) == best


# --- scores -------------------------------------------------------------------------

def test_optional_matches_excluded_from_precision_denominator():
    g = gold([grec("g1"), grec("g2", contains="7 soldiers")],
             optional=[grec("o1", contains="a handful of sailors")])
    preds = [pred(),  # matches g1
             pred(evidence="A handful of sailors also left.", value=None, qualifier="vague"),
             pred(evidence="Nothing to see: 99 people in a crowd.", value=99)]  # false positive
    s = score_article(g, preds)
    t = s.totals
    assert (t.predicted, t.matched_required, t.matched_optional) == (3, 1, 1)
    assert s.precision == pytest.approx(1 / (3 - 1))
    assert s.recall == pytest.approx(1 / 2)
    assert s.f1 == pytest.approx(0.5)
    assert s.false_positives == [2] and s.missed == ["g2"]


def test_forbidden_hits_counted_and_never_matched():
    g = gold([grec()], forbidden=["42 PEOPLE", "300km"])
    p = pred(count_text="42 people")
    s = score_article(g, [p])
    assert s.totals.forbidden_hits == 1
    assert s.totals.matched_required == 0
    assert s.false_positives == [0] and s.precision == 0.0
    assert s.forbidden[0]["phrases"] == ["42 PEOPLE"]
    clean = score_article(g, [pred(count_text="42")])
    assert clean.totals.forbidden_hits == 0 and clean.totals.matched_required == 1


def test_empty_file_scores_one_and_predictions_without_gold_score_zero():
    empty = score_article(gold(), [])
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    assert empty.field_accuracy is None
    spurious = score_article(gold(), [pred()])
    assert spurious.precision == 0.0 and spurious.recall == 1.0 and spurious.f1 == 0.0
    nothing_found = score_article(gold([grec()]), [])
    assert nothing_found.recall == 0.0 and nothing_found.f1 == 0.0


# --- fields -------------------------------------------------------------------------

def test_period_window_dates_inclusive():
    g = gold([grec(period={"start": ["2018-12-31", "2019-03-31"], "end": ["2019-12-01", None]})])
    inside = score_article(g, [pred(period={"start": "2019-03-31", "end": "2019-12-01"})])
    assert inside.per_field["period.start"].right == 1
    assert inside.per_field["period.end"].right == 1
    outside = score_article(g, [pred(period={"start": "2019-04-01", "end": None})])
    assert outside.per_field["period.start"].right == 0
    assert outside.per_field["period.end"].right == 0  # a window needs a date


def test_null_is_scored_and_missing_field_is_not():
    g = gold([grec(period={"start": None, "end": "2019-12-31", "rate": None}, reported_by=None)])
    right = score_article(g, [pred(period={"start": None, "end": "2019-12-31", "rate": None,
                                           "granularity": "open"})])
    assert right.field_accuracy == 1.0
    assert set(right.per_field) == {"period.start", "period.end", "period.rate", "reported_by"}
    wrong = score_article(g, [pred(period={"start": "2019-01-01", "end": "2019-12-31",
                                           "rate": "per_year"}, reported_by="Yonhap")])
    assert {k: v.right for k, v in wrong.per_field.items()} == {
        "period.start": 0, "period.end": 1, "period.rate": 0, "reported_by": 0}


def test_null_gold_period_is_one_field():
    g = gold([grec(period=None)])
    assert score_article(g, [pred(period=None)]).per_field["period"].right == 1
    s = score_article(g, [pred(period="2019")])
    assert s.totals.matched_required == 1 and s.per_field["period"].right == 0
    assert s.totals.fields_scored == 1


def test_locations_alias_lists():
    g = gold([grec(locations=[["Demilitarized Zone", "DMZ"], ["Kaesong"]])])

    def loc(name, text):
        return {"name": name, "text": text, "role": "mentioned", "country": None,
                "lat": None, "lon": None}

    ok = pred(locations=[loc("Demilitarized Zone", "the demilitarised zone"),
                         loc("Kaesong City", "KAESONG"), loc("Seoul", "Seoul")])
    assert score_article(g, [ok]).per_field["locations"].to_dict()["accuracy"] == 1.0
    by_text = pred(locations=[loc("Panmunjom", "dmz"), loc("Kaesong", "Kaesong")])
    assert score_article(g, [by_text]).per_field["locations"].right == 1
    missing = pred(locations=[loc("Demilitarized Zone", "DMZ")])
    s = score_article(g, [missing])
    assert (s.per_field["locations"].right, s.per_field["locations"].scored) == (0, 1)


def test_reported_by_list_and_containment():
    g = gold([grec(reported_by=["Joint Chiefs of Staff", "JCS"])])
    for value, right in (("South Korea's joint chiefs of staff", 1), ("the JCS", 1),
                         ("the unification ministry", 0), (None, 0)):
        assert score_article(g, [pred(reported_by=value)]).per_field["reported_by"].right == right
    single = gold([grec(reported_by="unification ministry")])
    assert score_article(single, [pred(reported_by="Seoul's Unification  Ministry")]).field_accuracy == 1.0


def test_defector_types_compared_as_sets():
    g = gold([grec(defector_types=["soldier", "family"])])
    assert score_article(g, [pred(defector_types=["family", "soldier"])]).field_accuracy == 1.0
    assert score_article(g, [pred(defector_types=["soldier"])]).field_accuracy == 0.0
    assert score_article(g, [pred(defector_types=["soldier", "family", "child"])]).field_accuracy == 0.0


def test_per_field_accuracy_arithmetic():
    g = gold([
        grec("a", contains="42 people fled", count={"value": 42, "qualifier": "more_than", "low": 43},
             origin="KP", route="dmz"),
        grec("b", contains="7 soldiers", count={"value": 7, "qualifier": "exact"},
             period={"start": "2019-05-01", "end": "2019-05-01"}, destination="KR"),
        grec("c", contains="never predicted", origin="KP"),  # missed: its fields are not scored
    ])
    a = pred(value=42, qualifier="more_than", route="maritime")   # low missing (None): wrong
    a["count"]["low"] = None
    b = pred(evidence="Then 7 soldiers crossed.", value=7, qualifier="approximate",
             period={"start": "2019-05-01", "end": "2019-05-02"})
    s = score_article(g, [a, b])
    # a: count.value ok, count.qualifier ok, count.low wrong, origin ok, route wrong -> 3/5
    # b: count.value ok, count.qualifier wrong, period.start ok, period.end wrong,
    #    destination ok -> 3/5
    assert (s.totals.fields_right, s.totals.fields_scored) == (6, 10)
    assert s.field_accuracy == pytest.approx(0.6)
    per = {k: (v.right, v.scored) for k, v in s.per_field.items()}
    assert per == {"count.value": (2, 2), "count.qualifier": (1, 2), "count.low": (0, 1),
                   "origin": (1, 1), "route": (0, 1), "period.start": (1, 1),
                   "period.end": (0, 1), "destination": (1, 1)}
    assert s.recall == pytest.approx(2 / 3) and s.precision == 1.0


# --- files, runs, report -----------------------------------------------------------

def _write_gold(tmp_path: Path, name: str, records: list[dict], text: str) -> Path:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / f"{name}.gold.json"
    path.write_text(json.dumps({"text_file": f"{name}.txt", "published": "2020-03-01",
                                "records": records, "forbidden": ["300km"]}), encoding="utf-8")
    return path


def test_evaluate_paths_with_fake_run(tmp_path):
    text = "Officials said 42 people fled in 2019. The border is 300km long."
    good = _write_gold(tmp_path, "one", [grec(count={"value": 42}, origin="KP")], text)
    bad = _write_gold(tmp_path, "two", [grec(contains="300km")], text)
    calls = []

    def run(path: Path, published: dt.date | None) -> dict:
        calls.append((path, published))
        if path.name == "two.txt":
            raise RuntimeError("boom")
        return {"article": {"article_id": "abc", "source": str(path), "published": "2020-03-01",
                            "text_chars": len(text)},
                "status": "ok",
                "records": [pred(evidence=text[:38]), pred(count_text="300km", value=300)],
                "errors": []}

    report = evaluate_paths([good, bad], run)
    assert isinstance(report, EvalReport)
    assert calls == [(tmp_path / "one.txt", dt.date(2020, 3, 1)),
                     (tmp_path / "two.txt", dt.date(2020, 3, 1))]
    one, two = report.files
    assert one.name == "one.gold.json" and one.error is None
    assert (one.totals.matched_required, one.totals.predicted, one.totals.forbidden_hits) == (1, 2, 1)
    assert one.precision == 0.5 and one.recall == 1.0 and one.field_accuracy == 1.0
    assert two.error == "RuntimeError: boom" and two.totals.predicted == 0 and two.recall == 0.0
    o = report.overall
    assert (o.files, o.errors, o.gold_required, o.predicted, o.matched_required) == (2, 1, 2, 2, 1)
    assert o.precision == 0.5 and o.recall == 0.5 and o.f1 == 0.5
    assert report.per_field["origin"].to_dict() == {"right": 1, "scored": 1, "accuracy": 1.0}
    assert [r["status"] for r in report.predictions] == ["ok", "failed"]
    assert report.predictions[1]["errors"][0]["message"] == "RuntimeError: boom"
    failed = ArticleResult.model_validate(report.predictions[1])  # a real result, not a look-alike dict
    assert failed.article.article_id == article_id_for(text) and failed.article.text_chars == len(text)
    json.dumps(report.to_dict())  # serialisable for --json
    json.dumps(report.predictions)
    text_report = format_report(report)
    assert "one.gold.json" in text_report and "OVERALL" in text_report
    assert "RuntimeError: boom" in text_report
    assert re.search(r"^\s+origin\s+1\.000\s+\(1/1\)$", text_report, re.M)
    assert re.search(r"0\.500\s+0\.500\s+0\.500", text_report)


def test_load_gold_fills_defaults_and_rejects_malformed(tmp_path):
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"text_file": "x.txt", "records": [
        {"kind": "incident", "evidence_contains": "crossed"}]}), encoding="utf-8")
    g = load_gold(path)
    assert g["optional"] == [] and g["forbidden"] == [] and g["records"][0]["id"] == "r1"
    path.write_text(json.dumps({"text_file": "x.txt", "records": [{"kind": "incident"}]}))
    with pytest.raises(GoldFormatError):
        load_gold(path)
    path.write_text("{not json")
    with pytest.raises(GoldFormatError):
        load_gold(path)


# --- the reference gold, scored against predictions built from itself ----------------

def _sentence_with(text: str, needle: str) -> tuple[str, int]:
    start = text.index(needle)
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i != -1]
    right = min(ends) + 1 if ends else len(text)
    return text[left:right].strip(), left


def _first(value):
    return value[0] if isinstance(value, list) else value


def _prediction_from_gold(rec: dict, text: str) -> dict:
    sentence, start = _sentence_with(text, rec["evidence_contains"])
    count = rec.get("count")
    if isinstance(count, dict):
        count = {"value": count.get("value"), "qualifier": count.get("qualifier", "exact"),
                 "low": count.get("low"), "high": count.get("high"), "text": str(count.get("value"))}
    period = rec.get("period")
    if isinstance(period, dict):
        period = {"start": _first(period.get("start")), "end": _first(period.get("end")),
                  "granularity": period.get("granularity", "unknown"), "rate": period.get("rate"),
                  "text": "when"}
    return {
        "record_id": rec["id"], "kind": rec["kind"], "count": count, "period": period,
        "defector_types": list(rec.get("defector_types", [])),
        "origin": rec.get("origin"), "destination": rec.get("destination"),
        "route": rec.get("route", "unknown"),
        "locations": [{"name": aliases[0], "text": aliases[-1], "role": "crossing_point"}
                      for aliases in rec.get("locations", [])],
        "reported_by": _first(rec.get("reported_by")),
        "evidence": {"text": sentence, "start": start, "end": start + len(sentence)},
        "confidence": 1.0,
    }


@pytest.fixture
def reference():
    if not REFERENCE.exists():
        pytest.skip("reference corpus not available")
    g = load_gold(REFERENCE)
    text = (REFERENCE.parent / g["text_file"]).read_text(encoding="utf-8")
    return g, text


def test_reference_gold_scores_perfectly_against_itself(reference):
    g, text = reference
    preds = [_prediction_from_gold(r, text) for r in g["records"] + g["optional"]]
    for order in (preds, preds[::-1]):
        s = score_article(g, order)
        assert s.totals.matched_required == len(g["records"])
        assert s.totals.matched_optional == len(g["optional"])
        assert s.totals.forbidden_hits == 0
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
        assert s.field_accuracy == 1.0, [f for p in s.pairs for f in p.fields if not f.right]


def test_reference_gold_with_a_changed_period_loses_field_accuracy(reference):
    g, text = reference
    preds = [_prediction_from_gold(r, text) for r in g["records"]]
    changed = copy.deepcopy(preds)
    target = next(p for p in changed if p["period"] and p["period"]["start"])
    year = int(target["period"]["start"][:4]) - 5
    target["period"]["start"] = f"{year}-01-01"
    target["period"]["end"] = f"{year}-12-31"
    s = score_article(g, changed)
    assert s.f1 == 1.0
    assert s.field_accuracy is not None and s.field_accuracy < 1.0
    assert s.per_field["period.start"].right == s.per_field["period.start"].scored - 1


def test_details_list_misses_false_positives_forbidden_and_wrong_fields():
    from extractor.evaluate import format_details

    g = gold([grec("g1", count={"value": 42}, origin="KR"), grec("g2", contains="nine crossed")],
             forbidden=["300km"])
    preds = [pred(), pred(evidence="The border is 300km long.", count_text="300km", value=300)]
    details = format_details(EvalReport(files=[score_article(g, preds)]))
    assert details.splitlines()[0] == "a.txt"
    assert re.search(r"^  MISSED g2 aggregate .*'nine crossed'$", details, re.M)
    assert re.search(r"^  EXTRA #1 aggregate count=300 exact \('300km'\).* FORBIDDEN \['300km'\]: "
                     r"The border is 300km long\.$", details, re.M)
    assert "  FIELD g1 origin: gold=KR predicted=KP" in details
    assert "g1 count.value" not in details  # right fields are not listed


def test_details_skip_files_with_nothing_to_fix():
    from extractor.evaluate import format_details

    perfect = score_article(gold([grec(count={"value": 42})]), [pred()])
    assert format_details(EvalReport(files=[perfect])) == ""
