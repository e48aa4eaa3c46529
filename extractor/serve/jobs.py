"""Batch jobs: submitted by ``POST /batch``, run by the batch machinery into the service's database.

Each service process runs a ``JobRunner`` thread that claims one job at a time (see
``job_table``), runs it with ``run_batch`` (worker processes, not this process's threads:
spaCy stays off the request threads) and writes its progress after every chunk. On
startup the runner picks up jobs left unfinished by a service that died: the batch skips
the inputs already in the database, so the job completes to what one run would give.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid

from sqlalchemy import Engine, select, update

from extractor.batch.progress import Tally
from extractor.batch.run import BatchOptions, run_batch
from extractor.batch.worker import WorkerOptions
from extractor.serve.job_items import job_items
from extractor.serve.job_table import job_metadata, jobs
from extractor.serve.settings import ServeSettings

LEASE = dt.timedelta(seconds=60)
POLL_SECONDS = 1.0
OPEN = ("queued", "running")
log = logging.getLogger("extractor.serve")


def create_job_table(engine: Engine) -> None:
    job_metadata.create_all(engine)


def submit_job(engine: Engine, kind: str, payload: bytes, total: int | None) -> str:
    job_id = uuid.uuid4().hex
    with engine.begin() as conn:
        conn.execute(jobs.insert().values(job_id=job_id, status="queued", input_kind=kind, payload=payload,
                                          total=total, created_at=_now(), attempts=0))
    return job_id


def job_status(engine: Engine, job_id: str) -> dict | None:
    columns = [c for c in jobs.columns if c.name not in ("payload", "owner", "lease_until")]
    with engine.connect() as conn:
        row = conn.execute(select(*columns).where(jobs.c.job_id == job_id)).first()
    if row is None:
        return None
    values = dict(row._mapping)
    counts = values.pop("counts") or {}
    return {**{k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in values.items()},
            "counts": counts, "done": values["status"] == "finished"}


def this_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_gone(owner: str | None, lease_until: dt.datetime | None) -> bool:
    """The job's owner is no longer running it: never claimed, its lease ran out, or its process is dead."""
    if owner is None or lease_until is None or _aware(lease_until) < _now():
        return True
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, run by another user
        pass
    return False


def claim_job(engine: Engine, owner: str) -> dict | None:
    """Take the oldest open job nobody is running; None when there is none."""
    with engine.connect() as conn:
        rows = conn.execute(select(jobs.c.job_id, jobs.c.owner, jobs.c.lease_until).where(
            jobs.c.status.in_(OPEN)).order_by(jobs.c.created_at)).all()
    for row in rows:
        if not _owner_gone(row.owner, row.lease_until):
            continue
        same = jobs.c.owner.is_(None) if row.owner is None else jobs.c.owner == row.owner
        with engine.begin() as conn:  # taken only if nobody took it since it was read
            taken = conn.execute(update(jobs).where(jobs.c.job_id == row.job_id, same, jobs.c.status.in_(OPEN))
                                 .values(owner=owner, lease_until=_now() + LEASE, status="running",
                                         started_at=_now(), attempts=jobs.c.attempts + 1)).rowcount
            if taken:
                return dict(conn.execute(select(jobs).where(jobs.c.job_id == row.job_id)).one()._mapping)
    return None


def run_job(engine: Engine, job: dict, settings: ServeSettings) -> Tally:
    fetch = settings.fetch_settings()
    options = BatchOptions(inputs=[f"job:{job['job_id']}"], db=settings.db, workers=settings.job_workers,
                           quiet=True, separate_process=True, worker=WorkerOptions(settings=fetch))
    items = job_items(job["job_id"], job["input_kind"], job["payload"], fetch.max_bytes)
    return run_batch(options, items, on_chunk=lambda tally: _progress(engine, job["job_id"], tally))


def _progress(engine: Engine, job_id: str, tally: Tally, **values) -> None:
    counts = {key: getattr(tally, key) for key in ("ok", "skipped", "failed", "already_done", "records")}
    with engine.begin() as conn:
        conn.execute(update(jobs).where(jobs.c.job_id == job_id).values(
            counts=counts, lease_until=_now() + LEASE, **values))


class JobRunner:
    """One thread per service process: claims open jobs and runs them, one at a time."""

    def __init__(self, engine: Engine, settings: ServeSettings) -> None:
        self.engine, self.settings = engine, settings
        self.owner = this_owner()
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="jobs", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()

    def _loop(self) -> None:
        while not self.stopping.is_set():
            job = claim_job(self.engine, self.owner)
            if job is None:
                self.wake.wait(POLL_SECONDS)
                self.wake.clear()
                continue
            self._run(job)

    def _run(self, job: dict) -> None:
        beat = _Heartbeat(self.engine, job["job_id"], self.owner)
        beat.start()
        try:
            tally = run_job(self.engine, job, self.settings)
            _progress(self.engine, job["job_id"], tally, status="finished", finished_at=_now())
        except Exception as exc:  # the job fails, the service goes on; the trace stays in the log
            log.exception("job %s failed", job["job_id"])
            with self.engine.begin() as conn:
                conn.execute(update(jobs).where(jobs.c.job_id == job["job_id"]).values(
                    status="failed", finished_at=_now(), error=f"{type(exc).__name__}"))
        finally:
            beat.stop()


class _Heartbeat(threading.Thread):
    """Renews the job's lease while it runs (a chunk can take longer than the lease)."""

    def __init__(self, engine: Engine, job_id: str, owner: str) -> None:
        super().__init__(name=f"lease-{job_id}", daemon=True)
        self.engine, self.job_id, self.owner = engine, job_id, owner
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(LEASE.total_seconds() / 3):
            with self.engine.begin() as conn:
                conn.execute(update(jobs).where(jobs.c.job_id == self.job_id, jobs.c.owner == self.owner)
                             .values(lease_until=_now() + LEASE))

    def stop(self) -> None:
        self.stopping.set()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
