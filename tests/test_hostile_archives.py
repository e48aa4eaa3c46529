"""Hostile archives (issue 15): what real archives and users throw at a batch. Each gives a coded
result per input (or one clear error for the whole run), nothing is lost or hangs, memory stays
bounded. The bad-input matrix of ``test_bad_inputs.py`` covers the single hostile files.

Subprocesses run with a generous ``timeout``: a guard so that a hang fails the test instead of the
suite, not a timed assertion.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archives import write_jsonl, write_warc
from dbread import jsonl_results
from hostile import batch_with_peak_rss, outcome, write_gzip_bomb, write_warc_bomb

SENTENCE = "A North Korean soldier crossed the military demarcation line and defected to the South on Tuesday."
PAGE = f"<html><body><article><p>{SENTENCE}</p></article></body></html>".encode()
MB = 1 << 20
PEAK_RSS_MB = 600
GUARD = 600  # seconds: only to turn a hang into a failure


def batch(*args: str, timeout: float = GUARD) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor", "batch", *args, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def by_source(path: Path) -> dict[str, tuple[str, str | None]]:
    return {r["article"]["source"]: outcome(r) for r in jsonl_results(path)}


def failing_batch(folder: Path, out: Path) -> dict[str, tuple[str, str | None]]:
    """The outcomes of a batch over ``folder`` that must end (exit 3: some inputs failed)."""
    done = batch(str(folder), "--out", str(out), timeout=120)
    assert done.returncode == 3, done.stderr
    return by_source(out)


def test_a_fifo_is_never_opened_and_the_batch_goes_on(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # opening it would block until a writer comes: it must not be opened
    os.mkfifo(folder / "pipe.html.gz")
    (folder / "story.txt").write_text(SENTENCE)
    assert failing_batch(folder, tmp_path / "out.jsonl") == {
        str(folder / "pipe.txt"): ("failed", "not_a_regular_file"),
        str(folder / "pipe.html.gz"): ("failed", "not_a_regular_file"),
        str(folder / "story.txt"): ("ok", None)}
    single = subprocess.run([sys.executable, "-m", "extractor", "extract", str(folder / "pipe.txt")],
                            capture_output=True, text=True, timeout=120)
    assert (single.returncode, outcome(json.loads(single.stdout))) == (3, ("failed", "not_a_regular_file"))


def test_a_symlink_loop_is_coded_and_not_followed(tmp_path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)  # a folder loop: not walked into
    (folder / "a.html").symlink_to(folder / "b.html")
    (folder / "b.html").symlink_to(folder / "a.html")  # a file loop: ELOOP on open
    (folder / "story.txt").write_text(SENTENCE)
    assert failing_batch(folder, tmp_path / "out.jsonl") == {
        str(folder / "a.html"): ("failed", "file_not_found"),
        str(folder / "b.html"): ("failed", "file_not_found"),
        str(folder / "story.txt"): ("ok", None)}


def test_an_unreadable_file_is_coded(tmp_path) -> None:
    locked = tmp_path / "locked.html"
    locked.write_bytes(PAGE)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user (root) reads a file of mode 000: no unreadable file can be made here")
        out = tmp_path / "out.jsonl"
        batch(str(locked), str(tmp_path / "locked.jsonl"), "--out", str(out), timeout=120)
        assert set(by_source(out).values()) == {("failed", "file_not_found")}
    finally:
        locked.chmod(0o644)


def test_a_sparse_file_of_several_gigabytes_stops_at_the_cap(tmp_path) -> None:
    sparse = tmp_path / "huge.html"
    with sparse.open("wb") as handle:
        handle.truncate(4 << 30)
    if sparse.stat().st_blocks * 512 > 64 * MB:
        pytest.skip("this file system does not keep sparse files")
    text = tmp_path / "huge.txt"
    os.link(sparse, text)
    out = tmp_path / "out.jsonl"
    batch(str(sparse), str(text), "--out", str(out))
    assert by_source(out) == {str(sparse): ("failed", "too_large"), str(text): ("failed", "too_large")}


def test_a_jsonl_line_of_50_mb_fails_alone(tmp_path) -> None:
    export = write_jsonl(tmp_path / "export.jsonl", [
        {"url": "https://a.example/huge", "text": SENTENCE + " x" * (25 * MB)},
        {"url": "https://a.example/fine", "text": SENTENCE},
    ])
    assert export.stat().st_size > 50 * MB
    out = tmp_path / "out.jsonl"
    done, peak = batch_with_peak_rss([str(export), "--out", str(out)])
    assert done.returncode == 3, done.stderr
    assert [outcome(r) for r in jsonl_results(out)] == [("failed", "too_large"), ("ok", None)]
    assert peak < PEAK_RSS_MB


def test_a_url_list_with_malformed_and_non_http_urls(tmp_path, http_server) -> None:
    fine = http_server.route("/fine", body=PAGE)
    lines = {
        "http://": ("failed", "fetch_connection_error"),
        "https://[::1/story": ("failed", "fetch_connection_error"),
        "http://127.0.0.1:99999/story": ("failed", "fetch_connection_error"),
        "http://%zz/story": ("failed", "fetch_connection_error"),
        "http://news..example.org/story": ("failed", "fetch_connection_error"),  # an empty label: never resolves
        f"https://{'x' * 64}.example.org/": ("failed", "fetch_connection_error"),  # a label over 63 characters
        "ftp://127.0.0.1/story.html": ("failed", "fetch_scheme_refused"),
        "file:///etc/hostname": ("failed", "fetch_scheme_refused"),
        "gopher://127.0.0.1/1": ("failed", "fetch_scheme_refused"),
        fine: ("ok", None),
    }
    not_urls = ["mailto:desk@example.org", "javascript:alert(1)", "www.example.org/story", "\x00\x01 binary"]
    listing = tmp_path / "links.urls"
    listing.write_text("\n".join([*lines, *not_urls]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = batch(str(listing), "--out", str(out), timeout=300)
    assert done.returncode == 3, done.stderr
    results = by_source(out)
    assert {url: results[url] for url in lines} == lines
    messages = {json.loads(line)["article"]["source"]: json.loads(line)["errors"][0]["message"]
                for line in out.read_text(encoding="utf-8").splitlines() if json.loads(line)["errors"]}
    assert not any("attempts" in messages[url] for url in lines if url != fine)  # refused at once, never retried
    bad_lines = {s: o for s, o in results.items() if s.startswith(f"{listing}#L")}
    assert set(bad_lines) == {f"{listing}#L{n}" for n in range(len(lines) + 1, len(lines) + len(not_urls) + 1)}
    assert set(bad_lines.values()) == {("failed", "bad_input_line")}


def test_an_html_gzip_bomb_stops_at_the_cap_in_bounded_memory(tmp_path) -> None:
    bomb = write_gzip_bomb(tmp_path / "bomb.html.gz", b"<html><body><p>", 2 << 30)
    assert bomb.stat().st_size < 4 * MB
    (tmp_path / "story.txt").write_text(SENTENCE)
    out = tmp_path / "out.jsonl"
    done, peak = batch_with_peak_rss([str(bomb), str(tmp_path / "story.txt"), "--out", str(out)])
    assert done.returncode == 3, done.stderr
    assert by_source(out) == {str(bomb): ("failed", "too_large"), str(tmp_path / "story.txt"): ("ok", None)}
    assert peak < PEAK_RSS_MB


def test_a_warc_gzip_bomb_fails_its_record_and_the_next_records_go_on(tmp_path) -> None:
    warc = write_warc_bomb(tmp_path / "crawl.warc.gz", 1 << 30, [("https://a.example/story", PAGE)])
    assert warc.stat().st_size < 4 * MB
    out = tmp_path / "out.jsonl"
    done, peak = batch_with_peak_rss([str(warc), "--out", str(out)])
    assert done.returncode == 3, done.stderr
    results = jsonl_results(out)
    assert [(r["article"]["url"], outcome(r)) for r in results] == [
        ("https://bomb.example/", ("failed", "too_large")), ("https://a.example/story", ("ok", None))]
    assert peak < PEAK_RSS_MB


def test_a_warc_of_100000_tiny_records_gives_100000_results_in_bounded_memory(tmp_path) -> None:
    tiny = b"<html><body><p>Sunny, 21C.</p></body></html>"
    records = [(f"https://t.example/{i}", tiny, "text/html", "200 OK") for i in range(100_000)]
    records[50_000] = ("https://t.example/story", PAGE, "text/html", "200 OK")
    warc = write_warc(tmp_path / "tiny.warc.gz", records, extras=False)
    out = tmp_path / "out.jsonl"
    done, peak = batch_with_peak_rss([str(warc), "--out", str(out)])
    assert done.returncode == 0, done.stderr
    counts: dict[tuple[str, str | None], int] = {}
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            key = outcome(json.loads(line))
            counts[key] = counts.get(key, 0) + 1
    assert counts == {("skipped", "not_relevant"): 99_999, ("ok", None): 1}
    assert peak < PEAK_RSS_MB


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()  # held until the test says so
conn.execute("ROLLBACK")
"""


