"""CSV answers: the flat rows of records and facts, as their files have them, chosen by ``Accept``."""

from __future__ import annotations

import csv
import io

from fastapi import Request
from fastapi.responses import Response


def wants_csv(request: Request) -> bool:
    return "text/csv" in request.headers.get("accept", "").lower()


def csv_response(rows: list[dict], columns, total: int) -> Response:
    """The rows as CSV with a header line; ``X-Total-Count`` is the count before pagination."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers={"X-Total-Count": str(total)})
