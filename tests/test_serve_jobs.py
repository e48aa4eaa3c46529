"""``POST /batch`` jobs: JSON lists, JSONL and WARC uploads; a job survives the service being killed.

The restart test runs ``extractor serve`` as a subprocess, kills it with SIGKILL while the job
is half done, starts it again and waits: the job must complete to the records an uninterrupted
run gives, without reprocessing the inputs already in the database.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import psutil
import pytest
from sqlalchemy import create_engine, text

from archives import CORPUS, write_warc
from extractor.batch.worker import WorkerOptions, process_chunk
from extractor.serve.job_items import job_items
from extractor.serve.settings import ServeSettings
from httpserver import HTTPTestServer
from pages import article_page
from serving import ProcessService, ThreadService

JOB_WAIT = 600.0  # seconds a job may take before the test gives up (a bound, not an assertion on speed)
SOLDIER = "A North Korean soldier crossed the Military Demarcation Line on Tuesday, the military said."


def wait_for(service, job_id: str, until) -> dict:
    deadline = time.monotonic() + JOB_WAIT
    while True:
        job = httpx.get(service.url(f"/jobs/{job_id}"), timeout=30).json()
        if until(job):
            return job
        if time.monotonic() > deadline or job["status"] == "failed":
            raise AssertionError(f"the job never got there: {job}")
        time.sleep(0.05)


def processed(job: dict) -> int:
    return sum(job["counts"].get(key, 0) for key in ("ok", "skipped", "failed"))


def db_rows(db: Path, query: str) -> list[tuple]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query))]
    finally:
        engine.dispose()


def test_a_job_completes_after_the_service_is_killed_and_started_again(tmp_path: Path) -> None:
    texts = [{"text": path.read_text(encoding="utf-8")} for path in sorted(CORPUS.glob("*.txt"))]
    db = tmp_path / "jobs.db"
    service = ProcessService(f"sqlite:///{db}").start()
    try:
        submitted = httpx.post(service.url("/batch"), json={"inputs": texts}, timeout=60).json()
        job_id = submitted["job_id"]
        assert submitted["total"] == len(texts)
        wait_for(service, job_id, lambda job: processed(job) > 0)
        workers = psutil.Process(service.process.pid).children(recursive=True)
        assert workers  # the job's worker process
        service.kill()
        _gone, alive = psutil.wait_procs(workers, timeout=JOB_WAIT)
        assert alive == []  # they end with the service: no orphan keeps a CPU
        [(status,)] = db_rows(db, f"select status from jobs where job_id = '{job_id}'")
        assert status == "running"  # left unfinished by the killed service
        service.start()
        job = wait_for(service, job_id, lambda job: job["done"])
    finally:
        service.stop()
    assert job["attempts"] == 2 and job["counts"]["already_done"] > 0
    assert job["counts"]["already_done"] + processed(job) == len(texts)
    sources = db_rows(db, f"select source, status from articles where source like 'job:{job_id}#%'")
    assert len(sources) == len(texts) and {status for _, status in sources} <= {"ok", "skipped"}
    stored = {row[0] for row in db_rows(db, "select record_id from records")}
    assert stored == expected_record_ids(job_id, texts)


def expected_record_ids(job_id: str, texts: list[dict]) -> set[str]:
    """What one uninterrupted run of the same job gives, in this process."""
    import json

    payload = "\n".join(json.dumps(row) for row in texts).encode()
    items = list(job_items(job_id, "jsonl", payload, 10_000_000))
    results = process_chunk(items, WorkerOptions())
    return {record["record_id"] for result in results for record in result["records"]}


@pytest.fixture(scope="module")
def pages() -> HTTPTestServer:
    server = HTTPTestServer().start()
    yield server
    server.stop()


def test_jsonl_and_warc_uploads_become_jobs(pages: HTTPTestServer, tmp_path: Path) -> None:
    url = pages.route("/soldier.html", body=article_page("Soldier defects", [SOLDIER]))
    lines = [f'{{"url": "{url}", "published": "2024-08-22"}}', f'{{"text": "{SOLDIER}"}}',
             '{"url": "http://169.254.169.254/latest/"}', "not json"]
    warc = write_warc(tmp_path / "a.warc.gz", [(url, article_page("Soldier", [SOLDIER]).encode(), "text/html",
                                                "200 OK")])
    allowed = pages.base_url.removeprefix("http://")
    with ThreadService(ServeSettings(db=f"sqlite:///{tmp_path / 'u.db'}", allow_internal=(allowed,))) as service:
        jsonl = httpx.post(service.url("/batch"), content="\n".join(lines).encode(),
                           headers={"Content-Type": "application/x-ndjson"}).json()
        from_warc = httpx.post(service.url("/batch"), content=warc.read_bytes(),
                               headers={"Content-Type": "application/warc"}).json()
        first = wait_for(service, jsonl["job_id"], lambda job: job["done"])
        second = wait_for(service, from_warc["job_id"], lambda job: job["done"])
        bad_list = httpx.post(service.url("/batch"), json=[{"path": "/etc/passwd"}])
    assert first["total"] == 4 and first["counts"]["ok"] == 2 and first["counts"]["failed"] == 2
    codes = dict(db_rows(tmp_path / "u.db", "select source, error_codes from articles where status = 'failed'"))
    assert codes["http://169.254.169.254/latest/"] == '["fetch_address_refused"]'
    assert second["counts"]["ok"] == 1
    assert bad_list.status_code == 400 and bad_list.json()["error"]["code"] == "bad_request"


def test_a_job_and_queries_on_postgresql(fresh_postgres: str) -> None:
    from sqlalchemy import create_engine as engine_for

    from extractor.serve.job_table import job_metadata

    engine = engine_for(fresh_postgres)
    job_metadata.drop_all(engine)
    engine.dispose()
    with ThreadService(ServeSettings(db=fresh_postgres)) as service:
        submitted = httpx.post(service.url("/batch"), json=[{"text": SOLDIER, "published": "2024-08-22"}]).json()
        job = wait_for(service, submitted["job_id"], lambda job: job["done"])
        records = httpx.get(service.url("/records"), params={"period_from": "2024-08-01"}).json()
        facts = httpx.get(service.url("/facts"), params={"kind": "incident"}).json()
    assert job["counts"]["ok"] == 1
    [record] = records["items"]
    assert record["period"]["start"] == "2024-08-20" and record["route"] == "dmz"
    assert [fact["sources"][0]["record_id"] for fact in facts["items"]] == [record["record_id"]]
