"""The multi-outlet example of ``corpus/`` (issue 14, item 6): facts, their sources and exactly two conflicts.

Fourteen articles of our own (``corpus/multi-outlet-*``) tell a few figures and escapes as different
outlets would: the 2024 and 2023 annual arrivals, the first half of 2024 and of 2023, the boat of four
that reached Sokcho on Oct. 24, 2023, the soldier who crossed the MDL in Goseong on Aug. 20, 2024 and
the civilian who walked to Gyodong earlier that month, plus background figures. Two disagreements are
deliberate: the NK News-style piece gives 107 for the first half of 2024 (the others 105), and the
Korea Times-style piece dates the boat Oct. 22 (the others Oct. 24).

``EXPECTED`` is that design, written by hand with the articles, not read from program output. The
facts built from the hand-written gold records must be exactly ``EXPECTED``. The pipeline misses some
mentions (its untuned score on these files is in corpus/README.md), so its facts are held to the gold
facts where it extracts: it finds exactly the two designed conflicts, the figures of 2023, 2024 and the
first half of 2024 with every source, and it never splits or merges what the golds make one fact.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate import load_gold, score_article
from extractor.facts import Fact, build_facts
from extractor.records import ArticleMeta, Count, DefectionRecord, Evidence, Period
from factbuild import count as make_count

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLDS = sorted(CORPUS.glob("multi-outlet-*.gold.json"))

# Short names of the articles: outlet and story.
ARTICLES = {
    "yonhap-boat": "yonhap-style-sokcho-boat-four-2023", "afp-boat": "afp-style-sokcho-boat-family-2023",
    "reuters-boat": "reuters-style-sokcho-boat-defect-2023",
    "koreatimes-boat": "koreatimes-style-sokcho-boat-surveillance-2023",
    "yonhap-soldier": "yonhap-style-soldier-goseong-mdl-2024", "ap-soldier": "ap-style-soldier-crosses-border-2024",
    "bbc-soldier": "bbc-style-soldier-defects-dmz-2024",
    "yonhap-h1": "yonhap-style-first-half-arrivals-2024",
    "herald-h1": "koreaherald-style-defector-arrivals-edge-up-2024",
    "nknews-h1": "nknews-style-first-half-arrivals-data-2024",
    "yonhap-annual": "yonhap-style-annual-arrivals-2024", "afp-annual": "afp-style-defectors-rise-again-2024",
    "reuters-annual": "reuters-style-defector-arrivals-climb-2024",
    "bizwire-reprint": "koreabizwire-reprint-annual-arrivals-2024",
}
NAME_OF = {f"multi-outlet-{stem}.txt": name for name, stem in ARTICLES.items()}

# The designed facts: kind, period start, end, consolidated count (value, qualifier), types, the articles
# that state it, the fields in conflict. All go from KP to KR.
EXPECTED = [
    ("aggregate", "2009-01-01", "2009-12-31", (2914, "exact"), [], {"reuters-annual"}, []),
    ("aggregate", "2019-01-01", "2019-12-31", (1047, "exact"), [], {"reuters-annual"}, []),
    ("aggregate", "2021-01-01", "2021-12-31", (63, "exact"), [], {"afp-annual"}, []),
    ("aggregate", "2022-01-01", "2022-12-31", (67, "exact"), [],
     {"afp-boat", "reuters-boat", "yonhap-annual", "bizwire-reprint"}, []),
    ("aggregate", "2023-01-01", "2023-06-30", (99, "exact"), [],
     {"reuters-boat", "koreatimes-boat", "yonhap-h1", "herald-h1", "nknews-h1"}, []),
    ("aggregate", "2023-01-01", "2023-12-31", (196, "exact"), [],
     {"yonhap-soldier", "ap-soldier", "yonhap-annual", "afp-annual", "reuters-annual", "bizwire-reprint"}, []),
    ("aggregate", None, "2023-10-24", (34000, "approximate"), [], {"afp-boat", "reuters-boat"}, []),
    ("aggregate", "2024-01-01", "2024-12-31", (236, "exact"), [],
     {"yonhap-annual", "afp-annual", "reuters-annual", "bizwire-reprint"}, []),
    ("aggregate", "2024-01-01", "2024-06-30", (105, "exact"), [], {"yonhap-h1", "herald-h1", "nknews-h1"}, ["count"]),
    ("aggregate", None, "2025-01-16", (34000, "approximate"), [], {"afp-annual", "reuters-annual"}, []),
    ("aggregate", "1998-01-01", "2025-01-16", (34314, "exact"), [], {"yonhap-annual"}, []),
    ("incident", "2019-06-01", "2019-06-30", (4, "exact"), [], {"afp-boat"}, []),
    ("incident", "2023-05-01", "2023-05-31", (9, "exact"), ["family"],
     {"yonhap-boat", "afp-boat", "koreatimes-boat"}, []),
    # types: "family" and "family" + "woman" (two men and two women) have two sources each; the tie goes to
    # the earliest publication, Oct. 24 for both yonhap-boat and afp-boat, then to the first article in
    # canonical order (here the gold file name): afp-boat
    ("incident", "2023-10-24", "2023-10-24", (4, "exact"), ["family"],
     {"yonhap-boat", "afp-boat", "reuters-boat", "koreatimes-boat"}, ["period"]),
    ("incident", "2024-08-01", "2024-08-01", (1, "exact"), ["civilian"], {"yonhap-soldier", "bbc-soldier"}, []),
    ("incident", "2024-08-20", "2024-08-20", (1, "exact"), ["soldier"],
     {"yonhap-soldier", "ap-soldier", "bbc-soldier", "yonhap-annual"}, []),
]
H1_2024, BOAT = 8, 13  # EXPECTED[...]: the facts with the deliberate conflicts
# 2023, 2024 and the first half of 2024: one fact with one source per article that states it, a different
# count a conflict on it (issue 14, "Done when")
FIGURES = (5, 7, H1_2024)
# The fields that decide which fact a record is (an incident's types only part it from another when disjoint).
KEY_FIELDS = {"aggregate": ("period.start", "period.end", "defector_types", "origin", "destination"),
              "incident": ("period.start", "period.end", "origin", "destination")}
runner = CliRunner()


def row(fact: Fact) -> tuple:
    """A fact in the shape of EXPECTED."""
    period = fact.period
    return (fact.kind, period.start and period.start.isoformat(), period.end and period.end.isoformat(),
            (fact.count.value, fact.count.qualifier), fact.defector_types, articles_of(fact), sorted(
                conflict.field for conflict in fact.conflicts))


def articles_of(fact: Fact) -> set[str]:
    return {NAME_OF[Path(source.source).name] for source in fact.sources}


# --- the facts of the gold records -------------------------------------------------------------

def gold_items(path: Path) -> list[tuple[ArticleMeta, DefectionRecord]]:
    """The gold's required records as (article, record) pairs. Golds give no location roles, so no place
    is taken over: crossing places never split a gold fact. A date window counts as its whole span."""
    gold = load_gold(path)
    text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
    meta = ArticleMeta(article_id=path.name, source=gold["text_file"], text_chars=len(text),
                       published=dt.date.fromisoformat(gold["published"]))
    return [(meta, gold_record(f"{gold['text_file']}#{rec['id']}", rec, text)) for rec in gold["records"]]


def gold_record(record_id: str, rec: dict, text: str) -> DefectionRecord:
    start = text.index(rec["evidence_contains"])
    return DefectionRecord(
        record_id=record_id, kind=rec["kind"], count=gold_count(rec.get("count")), period=gold_period(rec["period"]),
        defector_types=rec.get("defector_types", []), origin=rec["origin"], destination=rec["destination"],
        route=rec.get("route", "unknown"), confidence=1.0,
        evidence=Evidence(text=rec["evidence_contains"], start=start, end=start + len(rec["evidence_contains"])),
    )


def gold_count(count: dict | None) -> Count | None:
    return make_count(count["value"], count["qualifier"]) if count else None


def gold_period(period: dict) -> Period:
    start, end = period["start"], period["end"]
    start = start[0] if isinstance(start, list) else start
    end = end[-1] if isinstance(end, list) else end
    return Period(start=start and dt.date.fromisoformat(start), end=end and dt.date.fromisoformat(end),
                  granularity="unknown" if start else "open", text="")


@pytest.fixture(scope="module")
def gold_facts() -> list[Fact]:
    assert len(GOLDS) == len(ARTICLES) >= 12
    return build_facts(item for path in GOLDS for item in gold_items(path))


def test_the_gold_records_make_exactly_the_designed_facts(gold_facts):
    assert all((fact.origin, fact.destination) == ("KP", "KR") for fact in gold_facts)
    assert sorted(map(row, gold_facts), key=when) == sorted(EXPECTED, key=when)


def when(fact_row: tuple) -> tuple:
    """Kind, start and end: they tell the designed facts apart."""
    return (fact_row[0], fact_row[1] or "", fact_row[2])


def designed(facts: list[Fact], number: int) -> Fact:
    fact, = (fact for fact in facts if when(row(fact)) == when(EXPECTED[number]))
    return fact


def test_the_two_deliberate_conflicts_name_the_outlet_that_disagrees(gold_facts):
    conflict, = designed(gold_facts, H1_2024).conflicts
    assert disputed(conflict, "value") == {105: {"yonhap-h1", "herald-h1"}, 107: {"nknews-h1"}}
    conflict, = designed(gold_facts, BOAT).conflicts
    assert disputed(conflict, "start") == {
        "2023-10-24": {"yonhap-boat", "afp-boat", "reuters-boat"}, "2023-10-22": {"koreatimes-boat"}}


def disputed(conflict, key: str) -> dict:
    """Each disputed value (one key of it) and the short names of the articles that give it."""
    return {value.value[key]: {NAME_OF[rid.split("#")[0]] for rid in value.record_ids} for value in conflict.values}


# --- the facts of the pipeline's records ------------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> tuple[list[Fact], dict[str, str]]:
    """The pipeline's facts (``extractor evaluate --predictions``, then ``extractor facts``) and, for each
    of its records that matches a gold record, that gold record's id."""
    folder = tmp_path_factory.mktemp("multi-outlet")
    results = folder / "results.jsonl"
    command = [sys.executable, "-m", "extractor", "evaluate", *map(str, GOLDS), "--predictions", str(results)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    done = runner.invoke(app, ["facts", str(results), "--out", str(folder / "facts.jsonl")])
    assert done.exit_code == 0, done.output
    lines = (folder / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    return [Fact.model_validate_json(line) for line in lines], matched_golds(results)


def matched_golds(results: Path) -> dict[str, str]:
    """record_id -> gold record id (``NAME.txt#g1``), by the evaluator's own matching, for the records
    whose fields that decide the fact (``KEY_FIELDS``) are right: a record with a wrong period is rightly
    another fact."""
    found = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        text_name = Path(result["article"]["source"]).name
        records = result["records"]
        for pair in score_article(load_gold(CORPUS / text_name.replace(".txt", ".gold.json")), records).pairs:
            record = records[pair.prediction_index]
            if pair.required and all(f.right for f in pair.fields if f.name in KEY_FIELDS[record["kind"]]):
                found[record["record_id"]] = f"{text_name}#{pair.gold_id}"
    return found


def gold_fact_of(gold_facts: list[Fact]) -> dict[str, int]:
    """Gold record id -> the number of its designed fact in EXPECTED."""
    return {source.record_id: number for number in range(len(EXPECTED))
            for source in designed(gold_facts, number).sources}


def test_the_pipeline_finds_exactly_the_two_deliberate_conflicts(gold_facts, pipeline):
    facts, matched = pipeline
    in_gold = gold_fact_of(gold_facts)
    disputes = {(fact_number(fact, matched, in_gold), c.field) for fact in facts for c in fact.conflicts}
    assert disputes == {(H1_2024, "count"), (BOAT, "period")}
    by_field = {conflict.field: conflict for fact in facts for conflict in fact.conflicts}
    count = disputed_by_article(by_field["count"], facts, "value")
    assert count[107] == {"nknews-h1"} and count[105] <= {"yonhap-h1", "herald-h1"}
    period = disputed_by_article(by_field["period"], facts, "start")
    assert period["2023-10-22"] == {"koreatimes-boat"}
    assert period["2023-10-24"] <= {"yonhap-boat", "afp-boat", "reuters-boat"}


def fact_number(fact: Fact, matched: dict[str, str], in_gold: dict[str, int]) -> int | None:
    """The gold fact that the fact's matched records belong to (None when none matches a gold record)."""
    numbers = {in_gold[matched[s.record_id]] for s in fact.sources if s.record_id in matched}
    assert len(numbers) <= 1, f"one pipeline fact joins the gold facts {numbers}"
    return numbers.pop() if numbers else None


def disputed_by_article(conflict, facts: list[Fact], key: str) -> dict:
    article = {s.record_id: NAME_OF[Path(s.source).name] for fact in facts for s in fact.sources}
    return {value.value[key]: {article[rid] for rid in value.record_ids} for value in conflict.values}


def test_the_pipeline_groups_its_records_as_the_golds_do(gold_facts, pipeline):
    """Records matched to one gold fact lie in one pipeline fact, and a pipeline fact never joins records
    of two gold facts: where the pipeline extracts, its facts are the gold facts."""
    facts, matched = pipeline
    in_gold = gold_fact_of(gold_facts)
    holder: dict[int, set[str]] = {}
    for fact in facts:
        number = fact_number(fact, matched, in_gold)
        if number is not None:
            holder.setdefault(number, set()).add(fact.fact_id)
    assert all(len(ids) == 1 for ids in holder.values()), holder
    assert len(holder) >= len(EXPECTED) // 2  # most designed facts are found at all


def test_the_reported_figures_are_one_fact_with_every_outlet_that_states_them(gold_facts, pipeline):
    facts, matched = pipeline
    in_gold = gold_fact_of(gold_facts)
    for number in FIGURES:
        fact, = (fact for fact in facts if fact_number(fact, matched, in_gold) == number)
        assert row(fact)[:4] == EXPECTED[number][:4]
        assert articles_of(fact) == EXPECTED[number][5]


def test_a_batch_into_a_database_holds_the_same_facts(pipeline, tmp_path):
    """The same articles, with their publication dates, through ``extractor batch --db``: the facts
    table holds the facts ``extractor facts`` gives from the result file, source for source."""
    from archives import write_jsonl

    lines = []
    for path in GOLDS:
        gold = json.loads(path.read_text(encoding="utf-8"))
        lines.append({"text": (CORPUS / gold["text_file"]).read_text(encoding="utf-8"), "published": gold["published"]})
    url = f"sqlite:///{tmp_path / 'outlets.db'}"
    batch = [sys.executable, "-m", "extractor", "batch", str(write_jsonl(tmp_path / "outlets.jsonl", lines)),
             "--db", url, "--quiet"]
    subprocess.run(batch, capture_output=True, text=True, check=True)
    done = runner.invoke(app, ["facts", "--db", url, "--out", str(tmp_path / "db_facts.jsonl")])
    assert done.exit_code == 0, done.output
    from_db = [Fact.model_validate_json(line) for line in (tmp_path / "db_facts.jsonl").read_text().splitlines()]

    def shape(facts: list[Fact]) -> list[tuple]:
        return sorted((f.fact_id, f.model_dump_json(include={"count", "period", "origin", "destination"}),
                       tuple(sorted(s.record_id for s in f.sources)), tuple(c.field for c in f.conflicts))
                      for f in facts)

    facts, _matched = pipeline
    assert len(from_db) == len(facts) >= 10 and shape(from_db) == shape(facts)
