"""The published JSON Schema in models/ must equal what the pydantic contract generates."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO
from extractor.schema import SCHEMA_FILE, article_result_schema


def test_models_schema_has_not_drifted() -> None:
    published = json.loads((REPO / "models" / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert published == article_result_schema(), "run `extractor schema --out models` and commit"


def test_schema_command_prints_the_contract() -> None:
    out = subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True, text=True, check=True).stdout
    schema = json.loads(out)
    record = schema["$defs"]["DefectionRecord"]["properties"]
    for name in ("record_id", "kind", "count", "period", "defector_types", "origin", "destination",
                 "route", "locations", "reported_by", "evidence", "confidence"):
        assert name in record
    assert set(schema["$defs"]["Count"]["properties"]["qualifier"]["enum"]) == {
        "exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range", "vague"}


def test_models_ddl_has_not_drifted() -> None:
    from extractor.schema import ddl_file, ddl_text

    for dialect in ("sqlite", "postgresql"):
        assert (REPO / "models" / ddl_file(dialect)).read_text(encoding="utf-8") == ddl_text(dialect), (
            "run `extractor schema --out models` and commit")


def test_ddl_keys_articles_by_input_and_records_by_record_id() -> None:
    from extractor.schema import ddl_text

    text = ddl_text("postgresql")
    assert "CREATE TABLE articles" in text and "PRIMARY KEY (source)" in text
    assert "PRIMARY KEY (record_id)" in text and "PRIMARY KEY (run_id)" in text
    assert "locations JSONB NOT NULL" in text  # JSON columns become JSONB on PostgreSQL