def hold_lock(path: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_sqlite_database_locked_by_another_process_is_one_clear_error(tmp_path) -> None:
    from sqlalchemy.exc import OperationalError

    from extractor.sinks.sql import SqlSink

    db = tmp_path / "records.db"
    sqlite3.connect(db).close()
    holder = hold_lock(db)
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            SqlSink(f"sqlite:///{db}", "test", ["x"], lock_wait=1.0)
    finally:
        holder.communicate("release\n", timeout=60)


def test_a_batch_on_a_database_held_past_its_lock_wait_stops_with_one_clear_error(tmp_path) -> None:
    db = tmp_path / "records.db"
    sqlite3.connect(db).close()
    story = tmp_path / "story.txt"
    story.write_text(SENTENCE)
    holder = hold_lock(db)
    try:
        done = batch(str(story), "--db", f"sqlite:///{db}", "--lock-wait", "1", timeout=120)
    finally:
        holder.communicate("release\n", timeout=60)
    assert done.returncode != 0
    assert "locked" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 3, done.stderr


def wait_until_open(pid: int, path: Path) -> None:
    """Until process ``pid`` has ``path`` open (it has reached the database and met the lock)."""
    fds = Path(f"/proc/{pid}/fd")
    deadline = time.monotonic() + GUARD
    while not any(_target(fd).startswith(str(path)) for fd in _links(fds)):
        assert time.monotonic() < deadline, "the batch never opened the database"
        time.sleep(0.01)


def _target(fd: Path) -> str:
    """What a descriptor points to; one closed between the listing and this read points nowhere."""
    try:
        return os.readlink(fd)
    except OSError:
        return ""


def _links(fds: Path) -> list[Path]:
    try:
        return list(fds.iterdir())
    except OSError:  # the process ended (it would have failed: the test says so below)
        raise AssertionError("the batch ended before it opened the database") from None


def test_a_batch_waits_for_a_lock_that_is_released_and_loses_nothing(tmp_path) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see when the batch reaches the database")
    db = tmp_path / "records.db"
    sqlite3.connect(db).close()
    story = tmp_path / "story.txt"
    story.write_text(SENTENCE)
    holder = hold_lock(db)
    command = [sys.executable, "-m", "extractor", "batch", str(story), "--db", f"sqlite:///{db}", "--quiet"]
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_open(running.pid, db)
    finally:
        holder.communicate("release\n", timeout=60)
    _out, err = running.communicate(timeout=GUARD)
    assert running.returncode == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source, status FROM articles").fetchall() == [(str(story), "ok")]
