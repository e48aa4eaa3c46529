"""The SQL sink: SQLite by default, PostgreSQL for deployments, through SQLAlchemy.

Each chunk of results is one transaction: an article's row and all its records
commit together or not at all, so a run killed at any point leaves whole
articles only, and the next run (which skips inputs already done with the same
pipeline version) completes the database to what an uninterrupted run gives.
Writes are upserts (``source`` for articles, ``record_id`` for records): a
re-run never duplicates a row. ``article_records`` holds which input gave which
record: an input's links are replaced whole when it is written again, and a
record no input links to any more is deleted, so the tables are the union of
every input's records whatever the chunking, the workers or the order (one
text under two inputs and two publication dates keeps both sets). At its end,
a run rebuilds the facts over the whole database (``sql_facts``). SQLite runs in WAL mode and takes its write
lock at ``BEGIN IMMEDIATE``, so concurrent batches on one file wait their turn
instead of failing; any transaction that loses a race is retried. The wait is
bounded: a database that another process keeps locked for more than
``lock_wait`` seconds (default ``LOCK_WAIT``) stops the run with one clear error
(``database is locked``; the command exits with code 2).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterable

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, OperationalError

from extractor.sinks import LOCK_WAIT
from extractor.sinks.rows import record_row
from extractor.sinks.sql_facts import refresh_facts
from extractor.sinks.sql_migrate import migrate
from extractor.sinks.sql_runs import end_run, now, start_run
from extractor.sinks.sql_schema import article_records, articles, metadata, records

INSERTS = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}
DONE_STATUSES = ("ok", "skipped")  # a failed input is tried again on the next run
LOOKUP_BATCH = 500
RETRIES = 20


def _expired(deadline: float) -> bool:
    return time.monotonic() >= deadline


def make_engine(url: str, lock_wait: float = LOCK_WAIT) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": min(60.0, lock_wait)})
        _sqlite_transactions(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name not in INSERTS:
        raise ValueError(f"unsupported database {engine.dialect.name!r}: use sqlite:// or postgresql+psycopg://")
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    """WAL, and the write lock taken when a transaction begins (SQLAlchemy's documented recipe)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process in WAL mode
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_tables(engine: Engine, lock_wait: float = LOCK_WAIT) -> None:
    deadline = time.monotonic() + lock_wait
    with engine.connect():  # an unreachable server fails here, at once, not after the retries below
        pass
    for attempt in range(RETRIES):
        try:
            metadata.create_all(engine)
            with engine.begin() as conn:
                migrate(conn)
            return
        except DBAPIError:  # another batch created them at the same moment
            if attempt == RETRIES - 1 or _expired(deadline):
                raise
            time.sleep(0.1 * (attempt + 1))


class SqlSink:
    def __init__(self, url: str, pipeline_version: str, arguments: list[str], *, lock_wait: float = LOCK_WAIT) -> None:
        self.lock_wait = lock_wait
        self.engine = make_engine(url, lock_wait)
        create_tables(self.engine, lock_wait)
        self.version = pipeline_version
        self.run_id = str(uuid.uuid4())
        self._transaction(lambda conn: start_run(conn, self.run_id, self.version, arguments))

    def done_sources(self, sources: Iterable[str]) -> set[str]:
        """Which of ``sources`` are already ok or skipped with this pipeline version."""
        wanted = list(dict.fromkeys(sources))
        done: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), LOOKUP_BATCH):
                query = select(articles.c.source).where(
                    articles.c.source.in_(wanted[start:start + LOOKUP_BATCH]),
                    articles.c.pipeline_version == self.version,
                    articles.c.status.in_(DONE_STATUSES))
                done.update(conn.execute(query).scalars())
        return done

    def write(self, results: list[dict]) -> None:
        article_rows = list({row["source"]: row for row in (self._article_row(r) for r in results)}.values())
        links = sorted({(r["article"]["source"], rec["record_id"]) for r in results for rec in r.get("records", [])})
        record_rows = list({row["record_id"]: row for result in results for row in _record_rows(result)}.values())
        if article_rows:
            self._transaction(lambda conn: self._write_chunk(conn, article_rows, links, record_rows))

    def _write_chunk(self, conn, article_rows: list[dict], links: list[tuple], record_rows: list[dict]) -> None:
        sources = sorted(row["source"] for row in article_rows)
        linked_before = select(article_records.c.record_id).where(article_records.c.article_source.in_(sources))
        previous = set(conn.execute(linked_before).scalars())
        _upsert(conn, articles, article_rows, "source")
        conn.execute(delete(article_records).where(article_records.c.article_source.in_(sources)))
        if links:
            conn.execute(article_records.insert(), [{"article_source": s, "record_id": r} for s, r in links])
        if record_rows:
            _upsert(conn, records, sorted(record_rows, key=lambda r: r["record_id"]), "record_id")
        unlinked = previous - {row["record_id"] for row in record_rows}  # an input whose text or date changed
        if unlinked:
            conn.execute(delete(records).where(
                records.c.record_id.in_(sorted(unlinked)),
                records.c.record_id.not_in(select(article_records.c.record_id))))

    def finish(self, summary: dict, status: str = "finished") -> int:
        """Close the run's row; a finished run rebuilds the facts (the number of facts), an
        interrupted one leaves them to the next run."""
        count = 0

        def work(conn) -> None:
            nonlocal count
            if status == "finished":
                count = refresh_facts(conn)
            end_run(conn, self.run_id, status, summary)

        self._transaction(work)
        return count

    def close(self) -> None:
        self.engine.dispose()

    def _article_row(self, result: dict) -> dict:
        article = result["article"]
        return {
            "source": article["source"], "article_id": article["article_id"], "url": article.get("url"),
            "title": article.get("title"), "published": _date(article.get("published")),
            "language": article.get("language"), "text_chars": article.get("text_chars", 0),
            "status": result["status"], "error_codes": [e["code"] for e in result.get("errors", [])],
            "errors": result.get("errors", []), "record_count": len(result.get("records", [])),
            "pipeline_version": self.version, "run_id": self.run_id, "processed_at": now(),
        }

    def _transaction(self, work) -> None:
        deadline = time.monotonic() + self.lock_wait
        for attempt in range(RETRIES):
            try:
                with self.engine.begin() as conn:
                    work(conn)
                return
            except OperationalError:  # locked, deadlock, serialization: the whole transaction again
                if attempt == RETRIES - 1 or _expired(deadline):
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt))


def _record_rows(result: dict) -> list[dict]:
    rows = []
    for record in result.get("records", []):
        row = record_row(record) | {"article_id": result["article"]["article_id"]}
        row["period_start"], row["period_end"] = _date(row["period_start"]), _date(row["period_end"])
        row["defector_types"] = row["defector_types"] or []
        row["locations"] = row["locations"] or []
        rows.append(row)
    return rows


def _upsert(conn, table, rows: list[dict], key: str) -> None:
    insert = INSERTS[conn.dialect.name](table)
    changes = {column.name: insert.excluded[column.name] for column in table.columns if column.name != key}
    conn.execute(insert.on_conflict_do_update(index_elements=[key], set_=changes), rows)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
