"""The ``jobs`` table: one row per ``POST /batch``, its input kept whole so the job outlives the service.

A job is claimed by one service process at a time (``owner`` = host:pid, with a lease it
renews while it runs); a job whose owner died (its lease ran out, or its pid is gone on
this host) is claimed again and resumed: the batch skips the inputs already done.
It lives beside the batch tables, in its own ``MetaData``: the batch knows nothing of jobs.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Integer, LargeBinary, MetaData, String, Table, Text

job_metadata = MetaData()

jobs = Table(
    "jobs", job_metadata,
    Column("job_id", String(32), primary_key=True),
    Column("status", String(16), nullable=False, index=True),  # queued, running, finished, failed
    Column("input_kind", String(8), nullable=False),  # jsonl or warc
    Column("payload", LargeBinary, nullable=False),
    Column("total", Integer),  # inputs, when known at submission (JSON lists and JSONL)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("owner", String(128)),
    Column("lease_until", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("counts", JSON),  # the last attempt's tally: ok, skipped, failed, already_done, records
    Column("error", Text),
)
