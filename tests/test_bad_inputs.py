"""The bad-input matrix: every hostile input gives exactly one result with a documented code,
through both entry points (``extractor extract`` and ``extractor batch``), and the batch's
counts add up. Everything is generated here; nothing large is committed.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archives import write_jsonl, write_warc
from hostile import outcome
from httpserver import closed_port_url

SENTENCE = "A North Korean soldier crossed the military demarcation line and defected to the South on Tuesday, the Joint Chiefs of Staff said."
PAGE = f"<html><head><title>Soldier defects</title></head><body><article><p>{SENTENCE}</p><p>He was unarmed, officials said.</p></article></body></html>"
DOCUMENTED = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
MB = 1_000_000


def nav_only_page() -> str:
    # the links carry a defection cue, so the batch's relevance gate lets the page through to extraction
    links = "".join(f'<li><a href="/section/{i}">Defectors, part {i}</a></li>' for i in range(40))
    return f"<html><body><header><nav><ul>{links}</ul></nav></header><footer><ul>{links}</ul></footer></body></html>"


def write_files(folder: Path) -> dict[str, tuple[str, str | None]]:
    """Bad files, each with the (status, code) it must give."""
    cases = {
        "empty.txt": (b"", ("skipped", "empty_input")),
        "whitespace.txt": (b" \n\t \r\n ", ("skipped", "empty_input")),
        "binary.html": (bytes(range(256)) * 64, ("failed", "binary_content")),
        "invalid-utf8.txt": ("Café, ".encode() + b"\xff\xfe" + SENTENCE.encode(), ("failed", "decode_error")),
        "utf16-bom.txt": (SENTENCE.encode("utf-16"), ("ok", None)),
        "latin1-undeclared.html": (PAGE.replace("officials", "officials in Séoul").encode("latin-1"), ("ok", None)),
        "huge-30mb.html": (b"<html><body><article>" + (b"<p>" + SENTENCE.encode() + b"</p>") * (30 * MB // 140) + b"</article></body></html>", ("failed", "too_large")),
        "nested-20000.html": (b"<html><body>" + b"<div>" * 20000 + SENTENCE.encode() + b"</div>" * 20000 + b"</body></html>", ("failed", "extraction_empty")),
        "no-body.html": (b"<html><head><title>Soldier defects across the DMZ</title></head></html>", ("failed", "extraction_empty")),
        "all-navigation.html": (nav_only_page().encode(), ("failed", "extraction_empty")),
        "korean.txt": ("북한 군인 1명이 화요일 군사분계선을 넘어 귀순했다고 합동참모본부가 밝혔다. ".encode() * 6, ("skipped", "not_english")),
        "gzip-bomb.html.gz": (gzip.compress(b"<html><body>" + b" " * (200 * MB) + b"</body></html>"), ("failed", "too_large")),
    }
    expected = {}
    for name, (data, outcome) in cases.items():
        (folder / name).write_bytes(data)
        expected[str(folder / name)] = outcome
    return expected


def write_archives(folder: Path) -> tuple[list[str], dict[str, tuple[str, str | None]]]:
    page = PAGE.encode()
    warc = write_warc(folder / "crawl.warc.gz", [
        ("https://a.example/story", page, "text/html", "200 OK"),
        ("https://a.example/scan.pdf", b"%PDF-1.7 binary", "application/pdf", "200 OK"),
        ("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
        ("https://a.example/story2", page.replace(b"Tuesday", b"Monday"), "text/html", "200 OK"),
    ])
    cut = folder / "truncated.warc.gz"
    whole = warc.read_bytes()
    cut.write_bytes(whole[: len(whole) - 300])
    jsonl = write_jsonl(folder / "export.jsonl", [
        {"url": "https://b.example/1", "text": SENTENCE, "published": "2024-08-22"},
        '{"url": "https://b.example/2", "html": "<p>cut',
        {"url": "https://b.example/3"},
        {"html": 42},
        "",
    ])
    expected_kinds = {str(cut): [("ok", None), ("skipped", "not_html"), ("skipped", "not_html"), ("failed", "archive_corrupt")],
                      str(jsonl): [("ok", None), ("failed", "bad_input_line"), ("failed", "bad_input_line"), ("failed", "bad_input_line")]}
    return [str(cut), str(jsonl)], expected_kinds


def register_urls(server, local_page: Path) -> dict[str, tuple[str, str | None]]:
    server.route("/loop-a", status=302, content_type=None, redirect="/loop-b")
    server.route("/loop-b", status=302, content_type=None, redirect="/loop-a")
    return {
        server.route("/missing", status=404, body="no"): ("failed", "fetch_http_404"),
        server.route("/error", status=500, body="oops"): ("failed", "fetch_http_500"),
        server.url("/loop-a"): ("failed", "fetch_too_many_redirects"),
        server.route("/slow", body=PAGE, delay=3.0): ("failed", "fetch_timeout"),
        server.route("/huge", body=b"<html><body>" + b"x" * (2 * MB) + b"</body></html>"): ("failed", "too_large"),
        server.route("/image", body=b"\x89PNG\r\n\x1a\n", content_type="image/png"): ("failed", "not_html"),
        server.route("/paper", body=b"%PDF-1.7", content_type="application/pdf"): ("failed", "not_html"),
        server.route("/fine", body=PAGE): ("ok", None),
        closed_port_url("/refused"): ("failed", "fetch_connection_error"),
        local_page.as_uri(): ("failed", "fetch_scheme_refused"),
        "ftp://127.0.0.1/article.html": ("failed", "fetch_scheme_refused"),
    }


@pytest.fixture
def matrix(tmp_path: Path, http_server) -> tuple[list[str], dict, dict]:
    folder = tmp_path / "bad"
    folder.mkdir()
    singles = write_files(folder)
    archive_inputs, per_archive = write_archives(tmp_path)
    local_page = tmp_path / "local.html"
    local_page.write_text(PAGE)
    singles |= register_urls(http_server, local_page)
    return list(singles) + archive_inputs, singles, per_archive


LIMITS = ["--timeout", "1", "--max-bytes", str(MB)]


def results_by_input(lines: list[dict], singles: dict, per_archive: dict) -> tuple[dict, dict]:
    by_source = {r["article"]["source"]: r for r in lines}
    archives = {name: [r for r in lines if r["article"]["source"].startswith(name + "#")] for name in per_archive}
    return by_source, archives


def check(lines: list[dict], singles: dict, per_archive: dict) -> None:
    by_source, archives = results_by_input(lines, singles, per_archive)
    for source, expected in singles.items():
        assert outcome(by_source[source]) == expected, source
    for name, expected in per_archive.items():
        assert [outcome(r) for r in archives[name]] == expected, name
    assert len(lines) == len(singles) + sum(map(len, per_archive.values()))  # exactly one result per input
    for result in lines:
        for error in result["errors"]:
            assert documented(error["code"]), error["code"]


def documented(code: str) -> bool:
    return ("`fetch_http_<status>`" if code.startswith("fetch_http_") else f"`{code}`") in DOCUMENTED


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extractor", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_extract_gives_one_documented_result_per_bad_input(matrix) -> None:
    inputs, singles, per_archive = matrix
    proc = cli("extract", *inputs, *LIMITS)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 3, err  # some inputs failed, and it says so
    check([json.loads(line) for line in out.splitlines()], singles, per_archive)


def test_batch_gives_one_documented_result_per_bad_input_and_counts_add_up(matrix, tmp_path) -> None:
    inputs, singles, per_archive = matrix
    out, db = tmp_path / "out.jsonl", tmp_path / "runs.db"
    proc = cli("batch", *inputs, *LIMITS, "--retries", "0", "--out", str(out), "--db", f"sqlite:///{db}")
    _pid, _status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read()
    assert os.waitstatus_to_exitcode(_status) == 3, stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    check(lines, singles, per_archive)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        inputs_, ok, skipped, failed = conn.execute(text("select inputs, ok, skipped, failed from runs")).one()
        rows = conn.execute(text("select count(*) from articles")).scalar()
    engine.dispose()
    assert inputs_ == ok + skipped + failed == len(lines) == rows
    assert usage.ru_maxrss / 1024 < 1500, "peak RSS of the batch (MB) must stay bounded"


def test_allowed_file_scheme_is_read_and_ftp_is_not_supported(tmp_path) -> None:
    page = tmp_path / "local.html"
    page.write_text(PAGE)
    proc = cli("extract", page.as_uri(), "ftp://127.0.0.1/x.html", "--allow-scheme", "file", "--allow-scheme", "ftp")
    out, err = proc.communicate(timeout=300)
    local, ftp = (json.loads(line) for line in out.splitlines())
    assert local["status"] == "ok" and local["records"][0]["evidence"]["text"] == SENTENCE
    assert outcome(ftp) == ("failed", "fetch_scheme_unsupported")


def test_every_error_code_is_documented() -> None:
    from extractor.errors import Code, http_status_code

    for code in [*Code, http_status_code(503)]:
        assert documented(str(code)), code
