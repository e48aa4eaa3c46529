"""The service's database: the batch tables (written through the batch's ``SqlSink``) and queries on them.

``/extract`` results are written as a batch writes them (one ``articles`` row per input, its
records upserted), so the records, the facts and the page see every article the service read.
Records come back out of their flat rows as the contract's nested records (``record_of``); facts are
built from ``articles`` ⨝ ``article_records`` ⨝ ``records`` (``extractor.sinks.sql_facts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select, true

from extractor.records import ArticleMeta, DefectionRecord
from extractor.sinks.rows import nested_record
from extractor.sinks.sql import SqlSink
from extractor.sinks.sql_schema import articles, records
from extractor.version import pipeline_version


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    origin: str | None = None
    destination: str | None = None
    period_from: dt.date | None = None  # records whose period ends on or after it
    period_to: dt.date | None = None  # ... and starts on or before it
    conflicts_only: bool = False  # facts only
    article_id: str | None = None  # records only


class Store:
    def __init__(self, url: str) -> None:
        self.sink = SqlSink(url, pipeline_version(), ["serve"])
        self.engine = self.sink.engine

    def save(self, result: dict) -> None:
        self.sink.write([result])

    def close(self) -> None:
        """The service's ``runs`` row is finished (a killed service leaves it ``running``, as a batch does)."""
        self.sink.finish({})
        self.sink.close()


def record_of(row) -> dict:
    """The contract's nested record (JSON values) from its flat ``records`` row."""
    return DefectionRecord.model_validate(nested_record(row._mapping)).model_dump(mode="json")


def record_conditions(filters: Filters) -> list:
    conditions = []
    for name in ("kind", "origin", "destination", "article_id"):
        if getattr(filters, name) is not None:
            conditions.append(records.c[name] == getattr(filters, name))
    if filters.period_from is not None:
        conditions.append(records.c.period_end >= filters.period_from)
    if filters.period_to is not None:
        conditions.append(records.c.period_start <= filters.period_to)
    return conditions


def query_records(engine, filters: Filters, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(how many records match, the page of them), ordered by period then record_id."""
    conditions = record_conditions(filters)
    where = and_(*conditions) if conditions else true()
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(records).where(where)).scalar_one()
        rows = conn.execute(select(records).where(where).order_by(
            records.c.period_start.desc().nulls_last(), records.c.record_id).limit(limit).offset(offset)).all()
    return total, [{"article_id": row.article_id, **record_of(row)} for row in rows]


def meta_of(row) -> ArticleMeta:
    values = row._mapping
    return ArticleMeta(article_id=values["article_id"], url=values["url"], source=values["source"],
                       title=values["title"], published=values["published"], language=values["language"],
                       text_chars=values["text_chars"])


def article_rows(engine, article_id: str) -> list:
    with engine.connect() as conn:
        return conn.execute(select(articles).where(articles.c.article_id == article_id)).all()


def database_mark(engine) -> tuple:
    """Changes whenever an article is written: the key of cached answers built from the whole database."""
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count(), func.max(articles.c.processed_at))).one())
