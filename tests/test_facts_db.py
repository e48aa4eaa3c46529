"""Facts in the batch database: the ``facts``, ``fact_sources`` and ``article_records`` tables.

The inputs are short reports of our own about two figures and one boat, as
several outlets would tell them: the 2023 arrivals total (196 from two outlets,
195 from a third: a ``count`` conflict), and a boat of four (October 24 from two
outlets, October 21 from a third: a ``period`` conflict, three days apart). The
first report also arrives a second time with a publication date a year later,
so its "last year" is 2024: one text under two inputs and two dates, which must
keep both sets of records whatever the chunking and the workers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geojson
import pytest
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from archives import write_jsonl
from dbread import snapshot
from extractor.batch.run import BatchOptions, run_batch
from extractor.sinks.sql_schema import article_records, articles, fact_sources, facts
from extractor.cli import app

TOTAL_196 = ("Seoul, Jan. 18 -- A total of 196 North Korean defectors arrived in South Korea last year, the "
             "Unification Ministry said on Thursday.\n\nMost of the new arrivals were women, the ministry said.")
TOTAL_196_AGAIN = ("SEOUL (Jan 18) - The number of North Korean defectors reaching the South rose to 196 in 2023, "
                   "official data showed on Thursday.\n\nThe ministry linked the rise to the reopened border with China.")
TOTAL_195 = ("SEOUL, January 19 - The number of North Korean defectors who arrived in the South in 2023 was 195, a "
             "lawmaker said on Friday, citing government figures.\n\nThe lawmaker said more should be done for them.")
BOAT_TUESDAY = ("SEOUL, Oct 25 - Four North Koreans crossed the sea border near Baengnyeong Island on a wooden boat on "
                "Tuesday and asked to defect, South Korea's military said.")
BOAT_24 = ("Seoul, 26 October - A wooden boat carrying four North Koreans crossed the maritime border near "
           "Baengnyeong Island on 24 October, and all four said they wanted to defect, officials said.")
BOAT_21 = ("TOKYO, Oct 27 - Four North Koreans crossed the sea border into South Korea on a wooden boat on Oct 21 "
           "and asked to defect, officials in Seoul said.")

LINES = [
    ("https://wire.example/total", TOTAL_196, "2024-01-18"),
    ("https://reprint.example/total", TOTAL_196, "2025-01-18"),  # the same text, a year later: "last year" = 2024
    ("https://daily.example/total", TOTAL_196_AGAIN, "2024-01-18"),
    ("https://weekly.example/total", TOTAL_195, "2024-01-19"),
    ("https://wire.example/boat", BOAT_TUESDAY, "2023-10-25"),
    ("https://daily.example/boat", BOAT_24, "2023-10-26"),
    ("https://tokyo.example/boat", BOAT_21, "2023-10-27"),
]


def run_cli(*args: str):
    return CliRunner().invoke(app, list(args))


def write_reports(path: Path, lines=LINES) -> str:
    return str(write_jsonl(path, [{"url": url, "text": text, "published": date} for url, text, date in lines]))


def batch_into(url: str, inputs: list[str], **options) -> None:
    run_batch(BatchOptions(inputs=inputs, db=url, quiet=True, **options))


def fact_rows(url: str) -> list[dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(row) for row in conn.execute(select(facts).order_by(facts.c.fact_id)).mappings()]
    finally:
        engine.dispose()


def sources_of(url: str) -> dict[str, set[str]]:
    """fact_id -> the urls of the inputs that support it."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = select(fact_sources.c.fact_id, articles.c.url).join(
                articles, articles.c.source == fact_sources.c.article_source)
            found: dict[str, set[str]] = {}
            for fact_id, page in conn.execute(query):
                found.setdefault(fact_id, set()).add(page)
            return found
    finally:
        engine.dispose()


def one(rows: list[dict], **where) -> dict:
    matches = [row for row in rows if all(str(row[key]) == str(value) for key, value in where.items())]
    assert len(matches) == 1, (where, rows)
    return matches[0]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> str:
    return write_reports(tmp_path_factory.mktemp("reports") / "reports.jsonl")


@pytest.fixture(scope="module")
def database(reports, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'records.db'}"
    batch_into(url, [reports])
    return url


def test_outlets_of_one_figure_make_one_fact_with_a_count_conflict(database) -> None:
    rows, sources = fact_rows(database), sources_of(database)
    total = one(rows, kind="aggregate", period_start="2023-01-01", period_end="2023-12-31")
    assert (total["origin"], total["destination"], total["count_value"]) == ("KP", "KR", 196)  # two against one
    assert total["source_count"] == 3 and total["conflict_count"] == 1 and total["conflict_fields"] == ["count"]
    values = {entry["value"]["value"]: len(entry["record_ids"]) for entry in total["conflicts"][0]["values"]}
    assert values == {196: 2, 195: 1}
    assert sources[total["fact_id"]] == {"https://wire.example/total", "https://daily.example/total",
                                         "https://weekly.example/total"}
    later = one(rows, kind="aggregate", period_start="2024-01-01")  # the reprint's "last year"
    assert later["count_value"] == 196 and later["conflict_count"] == 0
    assert sources[later["fact_id"]] == {"https://reprint.example/total"}


