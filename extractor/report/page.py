"""The whole report: one self-contained HTML document (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

from html import escape
from importlib.resources import files

from extractor.report.load import ReportItem
from extractor.report.factual import report_facts
from extractor.report.section import article_section
from extractor.report.tables import contents_table, places_table, problems_table
from extractor.report.timeline import is_dated, timeline_svg

# Nothing may be fetched when the report is viewed: the policy forbids every
# request and every script; only the inline stylesheet and data: images pass.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

TIMELINE_LEGEND = (
    '<p class="tl-legend">Bars: <b>solid top</b> exact · <b>dashed top</b> approximate · '
    "<b>open top fading up ∧</b> more than / at least · <b>top with notch ∨</b> less than / at most · "
    "<b>floating bar</b> a range · <b>hatched</b> vague or no count · <b>fading in from the left</b> "
    "no start date or one before the axis. "
    "Dots: incidents (bigger for more people, hollow when the count is not given). "
    "One mark per fact, however many articles report it (its tooltip gives the sources); "
    '<b class="conflict">red outline</b>: the sources disagree. Click a mark to jump to its first record.</p>'
)

SPAN_LEGEND = (
    '<div class="legend" role="note">Highlights: <span class="sw sw-ev">evidence sentence</span>'
    '<span class="sw sw-count">count</span><span class="sw sw-time">time</span>'
    '<span class="sw sw-place">place</span><span class="sw sw-type">type</span>'
    '<small>† in the table: read from another sentence, so not highlighted in this one</small></div>'
)


def stylesheet() -> str:
    return files("extractor.report").joinpath("report.css").read_text(encoding="utf-8")


def render_report(items: list[ReportItem], title: str = "Defection records") -> str:
    results = [item.result for item in items]
    statuses = {s: sum(r.status == s for r in results) for s in ("ok", "skipped", "failed")}
    records = [r for result in results for r in result.records]
    aggregates = sum(r.kind == "aggregate" for r in records)
    found = report_facts(items)
    disputed = sum(bool(fact.conflicts) for fact in found.facts)
    undated = sum(not is_dated(e.record) for e in found.entries)
    summary = (
        f"{len(items)} input{'s' if len(items) != 1 else ''}: {statuses['ok']} ok, {statuses['skipped']} skipped, "
        f"{statuses['failed']} failed · {len(records)} records ({aggregates} aggregates, "
        f"{len(records) - aggregates} incidents) · {len(found.facts)} facts, {disputed} with sources that disagree"
    )
    undated_note = (
        f'<p class="muted">{undated} fact{"s" if undated != 1 else ""} without a date '
        f'{"are" if undated != 1 else "is"} not on the timeline.</p>'
        if undated else ""
    )
    sections = "\n".join(article_section(item, n) for n, item in enumerate(items, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style>
{stylesheet()}
</style>
</head>
<body>
<main>
<header><h1>{escape(title)}</h1><p class="summary">{summary}</p></header>
<div class="overview">
<section class="card wide" id="timeline"><h3>Timeline</h3>
{timeline_svg(found.entries)}
{TIMELINE_LEGEND}{undated_note}</section>
<section class="card" id="places"><h3>Places</h3>{places_table(found)}</section>
<section class="card" id="problems"><h3>Failed and skipped inputs</h3>{problems_table(items)}</section>
<section class="card wide" id="contents"><h3>Articles</h3>{contents_table(items)}</section>
</div>
{SPAN_LEGEND}
{sections}
</main>
</body>
</html>
"""
