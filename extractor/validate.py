"""The validation stage: nothing invalid or ungrounded leaves the pipeline.

Every record is checked again against the schema (dates ordered, bounds that
fit the qualifier), then against its article: the evidence slices the text
exactly; the count and period phrases occur in the evidence sentence or in a
sentence the record drew details or its period from; every location's text
occurs in the article. A failing record is dropped and reported with code
``validation_failed``.
"""

from __future__ import annotations

from pydantic import ValidationError

from extractor.assemble.build import Assembled
from extractor.errors import Code
from extractor.records import DefectionRecord, ErrorInfo


def validate_records(assembled: list[Assembled], text: str) -> tuple[list[DefectionRecord], list[ErrorInfo]]:
    kept: list[DefectionRecord] = []
    errors: list[ErrorInfo] = []
    for item in assembled:
        problem = check_record(item, text)
        if problem is None:
            kept.append(item.record)
        else:
            message = f"record {item.record.record_id[:12]} dropped: {problem}"
            errors.append(ErrorInfo(code=Code.VALIDATION_FAILED, message=message))
    return kept, errors


def check_record(item: Assembled, text: str) -> str | None:
    """The first reason ``item`` may not leave the pipeline, or None."""
    record = item.record
    try:
        DefectionRecord.model_validate(record.model_dump())
    except ValidationError as exc:
        return f"schema: {exc.errors()[0]['msg']}"
    evidence = record.evidence
    if text[evidence.start:evidence.end] != evidence.text:
        return "evidence offsets do not slice the article text"
    sentences = [evidence.text, *item.grounds]
    if record.count is not None and not _grounded(record.count.text, sentences):
        return f"count text {record.count.text!r} not in its sentences"
    if record.period is not None and not _grounded(record.period.text, sentences):
        return f"period text {record.period.text!r} not in its sentences"
    for location in record.locations:
        if location.text not in text:
            return f"location text {location.text!r} not in the article"
    return None


def _grounded(phrase: str, sentences: list[str]) -> bool:
    return any(phrase in sentence for sentence in sentences)
