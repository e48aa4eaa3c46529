"""``extractor batch``: every input form and every sink give the same records, counted in full.

Real parts only: WARC.gz written by warcio, a real HTTP server on 127.0.0.1 for
the URL list, a real SQLite file and a real PostgreSQL server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archives import CORPUS, corpus_pages, write_folder, write_jsonl, write_warc
from dbread import csv_record_ids, db_record_ids, jsonl_record_ids, jsonl_results, parquet_record_ids, snapshot
from extractor.batch.run import BatchOptions, run_batch
from extractor.batch.worker import WorkerOptions
from extractor.pipeline import extract

PAGES = corpus_pages()
NO_DEFECTION = {"dailynk-style-pyongyang-rice-corn-prices-2025.html", "nknews-style-malligyong-satellite-launch-2023.html"}


def quiet(inputs: list[str], **kwargs) -> BatchOptions:
    return BatchOptions(inputs=inputs, quiet=True, **kwargs)


@pytest.fixture(scope="module")
def expected_ids() -> set[str]:
    """Record ids the one-article API gives for the pages: what every batch form must reproduce."""
    ids = set()
    for name, _body in PAGES:
        ids |= {r.record_id for r in extract(str(CORPUS / name)).records}
    return ids


@pytest.fixture
def input_forms(tmp_path: Path, http_server) -> dict[str, str]:
    folder = write_folder(tmp_path / "dump", PAGES)
    warc = write_warc(tmp_path / "crawl.warc.gz", [(f"https://news.example/{n}", b, "text/html; charset=utf-8", "200 OK") for n, b in PAGES])
    jsonl = write_jsonl(tmp_path / "export.jsonl", [{"url": f"https://news.example/{n}", "html": b.decode("utf-8")} for n, b in PAGES])
    links = tmp_path / "links.txt"
    links.write_text("# corpus pages served on loopback\n" + "\n".join(http_server.route(f"/{n}", body=b) for n, b in PAGES) + "\n")
    return {"folder": str(folder), "warc": str(warc), "jsonl": str(jsonl), "urls": str(links)}


def test_every_input_form_gives_the_records_of_the_one_article_api(input_forms, expected_ids, tmp_path) -> None:
    assert len(expected_ids) >= 10  # the pages do report defections
    for form, path in input_forms.items():
        out = tmp_path / f"{form}.jsonl"
        tally = run_batch(quiet([path], outputs=[str(out)]))
        results = jsonl_results(out)
        assert len(results) == len(PAGES) == tally.inputs, form
        assert jsonl_record_ids(out) == expected_ids, form
        skipped = {Path(r["article"]["source"].split("#")[0]).name.removesuffix(".gz") for r in results if r["status"] == "skipped"}
        assert tally.skipped == 2 and tally.failed == 0, form
        assert all(r["errors"][0]["code"] == "not_relevant" for r in results if r["status"] == "skipped")
        if form == "folder":
            assert skipped == NO_DEFECTION


def test_every_sink_holds_the_same_records(input_forms, tmp_path, fresh_postgres) -> None:
    outs = {suffix: tmp_path / f"all.{suffix}" for suffix in ("jsonl", "csv", "parquet")}
    sqlite_url = f"sqlite:///{tmp_path / 'records.db'}"
    inputs = list(input_forms.values())
    tally = run_batch(quiet(inputs, outputs=[str(p) for p in outs.values()], db=sqlite_url))
    run_batch(quiet(inputs, db=fresh_postgres))
    ids = jsonl_record_ids(outs["jsonl"])
    # the same text from four inputs gives the same records: each record once per input in the files
    assert sorted(csv_record_ids(outs["csv"])) == sorted(parquet_record_ids(outs["parquet"]))
    assert set(csv_record_ids(outs["csv"])) == ids
    assert len(csv_record_ids(outs["csv"])) == 4 * len(ids)
    # ... and once in the databases, keyed by record_id
    assert sorted(db_record_ids(sqlite_url)) == sorted(db_record_ids(fresh_postgres)) == sorted(ids)
    # every input is accounted for: inputs = result lines = article rows, in both databases
    inputs_count = 4 * len(PAGES)
    assert tally.inputs == inputs_count == len(jsonl_results(outs["jsonl"]))
    assert len(snapshot(sqlite_url)["articles"]) == len(snapshot(fresh_postgres)["articles"]) == inputs_count
    assert snapshot(sqlite_url)["articles"] == snapshot(fresh_postgres)["articles"]


def test_csv_and_parquet_rows_flatten_the_record(input_forms, tmp_path) -> None:
    import csv

    import pyarrow.parquet as pq

    out_csv, out_pq, out_jsonl = tmp_path / "r.csv", tmp_path / "r.parquet", tmp_path / "r.jsonl"
    run_batch(quiet([input_forms["warc"]], outputs=[str(out_csv), str(out_pq), str(out_jsonl)]))
    by_id = {r["record_id"]: (res, r) for res in jsonl_results(out_jsonl) for r in res["records"]}
    with out_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result, record = by_id[row["record_id"]]
            assert row["source"] == result["article"]["source"] and row["url"].startswith("https://news.example/")
            assert row["evidence_text"] == record["evidence"]["text"]
            assert json.loads(row["defector_types"]) == record["defector_types"]
            assert row["period_start"] == ((record["period"] or {}).get("start") or "")
    table = pq.read_table(out_pq).to_pylist()
    for row in table:
        _result, record = by_id[row["record_id"]]
        assert row["count_value"] == (record["count"] or {}).get("value")
        assert [loc["name"] for loc in row["locations"]] == [loc["name"] for loc in record["locations"]]


def test_rerun_adds_no_rows_and_skips_what_is_done(input_forms, tmp_path, fresh_postgres) -> None:
    for url in (f"sqlite:///{tmp_path / 'r.db'}", fresh_postgres):
        first = run_batch(quiet([input_forms["folder"], input_forms["warc"]], db=url))
        before = snapshot(url)
        second = run_batch(quiet([input_forms["folder"], input_forms["warc"]], db=url))
        after = snapshot(url)
        assert second.already_done == first.inputs == 2 * len(PAGES) and second.processed == 0
        assert after["articles"] == before["articles"] and after["records"] == before["records"]
        assert [status for status, _ in after["runs"]] == ["finished", "finished"]
        forced = run_batch(quiet([input_forms["folder"]], db=url, resume=False))
        assert forced.processed == len(PAGES)
        assert snapshot(url)["records"] == before["records"]  # upserts, not duplicates


def test_warc_keeps_target_uri_and_date_and_accounts_for_non_articles(tmp_path) -> None:
    page = b"<html><body><article><p>" + b"A North Korean soldier crossed the border and defected to the South. " * 3 + b"</p></article></body></html>"
    warc = write_warc(tmp_path / "mixed.warc.gz", [
        ("https://a.example/story", page, "text/html", "200 OK"),
        ("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
        ("https://a.example/gone", b"<html>gone</html>", "text/html", "404 Not Found"),
    ])
    out = tmp_path / "out.jsonl"
    tally = run_batch(quiet([str(warc)], outputs=[str(out)]))
    results = jsonl_results(out)
    assert tally.inputs == 3  # warcinfo and request records are not inputs
    story, logo, gone = results
    assert story["status"] == "ok" and story["article"]["url"] == "https://a.example/story"
    assert story["article"]["published"] == "2026-01-15"  # no date in the page: the capture date
    assert story["article"]["source"].startswith(f"{warc}#")
    assert (logo["status"], logo["errors"][0]["code"]) == ("skipped", "not_html")
    assert (gone["status"], gone["errors"][0]["code"]) == ("skipped", "fetch_http_404")


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz", [(f"https://n.example/{n}", b, "text/html", "200 OK") for n, b in PAGES], extras=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    out = tmp_path / "out.jsonl"
    tally = run_batch(quiet([str(cut)], outputs=[str(out)]))
    results = jsonl_results(out)
    assert 1 <= len(results) - 1 < len(PAGES)
    assert results[-1]["status"] == "failed" and results[-1]["errors"][0]["code"] == "archive_corrupt"
    assert all(r["status"] != "failed" for r in results[:-1])
    assert tally.failed == 1 and tally.inputs == len(results)


def test_jsonl_broken_lines_fail_alone(tmp_path) -> None:
    text = "A North Korean soldier defected across the military demarcation line on Tuesday, officials said."
    jsonl = write_jsonl(tmp_path / "export.jsonl.gz", [
        {"url": "https://x.example/1", "text": text, "published": "2024-08-22"},
        '{"url": "https://x.example/2", "text": ',  # cut off
        {"url": "https://x.example/3"},  # neither html nor text
        "[1, 2, 3]",
        {"text": text, "published": "not a date"},
    ])
    out = tmp_path / "out.jsonl"
    tally = run_batch(quiet([str(jsonl)], outputs=[str(out)]))
    results = jsonl_results(out)
    assert [r["status"] for r in results] == ["ok", "failed", "failed", "failed", "ok"]
    assert [r["article"]["source"].rsplit("#", 1)[1] for r in results] == ["L1", "L2", "L3", "L4", "L5"]
    assert {r["errors"][0]["code"] for r in results[1:4]} == {"bad_input_line"}
    assert results[0]["article"]["published"] == "2024-08-22" and results[4]["article"]["published"] is None
    assert results[0]["records"][0]["period"]["start"] == "2024-08-20"  # Tuesday before Thursday 22 August
    assert tally.failed == 3


def test_url_list_retries_server_errors_then_gives_up(tmp_path, http_server) -> None:
    broken = http_server.route("/busy", status=503, body="try later", content_type="text/plain")
    links = tmp_path / "links.urls"
    links.write_text(f"{broken}\nnot a url\n")
    out = tmp_path / "out.jsonl"
    from extractor.batch.prefetch import FetchPolicy

    run_batch(quiet([str(links)], outputs=[str(out)], fetch=FetchPolicy(retries=2, backoff=0.01)))
    busy, bad = jsonl_results(out)
    assert busy["errors"][0]["code"] == "fetch_http_503" and "after 3 attempts" in busy["errors"][0]["message"]
    assert sum(r.path == "/busy" for r in http_server.requests) == 3
    assert bad["errors"][0]["code"] == "bad_input_line"


def test_folder_walk_is_recursive_sorted_and_reads_gzip(input_forms) -> None:
    from extractor.batch.inputs import expand_inputs

    sources = [item.source for item in expand_inputs([input_forms["folder"]], 10_000_000)]
    assert len(sources) == len(PAGES)
    assert sources == sorted(sources, key=lambda s: (str(Path(s).parent), Path(s).name))
    assert sum(s.endswith(".html.gz") for s in sources) == len(PAGES) // 2
    assert not any(s.endswith((".md", ".png")) for s in sources)


def test_limit_stops_after_n_inputs(input_forms, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    tally = run_batch(quiet([input_forms["warc"], input_forms["jsonl"]], outputs=[str(out)], limit=3))
    assert tally.inputs == 3 == len(jsonl_results(out))


def test_two_workers_and_dask_local_equal_one_process(input_forms, tmp_path) -> None:
    runs = {"one": {}, "two": {"workers": 2}, "dask": {"dask": "local", "workers": 2}}
    outputs = {}
    for name, extra in runs.items():
        outputs[name] = tmp_path / f"{name}.jsonl"
        run_batch(quiet([input_forms["folder"], input_forms["warc"]], outputs=[str(outputs[name])], chunk_size=2, **extra))
    one = outputs["one"].read_text()
    assert outputs["two"].read_text() == one
    assert outputs["dask"].read_text() == one


def test_cli_summary_and_exit_code(input_forms, tmp_path) -> None:
    out = tmp_path / "cli.jsonl"
    missing = tmp_path / "missing.html"
    proc = subprocess.run([sys.executable, "-m", "extractor", "batch", input_forms["jsonl"], str(missing), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr  # one input failed
    assert "inputs" in proc.stderr and "file_not_found" in proc.stderr
    assert len(jsonl_results(out)) == len(PAGES) + 1
    ok = subprocess.run([sys.executable, "-m", "extractor", "batch", input_forms["jsonl"], "--out", str(out), "--quiet"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and ok.stderr == ""


def test_with_text_carries_the_article_text(tmp_path) -> None:
    text = "Two North Korean fishermen defected to the South by boat across the NLL on Sunday, the Joint Chiefs of Staff said."
    jsonl = write_jsonl(tmp_path / "t.jsonl", [{"text": text, "published": "2025-03-12"}])
    out = tmp_path / "out.jsonl"
    run_batch(quiet([str(jsonl)], outputs=[str(out)], worker=WorkerOptions(with_text=True)))
    (result,) = jsonl_results(out)
    assert result["text"] == text
    evidence = result["records"][0]["evidence"]
    assert result["text"][evidence["start"]:evidence["end"]] == evidence["text"]


def test_relevance_gate_before_and_after_extraction(tmp_path) -> None:
    from extractor.records import article_id_for

    nav = "<nav><a href='/x'>North Korean defector arrivals fall again</a></nav>"
    related = ("<div class='related-stories'><p>Chinese police said two North Korean defectors fled across the "
               "border into Jilin province last week.</p></div>")
    body = "<article><h1>Rice prices climb</h1><p>" + "Rice cost 6,500 won a kilogram in Pyongyang on Monday, up 12% from May. " * 4 + "</p></article>"
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a-no-cue.html").write_text(f"<html><body>{body}</body></html>")
    (folder / "b-cue-in-nav-only.html").write_text(f"<html><body>{nav}{body}</body></html>")
    (folder / "c-cue-in-related-stories.html").write_text(f"<html><body>{body}{related}</body></html>")
    out = tmp_path / "out.jsonl"
    run_batch(quiet([str(folder)], outputs=[str(out)]))
    no_cue, nav_only, related_only = jsonl_results(out)
    for result in (no_cue, nav_only, related_only):
        assert (result["status"], result["errors"][0]["code"]) == ("skipped", "not_relevant")
    # no cue in the page's prose: never extracted, so it is identified by its source, like a failed input
    for result in (no_cue, nav_only):
        assert result["article"]["text_chars"] == 0
        assert result["article"]["article_id"] == article_id_for(f"source:{result['article']['source']}")
    # a cue in prose that trafilatura does not keep as the article: extracted, then turned away on its main text
    assert related_only["article"]["article_id"] == extract(related_only["article"]["source"]).article.article_id
    assert related_only["article"]["text_chars"] > 100
    unfiltered = run_batch(quiet([str(folder)], worker=WorkerOptions(relevance_gate=False)))
    assert unfiltered.ok == 3 and unfiltered.records == 0


def test_downloads_are_bounded_per_host(tmp_path, http_server) -> None:
    from extractor.batch.prefetch import FetchPolicy

    page = "<html><body><article><p>A North Korean soldier defected on Tuesday, officials said.</p></article></body></html>"
    urls = [http_server.route(f"/slow{i}", body=page, delay=0.3) for i in range(8)]
    # the same server under a second host name: another host, with its own limit
    urls += [url.replace("127.0.0.1", "localhost") for url in urls[:4]]
    links = tmp_path / "links.urls"
    links.write_text("\n".join(urls) + "\n")
    tally = run_batch(quiet([str(links)], fetch=FetchPolicy(threads=8, per_host=2)))
    assert tally.ok == 12
    port = urls[0].split(":")[2].split("/")[0]
    assert http_server.max_in_flight[f"127.0.0.1:{port}"] == 2
    assert http_server.max_in_flight[f"localhost:{port}"] <= 2


def test_globs_expand_recursively_in_sorted_order(input_forms) -> None:
    from extractor.batch.inputs import expand_inputs

    folder = input_forms["folder"]
    plain = [item.source for item in expand_inputs([f"{folder}/**/*.html"], 10_000_000)]
    gzipped = [item.source for item in expand_inputs([f"{folder}/part1/*.gz"], 10_000_000)]
    assert plain == sorted(plain) and len(plain) == len(PAGES) - len(PAGES) // 2
    assert gzipped and all(source.endswith(".html.gz") and "/part1/" in source for source in gzipped)
    (missing,) = expand_inputs([f"{folder}/nothing-*.html"], 10_000_000)
    assert missing.outcome.code == "file_not_found"  # a pattern that matches nothing is still accounted for


def test_an_unusable_database_is_a_clear_error_without_its_password(tmp_path) -> None:
    from httpserver import closed_port_url

    port = closed_port_url().rsplit(":", 1)[1].strip("/")
    proc = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tmp_path), "--db", f"postgresql+psycopg://bob:s3cret@127.0.0.1:{port}/x"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "cannot be used" in proc.stderr and "s3cret" not in proc.stderr and "Traceback" not in proc.stderr
