"""The database tables: ``runs``, ``articles`` (one row per input), ``records``, the link
``article_records`` (which input gave which record), and the facts: ``facts``, ``fact_sources``.

Keys, and why:
- ``articles`` is keyed by ``source``, the input's identity (a path, a URL,
  ``archive.warc.gz#offset``): one row per input, as every input must be
  accounted for. ``article_id`` (the hash of the text) is an indexed column,
  not the key, because one text can arrive as two inputs (the same story at two
  URLs of an archive): two article rows, one set of records.
- ``records`` is keyed by ``record_id`` and carries its ``article_id``; ``article_records``
  (``article_source``, ``record_id``) says which inputs gave it, so one text reached through two
  inputs (or under two publication dates) is traced exactly, and a join never double-counts.
- ``facts`` holds one row per fact (``shared/spec/records.md``, "Facts across articles"), its
  consolidated values flattened like ``records``; ``fact_sources`` links it to each supporting
  record as each input reached it. Both are derived: every batch rebuilds them over the whole
  database at its end (``extractor.sinks.sql_facts``).
- ``defector_types`` and ``locations`` are JSON columns (JSONB on PostgreSQL):
  lists whose items analysts query with the database's JSON functions.

``extractor schema --sql sqlite|postgresql`` prints the DDL; ``models/`` keeps a copy.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

metadata = MetaData()
Json = JSON().with_variant(postgresql.JSONB(), "postgresql")

def _value_columns() -> list[Column]:
    """The flattened values of a record, shared by ``records`` and ``facts``."""
    return [
        Column("count_value", BigInteger), Column("count_qualifier", String(16)),
        Column("count_low", BigInteger), Column("count_high", BigInteger), Column("count_text", Text),
        Column("period_start", Date), Column("period_end", Date), Column("period_granularity", String(16)),
        Column("period_rate", String(16)), Column("period_text", Text),
        Column("defector_types", Json, nullable=False),
        Column("origin", String(2)), Column("destination", String(2)), Column("route", String(16), nullable=False),
        Column("locations", Json, nullable=False), Column("reported_by", Text),
    ]


runs = Table(
    "runs", metadata,
    Column("run_id", String(36), primary_key=True),
    Column("pipeline_version", String(64), nullable=False),
    Column("arguments", Json, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running, finished, interrupted
    Column("host", Text), Column("pid", Integer),  # to tell a killed run from a live one
    Column("inputs", Integer), Column("ok", Integer), Column("skipped", Integer),
    Column("failed", Integer), Column("already_done", Integer), Column("records", Integer),
)

articles = Table(
    "articles", metadata,
    Column("source", Text, primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("url", Text), Column("title", Text), Column("published", Date),
    Column("language", String(16)), Column("text_chars", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("error_codes", Json, nullable=False),
    Column("errors", Json, nullable=False),
    Column("record_count", Integer, nullable=False),
    Column("pipeline_version", String(64), nullable=False),
    Column("run_id", String(36), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)

records = Table(
    "records", metadata,
    Column("record_id", String(32), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    *_value_columns(),
    Column("evidence_text", Text, nullable=False), Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False), Column("confidence", Float, nullable=False),
)

article_records = Table(
    "article_records", metadata,
    Column("article_source", Text, primary_key=True),
    Column("record_id", String(32), primary_key=True, index=True),
)

facts = Table(
    "facts", metadata,
    Column("fact_id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),
    *_value_columns(),
    Column("source_count", Integer, nullable=False), Column("article_count", Integer, nullable=False),
    Column("conflict_count", Integer, nullable=False), Column("conflict_fields", Json, nullable=False),
    Column("conflicts", Json, nullable=False),
    Column("first_published", Date), Column("last_published", Date),
)

fact_sources = Table(
    "fact_sources", metadata,
    Column("fact_id", String(32), primary_key=True),
    Column("record_id", String(32), primary_key=True, index=True),
    Column("article_source", Text, primary_key=True),
)

DIALECTS = {"sqlite": sqlite.dialect(), "postgresql": postgresql.dialect()}


def ddl(dialect_name: str) -> str:
    """CREATE TABLE and CREATE INDEX statements for one dialect, as SQL text."""
    dialect = DIALECTS[dialect_name]
    statements = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip() + ";")
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip() + ";")
    return "\n\n".join(statements) + "\n"
