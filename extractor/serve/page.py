"""The web page: paste a URL or a text, see the article as the HTML report draws it; browse the facts.

Plain HTML forms and links, no script, no build step, nothing fetched from elsewhere (a
Content-Security-Policy says so): the report's own stylesheet and article section are reused.
``/`` is the form, ``POST /page/extract`` its answer, ``/page/facts`` the facts with their
source counts and conflicts, ``/page/articles/{article_id}`` one stored article's records.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from extractor.facts import Fact
from extractor.records import ArticleResult
from extractor.report.load import ReportItem
from extractor.report.page import SPAN_LEGEND, stylesheet
from extractor.report.section import article_section
from extractor.report.timeline import count_label
from extractor.serve.facts_query import load_facts
from extractor.serve.runner import ExtractRequest
from extractor.serve.safety import BAD_REQUEST, NOT_FOUND, ApiError, check_token
from extractor.serve.store import Filters, article_rows, meta_of, query_records

router = APIRouter(include_in_schema=False)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'"
FORM_CSS = """
form.extract { display: grid; gap: 8px; } form.extract textarea { width: 100%; min-height: 180px; font: inherit; }
form.extract .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
form.extract input[type=url] { flex: 1; min-width: 260px; } nav.top a { margin-right: 14px; }
.error-box { background: #ffe3e3; border: 1px solid #ffa8a8; border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; }
"""


def is_page(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith("/page/")


def shell(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>{escape(title)}</title><style>{stylesheet()}{FORM_CSS}</style></head>
<body><main><header><h1>{escape(title)}</h1>
<nav class="top"><a href="/">Extract</a><a href="/page/facts" id="facts-link">Facts</a>
<a href="/page/facts?conflicts_only=true">Facts with conflicts</a><a href="/docs">API</a></nav></header>
{body}</main></body></html>"""
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


def form(request: Request, values: dict[str, str] | None = None) -> str:
    values = values or {}
    token = ('<label>API token (needed for a URL) <input type="password" name="token" autocomplete="off"></label>'
             if request.app.state.settings.token else "")
    return f"""<section class="card"><form class="extract" method="post" action="/page/extract">
<label for="text">Article text</label>
<textarea id="text" name="text" placeholder="Paste an article here">{escape(values.get("text", ""))}</textarea>
<div class="row"><label>or a URL <input type="url" name="url" value="{escape(values.get("url", ""))}"
 placeholder="https://…"></label>
<label>published <input type="date" name="published" value="{escape(values.get("published", ""))}"></label>
{token}<button type="submit" id="extract-button">Extract</button></div></form></section>"""


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return shell("Defection records", form(request))


@router.post("/page/extract", response_class=HTMLResponse)
async def page_extract(request: Request) -> HTMLResponse:
    from extractor.serve.routes import extract_and_store, run_limited

    raw = (await request.body()).decode("utf-8", "replace")
    values = {key: found[0] for key, found in parse_qs(raw, keep_blank_values=True).items()}
    body = _form_request(values)
    state = request.app.state
    if body.fetches:
        check_token(state.settings.token, f"Bearer {values.get('token', '')}")
    result = await run_limited(request, lambda: extract_and_store(state, body, with_text=True))
    section = article_section(ReportItem(result, (result.model_extra or {}).get("text")), 1)
    return shell("Defection records", f"{form(request, values)}{SPAN_LEGEND}{section}")


def _form_request(values: dict[str, str]) -> ExtractRequest:
    text, url = values.get("text", "").replace("\r\n", "\n"), values.get("url", "").strip()
    fields = {"published": values.get("published") or None}
    fields |= {"text": text} if text.strip() else {"url": url}
    try:
        return ExtractRequest.model_validate(fields)
    except ValidationError as err:
        raise ApiError(400, BAD_REQUEST, "give a text or a URL, and a date as YYYY-MM-DD: "
                                         f"{err.errors()[0].get('msg', '')}") from None


def error_page(exc: ApiError) -> HTMLResponse:
    body = (f'<div class="error-box" role="alert"><code class="code">{escape(exc.code)}</code> '
            f'{escape(exc.message)}</div><p><a href="/">Back</a></p>')
    return shell("Defection records", body, exc.status)


@router.get("/page/facts", response_class=HTMLResponse)
def page_facts(request: Request, conflicts_only: bool = False, kind: str | None = None) -> HTMLResponse:
    kind = kind if kind in ("aggregate", "incident") else None
    facts = load_facts(request.app.state.store.engine, Filters(kind=kind, conflicts_only=conflicts_only))
    rows = "".join(_fact_row(fact) for fact in facts)
    head = "".join(f"<th>{name}</th>" for name in
                   ("kind", "count", "period", "from → to", "route", "sources", "conflicts", "articles"))
    table = (f'<table class="facts"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>' if facts
             else '<p class="muted">No facts yet: extract some articles first.</p>')
    title = "Facts with conflicts" if conflicts_only else "Facts"
    return shell(title, f'<section class="card" id="facts"><p class="summary">{len(facts)} facts</p>{table}</section>')


def _fact_row(fact: Fact) -> str:
    period = fact.period
    when = f"{period.start or '…'} – {period.end or '…'}" if period else "—"
    links = "".join(
        f'<li><a href="/page/articles/{escape(source.article_id)}">{escape(source.source)}</a>'
        f' <span class="muted">{escape(str(source.published or ""))}</span></li>' for source in fact.sources)
    conflicts = ", ".join(escape(c.field) for c in fact.conflicts) or '<span class="muted">none</span>'
    css = ' class="conflict"' if fact.conflicts else ""
    return (f'<tr{css} id="fact-{escape(fact.fact_id)}" data-fact-id="{escape(fact.fact_id)}"><td>{fact.kind}</td>'
            f"<td>{escape(count_label(fact))}</td><td>{escape(when)}</td>"
            f"<td>{escape(fact.origin or '?')} → {escape(fact.destination or '?')}</td><td>{escape(fact.route)}</td>"
            f'<td class="num source-count">{len(fact.sources)}</td><td>{conflicts}</td><td><ul>{links}</ul></td></tr>')


@router.get("/page/articles/{article_id}", response_class=HTMLResponse)
def page_article(article_id: str, request: Request) -> HTMLResponse:
    engine = request.app.state.store.engine
    rows = article_rows(engine, article_id)
    if not rows:
        raise ApiError(404, NOT_FOUND, f"no article {article_id}")
    _total, records = query_records(engine, Filters(article_id=article_id), 1000, 0)
    row = rows[0]
    result = ArticleResult(article=meta_of(row), status=row.status, errors=row.errors,
                           records=[{k: v for k, v in r.items() if k != "article_id"} for r in records])
    note = "the service keeps each article's records and evidence, not its whole text"
    section = article_section(ReportItem(result, None, note), 1)
    return shell(result.article.title or result.article.source, f"{SPAN_LEGEND}{section}")
