"""``extractor facts`` on JSON Lines from real ``extractor extract`` runs of small texts of our own.

Three outlets report the 2023 figure (two say 196, one 191: a count conflict);
two report one boat, on May 6 and on May 8 (one incident with a period conflict).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import geojson
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extractor.cli import app

TEXTS = {
    "first": "Defector arrivals rose last year\n\nSEOUL -- A total of 196 North Korean defectors arrived in South "
             "Korea in 2023, the unification ministry said on Monday.\n",
    "boat": "Boat carrying North Koreans reaches the South\n\nA group of nine North Koreans crossed the sea border "
            "in a wooden boat and arrived near Sokcho on May 6, the Joint Chiefs of Staff said.\n",
    "second": "More North Koreans reach the South\n\nThe number of North Korean defectors who arrived in South Korea "
              "in 2023 was 196, according to the unification ministry.\n",
    "third": "Defections climb again\n\nExactly 191 North Korean defectors arrived in South Korea in 2023, according "
             "to data from the unification ministry.\n",
    "boat_again": "Nine North Koreans arrive by sea\n\nNine North Koreans crossed the maritime border by boat and "
                  "reached Sokcho on May 8, the military said.\n",
}
RUNS = {"2024-05-10": ("first", "boat"), "2024-05-12": ("second", "third", "boat_again")}
runner = CliRunner()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[Path]:
    """Two results files, one per day of publication, from the real pipeline."""
    folder = tmp_path_factory.mktemp("facts")
    files = []
    for published, names in RUNS.items():
        for name in names:
            (folder / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
        command = [sys.executable, "-m", "extractor", "extract", *(f"{name}.txt" for name in names),
                   "--published", published]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=True)
        files.append(folder / f"{published}.jsonl")
        files[-1].write_text(done.stdout, encoding="utf-8")
    return files


def facts(*args: str) -> list[dict]:
    done = runner.invoke(app, ["facts", *args])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_the_figure_and_the_boat_are_two_facts_with_their_conflicts(results):
    found = facts(*map(str, results))
    assert [fact["kind"] for fact in found] == ["aggregate", "incident"]
    figure, boat = found
    assert figure["count"]["value"] == 196 and figure["period"]["start"] == "2023-01-01"
    assert [source["source"] for source in figure["sources"]] == ["first.txt", "second.txt", "third.txt"]
    conflict, = figure["conflicts"]
    assert conflict["field"] == "count"
    assert [(v["value"]["value"], len(v["record_ids"])) for v in conflict["values"]] == [(196, 2), (191, 1)]
    assert [source["source"] for source in boat["sources"]] == ["boat.txt", "boat_again.txt"]
    assert (boat["count"]["value"], boat["route"]) == (9, "maritime")
    assert boat["period"]["start"] == "2024-05-06"  # one source each: the earliest publication wins
    period, = boat["conflicts"]
    assert [v["value"]["start"] for v in period["values"]] == ["2024-05-06", "2024-05-08"]


def test_the_ids_and_facts_do_not_depend_on_the_order_of_the_files(results):
    assert facts(*map(str, results)) == facts(*map(str, reversed(results)))


def test_filters(results):
    paths = list(map(str, results))
    assert [f["kind"] for f in facts(*paths, "--kind", "incident")] == ["incident"]
    assert len(facts(*paths, "--conflicts-only")) == 2
    assert [f["kind"] for f in facts(*paths, "--since", "2024-01-01")] == ["incident"]
    assert facts(*paths, "--since", "2025-01-01") == []


def test_csv_one_flat_row_per_fact(results, tmp_path):
    out = tmp_path / "facts.csv"
    facts(*map(str, results), "--out", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    figure, boat = rows
    assert (figure["count_value"], figure["period_start"], figure["source_count"]) == ("196", "2023-01-01", "3")
    assert json.loads(figure["conflict_fields"]) == ["count"]
    assert json.loads(boat["sources"]) == ["boat.txt", "boat_again.txt"]
    assert (boat["first_published"], boat["last_published"]) == ("2024-05-10", "2024-05-12")


def test_parquet_has_typed_dates_and_lists(results, tmp_path):
    out = tmp_path / "facts.parquet"
    facts(*map(str, results), "--out", str(out))
    table = pq.read_table(out)
    assert str(table.schema.field("period_start").type) == "date32[day]"
    assert str(table.schema.field("count_value").type) == "int64"
    rows = table.to_pylist()
    assert rows[0]["period_start"] == dt.date(2023, 1, 1)
    assert rows[1]["period_start"] == dt.date(2024, 5, 6) and rows[1]["conflict_fields"] == ["period"]
    assert rows[1]["locations"][0]["name"] == "Sokcho"


def test_geojson_one_valid_point_per_placed_incident(results, tmp_path):
    out = tmp_path / "facts.geojson"
    found = facts(*map(str, results))
    facts(*map(str, results), "--out", str(out))
    collection = geojson.loads(out.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    feature, = collection["features"]
    assert feature.is_valid and feature["geometry"]["type"] == "Point"
    assert feature["geometry"]["coordinates"] == [128.5918, 38.207]
    assert feature["properties"]["fact_id"] == found[1]["fact_id"]


def test_bad_inputs_are_one_line_and_exit_2(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    for args in ([str(broken)], [str(tmp_path / "missing.jsonl")]):
        done = runner.invoke(app, ["facts", *args])
        assert done.exit_code == 2 and done.stderr.startswith("error: ")
    assert runner.invoke(app, ["facts", str(broken), "--out", "facts.xlsx"]).exit_code == 2
    assert runner.invoke(app, ["facts", str(broken), "--kind", "stock"]).exit_code == 2
