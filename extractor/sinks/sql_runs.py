"""The ``runs`` table: one row per batch, ``running`` until it finishes or is interrupted.

A run stopped by a signal marks itself ``interrupted``; a run killed outright
(SIGKILL, a power cut) cannot, so every new run marks the ``running`` rows of
this host whose process is gone as ``interrupted``. Rows of other hosts are
left alone: their processes cannot be seen from here.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from sqlalchemy import Connection, select, update

from extractor.sinks.sql_schema import runs

SUMMARY_COLUMNS = ("inputs", "ok", "skipped", "failed", "already_done", "records")


def start_run(conn: Connection, run_id: str, version: str, arguments: list[str]) -> None:
    mark_stale_runs(conn)
    conn.execute(runs.insert().values(
        run_id=run_id, pipeline_version=version, arguments=list(arguments), started_at=now(),
        status="running", host=socket.gethostname(), pid=os.getpid()))


def end_run(conn: Connection, run_id: str, status: str, summary: dict) -> None:
    values = {key: summary.get(key) for key in SUMMARY_COLUMNS}
    conn.execute(update(runs).where(runs.c.run_id == run_id).values(finished_at=now(), status=status, **values))


def mark_stale_runs(conn: Connection) -> list[str]:
    """Mark ``interrupted`` the running rows of this host whose process no longer exists."""
    query = select(runs.c.run_id, runs.c.pid).where(runs.c.status == "running", runs.c.host == socket.gethostname())
    stale = [run_id for run_id, pid in conn.execute(query) if not _alive(pid)]
    if stale:
        conn.execute(update(runs).where(runs.c.run_id.in_(stale)).values(status="interrupted"))
    return stale


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
