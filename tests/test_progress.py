"""Progress output: a live bar on a terminal, plain log lines in a pipe, nothing with --quiet.

The terminal is a real pseudo-terminal (``pty``), so the rich bar path runs as a user sees it.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from archives import write_jsonl

TEXT = "Two North Korean soldiers defected across the DMZ on Tuesday, the military said."


def archive(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT.replace("Two", word), "published": "2025-01-09"}
                                              for word in ("Two", "Three", "Four")])


def run_on_terminal(args: list[str]) -> tuple[int, str]:
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", errors="replace")


def test_terminal_gets_a_live_bar_and_the_summary(tmp_path) -> None:
    code, screen = run_on_terminal([sys.executable, "-m", "extractor", "batch", str(archive(tmp_path)), "--out", str(tmp_path / "o.jsonl")])
    assert code == 0, screen
    assert "\x1b[" in screen  # terminal control sequences: the live display
    assert "3 articles" in screen and "3 records" in screen and "3/3" in screen  # the total, counted
    assert "inputs" in screen and "already done" in screen  # the summary table


def test_pipe_gets_plain_lines_and_quiet_gets_nothing(tmp_path) -> None:
    source = str(archive(tmp_path))
    piped = subprocess.run([sys.executable, "-m", "extractor", "batch", source, "--out", str(tmp_path / "o.jsonl")],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0
    assert "\x1b[" not in piped.stderr
    assert "3 articles" in piped.stderr and "3 records, 0 skipped, 0 failed, 0 already done" in piped.stderr
    quiet = subprocess.run([sys.executable, "-m", "extractor", "batch", source, "--out", str(tmp_path / "q.jsonl"), "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_the_total_is_what_the_batch_will_count(tmp_path) -> None:
    """The progress total equals the inputs the batch expands to, for every input form."""
    from archives import corpus_pages, write_folder, write_warc
    from extractor.batch.inputs import expand_inputs
    from extractor.batch.totals import count_inputs

    pages = corpus_pages()[:4]
    folder = write_folder(tmp_path / "dump", pages)
    (folder / "notes.md").write_text("not an input")  # not an article file: neither listed nor counted
    warc = write_warc(tmp_path / "crawl.warc.gz", [(f"https://news.example/{n}", b, "text/html", "200 OK")
                                                   for n, b in pages])  # with request and metadata records
    export = write_jsonl(tmp_path / "export.jsonl", [{"text": TEXT}, "", {"text": TEXT}, "not json"])
    links = tmp_path / "links.urls"
    links.write_text("# a comment\nhttps://a.example/1\n\nhttps://a.example/2\nnot a url\n")
    arguments = [str(folder), str(warc), str(export), str(links), str(tmp_path / "dump" / "*"),
                 str(tmp_path / "missing.txt"), "https://b.example/x"]
    expected = {argument: len(list(expand_inputs([argument], 10_000_000))) for argument in arguments}
    assert expected[str(folder)] == 4 and expected[str(export)] == 3 and expected[str(links)] == 3
    for argument in arguments:
        assert count_inputs([argument]) == expected[argument], argument
    assert count_inputs(arguments) == sum(expected.values())
    assert count_inputs(arguments, deadline=0.0) is None  # out of time: unknown, not wrong


def test_failed_inputs_are_named_in_the_summary_and_listed_in_a_file(tmp_path) -> None:
    links = tmp_path / "links.urls"
    links.write_text("not a url\nftp://files.example/a.html\n")
    failures = tmp_path / "failures.csv"
    done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(archive(tmp_path)), str(links),
                           str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o.jsonl"),
                           "--failures", str(failures)], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, COLUMNS="400"))  # long temporary paths stay on one line
    assert done.returncode == 3, done.stderr
    assert "failed inputs" in done.stderr and f"{links}#L1" in done.stderr and "file_not_found" in done.stderr
    assert "6/6 inputs" in done.stderr  # three articles, two lines of the list, one missing file
    import csv

    with failures.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["source"], row["codes"]) for row in rows] == [
        (f"{links}#L1", "bad_input_line"), ("ftp://files.example/a.html", "fetch_scheme_refused"),
        (str(tmp_path / "missing.txt"), "file_not_found")]


def test_profile_names_the_stages_and_the_slowest_inputs_and_changes_no_result(tmp_path) -> None:
    from archives import corpus_pages, write_folder

    folder = write_folder(tmp_path / "pages", corpus_pages()[:3])
    outputs = {}
    for flag in ([], ["--profile"]):
        out = tmp_path / f"out{len(flag)}.jsonl"
        done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(folder), "--out", str(out), *flag],
                              capture_output=True, text=True, timeout=300, env=dict(os.environ, COLUMNS="400"))
        assert done.returncode == 0, done.stderr
        outputs[bool(flag)] = [json.loads(line) for line in out.read_text().splitlines()]
        profiled = done.stderr
    assert outputs[True] == outputs[False]  # the profiled path gives the same results, with no extra key
    assert "time per stage" in profiled and "slowest inputs" in profiled
    for stage in ("read", "gate", "trafilatura", "spacy", "rules", "sinks"):
        assert f"│ {stage} " in profiled, stage
    assert all(Path(r["article"]["source"]).name in profiled for r in outputs[True])
