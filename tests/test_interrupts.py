"""A batch stopped by Ctrl-C, SIGTERM or SIGKILL: the run is marked ``interrupted``, the user is
told how far it got, and nothing written is lost.

A real ``extractor batch`` process reads a URL list from a real HTTP server on
127.0.0.1: the first page answers at once, the second only after a long delay,
so the signal reaches the batch while it waits, with one article written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from archives import CORPUS
from extractor.sinks.sql_schema import articles, runs

PAGE = CORPUS / "afp-style-defector-arrivals-lowest-2017.txt"
WAIT_SECONDS = 120  # bounds the wait for the first article only: the test ends as soon as it is written


def statuses(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(select(runs.c.status).order_by(runs.c.started_at))]
    finally:
        engine.dispose()


def written(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return len(conn.execute(select(articles.c.source)).all())
    except Exception:  # the tables are not there yet
        return 0
    finally:
        engine.dispose()


def start_batch(http_server, tmp_path: Path) -> tuple[subprocess.Popen, str]:
    links = tmp_path / "links.txt"
    fast = http_server.route("/fast.html", body=f"<html><body><p>{PAGE.read_text()}</p></body></html>".encode())
    slow = http_server.route("/slow.html", body=b"<html><body><p>late</p></body></html>", delay=60.0)
    links.write_text(f"{fast}\n{slow}\n")
    url = f"sqlite:///{tmp_path / 'runs.db'}"
    command = [sys.executable, "-m", "extractor", "batch", str(links), "--db", url, "--chunk-size", "1",
               "--timeout", "90"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + WAIT_SECONDS
    while written(url) < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert written(url) == 1, process.poll()
    return process, url


@pytest.mark.parametrize(("signum", "code", "label"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_a_stopped_batch_says_how_far_it_got_and_is_marked_interrupted(http_server, tmp_path, signum, code, label):
    process, url = start_batch(http_server, tmp_path)
    process.send_signal(signum)
    _out, err = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == code, err
    assert f"interrupted ({label}) after 1 input processed (1 ok" in err
    assert "the same command resumes" in err and "Traceback" not in err
    assert statuses(url) == ["interrupted"]
    assert written(url) == 1  # the article written before the signal stays


def test_a_killed_run_is_marked_interrupted_by_the_next_run(http_server, tmp_path):
    process, url = start_batch(http_server, tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=WAIT_SECONDS)
    assert statuses(url) == ["running"]  # it could not say so itself
    done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(PAGE), "--db", url, "--quiet"],
                          capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert done.returncode == 0, done.stderr
    assert statuses(url) == ["interrupted", "finished"]
