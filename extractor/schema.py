"""The published artifacts of the contract: JSON Schema of ``ArticleResult``."""

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


def write_schema(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SCHEMA_FILE
    path.write_text(schema_text(), encoding="utf-8")
    return path
