"""The JSON API: extract, batch jobs, records, facts, health and version (OpenAPI at ``/docs``)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import replace
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from extractor.facts.rows import FACT_COLUMNS, fact_row, text_row
from extractor.serve.facts_query import find_fact, load_facts
from extractor.serve.jobs import job_status, submit_job
from extractor.serve.job_items import count_lines, payload_kind
from extractor.serve.runner import ExtractRequest, run_extract
from extractor.serve.safety import BAD_REQUEST, NOT_FOUND, REQUEST_TIMEOUT, ApiError, check_token
from extractor.serve.store import Filters, query_records
from extractor.serve.tables import csv_response, wants_csv
from extractor.sinks.rows import RECORD_COLUMNS, as_text_lists, record_row

router = APIRouter()
MAX_PAGE = 1000


async def run_limited(request: Request, work):
    """``work()`` in a thread under the client's concurrency limit and the request timeout (504)."""
    state = request.app.state
    client = request.client.host if request.client else "unknown"
    state.limiter.acquire(client)

    def guarded():
        try:
            return work()
        finally:
            state.limiter.release(client)

    future = asyncio.get_running_loop().run_in_executor(state.executor, guarded)
    try:
        return await asyncio.wait_for(asyncio.shield(future), state.settings.request_timeout)
    except asyncio.TimeoutError:
        raise ApiError(504, REQUEST_TIMEOUT, f"no answer within {state.settings.request_timeout:g}s") from None


def extract_and_store(state, body: ExtractRequest, with_text: bool = False):
    """The result of one input, written to the database as a batch writes it."""
    result = run_extract(body, state.settings.fetch_settings(), with_text=with_text)
    state.store.save(result.model_dump(mode="json"))
    return result


@router.post("/extract", summary="One article (url, text or html) → its ArticleResult")
async def extract(body: ExtractRequest, request: Request) -> JSONResponse:
    state = request.app.state
    if body.fetches:
        check_token(state.settings.token, request.headers.get("authorization"))
    result = await run_limited(request, lambda: extract_and_store(state, body))
    return JSONResponse(result.model_dump(mode="json"))


@router.post("/batch", status_code=202, summary="Many articles (a JSON list, JSONL or WARC body) → a job id")
async def batch(request: Request) -> JSONResponse:
    state = request.app.state
    check_token(state.settings.token, request.headers.get("authorization"))
    content_type = request.headers.get("content-type", "")
    payload = await request.body()
    if content_type.startswith("application/json"):
        payload, total = _list_payload(payload)
        kind = "jsonl"
    else:
        kind = payload_kind(content_type, payload)
        total = count_lines(payload) if kind == "jsonl" else None
    job_id = submit_job(state.store.engine, kind, payload, total)
    state.runner.wake.set()
    return JSONResponse({"job_id": job_id, "status": "queued", "total": total, "job": f"/jobs/{job_id}"},
                        status_code=202)


def _list_payload(body: bytes) -> tuple[bytes, int]:
    """A JSON list of inputs (or ``{"inputs": [...]}``), each checked as ``/extract`` checks one, as JSONL."""
    try:
        data = json.loads(body)
        inputs = data["inputs"] if isinstance(data, dict) else data
        checked = [ExtractRequest.model_validate(entry) for entry in inputs]
    except (ValueError, KeyError, TypeError, ValidationError) as err:
        raise ApiError(400, BAD_REQUEST, f'expected a list of {{"url"}}, {{"text"}} or {{"html"}} objects: '
                                         f"{str(err)[:300]}") from None
    lines = [json.dumps(entry.model_dump(mode="json", exclude_none=True)) for entry in checked]
    return ("\n".join(lines) + "\n").encode(), len(lines)


@router.get("/jobs/{job_id}", summary="A job's status and counts")
def job(job_id: str, request: Request) -> dict:
    found = job_status(request.app.state.store.engine, job_id)
    if found is None:
        raise ApiError(404, NOT_FOUND, f"no job {job_id}")
    return found


def filters(
    kind: Literal["aggregate", "incident"] | None = None,
    origin: str | None = Query(None, pattern=r"^[A-Z]{2}$"),
    destination: str | None = Query(None, pattern=r"^[A-Z]{2}$"),
    period_from: dt.date | None = Query(None, description="periods ending on or after this date"),
    period_to: dt.date | None = Query(None, description="periods starting on or before this date"),
    conflicts_only: bool = Query(False, description="facts only: those whose sources disagree"),
) -> Filters:
    return Filters(kind, origin, destination, period_from, period_to, conflicts_only)


@router.get("/records", summary="Records in the database (JSON, or CSV with Accept: text/csv)")
def list_records(request: Request, where: Filters = Depends(filters), article_id: str | None = None,
                 limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)):
    where = replace(where, article_id=article_id)
    total, items = query_records(request.app.state.store.engine, where, limit, offset)
    if wants_csv(request):
        rows = [as_text_lists({"article_id": item["article_id"], **record_row(item)}) for item in items]
        return csv_response(rows, ("article_id", *RECORD_COLUMNS), total)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/facts", summary="Facts across articles (JSON, or CSV with Accept: text/csv)")
def list_facts(request: Request, where: Filters = Depends(filters),
               limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)):
    found = load_facts(request.app.state.store.engine, where)
    page = found[offset:offset + limit]
    if wants_csv(request):
        return csv_response([text_row(fact_row(fact)) for fact in page], FACT_COLUMNS, len(found))
    return {"total": len(found), "limit": limit, "offset": offset,
            "items": [fact.model_dump(mode="json") for fact in page]}


@router.get("/facts/{fact_id}", summary="One fact with its sources and conflicts")
def one_fact(fact_id: str, request: Request) -> dict:
    fact = find_fact(request.app.state.store.engine, fact_id)
    if fact is None:
        raise ApiError(404, NOT_FOUND, f"no fact {fact_id}")
    return fact.model_dump(mode="json")


@router.get("/health", summary="The service answers")
def health() -> dict:
    return {"status": "ok"}


@router.get("/version", summary="Package and pipeline versions")
def version() -> dict:
    from extractor import __version__
    from extractor.version import pipeline_version

    return {"package": __version__, "pipeline": pipeline_version()}
