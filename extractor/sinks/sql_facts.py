"""Facts in the database: rebuilt over every record of every input, in one transaction.

The ``facts`` and ``fact_sources`` tables are derived data: a batch rebuilds
them at its end (and so after a resume) from ``articles`` ⨝ ``article_records``
⨝ ``records``, with the same pure consolidation as ``extractor facts`` on result
files. Rebuilding the whole set is what makes them idempotent and independent
of which run, chunk or worker wrote a record: fact ids are stable hashes, so a
fact whose key is unchanged keeps its id. The rebuild holds the write lock
(SQLite's ``BEGIN IMMEDIATE``, an exclusive table lock on PostgreSQL), so two
batches finishing at once take turns.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, delete, inspect, make_url, select, text

from extractor.facts import Fact, build_facts
from extractor.facts.rows import fact_row, typed_dates
from extractor.records import ArticleMeta, DefectionRecord
from extractor.sinks.rows import nested_record
from extractor.sinks.sql_schema import article_records, articles, fact_sources, facts, records

INSERT_BATCH = 1000
META_COLUMNS = ("article_id", "url", "source", "title", "published", "language", "text_chars")


def refresh_facts(conn: Connection) -> int:
    """Replace the facts of the database by those of all its records; the number of facts."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE facts, fact_sources IN EXCLUSIVE MODE"))
    found = build_facts(stored_items(conn))
    conn.execute(delete(fact_sources))
    conn.execute(delete(facts))
    _insert(conn, facts, [fact_table_row(fact) for fact in found])
    _insert(conn, fact_sources, sorted({row for fact in found for row in _source_rows(fact)}))
    return len(found)


def database_facts(url: str) -> list[Fact]:
    """The facts of every record in the batch database at ``url``, read in one snapshot."""
    from extractor.sinks.sql import make_engine

    _require_sqlite_file(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(records.name):
                raise ValueError("it holds no batch tables (run `extractor batch --db URL` first)")
            return build_facts(stored_items(conn))
    finally:
        engine.dispose()


def _require_sqlite_file(url: str) -> None:
    """Reading must not leave an empty database file where there was none (SQLite makes one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).is_file():
            raise ValueError(f"no such database file: {parsed.database}")


def stored_items(conn: Connection) -> Iterator[tuple[ArticleMeta, DefectionRecord]]:
    """(article, record) for every record as each input that gave it holds it."""
    meta_columns = [articles.c[name] for name in META_COLUMNS]
    query = (select(*meta_columns, *[c for c in records.columns if c.name != "article_id"])
             .join(article_records, article_records.c.article_source == articles.c.source)
             .join(records, records.c.record_id == article_records.c.record_id))
    for row in conn.execute(query).mappings():
        meta = ArticleMeta.model_validate({name: row[name] for name in META_COLUMNS})
        yield meta, DefectionRecord.model_validate(nested_record(row))


def fact_table_row(fact: Fact) -> dict:
    """A fact as a row of ``facts``: the flat columns of its files, dates typed, conflicts as JSON."""
    flat = typed_dates(fact_row(fact))
    row = {column.name: flat.get(column.name) for column in facts.columns}
    row["defector_types"] = row["defector_types"] or []
    row["locations"] = row["locations"] or []
    row["conflict_count"] = len(fact.conflicts)
    row["conflicts"] = [conflict.model_dump(mode="json") for conflict in fact.conflicts]
    return row


def _source_rows(fact: Fact) -> set[tuple[str, str, str]]:
    return {(fact.fact_id, source.record_id, source.source) for source in fact.sources}


def _insert(conn: Connection, table, rows: list) -> None:
    names = [column.name for column in table.columns]
    rows = [row if isinstance(row, dict) else dict(zip(names, row)) for row in rows]
    for start in range(0, len(rows), INSERT_BATCH):
        conn.execute(table.insert(), rows[start:start + INSERT_BATCH])
