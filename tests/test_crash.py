"""Crash safety: ``kill -9`` at random points of batches into SQLite and PostgreSQL, then resume.

After every kill the database holds whole articles only (an article row and
all its records, or neither); after the final resume it equals the database
of an uninterrupted run, with no input lost and no row duplicated. Two batches
writing into one database at the same time leave it equal to one run, too.

The number of kills per database is ``EXTRACTOR_CRASH_KILLS`` (default 20).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select

from archives import CORPUS, write_jsonl
from dbread import snapshot
from extractor.sinks.sql_schema import articles, records

KILLS = int(os.environ.get("EXTRACTOR_CRASH_KILLS", "20"))
SEED = int(os.environ.get("EXTRACTOR_CRASH_SEED", str(int(time.time()))))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The corpus's text articles three times over, each copy a distinct text (a distinct article)."""
    rows = []
    for copy in range(3):
        for path in sorted(CORPUS.glob("*.txt")):
            rows.append({"url": f"https://copy{copy}.example/{path.stem}", "text": path.read_text(encoding="utf-8") + f"\n\nFiled by desk {copy}."})
    return write_jsonl(tmp_path_factory.mktemp("crash") / "archive.jsonl", rows)


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    assert run_cli(archive, url).returncode == 0
    return snapshot(url)


def run_cli(archive: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(batch_command(archive, url), capture_output=True, text=True, timeout=600)


def batch_command(archive: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "batch", str(archive), "--db", url, "--chunk-size", "2", "--quiet"]


def whole_articles_only(url: str) -> None:
    """Every ok article row has exactly its ``record_count`` records: nothing half-written."""
    engine = create_engine(url)
    if not inspect(engine).has_table("records"):  # killed before it created its tables: nothing written
        engine.dispose()
        return
    with engine.connect() as conn:
        counts = dict(conn.execute(select(records.c.article_id, func.count()).group_by(records.c.article_id)).all())
        for article_id, expected in conn.execute(select(articles.c.article_id, articles.c.record_count)):
            assert counts.get(article_id, 0) == expected, article_id
    engine.dispose()


def kill_and_resume(archive: Path, url: str, kills: int) -> int:
    """Start, ``kill -9`` after a random delay, check, repeat; returns how many kills hit a running batch."""
    rng = random.Random(SEED)
    hits = 0
    for _ in range(kills):
        process = subprocess.Popen(batch_command(archive, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            hits += 1
        process.wait()
        whole_articles_only(url)
    return hits


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_kill_9_at_random_points_then_resume_equals_an_uninterrupted_run(database, archive, reference, tmp_path, request) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}" if database == "sqlite" else request.getfixturevalue("fresh_postgres")
    hits = kill_and_resume(archive, url, KILLS)
    print(f"{database}: {hits} of {KILLS} kill -9 landed in a running batch (seed {SEED})")
    assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills landed in a running batch (seed {SEED})"
    final = run_cli(archive, url)
    assert final.returncode == 0, final.stderr
    result = snapshot(url)
    assert result["articles"] == reference["articles"], f"seed {SEED}"
    assert result["records"] == reference["records"], f"seed {SEED}"
    assert len(result["articles"]) == len(archive.read_text().splitlines())
    assert result["runs"][-1][0] == "finished"


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_concurrent_batches_on_one_database(database, archive, reference, tmp_path, request) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}" if database == "sqlite" else request.getfixturevalue("fresh_postgres")
    both = [subprocess.Popen(batch_command(archive, url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for process in both:
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    result = snapshot(url)
    assert result["articles"] == reference["articles"]
    assert result["records"] == reference["records"]
    whole_articles_only(url)
