"""One article's section: header, errors, the marked text and the records table beside it."""

from __future__ import annotations

from html import escape
from pathlib import PurePath

from extractor.records import ArticleResult, DefectionRecord
from extractor.report.load import ReportItem
from extractor.report.marking import marked_sentences, marked_text, record_anchor


def article_anchor(article_no: int) -> str:
    return f"article-{article_no}"


def article_label(result: ArticleResult) -> str:
    """A title for the article: its own, else the file or page name of its source."""
    if result.article.title:
        return result.article.title
    source = result.article.source.rstrip("/")
    return PurePath(source.split("#")[0]).name or source


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def article_section(item: ReportItem, article_no: int) -> str:
    result = item.result
    meta = result.article
    parts = [
        f'<section class="article status-{escape(result.status)}" id="{article_anchor(article_no)}" '
        f'data-status="{escape(result.status)}" data-article-id="{escape(meta.article_id)}">',
        f"<h2><span class=\"article-no\">{article_no}</span> {escape(article_label(result))}</h2>",
        _meta_line(result),
        _errors(result),
    ]
    if result.status == "ok":
        parts.append(_body(item, article_no))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)



def _meta_line(result: ArticleResult) -> str:
    meta = result.article
    url = safe_url(meta.url)
    source = escape(meta.source)
    if url:
        source = f'<a href="{escape(url)}" rel="noreferrer noopener">{source}</a>'
    bits = [
        f'<span class="badge st-{escape(result.status)}">{escape(result.status)}</span>',
        f"<span>source: {source}</span>",
        f"<span>published: {escape(str(meta.published)) if meta.published else '<em>unknown</em>'}</span>",
        f"<span>{len(result.records)} record{'s' if len(result.records) != 1 else ''}</span>",
        f'<span class="muted" title="sha256 of the article text">id {escape(meta.article_id[:12])}…</span>',
    ]
    return f'<p class="meta">{" · ".join(bits)}</p>'


def _errors(result: ArticleResult) -> str:
    if not result.errors:
        return ""
    items = "".join(
        f'<li><code class="code">{escape(e.code)}</code> {escape(e.message)}</li>' for e in result.errors
    )
    return f'<ul class="errors">{items}</ul>'


def _body(item: ReportItem, article_no: int) -> str:
    records = item.result.records
    if item.text is not None:
        html, loose = marked_text(item.text, records, article_no)
        text = f'<div class="article-text">{html}</div>'
        if loose:
            text += _standalone([records[i] for i in loose], article_no, "evidence not found in the text:")
    else:
        note = escape(item.text_note or "the article text is not available")
        text = _standalone(records, article_no, f"Article text not shown: {note}. Evidence sentences:")
    table = (
        records_table(records, article_no) if records
        else '<p class="muted">No defection records in this article.</p>'
    )
    return f'<div class="article-body"><div class="text-col">{text}</div><div class="records-col">{table}</div></div>'


def _standalone(records: list[DefectionRecord], article_no: int, caption: str) -> str:
    if not records:
        return f'<p class="muted">{caption}</p>'
    sentences = "".join(f"<li>{s}</li>" for s in marked_sentences(records, article_no))
    return f'<p class="muted">{caption}</p><ol class="evidence-list">{sentences}</ol>'


def records_table(records: list[DefectionRecord], article_no: int) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("#", "kind", "count", "period", "types", "route", "places", "reported by"))
    rows = "".join(_row(record, article_no, n) for n, record in enumerate(records, 1))
    return f'<table class="records"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _row(record: DefectionRecord, article_no: int, number: int) -> str:
    evidence = record.evidence.text
    cells = [
        f'<td class="num" title="confidence {record.confidence:.2f}">R{number}</td>',
        f'<td><span class="kind kind-{record.kind}">{record.kind}</span></td>',
        f"<td>{_count(record, evidence)}</td>",
        f"<td>{_period(record, evidence)}</td>",
        "<td>" + "".join(f'<span class="chip">{escape(t)}</span>' for t in record.defector_types) + "</td>",
        f"<td>{_route(record)}</td>",
        f"<td>{_places(record, evidence)}</td>",
        f"<td>{escape(record.reported_by) if record.reported_by else ''}</td>",
    ]
    return (
        f'<tr id="{record_anchor(article_no, number)}" data-record-id="{escape(record.record_id)}">'
        f'{"".join(cells)}</tr>'
    )


def _elsewhere(phrase: str, evidence: str) -> str:
    if phrase in evidence:
        return ""
    return '<sup class="elsewhere" title="read from another sentence of the article">†</sup>'


def _phrase_cell(css: str, phrase: str, evidence: str, detail: str) -> str:
    """The phrase as written (marked † when read from another sentence) over its normalized value."""
    return (
        f'<span class="{css}">{escape(phrase)}</span>{_elsewhere(phrase, evidence)}'
        f'<br><small>{escape(detail)}</small>'
    )


def _count(record: DefectionRecord, evidence: str) -> str:
    count = record.count
    if count is None:
        return '<span class="muted">none given</span>'
    number = f" {count.value:,}" if count.value is not None else ""
    low = "…" if count.low is None else count.low
    high = "…" if count.high is None else count.high
    bounds = f" [{low}–{high}]" if count.low is not None or count.high is not None else ""
    return _phrase_cell("t-count", count.text, evidence, f"{count.qualifier}{number}{bounds}")


def _period(record: DefectionRecord, evidence: str) -> str:
    period = record.period
    if period is None:
        return '<span class="muted">none</span>'
    start, end = str(period.start or "…"), str(period.end or "…")
    span = start if start == end else f"{start} – {end}"
    rate = f", {period.rate}" if period.rate else ""
    return _phrase_cell("t-time", period.text, evidence, f"{span} ({period.granularity}{rate})")


def _route(record: DefectionRecord) -> str:
    way = f"{record.origin or '?'} → {record.destination or '?'}"
    return f"{escape(record.route)}<br><small>{escape(way)}</small>"


def _places(record: DefectionRecord, evidence: str) -> str:
    return "<br>".join(
        f'<span class="t-place">{escape(loc.name)}</span>{_elsewhere(loc.text, evidence)} '
        f'<small>{escape(loc.role)}</small>'
        for loc in record.locations
    )
