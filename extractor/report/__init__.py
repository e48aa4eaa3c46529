"""``extractor report``: one self-contained HTML page over ArticleResults.

Modules, one job each: ``load`` (results and their article texts), ``spans``
(where count/time/place/type phrases sit in an evidence sentence), ``marking``
(the text with evidence and spans as HTML), ``section`` (one article: text and
records table), ``tables`` (contents, failed/skipped inputs, places),
``timeline`` (the SVG), ``page`` (the document and its inline CSS).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extractor.report.load import ReportItem, item_for, load_items, read_results
from extractor.report.page import render_report

__all__ = ["ReportItem", "item_for", "load_items", "read_results", "render_report", "write_report"]


def write_report(
    inputs: list[str], out: Path, *, published: dt.date | None = None, title: str = "Defection records"
) -> list[ReportItem]:
    """Read ``inputs`` (results files or sources), write the HTML report to ``out``, return what it shows."""
    items = load_items(inputs, published)
    out.write_text(render_report(items, title), encoding="utf-8")
    return items
