"""Bring a database written by an earlier version up to today's tables, in place.

``create_all`` makes missing tables but never changes existing ones. Two
changes since the first schema: ``runs`` gained ``host`` and ``pid`` (nullable,
added here), and ``article_records`` links inputs to records (filled here from
``articles`` ⨝ ``records`` on ``article_id``, which is what the earlier version
meant, the first time the table is found empty beside records).
"""

from __future__ import annotations

from sqlalchemy import Connection, exists, inspect, select
from sqlalchemy.schema import CreateColumn

from extractor.sinks.sql_schema import article_records, articles, metadata, records


def migrate(conn: Connection) -> None:
    _add_missing_columns(conn)
    _link_unlinked_records(conn)


def _add_missing_columns(conn: Connection) -> None:
    inspector = inspect(conn)
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present and column.nullable:
                definition = CreateColumn(column).compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {definition}")


def _link_unlinked_records(conn: Connection) -> None:
    if conn.execute(select(exists().select_from(article_records))).scalar():
        return
    pairs = select(articles.c.source, records.c.record_id).join(records, records.c.article_id == articles.c.article_id)
    conn.execute(article_records.insert().from_select(["article_source", "record_id"], pairs))
