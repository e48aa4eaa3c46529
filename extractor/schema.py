"""The published artifacts of the contract: JSON Schema of ``ArticleResult``, SQL DDL of the tables."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.records import CONTRACT_VERSION, ArticleResult

SCHEMA_FILE = "article_result.schema.json"


def article_result_schema() -> dict:
    schema = ArticleResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ArticleResult (defection records contract v{CONTRACT_VERSION})"
    return schema


def schema_text() -> str:
    return json.dumps(article_result_schema(), indent=2, sort_keys=True) + "\n"


def ddl_file(dialect: str) -> str:
    return f"tables.{dialect}.sql"


def ddl_text(dialect: str) -> str:
    from extractor.sinks.sql_schema import ddl

    return f"-- extractor batch tables ({dialect}); written by `extractor schema --out models`\n\n" + ddl(dialect)


def write_schema(folder: Path) -> list[Path]:
    """The JSON Schema and the DDL of every supported database, into ``folder``."""
    from extractor.sinks.sql_schema import DIALECTS

    folder.mkdir(parents=True, exist_ok=True)
    written = {folder / SCHEMA_FILE: schema_text()} | {folder / ddl_file(d): ddl_text(d) for d in DIALECTS}
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return list(written)