def test_one_boat_from_three_outlets_is_one_incident_with_a_period_conflict(database) -> None:
    rows, sources = fact_rows(database), sources_of(database)
    boat = one(rows, kind="incident")
    assert (boat["count_value"], boat["route"], boat["period_start"].isoformat()) == (4, "maritime", "2023-10-24")
    assert boat["source_count"] == 3 and boat["conflict_fields"] == ["period"]
    assert sources[boat["fact_id"]] == {"https://wire.example/boat", "https://daily.example/boat",
                                        "https://tokyo.example/boat"}
    assert len(rows) == 3  # the 2023 total, the 2024 reprint, the boat: nothing else


def test_every_input_is_linked_to_its_own_records(database) -> None:
    engine = create_engine(database)
    with engine.connect() as conn:
        links = conn.execute(select(articles.c.url, article_records.c.record_id).join(
            article_records, article_records.c.article_source == articles.c.source)).all()
    engine.dispose()
    by_url: dict[str, set[str]] = {}
    for page, record_id in links:
        by_url.setdefault(page, set()).add(record_id)
    assert len(by_url) == len(LINES)  # every input gave a record and knows it
    first, reprint = by_url["https://wire.example/total"], by_url["https://reprint.example/total"]
    assert first and reprint and not first & reprint  # one text, two dates: two periods, two record sets


def test_tables_do_not_depend_on_chunks_workers_or_dask(reports, tmp_path) -> None:
    setups = {"chunk 1": {"chunk_size": 1}, "chunk 8": {"chunk_size": 8},
              "two workers": {"workers": 2, "chunk_size": 3}, "dask local": {"dask": "local", "workers": 2}}
    snapshots = {}
    for name, options in setups.items():
        url = f"sqlite:///{tmp_path / name.replace(' ', '_')}.db"
        batch_into(url, [reports], **options)
        snapshots[name] = {table: rows for table, rows in snapshot(url).items() if table != "runs"}
    first = snapshots["chunk 1"]
    assert len(first["facts"]) == 3 and len(first["article_records"]) == len(LINES)
    for name, taken in snapshots.items():
        assert taken == first, name


def test_facts_follow_the_whole_database_and_a_rerun_changes_nothing(reports, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'grow.db'}"
    batch_into(url, [write_reports(tmp_path / "first.jsonl", LINES[:3])])
    before = {row["fact_id"]: row["source_count"] for row in fact_rows(url)}
    batch_into(url, [reports])  # seven more inputs: the facts now count the sources of both runs
    after = {row["fact_id"]: row for row in fact_rows(url)}
    assert set(before) <= set(after)  # a fact whose key is unchanged keeps its id
    assert len(before) == 2 and len(after) == 3
    assert sorted(after[fact_id]["source_count"] for fact_id in before) == [2, 5]
    tables = snapshot(url)
    batch_into(url, [reports])  # nothing new: the same tables, row for row
    assert {k: v for k, v in snapshot(url).items() if k != "runs"} == {k: v for k, v in tables.items() if k != "runs"}


def test_facts_command_reads_the_database_as_csv_and_geojson(database, tmp_path) -> None:
    out_csv, out_geo = tmp_path / "facts.csv", tmp_path / "facts.geojson"
    assert run_cli("facts", "--db", database, "--out", str(out_csv)).exit_code == 0
    with out_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["fact_id"] for row in rows) == [row["fact_id"] for row in fact_rows(database)]
    assert run_cli("facts", "--db", database, "--out", str(out_geo), "--kind", "incident").exit_code == 0
    collection = geojson.loads(out_geo.read_text(encoding="utf-8"))
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["source_count"] == 3
    lon, lat = feature["geometry"]["coordinates"]
    assert 37 < lat < 39 and 124 < lon < 126  # Baengnyeong Island


def test_facts_command_needs_an_existing_database(tmp_path) -> None:
    missing = tmp_path / "none.db"
    done = run_cli("facts", "--db", f"sqlite:///{missing}")
    assert done.exit_code == 2 and "no such database file" in done.stderr and not missing.exists()


def test_postgresql_holds_the_same_facts_as_sqlite(database, reports, fresh_postgres) -> None:
    batch_into(fresh_postgres, [reports], chunk_size=2)
    in_sqlite, in_postgres = snapshot(database), snapshot(fresh_postgres)
    for table in ("facts", "fact_sources", "records", "article_records"):
        assert in_postgres[table] == in_sqlite[table], table


def test_a_database_of_the_earlier_schema_is_brought_up_to_date(tmp_path) -> None:
    """Tables written before ``article_records`` and ``runs.host``: the records already there are
    linked to their inputs and take part in the facts."""
    import sqlite3

    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    batch_into(url, [write_reports(tmp_path / "one.jsonl", LINES[:1])])
    with sqlite3.connect(path) as conn:  # what the earlier version held: the same rows, the older tables
        rows = {name: conn.execute(f"select * from {name}").fetchall() for name in ("articles", "records")}
        for name in ("runs", "articles", "records", "article_records", "facts", "fact_sources"):
            conn.execute(f"drop table {name}")
        conn.executescript((Path(__file__).parent / "data" / "tables.before-facts.sqlite.sql").read_text())
        for name, values in rows.items():
            conn.executemany(f"insert into {name} values ({','.join('?' * len(values[0]))})", values)
    batch_into(url, [write_reports(tmp_path / "two.jsonl", LINES[2:3])])
    (total,) = fact_rows(url)
    assert total["source_count"] == 2 and total["count_value"] == 196
    assert snapshot(url)["runs"] == [("finished", 1)]
